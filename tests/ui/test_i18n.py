"""Switching the language at run time: the panel `lineside run` builds, on the twin, goes
German, then Chinese, then back to English, without being rebuilt; the panel remembers it.

One test on purpose: the twin and plant database take seconds to start, and the point is
that everything on one running panel follows the switch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from hmi.ui.i18n import saved_language, translations
from hmi.ui.main_window import MainWindow
from hmi.ui.run import switch_language
from tests.ui.conftest import alarm_panel
from widgets.theme import TouchMetrics, apply_theme, metrics, set_metrics

# What an operator reads, per language, where the test looks.
SEEN = {
    "en": {"nav": "Overview", "user": "User…", "state": ("Execute", "State "),
           "cancel": "Cancel", "ack": "Acknowledge", "hold": "Hold", "banner": "No"},
    "de": {"nav": "Übersicht", "user": "Benutzer…", "state": ("Produktion", "Zustand "),
           "cancel": "Abbrechen", "ack": "Quittieren", "hold": "Anhalten", "banner": "Kein"},
    "zh_CN": {"nav": "总览", "user": "用户…", "state": ("运行", "状态 "), "cancel": "取消",
              "ack": "确认", "hold": "保持", "banner": "无"},
}


@pytest.fixture
def app_translations() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        yield
    finally:
        translations(app).switch("en")  # the next test in this process reads English


def test_the_running_panel_switches_language_at_once(
        qtbot, tmp_path: Path, app_translations: None) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with alarm_panel(qtbot, tmp_path) as (_runtime, panel):
        window = panel.window
        window.language_chosen.connect(lambda code: switch_language(app, window, tmp_path, code))
        coater = window.overview.tiles["coater"]
        qtbot.waitUntil(lambda: coater.state.text().startswith(SEEN["en"]["state"][0]),
                        timeout=15_000)
        for code in ("de", "zh_CN", "en"):
            seen = SEEN[code]
            picker = window.open_language_picker()
            picker.buttons[code].click()  # as the operator touches it
            # Qt posts LanguageChange: every screen says it in the new language at once.
            qtbot.waitUntil(lambda s=seen: window.nav_buttons["overview"].text() == s["nav"],
                            timeout=3000)
            assert window.header.sign_in_button.text() == seen["user"]
            # Running, or (a loaded machine) "State stale": either way in this language.
            assert coater.state.text().startswith(seen["state"]), coater.state.text()
            station = window.stations["coater"]  # not on show: retranslated all the same
            assert station.command_buttons[next(iter(
                c for c in station.command_buttons if c.name == "HOLD"))].text() == seen["hold"]
            assert panel.window.alarm_screen is not None
            assert window.alarm_screen.ack_button.text() == seen["ack"]
            assert window.header.alarm_banner.text().startswith(seen["banner"]) or \
                window.header.alarm_banner.lead() is not None
            keypad = window.request_setpoint("coater.web_tension_sp_n")
            assert keypad.key_button("cancel").text() == seen["cancel"]
            keypad.reject()
            assert saved_language(tmp_path) == code  # this panel remembers the choice
            _fits_a_touch_panel(qtbot, window, code)


def _fits_a_touch_panel(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    """German is long and Chinese needs its font: on a 1024 x 600 touch panel (touch sizes,
    the touch style sheet) every button of the header, the side bar and the coater's
    commands and loop still shows its whole text, and the window is no wider than the glass."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before, sheet = metrics(), app.styleSheet()
    set_metrics(TouchMetrics.touch())
    apply_theme("day", app)
    touch = MainWindow(window.config, window.bridge, gate=window.gate)  # with Sign in
    qtbot.addWidget(touch)
    touch.header.show_reasons_needed(2)  # the header at its fullest
    try:
        touch.resize(1024, 600)
        touch.show()
        qtbot.waitExposed(touch)
        touch.show_screen("coater")
        hint = touch.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600, (code, hint)
        station = touch.stations["coater"]
        buttons = [*touch.header.findChildren(QPushButton), *touch.nav.buttons.values(),
                   *touch.nav.group_buttons.values(), *station.command_buttons.values(),
                   *station.faceplates[0].findChildren(QPushButton)]
        cut = [(b.text(), b.width(), b.sizeHint().width()) for b in buttons
               if b.isVisible() and b.sizeHint().width() > b.width()]
        assert cut == [], f"{code}: buttons narrower than their text"
        assert touch.header.alarm_banner.width() >= 100
    finally:
        touch.close()
        set_metrics(before)
        app.setStyleSheet(sheet)
