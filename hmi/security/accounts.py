"""User records as the stores hand them out: frozen, no ORM rows, no secrets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hmi.core.roles import ALL_STATIONS


@dataclass(frozen=True, slots=True)
class RoleGrant:
    role: str
    station: str = ALL_STATIONS  # a station id, or "*" for every station

    def __str__(self) -> str:
        return self.role if self.station == ALL_STATIONS else f"{self.role}@{self.station}"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    full_name: str
    grants: tuple[RoleGrant, ...]
    disabled: bool
    locked_until: datetime | None
    badge_id: str | None
    has_pin: bool
    created_at: datetime

    def roles_at(self, station: str) -> tuple[str, ...]:
        """Roles held at `station` (grants for every station included), in grant order."""
        return tuple(
            g.role for g in self.grants if g.station in (ALL_STATIONS, station)
        )

    @property
    def grants_text(self) -> str:
        return ", ".join(str(g) for g in self.grants) or "no role"

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until
