"""Signing in at the panel, and the first start of a plant with no users."""

from __future__ import annotations

import pytest

from tests.ui.conftest import secure_panel


@pytest.fixture
def fresh_panel(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """A plant database with nobody in it yet, and the window on the twin."""
    with secure_panel(qtbot, tmp_path, sign_in=None) as panel:
        yield panel


def test_first_start_creates_the_administrator_and_signs_in_the_operator(
    qtbot, fresh_panel
) -> None:  # type: ignore[no-untyped-def]
    runtime, window = fresh_panel
    assert "Not signed in" in window.header.user_label.text()
    qtbot.waitUntil(lambda: hasattr(window, "first_start_dialog"), timeout=5000)
    dialog = window.first_start_dialog
    fields = dialog.fields
    for who, user, name, password in (("admin", "ada", "Ada Admin", "admin-password-1"),
                                      ("operator", "otto", "Otto Operator", "short")):
        fields[f"{who}.user"].setText(user)
        fields[f"{who}.name"].setText(name)
        fields[f"{who}.password"].setText(password)
        fields[f"{who}.repeat"].setText(password)
    fields["operator.repeat"].setText("shorter")
    dialog.request_create()
    assert "differ" in dialog.error_label.text()
    assert fields["operator.password"].text() == ""  # secrets cleared on a refusal
    for key, password in (("admin", "admin-password-1"), ("operator", "short")):
        fields[f"{key}.password"].setText(password)
        fields[f"{key}.repeat"].setText(password)
    dialog.request_create()  # the password policy refuses it, off the GUI thread
    qtbot.waitUntil(lambda: "12" in dialog.error_label.text(), timeout=5000)
    assert runtime.security.users.needs_first_administrator()  # nothing half-created
    fields["admin.password"].setText("admin-password-1")
    fields["admin.repeat"].setText("admin-password-1")
    fields["operator.password"].setText("operator-password-1")
    fields["operator.repeat"].setText("operator-password-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.request_create()
    assert window.gate.user().username == "otto"
    qtbot.waitUntil(lambda: "Otto Operator" in window.header.user_label.text(), timeout=3000)
    assert not runtime.security.users.needs_first_administrator()


def test_sign_in_refuses_a_wrong_password_and_takes_the_right_one(qtbot, fresh_panel) -> None:  # type: ignore[no-untyped-def]
    runtime, window = fresh_panel
    runtime.security.users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
    dialog = window.open_login()
    dialog.user_edit.setText("ada")
    dialog.password_edit.setText("not-the-password")
    dialog.request_login()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
    assert "password" in dialog.error_label.text().lower() and dialog.isVisible()
    dialog.password_edit.setText("admin-password-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.request_login()
    assert window.gate.user().username == "ada"
    qtbot.waitUntil(lambda: "Ada Admin" in window.header.user_label.text(), timeout=3000)
