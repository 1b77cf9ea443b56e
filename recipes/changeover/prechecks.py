"""Pre-checks before anything is written (DOMAIN.md 2.2-1): PackML state, alarms, lots and
dew point. The line's state comes in through `LineStatus` (hmi wires its alarm engine,
PackML tags and lot records to it); the dew point is read through ParameterIO.

Each problem is a UserText (recipes.user_text): the journal keeps its English line for the
CLI and audit, the panel says it in the operator's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from recipes.parameter_io import ParameterIO
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, user_text

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
                        dew: DewPointRule | None) -> list[UserText]:
    """Every reason not to start, one line each (empty: go)."""
    problems: list[UserText] = []
    allowed = ", ".join(sorted(ALLOWED_STATES))  # PackML state names: shown as the PLC says
    for station in stations:
        state = await status.packml_state(station)
        if state is None:
            problems.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverPrecheck", "{station} is in an unknown state: stop it first (a "
                "changeover needs {allowed})"), station=station, allowed=allowed))
        elif state not in ALLOWED_STATES:
            problems.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverPrecheck", "{station} is {state}: stop it first (a changeover "
                "needs {allowed})"), station=station, state=state, allowed=allowed))
        lot = await status.open_lot(station)
        if lot:
            problems.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverPrecheck", "{station}: lot {lot} is still open; close it first"),
                station=station, lot=lot))
    problems += [user_text(QT_TRANSLATE_NOOP("ChangeoverPrecheck",
                                             "active high-priority alarm: {alarm}"), alarm=a)
                 for a in await status.active_alarms(stations)]
    if dew is not None and dew.stations & set(stations):
        read = (await io.read_many([dew.tag]))[0]
        if not read.ok or read.value is None or isinstance(read.value, bool):
            problems.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverPrecheck", "dew point {tag} cannot be read ({why})"),
                tag=dew.tag, why=read.message))
        elif float(read.value) > dew.max_c:
            problems.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverPrecheck", "dew point {tag} is {value} °C, above the {max} °C "
                "these stations need"), tag=dew.tag, value=f"{float(read.value):g}",
                max=f"{dew.max_c:g}"))
    return problems
