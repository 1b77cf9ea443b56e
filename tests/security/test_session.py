"""The panel session: login, badge switch, idle lock that keeps read-only, logout."""

from __future__ import annotations

import pytest

from hmi.core.roles import Role
from hmi.security import AuthenticationFailed, Security, Session, SessionLocked, User

from .conftest import PASSWORD, FakeClock, add


def test_idle_lock_after_the_configured_time_and_unlock(
    security: Security, admin: User, clock: FakeClock
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    session = Session(security.users, idle_lock_s=15 * 60, client_host="panel-3", clock=clock)
    assert session.locked
    with pytest.raises(SessionLocked, match="nobody is logged in"):
        session.acting_user()
    session.login("olga", PASSWORD)
    assert session.acting_user() == "olga"
    clock.advance(minutes=10)
    session.touch()
    clock.advance(minutes=10)
    assert not session.locked  # the touch restarted the idle clock
    clock.advance(minutes=5)
    assert session.locked
    assert session.user is not None  # still shown: the screen stays visible, read-only
    with pytest.raises(SessionLocked, match="locked after 15 min without input"):
        session.acting_user()
    session.touch()  # input on a locked panel does not unlock it
    assert session.locked
    with pytest.raises(AuthenticationFailed):
        session.unlock("not the password")
    session.unlock(PASSWORD)
    assert session.acting_user() == "olga"


def test_badge_switch_replaces_the_user_and_logout_is_audited(
    security: Security, admin: User, clock: FakeClock
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    add(security, admin, "lena", Role.LEAD)
    security.users.set_badge(admin, "lena", "B-2002", "975310", reason="badge issued")
    session = Session(security.users, idle_lock_s=60, clock=clock)
    session.login("olga", PASSWORD)
    session.switch_badge("B-2002", "975310")
    assert session.acting_user() == "lena"
    session.logout()
    assert session.locked and session.user is None
    assert security.audit.entries()[-1].action == "logout"
