"""The reusable widgets follow a language switch by themselves (QEvent.LanguageChange):
painted captions, toolbar and wizard buttons, the keypad built in the language of the moment.
Real catalogues, real widgets, offscreen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from widgets.numeric_keypad import NumericKeypad
from widgets.quality import DisplayQuality
from widgets.step_wizard import StepWizard
from widgets.trend_toolbar import TrendToolbar
from widgets.value_tile import ValueTile


def test_widgets_say_it_in_the_language_installed(qtbot, switch) -> None:  # type: ignore[no-untyped-def]
    tile = ValueTile("Web tension", "N", decimals=1)
    tile.set_value(None, DisplayQuality.BAD, 0.0, "sensor open")
    toolbar = TrendToolbar()
    wizard = StepWizard("Changeover")
    wizard.add_step("one", QLabel())
    wizard.add_step("two", QLabel())
    for widget in (tile, toolbar, wizard):
        qtbot.addWidget(widget)
    toolbar.sync(60.0, following=False, cursor_shown=False)
    wanted = {
        "en": ("BAD", "Paused", "Next", "now", "Cancel", "above high limit 150 N"),
        "de": ("SCHLECHT", "Pausiert", "Weiter", "jetzt", "Abbrechen",
               "über oberem Grenzwert 150 N"),
        "zh_CN": ("坏值", "已暂停", "下一步", "当前", "取消", "高于上限 150 N"),
    }
    for code in ("de", "zh_CN", "en"):
        switch(code)
        bad, paused, next_, now, cancel, too_high = wanted[code]
        assert tile.value_text() == bad
        assert toolbar.follow_button.text() == paused
        # Sized for its (bold) text in this language: no clipped letters.
        assert toolbar.follow_button.minimumWidth() >= \
            toolbar.follow_button.fontMetrics().horizontalAdvance(paused)
        assert wizard.next_button.text() == next_
        assert wizard.step_text(0).endswith(f"({now})")
        keypad = NumericKeypad(tag="Web tension setpoint", unit="N", low=0, high=150)
        qtbot.addWidget(keypad)
        assert keypad.key_button("cancel").text() == cancel
        for key in "200":
            keypad.press(key)
        assert keypad.error_text() == too_high
