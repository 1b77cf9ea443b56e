"""Users while the plant database is away: sign-in and role checks from a local cache.

With the plant database on a server, an HMI whose server is away (mid-shift, or already at
start) would otherwise have nobody who may act: the command service asks who a user is at
every write, and sign-in reads the password hash from the server. `OfflineUserStore`
answers from `<data_dir>/users_cache.json` only while the server is unreachable.

Why that is acceptable: it is what a domain controller's cached credentials do. The cache
holds only users as the plant database had them at the last refresh (every REFRESH_S while
online), with the same argon2 hashes (never a password), readable by the HMI's account only
(0600). Offline sign-ins and failures are audited like any other (through the link: kept
locally, forwarded later). A change made on the server meanwhile (a user disabled, a role
taken away) applies from the moment the server answers again. Lockout while offline counts
in memory (the server's count cannot be written), per HMI run.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from hmi.config.security import SecurityConfig
from hmi.core.audit_event import AuditEvent
from hmi.core.tags import utc_now
from hmi.forward.link import unreachable
from hmi.plantdb import PlantDb
from hmi.plantdb.tables import role_assignments, users
from hmi.security.accounts import RoleGrant, User
from hmi.security.audit import AuditTrail, Clock
from hmi.security.errors import AccountDisabled, AccountLocked, AuthenticationFailed
from hmi.security.passwords import Hasher
from hmi.security.permissions import PermissionTable
from hmi.security.users import UserStore

USER_CACHE_FILE = "users_cache.json"
REFRESH_S = 60.0  # the cache re-read from the plant database at most this often
WRONG = "wrong user name or password"
OFFLINE = "plant database offline: signed in with the credentials cached on this HMI"


@dataclass(frozen=True, slots=True)
class CachedUser:
    user: User
    password_hash: str


class OfflineUserStore(UserStore):
    """A UserStore that falls back on the cache while the plant database is unreachable
    (build it with UserStore's arguments plus `cache_path`)."""

    def __init__(self, db: PlantDb, audit: AuditTrail, permissions: PermissionTable,
                 config: SecurityConfig, *, cache_path: Path, clock: Clock = utc_now,
                 hasher: Hasher | None = None) -> None:
        super().__init__(db, audit, permissions, config, clock=clock, hasher=hasher)
        self._cache_path = cache_path
        self._lock = threading.Lock()
        self._cached = _read(cache_path)
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, float] = {}
        self._refreshed_at: float | None = None

    # ---- the cache ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Every user, with hash and grants, as the plant database has them now."""
        with self._db.engine.connect() as conn:
            grants: dict[int, list[RoleGrant]] = {}
            for g in conn.execute(select(role_assignments.c.user_id, role_assignments.c.role,
                                         role_assignments.c.station)
                                  .order_by(role_assignments.c.id)):
                grants.setdefault(g.user_id, []).append(RoleGrant(g.role, g.station))
            cached = {r.username: CachedUser(User(
                id=r.id, username=r.username, full_name=r.full_name,
                grants=tuple(grants.get(r.id, ())), disabled=bool(r.disabled),
                locked_until=r.locked_until, badge_id=r.badge_id,
                has_pin=r.pin_hash is not None, created_at=r.created_at), r.password_hash)
                for r in conn.execute(select(users))}
        _write(self._cache_path, cached)
        with self._lock:
            self._cached = cached
            self._refreshed_at = time.monotonic()

    def refresh_if_due(self) -> None:
        """The link's while-online hook: every REFRESH_S, not at each of its polls."""
        at = self._refreshed_at
        if at is None or time.monotonic() - at >= REFRESH_S:
            self.refresh()

    # ---- UserStore, with the fallback ---------------------------------------------------
    def get(self, username: str) -> User | None:
        try:
            user = super().get(username)
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
        else:
            # Kept for role checks offline (a user added since the last refresh included;
            # signing in offline needs the hash the next refresh brings).
            with self._lock:
                if user is None:
                    self._cached.pop(username, None)
                else:
                    known = self._cached.get(username)
                    self._cached[username] = CachedUser(
                        user, known.password_hash if known is not None else "")
            return user
        with self._lock:
            cached = self._cached.get(username)
        return cached.user if cached is not None else None

    def list_users(self) -> list[User]:
        try:
            return super().list_users()
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
        with self._lock:
            return [c.user for _, c in sorted(self._cached.items())]

    def authenticate(self, username: str, password: str, client_host: str = "", *,
                     audit_success: bool = True) -> User:
        try:
            return super().authenticate(username, password, client_host,
                                        audit_success=audit_success)
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
        return self._offline(username, password, client_host, audit_success)

    def _offline(self, username: str, password: str, client_host: str,
                 audit_success: bool) -> User:
        with self._lock:
            cached = self._cached.get(username)
        if cached is None:
            self._hasher.dummy_verify(password)
            self._audit_offline(username, None, "login_failed", client_host,
                                "unknown user name (not in this HMI's cache)")
            raise AuthenticationFailed(WRONG)
        user = cached.user
        if user.disabled:
            self._audit_offline(username, user, "login_refused", client_host, "account disabled")
            raise AccountDisabled(f"{username} is disabled: ask an administrator")
        now = time.monotonic()
        if user.is_locked(self._clock()) or self._locked_until.get(username, 0.0) > now:
            self._audit_offline(username, user, "login_refused", client_host, "locked")
            raise AccountLocked(f"{username} is locked after too many failed attempts: wait, "
                                "or ask an administrator once the plant database is back")
        if not self._hasher.verify(cached.password_hash, password):
            with self._lock:
                failures = self._failures[username] = self._failures.get(username, 0) + 1
                if failures >= self._config.lockout_attempts:
                    self._locked_until[username] = now + 60 * self._config.lockout_minutes
                    self._failures[username] = 0
            self._audit_offline(username, user, "login_failed", client_host,
                                f"wrong password ({failures}), offline")
            raise AuthenticationFailed(WRONG)
        with self._lock:
            self._failures.pop(username, None)
        if audit_success:
            self._audit_offline(username, user, "login", client_host, f"password; {OFFLINE}")
        return user

    def _audit_offline(self, username: str, user: User | None, action: str,
                       client_host: str, reason: str) -> None:
        self.audit.append(AuditEvent(
            username=username, full_name=user.full_name if user else "",
            role=user.grants_text if user else "", action=action, object_type="user",
            object_id=username, reason=reason, client_host=client_host))


def _read(path: Path) -> dict[str, CachedUser]:
    """The cache as last written ({} when there is none or it cannot be read: then only
    the plant database signs anyone in)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {u["username"]: CachedUser(User(
            id=u["id"], username=u["username"], full_name=u["full_name"],
            grants=tuple(RoleGrant(r, s) for r, s in u["grants"]), disabled=u["disabled"],
            locked_until=_dt(u["locked_until"]), badge_id=u["badge_id"],
            has_pin=u["has_pin"], created_at=_dt(u["created_at"]) or datetime.min),
            u["password_hash"]) for u in data["users"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _write(path: Path, cached: dict[str, CachedUser]) -> None:
    """Atomically (a crash mid-write leaves the old cache), readable by this account only."""
    data = {"users": [{
        "id": c.user.id, "username": c.user.username, "full_name": c.user.full_name,
        "grants": [[g.role, g.station] for g in c.user.grants], "disabled": c.user.disabled,
        "locked_until": c.user.locked_until.isoformat() if c.user.locked_until else None,
        "badge_id": c.user.badge_id, "has_pin": c.user.has_pin,
        "created_at": c.user.created_at.isoformat(), "password_hash": c.password_hash,
    } for c in cached.values()]}
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(tmp, path)
