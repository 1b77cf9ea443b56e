"""Who is at this panel now: login, badge + PIN fast switch, idle lock, logout.

The UI keeps one Session per HMI window. It calls `touch()` on every user input; after
`idle_lock_s` without input `locked` turns true: the screen stays visible and live but
read-only, and `acting_user()` refuses until the same user unlocks (or another logs in).
The command service still checks roles itself; the session only says who is acting.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from hmi.core.audit_event import AuditEvent
from hmi.core.tags import utc_now
from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text
from hmi.security.accounts import User
from hmi.security.audit import Clock
from hmi.security.errors import AuthenticationFailed, SessionLocked
from hmi.security.users import UserStore


class Session:
    def __init__(
        self,
        users: UserStore,
        idle_lock_s: float,
        *,
        client_host: str = "",
        clock: Clock = utc_now,
    ) -> None:
        self._users = users
        self._idle = timedelta(seconds=idle_lock_s)
        self._host = client_host
        self._clock = clock
        self._lock = threading.Lock()
        self._user: User | None = None
        self._last_input: datetime = clock()

    @property
    def user(self) -> User | None:
        return self._user

    @property
    def locked(self) -> bool:
        """True when nobody is logged in or the panel has been idle too long."""
        with self._lock:
            return self._user is None or self._clock() - self._last_input >= self._idle

    def touch(self) -> None:
        """A user input happened (the UI calls this; it does not unlock an idle lock)."""
        with self._lock:
            if self._user is not None and self._clock() - self._last_input < self._idle:
                self._last_input = self._clock()

    def login(self, username: str, password: str) -> User:
        return self._become(self._users.authenticate(username, password, self._host))

    def switch_badge(self, badge_id: str, pin: str) -> User:
        """Fast user switch at a touchscreen (badge held + PIN known: two components)."""
        return self._become(self._users.authenticate_badge(badge_id, pin, self._host))

    def unlock(self, password: str) -> User:
        """The same user lifts an idle lock with the password."""
        current = self._user
        if current is None:
            raise AuthenticationFailed(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "nobody is logged in: log in")))
        return self._become(self._users.authenticate(current.username, password, self._host))

    def logout(self) -> None:
        with self._lock:
            user, self._user = self._user, None
        if user is not None:
            self._users.audit.append(AuditEvent(
                username=user.username, full_name=user.full_name, role=user.grants_text,
                action="logout", object_type="user", object_id=user.username,
                client_host=self._host,
            ))

    def acting_user(self) -> str:
        """The user name to act as; raises SessionLocked when locked or logged out."""
        with self._lock:
            user = self._user
            idle = self._clock() - self._last_input >= self._idle
        if user is None:
            raise SessionLocked(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "nobody is logged in at this panel: log in to act")))
        if idle:
            minutes = self._idle.total_seconds() / 60
            raise SessionLocked(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages",
                "the panel locked after {minutes} min without input: {user}, "
                "unlock with your password (or log in as another user)"),
                minutes=f"{minutes:g}", user=user.username))
        return user.username

    def _become(self, user: User) -> User:
        with self._lock:
            self._user = user
            self._last_input = self._clock()
        return user
