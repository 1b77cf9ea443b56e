"""The role x station x action table: the defaults, with a line config's rules applied."""

from __future__ import annotations

from collections.abc import Iterable

from hmi.config.security import SecurityConfig
from hmi.core.roles import ALL_STATIONS, DEFAULT_PERMISSIONS, Action, Role


class PermissionTable:
    def __init__(
        self,
        grants: Iterable[tuple[Role, str, Action]],
        reason_required: Iterable[Action],
    ) -> None:
        self._grants = frozenset(grants)
        self._reason_required = frozenset(reason_required)

    @classmethod
    def from_config(cls, config: SecurityConfig | None = None) -> PermissionTable:
        config = config or SecurityConfig()
        configured = {rule.role for rule in config.permissions}
        grants: set[tuple[Role, str, Action]] = {
            (role, ALL_STATIONS, action)
            for role, actions in DEFAULT_PERMISSIONS.items()
            if role not in configured
            for action in actions
        }
        for rule in config.permissions:
            grants.update(
                (rule.role, station, action) for station in rule.stations for action in rule.actions
            )
        return cls(grants, config.reason_required)

    def permits(self, role: str, station: str, action: str) -> bool:
        try:
            role_, action_ = Role(role), Action(action)
        except ValueError:
            return False  # an unknown name grants nothing
        return (role_, ALL_STATIONS, action_) in self._grants or (
            station != ALL_STATIONS and (role_, station, action_) in self._grants
        )

    def reason_required(self, station: str, action: str) -> bool:
        return action in self._reason_required

    def actions_of(self, role: str, station: str) -> frozenset[Action]:
        """What a role may do at a station: for the UI to offer only those controls."""
        return frozenset(a for a in Action if self.permits(role, station, a))
