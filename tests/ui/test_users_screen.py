"""User administration on a real plant database: add, refuse, disable, set role, badge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hmi.core.roles import Role
from hmi.security import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    Security,
    SessionLocked,
    User,
)
from hmi.ui.user_form import UserFormDialog
from hmi.ui.users_screen import UsersScreen, parse_stations
from tests.security.conftest import FakeClock

PASSWORD = "operator password 1"


@pytest.fixture
def admin(security: Security) -> User:
    return security.users.create_first_administrator("ada", "Ada Admin", "correct horse battery")


@pytest.fixture
def screen(qtbot, security: Security, admin: User, clock: FakeClock) -> Iterator[UsersScreen]:
    security.users.add_user(admin, "olga", "Olga Operator", PASSWORD, Role.OPERATOR,
                            ("coater",), reason="new starter")
    widget = UsersScreen(security.users, lambda: "ada", client_host="panel-1", clock=clock)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.users_loaded):
        widget.refresh()
    yield widget
    for dialog in widget.findChildren(UserFormDialog):
        dialog.close()
    widget.close()


def _row(screen: UsersScreen, username: str) -> list[str]:
    row = screen.model.row_of(username)
    assert row is not None, f"{username} not listed"
    return [screen.model.cell_text(row, c) for c in range(screen.model.columnCount())]


def _confirm(qtbot, screen: UsersScreen, dialog: UserFormDialog) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(screen.step_finished) as finished:
        dialog.confirm_button.click()
    ok, message = finished.args
    return ok, message


def test_the_list_shows_each_account(screen: UsersScreen) -> None:
    assert _row(screen, "ada") == ["ada", "Ada Admin", "Administrator", "all", "enabled", "", ""]
    assert _row(screen, "olga") == ["olga", "Olga Operator", "Operator", "coater", "enabled",
                                    "", ""]
    assert not screen.role_button.isEnabled()  # nobody chosen yet
    screen.select("olga")
    assert screen.selected() is not None and screen.role_button.isEnabled()


def test_add_user_through_the_form(qtbot, screen: UsersScreen, security: Security) -> None:
    dialog = screen.add_user()
    assert dialog.isVisible() and dialog.keyboard is not None
    dialog.fill(username="quinn", full_name="Quinn QA", role="QA", stations="coater winder",
                password=PASSWORD, repeat=PASSWORD, reason="audit season")
    assert _confirm(qtbot, screen, dialog) == (
        True, "Added quinn (Quinn QA): QA@coater, QA@winder"
    )
    assert not dialog.isVisible() and dialog.result() == UserFormDialog.DialogCode.Accepted
    assert _row(screen, "quinn")[:5] == ["quinn", "Quinn QA", "QA", "coater, winder", "enabled"]
    assert screen.message_line.text() == "✓ Added quinn (Quinn QA): QA@coater, QA@winder"
    entry = security.audit.entries(action="add_user")[-1]
    assert (entry.username, entry.object_id, entry.reason, entry.client_host) == (
        "ada", "quinn", "audit season", "panel-1"
    )


def test_a_weak_password_is_refused_with_the_policy(
    qtbot, screen: UsersScreen, security: Security
) -> None:
    dialog = screen.add_user()
    dialog.fill(username="quinn", full_name="Quinn QA", password="short", repeat="shorter",
                reason="new starter")
    dialog.confirm_button.click()  # checked in the form: no request sent
    assert dialog.message_line.text() == "✗ The repeat password differs: type both again."
    assert dialog.values()["password"] == "" and dialog.confirm_button.isEnabled()

    dialog.fill(password="short", repeat="short")
    ok, message = _confirm(qtbot, screen, dialog)
    assert not ok and message == "the password has 5 characters: use at least 12"
    assert dialog.isVisible() and dialog.message_line.text() == f"✗ {message}"
    assert dialog.message_line.abnormal and screen.message_line.abnormal
    assert dialog.values()["password"] == "" and dialog.values()["username"] == "quinn"
    assert security.users.get("quinn") is None
    dialog.reject()


def test_disable_then_enable_a_user(qtbot, screen: UsersScreen, security: Security) -> None:
    screen.select("olga")
    assert screen.enable_button.text() == "Disable…"
    dialog = screen.toggle_enabled()
    assert dialog is not None
    dialog.confirm_button.click()
    assert dialog.message_line.text() == "✗ Enter the reason."  # the store would refuse too
    dialog.fill(reason="left the company")
    assert _confirm(qtbot, screen, dialog) == (True, "olga disabled")
    assert _row(screen, "olga")[4] == "disabled"
    assert screen.selected() is not None and screen.enable_button.text() == "Enable…"
    with pytest.raises(AccountDisabled):
        security.users.authenticate("olga", PASSWORD)

    dialog = screen.toggle_enabled()
    assert dialog is not None
    dialog.fill(reason="came back")
    assert _confirm(qtbot, screen, dialog) == (True, "olga enabled")
    assert _row(screen, "olga")[4] == "enabled"


def test_set_role_replaces_the_grants(qtbot, screen: UsersScreen) -> None:
    screen.select("olga")
    dialog = screen.set_role()
    assert dialog is not None
    assert dialog.values()["role"] == "Operator" and dialog.values()["stations"] == "coater"
    dialog.fill(role="Lead", stations="", reason="promoted to shift lead")
    assert _confirm(qtbot, screen, dialog) == (True, "olga is now Lead")
    assert _row(screen, "olga")[2:4] == ["Lead", "all"]


def test_refusals_are_one_line_never_a_traceback(qtbot, screen: UsersScreen) -> None:
    screen.select("ada")
    dialog = screen.toggle_enabled()
    assert dialog is not None
    dialog.fill(reason="testing")
    ok, message = _confirm(qtbot, screen, dialog)
    assert not ok and message == "ada is the last administrator: create another one first"
    assert screen.message_line.text() == f"✗ {message}" and dialog.isVisible()
    dialog.reject()

    screen.select("olga")
    dialog = screen.set_badge()
    assert dialog is not None
    dialog.fill(badge="B-1001", pin="12ab", pin_repeat="12ab", reason="badge issued")
    assert _confirm(qtbot, screen, dialog) == (False, "a PIN is 6 or more digits")
    dialog.fill(pin="471100", pin_repeat="471100")
    assert _confirm(qtbot, screen, dialog) == (True, "Badge B-1001 and PIN set for olga")
    assert _row(screen, "olga")[6] == "set"


def test_a_locked_panel_acts_for_nobody(qtbot, security: Security, admin: User) -> None:
    def locked() -> str:
        raise SessionLocked("nobody is logged in at this panel: log in to act")

    widget = UsersScreen(security.users, locked, keyboard=False)
    qtbot.addWidget(widget)
    try:
        with qtbot.waitSignal(widget.users_loaded):
            widget.refresh()
        widget.select("ada")
        dialog = widget.reset_password()
        assert dialog is not None and dialog.keyboard is None
        dialog.fill(password=PASSWORD, repeat=PASSWORD, reason="forgotten")
        assert _confirm(qtbot, widget, dialog) == (
            False, "nobody is logged in at this panel: log in to act"
        )
        dialog.reject()
    finally:
        widget.close()


def test_a_lockout_is_shown_with_its_end(
    qtbot, screen: UsersScreen, security: Security, clock: FakeClock
) -> None:
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            security.users.authenticate("olga", "not her password")
    with qtbot.waitSignal(screen.users_loaded):
        screen.refresh()
    assert _row(screen, "olga")[5] == "⚠ 08:15 UTC"
    screen.select("olga")
    dialog = screen.reset_password()
    assert dialog is not None
    dialog.fill(password="a new password 2", repeat="a new password 2", reason="locked out")
    assert _confirm(qtbot, screen, dialog) == (True, "New password set for olga")
    assert _row(screen, "olga")[5] == ""


def test_stations_are_typed_with_spaces_or_commas() -> None:
    assert parse_stations("") == ("*",)
    assert parse_stations(" coater, winder  dryer ") == ("coater", "winder", "dryer")
