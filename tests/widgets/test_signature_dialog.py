from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from widgets.signature_dialog import SignatureDialog
from widgets.touch_keyboard import TouchKeyboard

HASH = "9f2c" * 16


@pytest.fixture
def dialog(qtbot) -> SignatureDialog:
    made = SignatureDialog(meaning="approved", record="Recipe NMC811-coat v4",
                           record_hash=HASH, user_id="qa.lee")
    qtbot.addWidget(made)
    return made


def type_on(keyboard: TouchKeyboard, text: str) -> None:
    for char in text:
        if char.isupper():
            keyboard.press("shift")
        keyboard.press("space" if char == " " else char.lower())


def test_the_keyboard_types_into_the_field_in_focus_one_capital_per_shift(qtbot) -> None:
    keyboard = TouchKeyboard()
    first, second = QLineEdit(), QLineEdit()
    for widget in (keyboard, first, second):
        qtbot.addWidget(widget)
    keyboard.attach(first, second)
    type_on(keyboard, "Ab 1")
    assert first.text() == "Ab 1" and not keyboard.shifted()
    keyboard.press("back")
    assert first.text() == "Ab "
    keyboard._last = second  # the operator touched the second field
    type_on(keyboard, "x@y")
    assert second.text() == "x@y"
    with pytest.raises(ValueError, match="unknown keyboard key"):
        keyboard.press("F13")


def test_signing_asks_for_password_and_reason_then_hands_them_over(qtbot, dialog) -> None:
    assert "approved" in dialog.windowTitle().lower()
    assert HASH[:16] in dialog.hash_label.text() and HASH[-8:] in dialog.hash_label.text()
    dialog.request_signature()
    assert "password" in dialog.error_label.text()
    assert dialog.keyboard is not None
    type_on(dialog.keyboard, "Secret 42")  # the password field has focus first
    dialog.request_signature()
    assert "reason" in dialog.error_label.text().lower()
    dialog.reason_edit.setText("coat weight window agreed with QA")
    with qtbot.waitSignal(dialog.sign_requested) as signed:
        dialog.request_signature()
    assert signed.args == ["qa.lee", "Secret 42", "coat weight window agreed with QA"]


def test_a_refusal_clears_only_the_password(qtbot, dialog) -> None:
    dialog.password_edit.setText("wrong")
    dialog.reason_edit.setText("release lot")
    dialog.refuse("Wrong user id or password (4 attempts left)")
    assert dialog.password_edit.text() == ""
    assert dialog.user_edit.text() == "qa.lee" and dialog.reason_edit.text() == "release lot"
    assert "4 attempts left" in dialog.error_label.text()
