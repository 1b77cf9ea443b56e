"""The OEE queries the screen and the CLI ask (the tracker's read side): factors per
station and for the line over a period, the loss waterfall, top downtime reasons, minor
stops per station and OEE per shift. Each flushes what the tracker has queued first, then
reads the plant database: short blocking calls, off the Qt GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hmi.config.production import StationOee
from hmi.core.user_text import QT_TRANSLATE_NOOP, UserText, user_text
from hmi.production.oee import (
    OeeFactors,
    StateChange,
    WaterfallStep,
    line_factors,
    station_factors,
    waterfall,
)
from hmi.production.oee_store import DOWNTIME, MINOR, DowntimeEvent, ProductionStore
from hmi.production.reasons import ReasonTree
from hmi.production.shifts import ShiftCalendar

BUCKET_S = 60.0  # output is stored per station and minute
IdealRates = Callable[[str], float | None]  # station -> ideal rate per minute from its recipe


@dataclass(frozen=True, slots=True)
class ReasonTotal:
    code: str  # "" for stops without a reason yet
    text: str
    loss: str
    count: int
    seconds: float



class OeeQueries:
    def __init__(self, db_store: ProductionStore, stations: Sequence[StationOee],
                 calendar: ShiftCalendar, reasons: ReasonTree, clock: Callable[[], datetime],
                 minor_stop_s: float, default_ideal_rate_per_min: float,
                 ideal_rates: IdealRates | None) -> None:
        self.db = db_store
        self.calendar = calendar
        self.reasons = reasons
        self._cfgs = {s.station: s for s in stations}
        self._clock = clock
        self._minor_s = minor_stop_s
        self._default_rate = default_ideal_rate_per_min
        self._ideal_rates = ideal_rates

    @property
    def stations(self) -> tuple[str, ...]:
        return tuple(self._cfgs)

    def minor_stop_s(self, station: str) -> float:
        own = self._cfgs[station].minor_stop_s
        return own if own is not None else self._minor_s

    def flush(self) -> None:
        """Write what is queued (the tracker's; a reader of the record has nothing)."""

    def ideal_rate(self, station: str) -> float | None:
        cfg = self._cfgs[station]
        if cfg.total_tag is None and cfg.good_tag is None:
            return None  # nothing counted: no performance to judge
        if self._ideal_rates is not None:
            from_recipe = self._ideal_rates(station)
            if from_recipe is not None and from_recipe > 0:
                return from_recipe
        return cfg.ideal_rate_per_min or self._default_rate

    def ideal_rate_text(self, station: str) -> UserText | str:
        """The station's ideal rate as an operator reads it: "25 m/min at coater (its
        active recipe)", in the panel's language at the UI edge; "" when it has none."""
        rate = self.ideal_rate(station)
        if rate is None:
            return ""
        unit = (QT_TRANSLATE_NOOP("OeeMessages", "m/min") if self._cfgs[station].unit == "length"
                else QT_TRANSLATE_NOOP("OeeMessages", "per min"))
        from_recipe = self._ideal_rates(station) if self._ideal_rates is not None else None
        source = (QT_TRANSLATE_NOOP("OeeMessages", "its active recipe")
                  if from_recipe is not None and from_recipe > 0
                  else QT_TRANSLATE_NOOP("OeeMessages", "the line config")
                  if self._cfgs[station].ideal_rate_per_min
                  else QT_TRANSLATE_NOOP("OeeMessages", "the default"))
        return user_text(QT_TRANSLATE_NOOP("OeeMessages", "{rate} {unit} at {station} ({source})"),
                         rate=f"{rate:g}", unit=user_text(unit), station=station,
                         source=user_text(source))

    def factors(self, station: str | None, start: datetime, end: datetime) -> OeeFactors:
        """One station's factors over start..end, or the line's (station None)."""
        self.flush()
        return self._factors(station, start, end, self._clock())

    def _factors(self, station: str | None, start: datetime, end: datetime,
                 now: datetime) -> OeeFactors:
        if station is None:
            return line_factors(self._all_factors(start, end, now), start, min(end, now))
        if station not in self._cfgs:
            raise KeyError(f"no OEE for station {station!r}; known: {', '.join(self._cfgs)}")
        # A stop under way at `start` is minor or downtime by its whole length: looking back
        # one threshold is enough (stopped already then: it is at least that long).
        lookback = start - timedelta(seconds=self.minor_stop_s(station) + 1.0)
        changes = self.db.state_changes(station, lookback, min(end, now))
        counted = self.db.counts(station, start - timedelta(seconds=BUCKET_S), end)
        return station_factors(station, changes, counted, start,
                               end, now, self.calendar, self.minor_stop_s(station),
                               self.ideal_rate(station), BUCKET_S)

    def factors_all(self, start: datetime, end: datetime
                    ) -> tuple[list[OeeFactors], OeeFactors]:
        """Every station's factors and the line's over start..end, computed once from one
        read of the whole line (the screen's refresh: not a query per station, not the
        stations twice for the line)."""
        self.flush()
        now = self._clock()
        stations = self._all_factors(start, end, now)
        return stations, line_factors(stations, start, min(end, now))

    def _all_factors(self, start: datetime, end: datetime, now: datetime) -> list[OeeFactors]:
        # Read from the longest lookback; each station then starts at its own (see _factors).
        lookbacks = {s: start - timedelta(seconds=self.minor_stop_s(s) + 1.0)
                     for s in self._cfgs}
        if not lookbacks:
            return []
        changes = self.db.state_changes_all(min(lookbacks.values()), min(end, now))
        counted = self.db.counts_all(start - timedelta(seconds=BUCKET_S), end)
        return [station_factors(s, _from(changes.get(s, []), lookbacks[s]),
                                counted.get(s, []), start, end, now, self.calendar,
                                self.minor_stop_s(s), self.ideal_rate(s), BUCKET_S)
                for s in self._cfgs]

    def current_shift(self, station: str | None = None) -> OeeFactors | None:
        now = self._clock()
        window = self.calendar.shift_at(now)
        return None if window is None else self.factors(station, window.start, window.end)

    def last_hour(self, station: str | None = None) -> OeeFactors:
        now = self._clock()
        return self.factors(station, now - timedelta(hours=1), now)

    def waterfall(self, station: str | None, start: datetime, end: datetime,
                  factors: OeeFactors | None = None) -> list[WaterfallStep]:
        """Planned time down to fully productive time, loss by loss (the OEE screen);
        ``factors``: the station's (or line's) over start..end when already computed."""
        return waterfall(factors if factors is not None else self.factors(station, start, end),
                         self.downtime_by_loss(station, start, end))

    def downtime_by_loss(self, station: str | None, start: datetime, end: datetime
                         ) -> dict[str, float]:
        """Scheduled downtime seconds per big loss (its reasons given so far)."""
        now = self._clock()
        result: dict[str, float] = {}
        for event, seconds in self._downtime(station, start, end, now):
            if event.reason_code is not None and event.reason_code in self.reasons.reasons:
                loss = self.reasons.losses[self.reasons.get(event.reason_code).loss].name
                result[loss] = result.get(loss, 0.0) + seconds
        return result

    def _downtime(self, station: str | None, start: datetime, end: datetime, now: datetime
                  ) -> list[tuple[DowntimeEvent, float]]:
        self.flush()
        events = self.db.stops(start, min(end, now), station=station, kind=DOWNTIME)
        return [(e, self.calendar.scheduled_s(max(e.start, start), min(e.end or now, end, now)))
                for e in events]

    def top_reasons(self, start: datetime, end: datetime, limit: int = 5,
                    station: str | None = None) -> list[ReasonTotal]:
        now = self._clock()
        totals: dict[str, list[float]] = {}
        for event, seconds in self._downtime(station, start, end, now):
            cell = totals.setdefault(event.reason_code or "", [0.0, 0.0])
            cell[0] += 1
            cell[1] += seconds
        result = []
        for code, (count, seconds) in totals.items():
            reason = self.reasons.reasons.get(code)
            result.append(ReasonTotal(
                code, reason.text if reason else "no reason yet",
                self.reasons.losses[reason.loss].name if reason else "", int(count), seconds))
        return sorted(result, key=lambda r: -r.seconds)[:limit]

    def micro_stops(self, start: datetime, end: datetime) -> dict[str, tuple[int, float]]:
        """Per station: minor stops (count, seconds) in start..end: the hidden bottleneck."""
        self.flush()
        result = {s: (0, 0.0) for s in self._cfgs}
        for event in self.db.stops(start, end, kind=MINOR):
            count, seconds = result.get(event.station, (0, 0.0))
            result[event.station] = (count + 1, seconds + event.length_s(end))
        return result

    def shift_trend(self, count: int = 9, station: str | None = None
                    ) -> list[tuple[str, OeeFactors]]:
        """OEE per shift for the last `count` shifts (the running one last)."""
        self.flush()
        now = self._clock()
        return [(w.label, self._factors(station, w.start, w.end, now))
                for w in self.calendar.last_shifts(now, count)]


def _from(changes: list[StateChange], lookback: datetime) -> list[StateChange]:
    """The changes from `lookback` on, led by the last one before it (the state then), as
    OeeStore.state_changes gives them for one station."""
    first = next((i for i, c in enumerate(changes) if c.at >= lookback), len(changes))
    return changes[max(first - 1, 0):]
