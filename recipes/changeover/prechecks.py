"""Pre-checks before anything is written (DOMAIN.md 2.2-1): PackML state, alarms, lots and
dew point. The line's state comes in through `LineStatus` (hmi wires its alarm engine,
PackML tags and lot records to it); the dew point is read through ParameterIO."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from recipes.parameter_io import ParameterIO

ALLOWED_STATES = frozenset({"Stopped", "Idle", "Complete"})


class LineStatus(Protocol):
    async def packml_state(self, station: str) -> str | None:
        """The station's PackML state name ("Stopped", "Execute", ...); None: unknown."""
        ...

    async def active_alarms(self, stations: Sequence[str]) -> Sequence[str]:
        """Active high-priority (priority 1) alarms of these stations, one line each."""
        ...

    async def open_lot(self, station: str) -> str | None:
        """The id of a previous lot still open on this station, else None."""
        ...


@dataclass(frozen=True, slots=True)
class DewPointRule:
    """Stations that need a dry room: the dew point tag must read at most `max_c`."""

    tag: str = "dry_room.dew_point_c"
    max_c: float = -40.0
    stations: frozenset[str] = frozenset({"coater", "calender", "winder", "filler"})


async def run_prechecks(stations: Sequence[str], status: LineStatus, io: ParameterIO,
                        dew: DewPointRule | None) -> list[str]:
    """Every reason not to start, one line each (empty: go)."""
    problems: list[str] = []
    for station in stations:
        state = await status.packml_state(station)
        if state not in ALLOWED_STATES:
            problems.append(f"{station} is {state or 'in an unknown state'}: stop it first "
                            f"(a changeover needs {', '.join(sorted(ALLOWED_STATES))})")
        lot = await status.open_lot(station)
        if lot:
            problems.append(f"{station}: lot {lot} is still open; close it first")
    problems += [f"active high-priority alarm: {a}" for a in await status.active_alarms(stations)]
    if dew is not None and dew.stations & set(stations):
        read = (await io.read_many([dew.tag]))[0]
        if not read.ok or read.value is None or isinstance(read.value, bool):
            problems.append(f"dew point {dew.tag} cannot be read ({read.message})")
        elif float(read.value) > dew.max_c:
            problems.append(f"dew point {dew.tag} is {float(read.value):g} °C, above the "
                            f"{dew.max_c:g} °C these stations need")
    return problems
