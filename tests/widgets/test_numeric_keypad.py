from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from widgets.numeric_keypad import NumericKeypad, parse_number
from widgets.theme import TouchMetrics


@pytest.fixture
def keypad(qtbot):
    pad = NumericKeypad(tag="Coater.Unwind.TensionSP", unit="N", low=20.0, high=150.0, old=120.0)
    qtbot.addWidget(pad)
    pad.open()  # non-blocking, like a touch screen would show it
    yield pad
    pad.close()


def type_keys(pad: NumericKeypad, keys: str) -> None:
    for key in keys:
        pad.press(key)


def test_shows_tag_limits_and_old_to_new(keypad: NumericKeypad) -> None:
    assert keypad.limits_text() == "Limits 20 … 150 N"
    assert keypad.old_new_text() == "120 N → _ N"
    type_keys(keypad, "135")
    assert keypad.entry_text() == "135"
    assert keypad.old_new_text() == "120 N → 135 N"
    assert keypad._old_new_label.text() == "120 N → 135 N"  # what the operator sees
    assert keypad.key_button("ok").isEnabled()


def test_above_high_limit_is_refused_and_named(qtbot, keypad: NumericKeypad) -> None:
    type_keys(keypad, "175")
    assert keypad.error_text() == "above high limit 150 N"
    assert keypad._error_label.text() == "above high limit 150 N"
    assert not keypad.key_button("ok").isEnabled()
    with qtbot.assertNotEmitted(keypad.value_accepted):
        keypad.press("ok")  # even if OK were reached some other way (Enter key)
        qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert keypad.isVisible() and keypad.result_value() is None


def test_below_low_limit_is_refused(keypad: NumericKeypad) -> None:
    type_keys(keypad, "5")
    assert keypad.error_text() == "below low limit 20 N"
    type_keys(keypad, "0")  # 50 is fine again
    assert keypad.error_text() == "" and keypad.can_accept()


def test_cancel_returns_none(qtbot, keypad: NumericKeypad) -> None:
    type_keys(keypad, "135")
    with qtbot.waitSignal(keypad.rejected, timeout=1000):
        keypad.key_button("cancel").click()
    assert keypad.result_value() is None and not keypad.isVisible()


def test_within_limits_returns_the_value(qtbot, keypad: NumericKeypad) -> None:
    type_keys(keypad, "135.5")
    with qtbot.waitSignal(keypad.value_accepted, timeout=1000) as signal:
        keypad.key_button("ok").click()
    assert signal.args == [135.5]
    assert keypad.result_value() == 135.5 and not keypad.isVisible()


def test_editing_keys(keypad: NumericKeypad) -> None:
    type_keys(keypad, "12")
    keypad.press("sign")
    assert keypad.entry_text() == "-12"
    keypad.press("back")
    assert keypad.entry_text() == "-1"
    keypad.press("clear")
    assert keypad.entry_text() == "" and not keypad.key_button("ok").isEnabled()
    keypad.press(".")
    assert keypad.entry_text() == "0."
    keypad.press(".")  # one decimal point only
    assert keypad.entry_text() == "0."


def test_physical_keyboard_types_locale_free(qtbot, keypad: NumericKeypad) -> None:
    qtbot.keyClicks(keypad, "42,5")  # a German numpad's comma is the decimal point
    assert keypad.entry_text() == "42.5"
    qtbot.keyClick(keypad, Qt.Key.Key_Backspace)
    assert keypad.entry_text() == "42."
    with qtbot.waitSignal(keypad.value_accepted, timeout=1000) as signal:
        qtbot.keyClick(keypad, Qt.Key.Key_Enter)
    assert signal.args == [42.0]


def test_decimals_limit_typing(qtbot) -> None:
    pad = NumericKeypad(tag="Speed", unit="m/min", decimals=1)
    qtbot.addWidget(pad)
    for key in "12.345":
        pad.press(key)
    assert pad.entry_text() == "12.3"


def test_blocking_get_value(qtbot) -> None:
    def operate() -> None:
        pad = QApplication.activeModalWidget()
        assert isinstance(pad, NumericKeypad)
        for key in "99":
            pad.press(key)
        pad.press("ok")

    QTimer.singleShot(0, operate)
    assert NumericKeypad.get_value(tag="T", unit="°C", low=0, high=100, old=50) == 99.0


def test_blocking_get_value_cancelled(qtbot) -> None:
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().press("cancel"))
    assert NumericKeypad.get_value(tag="T", unit="°C", low=0, high=100) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), ("-0.5", -0.5), (".5", 0.5), ("3,25", 3.25), ("-", None), ("1e3", None),
     ("", None), ("1.2.3", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_keys_are_20_mm_with_3_mm_gaps_in_touch_mode(qtbot) -> None:
    touch = TouchMetrics.touch(dpi=141)  # a 15.6" full-HD panel
    pad = NumericKeypad(tag="T", unit="N", low=0, high=10, m=touch)
    qtbot.addWidget(pad)
    pad.open()
    qtbot.waitExposed(pad)
    seven, eight, four = pad.key_button("7"), pad.key_button("8"), pad.key_button("4")
    assert min(seven.width(), seven.height()) >= touch.key_px()  # 111 px
    assert eight.x() - seven.geometry().right() - 1 >= touch.gap_px()
    assert four.y() - seven.geometry().bottom() - 1 >= touch.gap_px()
    assert pad.key_button("ok").height() >= touch.key_px()
    pad.close()


def test_operator_label_comes_first_with_the_tag_under_it(qtbot) -> None:
    pad = NumericKeypad(tag="C1.UW.TEN_SP", unit="N", label="Unwind tension setpoint")
    qtbot.addWidget(pad)
    assert pad._title_label.text() == "Unwind tension setpoint  [N]"
