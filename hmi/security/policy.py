"""The security side of the command service: hmi.core.commands.AccessPolicy, for real."""

from __future__ import annotations

from hmi.core.commands import Actor, PermissionDenied
from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text
from hmi.security.permissions import PermissionTable
from hmi.security.users import UserStore


class SecurityPolicy:
    """Looks the user up at every call, so a disable or role change applies at once."""

    def __init__(self, users: UserStore, permissions: PermissionTable | None = None) -> None:
        self._users = users
        self._permissions = permissions or users.permissions

    def actor(self, username: str, station: str, client_host: str) -> Actor:
        user = self._users.get(username)
        if user is None or user.disabled:
            state = (user_text(QT_TRANSLATE_NOOP("CommandMessages", "unknown user"))
                     if user is None else
                     user_text(QT_TRANSLATE_NOOP("CommandMessages", "disabled")))
            raise PermissionDenied(username, state, "act", station)
        return Actor(user.username, user.full_name, user.roles_at(station), client_host)

    def permitted_role(self, actor: Actor, station: str, action: str) -> str | None:
        return next(
            (role for role in actor.roles if self._permissions.permits(role, station, action)),
            None,
        )

    def reason_required(self, station: str, action: str) -> bool:
        return self._permissions.reason_required(station, action)
