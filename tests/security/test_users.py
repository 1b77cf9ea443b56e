"""Accounts: no default password, lockout and its expiry, badge + PIN, administration."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hmi.core.roles import Role
from hmi.plantdb import PlantDb
from hmi.security import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    FirstAdministratorRequired,
    Hasher,
    PasswordPolicyError,
    PermissionDenied,
    ReasonRequired,
    Security,
    User,
    UserError,
    UserStore,
)

from .conftest import ADMIN_PASSWORD, PASSWORD, FakeClock, add


def test_a_new_store_has_no_user_and_asks_for_the_first_administrator(
    security: Security,
) -> None:
    assert security.users.list_users() == []
    assert security.users.needs_first_administrator()
    with pytest.raises(AuthenticationFailed):
        security.users.authenticate("admin", "admin")
    ghost = User(0, "admin", "", (), False, None, None, False, datetime.now(UTC))
    with pytest.raises(FirstAdministratorRequired, match="users init"):
        security.users.add_user(ghost, "op", "Op", PASSWORD, Role.OPERATOR, reason="x")


def test_first_administrator_once_then_never_again(security: Security, admin: User) -> None:
    assert not security.users.needs_first_administrator()
    assert [str(g) for g in admin.grants] == ["Administrator"]
    with pytest.raises(UserError, match="exists already"):
        security.users.create_first_administrator("eve", "Eve", "another long password")
    assert security.audit.entries()[0].action == "create_first_administrator"


def test_password_policy_minimum_length_and_not_the_name(security: Security) -> None:
    with pytest.raises(PasswordPolicyError, match="at least 12"):
        security.users.create_first_administrator("admin", "Ada", "short")
    with pytest.raises(PasswordPolicyError, match="user name"):
        security.users.create_first_administrator("administrator1", "Ada", "Administrator1")


def test_password_is_stored_as_argon2id_never_in_clear(security: Security, admin: User) -> None:
    with security.audit._db.engine.connect() as conn:  # the raw row, to look at the hash
        stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert isinstance(stored, str) and stored.startswith("$argon2id$")
    assert ADMIN_PASSWORD not in stored


def test_lockout_after_five_failures_for_fifteen_minutes(
    security: Security, admin: User, clock: FakeClock
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            security.users.authenticate("olga", "wrong password!")
    with pytest.raises(AccountLocked, match="locked after too many failed attempts"):
        security.users.authenticate("olga", "wrong password!")
    # Locked: even the right password is refused.
    with pytest.raises(AccountLocked):
        security.users.authenticate("olga", PASSWORD)
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        security.users.authenticate("olga", PASSWORD)
    clock.advance(seconds=2)
    assert security.users.authenticate("olga", PASSWORD).username == "olga"
    actions = [e.action for e in security.audit.entries(username="olga")]
    assert actions.count("login_failed") == 5
    assert actions.count("lockout") == 1
    assert actions.count("login_refused") == 2
    assert actions[-1] == "login"


def test_a_success_resets_the_count(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            security.users.authenticate("olga", "wrong password!")
    security.users.authenticate("olga", PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            security.users.authenticate("olga", "wrong password!")
    security.users.authenticate("olga", PASSWORD)


def test_reset_password_lifts_a_lockout(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            security.users.authenticate("olga", "wrong password!")
    security.users.reset_password(admin, "olga", "a brand new password", reason="locked out")
    assert security.users.authenticate("olga", "a brand new password").username == "olga"
    entry = security.audit.entries(action="reset_password")[0]
    assert (entry.username, entry.object_id, entry.old_value, entry.sent_value) == (
        "admin", "olga", None, None)


def test_disabled_user_cannot_log_in(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    security.users.disable(admin, "olga", reason="left the company")
    with pytest.raises(AccountDisabled):
        security.users.authenticate("olga", PASSWORD)


def test_badge_and_pin_fast_switch(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    with pytest.raises(PasswordPolicyError, match="6 or more digits"):
        security.users.set_badge(admin, "olga", "B-1001", "12a4", reason="badge issued")
    security.users.set_badge(admin, "olga", "B-1001", "246810", reason="badge issued")
    assert security.users.authenticate_badge("B-1001", "246810").username == "olga"
    with pytest.raises(AuthenticationFailed):
        security.users.authenticate_badge("B-1001", "000000")
    with pytest.raises(AuthenticationFailed):
        security.users.authenticate_badge("B-9999", "246810")
    add(security, admin, "petra", Role.OPERATOR)
    with pytest.raises(UserError, match="belongs to olga"):
        security.users.set_badge(admin, "petra", "B-1001", "135791", reason="badge issued")


def test_only_an_administrator_administers_and_gives_a_reason(
    security: Security, admin: User
) -> None:
    olga = add(security, admin, "olga", Role.LEAD)
    with pytest.raises(PermissionDenied, match=r"olga .*may not manage_users"):
        security.users.add_user(olga, "x", "X", PASSWORD, Role.VIEWER, reason="because")
    with pytest.raises(ReasonRequired):
        security.users.add_user(admin, "x", "X", PASSWORD, Role.VIEWER)


def test_set_role_replaces_grants_and_is_audited(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    after = security.users.set_role(admin, "olga", Role.LEAD, ["coater", "winder"],
                                    reason="promoted")
    assert after.roles_at("coater") == ("Lead",)
    assert after.roles_at("dry_room") == ()
    entry = security.audit.entries(action="set_role")[0]
    assert (entry.old_value, entry.sent_value, entry.reason) == (
        "Operator", "Lead@coater, Lead@winder", "promoted")


def test_the_last_administrator_cannot_be_removed(security: Security, admin: User) -> None:
    with pytest.raises(UserError, match="last administrator"):
        security.users.disable(admin, "admin", reason="oops")
    with pytest.raises(UserError, match="last administrator"):
        security.users.set_role(admin, "admin", Role.VIEWER, reason="oops")
    second = security.users.add_user(admin, "root2", "Second Admin", ADMIN_PASSWORD,
                                     Role.ADMINISTRATOR, reason="deputy")
    security.users.disable(second, "admin", reason="handover")
    assert security.users.get("admin") is not None
    assert security.users.get("admin").disabled  # type: ignore[union-attr]


def test_duplicate_user_name_is_refused(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    with pytest.raises(UserError, match="exists already"):
        add(security, admin, "olga", Role.VIEWER)


def test_own_password_change_and_rehash_on_stronger_parameters(
    security: Security, admin: User, db: PlantDb
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    with pytest.raises(AuthenticationFailed):
        security.users.change_password("olga", "not the old one", "a new long password")
    with pytest.raises(PasswordPolicyError, match="differ"):
        security.users.change_password("olga", PASSWORD, PASSWORD)
    security.users.change_password("olga", PASSWORD, "a new long password")
    assert security.users.authenticate("olga", "a new long password").username == "olga"
    assert security.audit.entries(action="change_password")[0].username == "olga"
    # A stronger hasher upgrades the stored hash at the next successful login.
    stronger = UserStore(db, security.audit, hasher=Hasher(time_cost=2, memory_cost_kib=2048))
    stronger.authenticate("olga", "a new long password")
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT password_hash FROM users WHERE username = 'olga'").scalar()
    assert isinstance(stored, str) and "m=2048,t=2" in stored
