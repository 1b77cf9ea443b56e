"""The user store: accounts, role grants, login with lockout, badge + PIN switch.

No default account and no default password: until the first administrator is created
(`create_first_administrator`) `needs_first_administrator()` is true and the UI or
`lineside users init` must ask for one. Every change and every login attempt is audited in
the same transaction as the change itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select, update

from hmi.config.security import SecurityConfig
from hmi.core.audit_event import AuditEvent
from hmi.core.commands import PermissionDenied, ReasonRequired
from hmi.core.roles import ALL_STATIONS, Action, Role
from hmi.core.tags import utc_now
from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text
from hmi.plantdb import PlantDb
from hmi.plantdb.tables import role_assignments, users
from hmi.security.accounts import RoleGrant, User
from hmi.security.audit import AuditTrail, Clock
from hmi.security.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    FirstAdministratorRequired,
    PasswordPolicyError,
    UserError,
)
from hmi.security.passwords import Hasher, check_password, check_pin
from hmi.security.permissions import PermissionTable

# One answer for a wrong name and a wrong password: it does not say which was wrong.
_WRONG = QT_TRANSLATE_NOOP("SecurityMessages", "wrong user name or password")


class UserStore:
    def __init__(
        self,
        db: PlantDb,
        audit: AuditTrail,
        permissions: PermissionTable | None = None,
        config: SecurityConfig | None = None,
        *,
        clock: Clock = utc_now,
        hasher: Hasher | None = None,
    ) -> None:
        self._db = db
        self._audit = audit
        self._config = config or SecurityConfig()
        self._permissions = permissions or PermissionTable.from_config(self._config)
        self._clock = clock
        self._hasher = hasher or Hasher()

    @property
    def permissions(self) -> PermissionTable:
        return self._permissions

    @property
    def audit(self) -> AuditTrail:
        return self._audit

    # -- reading -------------------------------------------------------------------------

    def get(self, username: str) -> User | None:
        with self._db.engine.connect() as conn:
            return _load(conn, username)

    def list_users(self) -> list[User]:
        with self._db.engine.connect() as conn:
            names = conn.execute(select(users.c.username).order_by(users.c.username)).scalars()
            return [u for name in list(names) if (u := _load(conn, name)) is not None]

    def needs_first_administrator(self) -> bool:
        return not any(self._is_admin(u) for u in self.list_users() if not u.disabled)

    # -- authentication ------------------------------------------------------------------

    def authenticate(
        self, username: str, password: str, client_host: str = "", *, audit_success: bool = True
    ) -> User:
        """The user, when the password is right and the account usable; else raises.

        Failures count towards the lockout (`lockout_attempts` within the lock period
        locks the account for `lockout_minutes`); success resets the count.
        """
        with self._db.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            self._hasher.dummy_verify(password)
            self._audit.append(_security_event(username, "login_failed", client_host,
                                               "unknown user name"))
            raise AuthenticationFailed(user_text(_WRONG))
        ok = self._hasher.verify(row.password_hash, password)
        user = self._after_check(username, ok, client_host, audit_success, "password")
        if self._hasher.needs_rehash(row.password_hash):
            # Stronger argon2 parameters since this hash was made: upgrade it now that the
            # password is known to be right.
            with self._db.writing() as conn:
                conn.execute(update(users).where(users.c.id == user.id)
                             .values(password_hash=self._hasher.hash(password)))
        return user

    def change_password(
        self, username: str, old_password: str, new_password: str, client_host: str = ""
    ) -> User:
        """The user's own change (periodic revision, 21 CFR 11.300): old password first."""
        user = self.authenticate(username, old_password, client_host, audit_success=False)
        check_password(new_password, self._config.min_password_length, username)
        if new_password == old_password:
            raise PasswordPolicyError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "the new password must differ from the old one")))
        digest = self._hasher.hash(new_password)
        with self._db.writing() as conn:
            conn.execute(update(users).where(users.c.id == user.id).values(
                password_hash=digest, password_changed_at=self._clock()))
            self._audit.append_in(conn, _admin_event(
                user, "change_password", username, "password", None, None, "", client_host
            ))
        return user

    def authenticate_badge(self, badge_id: str, pin: str, client_host: str = "") -> User:
        """Fast user switch at a touchscreen: badge (something held) + PIN (known)."""
        with self._db.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.badge_id == badge_id)).first()
        if row is None or row.pin_hash is None:
            self._hasher.dummy_verify(pin)
            self._audit.append(_security_event(f"badge:{badge_id}", "login_failed", client_host,
                                               "unknown badge or no PIN set"))
            raise AuthenticationFailed(user_text(QT_TRANSLATE_NOOP("SecurityMessages",
                                                                "wrong badge or PIN")))
        ok = self._hasher.verify(row.pin_hash, pin)
        return self._after_check(row.username, ok, client_host, True, "badge+PIN")

    def _after_check(
        self, username: str, ok: bool, client_host: str, audit_success: bool, how: str
    ) -> User:
        now = self._clock()
        failure: Exception | None = None
        with self._db.writing() as conn:
            user = _load(conn, username)
            assert user is not None
            if user.disabled:
                event = _user_event(user, "login_refused", client_host, "account disabled")
                self._audit.append_in(conn, event)
                failure = AccountDisabled(user_text(QT_TRANSLATE_NOOP(
                    "SecurityMessages", "{user} is disabled: ask an administrator"),
                    user=username))
            elif user.is_locked(now):
                self._audit.append_in(conn, _user_event(user, "login_refused", client_host,
                                                        f"locked ({how})"))
                failure = _locked(username, user.locked_until)
            elif ok:
                conn.execute(update(users).where(users.c.id == user.id)
                             .values(failed_attempts=0, locked_until=None))
                if audit_success:
                    self._audit.append_in(conn, _user_event(user, "login", client_host, how))
            else:
                failure = self._count_failure(conn, user, now, client_host, how)
        if failure is not None:
            raise failure
        fresh = self.get(username)
        assert fresh is not None
        return fresh

    def _count_failure(
        self, conn: Connection, user: User, now: datetime, client_host: str, how: str
    ) -> Exception:
        attempts = conn.execute(
            select(users.c.failed_attempts).where(users.c.id == user.id)
        ).scalar_one()
        # A lock that has run out starts a fresh count.
        attempts = 1 if user.locked_until is not None else attempts + 1
        self._audit.append_in(conn, _user_event(user, "login_failed", client_host,
                                                f"wrong {how} ({attempts})"))
        if attempts >= self._config.lockout_attempts:
            until = now + timedelta(minutes=self._config.lockout_minutes)
            conn.execute(update(users).where(users.c.id == user.id)
                         .values(failed_attempts=attempts, locked_until=until))
            self._audit.append_in(conn, _user_event(user, "lockout", client_host,
                                                    f"{attempts} failed attempts"))
            return _locked(user.username, until)
        conn.execute(update(users).where(users.c.id == user.id)
                     .values(failed_attempts=attempts, locked_until=None))
        return AuthenticationFailed(user_text(_WRONG))

    # -- administration ------------------------------------------------------------------

    def create_first_administrator(
        self, username: str, full_name: str, password: str, client_host: str = ""
    ) -> User:
        if not self.needs_first_administrator():
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "an administrator exists already: ask them to add users")))
        self._check_new(username, full_name, password)
        with self._db.writing() as conn:
            user = self._insert(conn, username, full_name, password, Role.ADMINISTRATOR,
                                (ALL_STATIONS,), granted_by=username)
            self._audit.append_in(conn, AuditEvent(
                username=username, full_name=full_name, role=Role.ADMINISTRATOR,
                action="create_first_administrator", object_type="user", object_id=username,
                field="role", sent_value=Role.ADMINISTRATOR, client_host=client_host,
            ))
        return user

    def add_user(
        self,
        by: User,
        username: str,
        full_name: str,
        password: str,
        role: Role,
        stations: Sequence[str] = (ALL_STATIONS,),
        *,
        reason: str = "",
        client_host: str = "",
    ) -> User:
        admin = self._admin(by, reason)
        self._check_new(username, full_name, password)
        with self._db.writing() as conn:
            if _load(conn, username) is not None:
                raise UserError(user_text(QT_TRANSLATE_NOOP(
                    "SecurityMessages", "user '{user}' exists already: choose another name"),
                    user=username))
            user = self._insert(conn, username, full_name, password, role, stations,
                                granted_by=admin.username)
            self._audit.append_in(conn, _admin_event(
                admin, "add_user", username, "role", None, user.grants_text, reason, client_host
            ))
        return user

    def set_role(
        self,
        by: User,
        username: str,
        role: Role,
        stations: Sequence[str] = (ALL_STATIONS,),
        *,
        reason: str = "",
        client_host: str = "",
    ) -> User:
        """Replace the user's grants with `role` at `stations`."""
        admin = self._admin(by, reason)
        with self._db.writing() as conn:
            user = self._existing(conn, username)
            if self._is_admin(user) and role is not Role.ADMINISTRATOR:
                self._keep_one_admin(conn, user)
            conn.execute(delete(role_assignments).where(role_assignments.c.user_id == user.id))
            self._grant(conn, user.id, role, stations, admin.username)
            after = _load(conn, username)
            assert after is not None
            self._audit.append_in(conn, _admin_event(
                admin, "set_role", username, "role", user.grants_text, after.grants_text,
                reason, client_host,
            ))
        return after

    def disable(self, by: User, username: str, *, reason: str = "", client_host: str = "") -> User:
        return self._set_disabled(by, username, True, reason, client_host)

    def enable(self, by: User, username: str, *, reason: str = "", client_host: str = "") -> User:
        return self._set_disabled(by, username, False, reason, client_host)

    def reset_password(
        self, by: User, username: str, password: str, *, reason: str = "", client_host: str = ""
    ) -> User:
        """A new password set by an administrator; also lifts a lockout."""
        admin = self._admin(by, reason)
        check_password(password, self._config.min_password_length, username)
        digest = self._hasher.hash(password)
        with self._db.writing() as conn:
            user = self._existing(conn, username)
            conn.execute(update(users).where(users.c.id == user.id).values(
                password_hash=digest, failed_attempts=0, locked_until=None,
                password_changed_at=self._clock(),
            ))
            # The trail records that the password changed, never the password.
            self._audit.append_in(conn, _admin_event(
                admin, "reset_password", username, "password", None, None, reason, client_host
            ))
        after = self.get(username)
        assert after is not None
        return after

    def set_badge(
        self, by: User, username: str, badge_id: str, pin: str, *, reason: str = "",
        client_host: str = "",
    ) -> User:
        """Badge id + PIN for the fast switch (two components: one held, one known)."""
        admin = self._admin(by, reason)
        check_pin(pin, self._config.min_pin_length)
        if not badge_id.strip():
            raise UserError(user_text(QT_TRANSLATE_NOOP("SecurityMessages",
                                                        "a badge id must not be empty")))
        digest = self._hasher.hash(pin)
        with self._db.writing() as conn:
            user = self._existing(conn, username)
            holder = conn.execute(select(users.c.username).where(users.c.badge_id == badge_id)
                                  ).scalar_one_or_none()
            if holder not in (None, username):
                raise UserError(user_text(QT_TRANSLATE_NOOP(
                    "SecurityMessages", "badge {badge} belongs to {holder}: use another badge"),
                    badge=badge_id, holder=holder))
            conn.execute(update(users).where(users.c.id == user.id)
                         .values(badge_id=badge_id, pin_hash=digest))
            self._audit.append_in(conn, _admin_event(
                admin, "set_badge", username, "badge_id", user.badge_id, badge_id, reason,
                client_host,
            ))
        after = self.get(username)
        assert after is not None
        return after

    # -- helpers -------------------------------------------------------------------------

    def _is_admin(self, user: User) -> bool:
        return any(
            self._permissions.permits(role, ALL_STATIONS, Action.MANAGE_USERS)
            for role in user.roles_at(ALL_STATIONS)
        )

    def _admin(self, by: User, reason: str) -> User:
        """The acting administrator as the store knows them now (not as the caller says)."""
        if self.needs_first_administrator():
            raise FirstAdministratorRequired()
        current = self.get(by.username)
        if current is None or current.disabled or not self._is_admin(current):
            role = current.grants_text if current is not None else "unknown user"
            raise PermissionDenied(by.username, role, Action.MANAGE_USERS, ALL_STATIONS)
        if self._permissions.reason_required(ALL_STATIONS, Action.MANAGE_USERS) and not (
            reason.strip()
        ):
            raise ReasonRequired(Action.MANAGE_USERS, "user administration")
        return current

    def _check_new(self, username: str, full_name: str, password: str) -> None:
        if not username.strip() or username != username.strip() or len(username) > 64:
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "user name '{user}': 1-64 characters, no spaces around it"),
                user=username))
        if not full_name.strip():
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "the full name must not be empty (signatures print it)")))
        check_password(password, self._config.min_password_length, username)

    def _insert(
        self, conn: Connection, username: str, full_name: str, password: str, role: Role,
        stations: Sequence[str], granted_by: str,
    ) -> User:
        now = self._clock()
        user_id = conn.execute(insert(users).values(
            username=username, full_name=full_name, password_hash=self._hasher.hash(password),
            disabled=False, failed_attempts=0, created_at=now, password_changed_at=now,
        )).inserted_primary_key
        assert user_id is not None
        self._grant(conn, int(user_id[0]), role, stations, granted_by)
        user = _load(conn, username)
        assert user is not None
        return user

    def _grant(
        self, conn: Connection, user_id: int, role: Role, stations: Sequence[str], by: str
    ) -> None:
        if not stations:
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "name at least one station, or * for every station")))
        conn.execute(insert(role_assignments), [
            {"user_id": user_id, "role": str(role), "station": station, "granted_by": by,
             "granted_at": self._clock()}
            for station in dict.fromkeys(stations)
        ])

    def _existing(self, conn: Connection, username: str) -> User:
        user = _load(conn, username)
        if user is None:
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "no user '{user}': see the user list"), user=username))
        return user

    def _keep_one_admin(self, conn: Connection, leaving: User) -> None:
        names = conn.execute(select(users.c.username)).scalars().all()
        others = [
            u for name in names if name != leaving.username
            if (u := _load(conn, name)) is not None and not u.disabled and self._is_admin(u)
        ]
        if not others:
            raise UserError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "{user} is the last administrator: create another one first"),
                user=leaving.username))

    def _set_disabled(
        self, by: User, username: str, disabled: bool, reason: str, client_host: str
    ) -> User:
        admin = self._admin(by, reason)
        with self._db.writing() as conn:
            user = self._existing(conn, username)
            if disabled and self._is_admin(user):
                self._keep_one_admin(conn, user)
            conn.execute(update(users).where(users.c.id == user.id).values(disabled=disabled))
            self._audit.append_in(conn, _admin_event(
                admin, "disable_user" if disabled else "enable_user", username, "disabled",
                user.disabled, disabled, reason, client_host,
            ))
        after = self.get(username)
        assert after is not None
        return after


def _load(conn: Connection, username: str) -> User | None:
    row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        return None
    grants = conn.execute(
        select(role_assignments.c.role, role_assignments.c.station)
        .where(role_assignments.c.user_id == row.id).order_by(role_assignments.c.id)
    ).all()
    return User(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        grants=tuple(RoleGrant(g.role, g.station) for g in grants),
        disabled=bool(row.disabled),
        locked_until=row.locked_until,
        badge_id=row.badge_id,
        has_pin=row.pin_hash is not None,
        created_at=row.created_at,
    )


def user_count(db: PlantDb) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def _locked(username: str, until: datetime | None) -> AccountLocked:
    if until is None:
        return AccountLocked(user_text(QT_TRANSLATE_NOOP(
            "SecurityMessages",
            "{user} is locked after too many failed attempts until later: wait, or ask an "
            "administrator to reset the password"), user=username))
    return AccountLocked(user_text(QT_TRANSLATE_NOOP(
        "SecurityMessages",
        "{user} is locked after too many failed attempts until {time} UTC: wait, or ask an "
        "administrator to reset the password"), user=username, time=f"{until:%H:%M}"))


def _security_event(username: str, action: str, client_host: str, reason: str) -> AuditEvent:
    return AuditEvent(username=username, full_name="", role="", action=action,
                      object_type="user", object_id=username, reason=reason,
                      client_host=client_host)


def _user_event(user: User, action: str, client_host: str, reason: str) -> AuditEvent:
    return AuditEvent(username=user.username, full_name=user.full_name, role=user.grants_text,
                      action=action, object_type="user", object_id=user.username,
                      reason=reason, client_host=client_host)


def _admin_event(
    admin: User, action: str, target: str, field: str, old: object, new: object, reason: str,
    client_host: str,
) -> AuditEvent:
    def scalar(value: object) -> str | bool | None:
        return value if value is None or isinstance(value, bool | str) else str(value)

    return AuditEvent(username=admin.username, full_name=admin.full_name, role=admin.grants_text,
                      action=action, object_type="user", object_id=target, field=field,
                      old_value=scalar(old), sent_value=scalar(new), reason=reason,
                      client_host=client_host)
