"""Reason hints from the alarm engine: which alarms came with a stop (DOMAIN.md 5.1: the
reason prompt is pre-filled from the first-out alarm).

    tracker = build_oee_tracker(..., hint_source=alarm_hints(alarm_engine.summary))

Duck-typed on the engine's summary (hmi.alarms.AlarmSummary: `active` alarm views with
`id`, `station`, `since`, `first_out`, `procedure`), so production does not depend on the
alarm package's internals. For a stop at a station: the station's alarms that became
active within `window_s` of the stop's start, first-out first, then by time; each alarm's
restore procedure follows the alarms ("procedure:<id>").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol


class AlarmLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def station(self) -> str: ...
    @property
    def since(self) -> datetime | None: ...
    @property
    def first_out(self) -> bool: ...
    @property
    def procedure(self) -> str | None: ...


class SummaryLike(Protocol):
    @property
    def active(self) -> Sequence[AlarmLike]: ...


def alarm_hints(summary: Callable[[], SummaryLike], window_s: float = 30.0
                ) -> Callable[[str, datetime], list[str]]:
    def hints(station: str, start: datetime) -> list[str]:
        found = [a for a in summary().active
                 if a.station == station and a.since is not None
                 and abs((a.since - start).total_seconds()) <= window_s]
        found.sort(key=lambda a: (not a.first_out, a.since))
        names = [f"alarm:{a.id}" for a in found]
        names += [f"procedure:{a.procedure}" for a in found if a.procedure]
        return list(dict.fromkeys(names))
    return hints
