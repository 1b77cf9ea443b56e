"""Alarm performance per operator console, from the journal (DOMAIN.md 3.2, EEMUA 191).

Counted are annunciated activations: journal rows of event "activate" that the operator was
shown (a shelved, suppressed or out-of-service alarm's activation is not annunciated).
A flood begins with the activation that makes more than 10 in the trailing 10 minutes and
ends when that count falls back to 10; its duration is the time between.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from hmi.alarms.journal import JournalRow
from hmi.alarms.model import AlarmState, Event

WINDOW = timedelta(minutes=10)
FLOOD_ABOVE = 10  # alarms per 10 min per operator (DOMAIN.md 3.2)
CHATTER_WINDOW = timedelta(seconds=60)
CHATTER_AT = 3  # activations within 60 s
STALE_AFTER = timedelta(hours=24)
TOP = 10

# DOMAIN.md 3.2 targets: (what, target, "max" or "min" side)
TARGETS: dict[str, tuple[float, str]] = {
    "per_10min_avg": (1.0, "max"),  # ~1 per 10 min "very likely acceptable"
    "per_day_avg": (150.0, "max"),  # ISA-18.2 ~150/day
    "peak_per_hour": (15.0, "max"),  # Nimmo grid
    "flood_fraction": (0.01, "max"),  # < ~1 % of 10-min intervals in flood
    "chattering": (0.0, "max"),
    "stale": (4.0, "max"),  # < 5 at any time
    "high_priority_share": (0.05, "max"),  # ~5 % high (priorities 1-2)
    "medium_priority_share": (0.15, "max"),  # ~15 % medium (priority 3)
    "low_priority_share": (0.80, "min"),  # ~80 % low (priority 4)
}
MIN_DAYS = 30.0  # data basis for meaningful metrics


@dataclass(frozen=True, slots=True)
class Flood:
    start: datetime
    end: datetime
    alarms: int
    ongoing: bool  # still in flood at the end of the period

    @property
    def duration_s(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class BadActor:
    alarm_id: str
    activations: int
    share: float  # of the console's activations


@dataclass(frozen=True, slots=True)
class Chatterer:
    alarm_id: str
    most_in_60s: int


@dataclass(frozen=True, slots=True)
class StaleAlarm:
    alarm_id: str
    since: datetime
    hours: float


@dataclass(frozen=True, slots=True)
class ConsoleKpis:
    console: str
    start: datetime
    end: datetime
    activations: int
    per_10min_avg: float
    per_day_avg: float
    peak_10min: int
    peak_per_hour: int
    intervals: int  # 10-minute intervals in the period
    flood_intervals: int
    flood_fraction: float
    floods: tuple[Flood, ...]
    bad_actors: tuple[BadActor, ...]
    chattering: tuple[Chatterer, ...]
    stale: tuple[StaleAlarm, ...]
    by_priority: dict[int, int]
    enough_data: bool  # at least 30 days (DOMAIN.md 3.2 data basis)

    def share(self, *priorities: int) -> float:
        total = sum(self.by_priority.values())
        return sum(self.by_priority[p] for p in priorities) / total if total else 0.0

    def measures(self) -> dict[str, float]:
        return {
            "per_10min_avg": self.per_10min_avg, "per_day_avg": self.per_day_avg,
            "peak_per_hour": float(self.peak_per_hour), "flood_fraction": self.flood_fraction,
            "chattering": float(len(self.chattering)), "stale": float(len(self.stale)),
            "high_priority_share": self.share(1, 2), "medium_priority_share": self.share(3),
            "low_priority_share": self.share(4),
        }

    def verdicts(self) -> dict[str, bool]:
        """Each DOMAIN.md 3.2 target: met or not (priority shares only with activations)."""
        out: dict[str, bool] = {}
        for name, value in self.measures().items():
            target, side = TARGETS[name]
            if name.endswith("_share") and not self.activations:
                continue
            out[name] = value <= target if side == "max" else value >= target
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["floods"] = [{**asdict(f), "duration_s": f.duration_s} for f in self.floods]
        data["measures"] = self.measures()
        data["targets"] = {k: {"target": t, "side": s} for k, (t, s) in TARGETS.items()}
        data["met"] = self.verdicts()
        return data


def compute_kpis(
    rows: Iterable[JournalRow],
    start: datetime,
    end: datetime,
    latest: Mapping[str, JournalRow] | None = None,
) -> dict[str, ConsoleKpis]:
    """KPIs per console over [start, end); `latest` (each alarm's newest row, as of `end`)
    gives the stale alarms. Consoles with no activation but a stale alarm are included."""
    if end <= start:
        raise ValueError("the KPI period must end after it starts")
    times: dict[str, list[tuple[datetime, str, int]]] = {}
    for row in rows:
        if (row.event is Event.ACTIVATE and row.annunciated and start <= row.at < end):
            times.setdefault(row.console, []).append((row.at, row.alarm_id, row.priority))
    stale: dict[str, list[StaleAlarm]] = {}
    for row in (latest or {}).values():
        if (row.after is not AlarmState.NORMAL and row.since is not None
                and end - row.since > STALE_AFTER):
            hours = (end - row.since).total_seconds() / 3600
            stale.setdefault(row.console, []).append(StaleAlarm(row.alarm_id, row.since, hours))
    return {
        console: _console(console, sorted(times.get(console, [])), start, end,
                          tuple(sorted(stale.get(console, []), key=lambda s: s.since)))
        for console in sorted({*times, *stale})
    }


def _console(console: str, events: list[tuple[datetime, str, int]], start: datetime,
             end: datetime, stale: tuple[StaleAlarm, ...]) -> ConsoleKpis:
    at = [t for t, _, _ in events]
    seconds = (end - start).total_seconds()
    intervals = max(1, -(-int(seconds) // int(WINDOW.total_seconds())))
    buckets = Counter(int((t - start) / WINDOW) for t in at)
    hours = Counter(int((t - start) / timedelta(hours=1)) for t in at)
    counts = Counter(alarm_id for _, alarm_id, _ in events)
    total = len(events)
    return ConsoleKpis(
        console=console, start=start, end=end, activations=total,
        per_10min_avg=total / (seconds / WINDOW.total_seconds()),
        per_day_avg=total / (seconds / 86_400),
        peak_10min=_most_in(at, WINDOW), peak_per_hour=max(hours.values(), default=0),
        intervals=intervals,
        flood_intervals=sum(1 for n in buckets.values() if n > FLOOD_ABOVE),
        flood_fraction=sum(1 for n in buckets.values() if n > FLOOD_ABOVE) / intervals,
        floods=tuple(_floods(at, end)),
        bad_actors=tuple(BadActor(a, n, n / total) for a, n in counts.most_common(TOP)),
        chattering=tuple(_chatterers(events)), stale=stale,
        by_priority={p: sum(1 for _, _, q in events if q == p) for p in range(1, 5)},
        enough_data=seconds >= MIN_DAYS * 86_400,
    )


def _floods(at: list[datetime], end: datetime) -> list[Flood]:
    floods: list[Flood] = []
    window: deque[datetime] = deque()
    began: datetime | None = None
    count = 0
    for t in [*at, None]:
        horizon = end if t is None else t
        while window and window[0] + WINDOW <= horizon:
            gone = window.popleft()
            if began is not None and len(window) <= FLOOD_ABOVE:
                floods.append(Flood(began, gone + WINDOW, count, False))
                began = None
        if t is None:
            break
        window.append(t)
        if began is not None:
            count += 1
        elif len(window) > FLOOD_ABOVE:
            began, count = t, len(window)
    if began is not None:
        floods.append(Flood(began, end, count, True))
    return floods


def _most_in(at: list[datetime], span: timedelta) -> int:
    best, window = 0, deque[datetime]()
    for t in at:
        window.append(t)
        while window[0] + span <= t:
            window.popleft()
        best = max(best, len(window))
    return best


def _chatterers(events: list[tuple[datetime, str, int]]) -> list[Chatterer]:
    per_alarm: dict[str, list[datetime]] = {}
    for t, alarm_id, _ in events:
        per_alarm.setdefault(alarm_id, []).append(t)
    found = [Chatterer(a, n) for a, ts in per_alarm.items()
             if (n := _most_in(ts, CHATTER_WINDOW)) >= CHATTER_AT]
    return sorted(found, key=lambda c: (-c.most_in_60s, c.alarm_id))
