"""Role checks while the plant database is away: the users seen while it answered.

The command service asks the policy who a user is at every write (a disable or a role
change applies at once). With the plant database on a server that is away, that question
has no answer, and the signed-in operator could no longer run the line. `OfflinePolicy`
remembers each user as last read from the plant database and answers from that memory
only while the database is unreachable: the same trade a domain controller's cached
credentials make (limited to users seen online; a change made on the server meanwhile
applies once it answers again; every action taken offline is audited and forwarded).
"""

from __future__ import annotations

import threading
import time

from sqlalchemy.exc import DBAPIError

from hmi.core.commands import Actor, PermissionDenied
from hmi.forward.link import unreachable
from hmi.security.accounts import User
from hmi.security.permissions import PermissionTable
from hmi.security.policy import SecurityPolicy
from hmi.security.users import UserStore

REFRESH_S = 60.0  # every user re-read at most this often (a sign-in or a write re-reads one)


class OfflinePolicy(SecurityPolicy):
    def __init__(self, users: UserStore, permissions: PermissionTable | None = None) -> None:
        super().__init__(users, permissions)
        self._store = users
        self._seen: dict[str, User] = {}
        self._lock = threading.Lock()
        self._refreshed_at: float | None = None

    def refresh_if_due(self) -> None:
        """The link's while-online hook: every REFRESH_S, not at each of its polls."""
        now = time.monotonic()
        if self._refreshed_at is None or now - self._refreshed_at >= REFRESH_S:
            self.refresh()

    def refresh(self) -> None:
        """Every user as the plant database has them now (at start: the operator signed in
        before an outage may not have acted yet)."""
        known = {u.username: u for u in self._store.list_users()}
        with self._lock:
            self._seen = known
            self._refreshed_at = time.monotonic()

    def actor(self, username: str, station: str, client_host: str) -> Actor:
        try:
            user = self._store.get(username)
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            with self._lock:
                user = self._seen.get(username)
            if user is None:
                raise PermissionDenied(
                    username, "not known on this HMI while the plant database is offline",
                    "act", station) from None
        else:
            with self._lock:
                if user is None:
                    self._seen.pop(username, None)
                else:
                    self._seen[username] = user
        if user is None or user.disabled:
            state = "unknown user" if user is None else "disabled"
            raise PermissionDenied(username, state, "act", station)
        return Actor(user.username, user.full_name, user.roles_at(station), client_host)
