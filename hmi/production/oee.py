"""OEE arithmetic (DOMAIN.md 5.1): availability x performance x quality from a station's
PackML state history and its counts, over a period and within the shift calendar.

Pure functions over frozen data; the tracker (hmi.production.oee_tracker) feeds them.

- Planned time: the scheduled part of the period in which the state is known (time with
  the state unknown, the HMI down or the PLC unreachable, is reported, not guessed).
- A stop is a stretch of any state but Execute. Shorter than the minor-stop threshold it
  is a minor stop: its time stays in operating time and shows as a performance loss (the
  six big losses: "idling and minor stops"); longer, it is downtime (availability loss)
  and needs a reason. An ongoing stop is judged by its length so far.
- Availability = operating / planned; performance = (output / ideal rate) / operating
  (web: metres / (time x ideal speed)); quality = good / total. Performance above 1 (an
  ideal rate set too low) is capped at 1 and flagged, so the three factors stay in [0, 1].
- The line: the sums over its stations with all three factors measured, so that
  A = sum operating / sum planned, P = sum net / sum operating, Q = sum valuable / sum net,
  and A x P x Q = sum valuable / sum planned (time-weighted, not an average of ratios).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hmi.core.packml import PackMLState
from hmi.production.shifts import ShiftCalendar


@dataclass(frozen=True, slots=True)
class StateChange:
    at: datetime
    state: PackMLState | None  # None: unknown from here on (comm lost, HMI stopped)


@dataclass(frozen=True, slots=True)
class CountDelta:
    at: datetime  # start of its bucket
    total: float
    good: float


@dataclass(frozen=True, slots=True)
class OeeFactors:
    station: str  # "" for the line
    start: datetime
    end: datetime
    planned_s: float
    operating_s: float  # run + minor stops
    run_s: float  # Execute only
    downtime_s: float
    minor_stop_s: float
    minor_stops: int
    unknown_s: float
    total: float
    good: float
    ideal_rate_per_min: float | None
    availability: float | None
    performance: float | None
    quality: float | None
    oee: float | None
    over_ideal: bool = False  # output above the ideal rate: the ideal rate is set too low
    rate_station: str = ""  # the line: the bottleneck station whose ideal rate it uses

    @property
    def net_s(self) -> float:
        """Operating time at the ideal rate the output would have taken."""
        if self.ideal_rate_per_min is None or self.performance is None:
            return 0.0
        return self.operating_s * self.performance

    @property
    def valuable_s(self) -> float:
        return self.net_s * (self.quality if self.quality is not None else 0.0)

    def as_dict(self) -> dict[str, object]:
        return {
            "station": self.station or "line", "start": self.start.isoformat(),
            "end": self.end.isoformat(), "planned_s": round(self.planned_s, 3),
            "operating_s": round(self.operating_s, 3), "downtime_s": round(self.downtime_s, 3),
            "minor_stop_s": round(self.minor_stop_s, 3), "minor_stops": self.minor_stops,
            "unknown_s": round(self.unknown_s, 3), "total": self.total, "good": self.good,
            "ideal_rate_per_min": self.ideal_rate_per_min,
            "availability": self.availability, "performance": self.performance,
            "quality": self.quality, "oee": self.oee, "over_ideal": self.over_ideal,
            **({"ideal_rate_station": self.rate_station} if self.rate_station else {}),
        }


@dataclass(frozen=True, slots=True)
class Stop:
    start: datetime
    end: datetime | None  # None: still stopped
    state: PackMLState  # the state the station stopped into

    def length_s(self, now: datetime) -> float:
        return ((self.end or now) - self.start).total_seconds()


def spans(changes: Sequence[StateChange], start: datetime, end: datetime
          ) -> list[tuple[datetime, datetime, PackMLState | None]]:
    """The state over start..end as clipped spans; before the first change: unknown."""
    result: list[tuple[datetime, datetime, PackMLState | None]] = []
    current: PackMLState | None = None
    at = start
    for change in sorted(changes, key=lambda c: c.at):
        if change.at <= start:
            current = change.state
            continue
        if change.at >= end:
            break
        if change.at > at:
            result.append((at, change.at, current))
        at, current = change.at, change.state
    if at < end:
        result.append((at, end, current))
    return result


def stops(changes: Sequence[StateChange], end: datetime) -> list[Stop]:
    """Stretches of known states other than Execute (unknown time ends a stop)."""
    found: list[Stop] = []
    open_stop: Stop | None = None
    for change in sorted(changes, key=lambda c: c.at):
        if change.at > end:
            break
        stopped = change.state is not None and change.state is not PackMLState.EXECUTE
        if open_stop is not None and not stopped:
            found.append(Stop(open_stop.start, change.at, open_stop.state))
            open_stop = None
        elif open_stop is None and stopped and change.state is not None:
            open_stop = Stop(change.at, None, change.state)
    if open_stop is not None:
        found.append(open_stop)
    return found


def station_factors(station: str, changes: Sequence[StateChange], counts: Iterable[CountDelta],
                    start: datetime, end: datetime, now: datetime, calendar: ShiftCalendar,
                    minor_stop_s: float, ideal_rate_per_min: float | None,
                    bucket_s: float = 60.0) -> OeeFactors:
    """One station's factors over start..end (cut at `now`). Output is counted per
    bucket of `bucket_s` starting at its `at`; a bucket the period cuts counts by the share
    of it inside (output assumed even within a bucket; the running one until `now`)."""
    end = min(end, now)
    planned = operating = run = downtime = minor = unknown = 0.0
    minor_count = 0
    if end > start:
        all_stops = stops(changes, now)
        for lo, hi in calendar.scheduled(start, end):
            for a, b, state in spans(changes, lo, hi):
                length = (b - a).total_seconds()
                if state is None:
                    unknown += length
                    continue
                planned += length
                if state is PackMLState.EXECUTE:
                    run += length
                    operating += length
                    continue
                stop = _stop_at(all_stops, a)
                if stop is not None and stop.length_s(now) < minor_stop_s:
                    minor += length
                    operating += length
                else:
                    downtime += length
        minor_count = sum(1 for s in all_stops if s.end is not None and start <= s.start < end
                          and s.length_s(now) < minor_stop_s and calendar.shift_at(s.start))
    total = good = 0.0
    for delta in counts:
        share = _share(delta.at, bucket_s, start, end, now)
        total += delta.total * share
        good += delta.good * share
    availability = operating / planned if planned > 0 else None
    performance: float | None = None
    over = False
    if ideal_rate_per_min is not None and ideal_rate_per_min > 0 and operating > 0:
        raw = (total / (ideal_rate_per_min / 60.0)) / operating
        over = raw > 1.0 + 1e-9
        performance = min(1.0, raw)
    quality = min(1.0, max(0.0, good / total)) if total > 0 else None
    oee: float | None = None
    if availability is not None and performance is not None and quality is not None:
        oee = availability * performance * quality
    elif availability == 0.0:
        oee = 0.0
    return OeeFactors(station, start, end, planned, operating, run, downtime, minor,
                      minor_count, unknown, total, good, ideal_rate_per_min, availability,
                      performance, quality, oee, over)


def _share(at: datetime, bucket_s: float, start: datetime, end: datetime,
           now: datetime) -> float:
    stop = min(at + timedelta(seconds=bucket_s), max(now, at))
    length = (stop - at).total_seconds()
    if length <= 0:
        return 1.0 if start <= at < end else 0.0
    inside = (min(stop, end) - max(at, start)).total_seconds()
    return max(0.0, min(1.0, inside / length))


def _stop_at(all_stops: Sequence[Stop], at: datetime) -> Stop | None:
    for stop in all_stops:
        if stop.start <= at and (stop.end is None or at < stop.end):
            return stop
    return None


def line_factors(stations: Sequence[OeeFactors], start: datetime, end: datetime) -> OeeFactors:
    """The line: time-weighted sums over the stations with all three factors measured
    (a station that only has a state still counts in availability when none has more)."""
    full = [f for f in stations if f.oee is not None and f.performance is not None]
    basis = full or [f for f in stations if f.availability is not None]
    planned = sum(f.planned_s for f in basis)
    operating = sum(f.operating_s for f in basis)
    availability = operating / planned if planned > 0 else None
    performance = quality = oee = None
    bottleneck = _bottleneck(full)
    if full:
        net = sum(f.net_s for f in full)
        valuable = sum(f.valuable_s for f in full)
        performance = net / operating if operating > 0 else None
        quality = valuable / net if net > 0 else None
        if availability is not None and performance is not None and quality is not None:
            oee = availability * performance * quality
    return OeeFactors(
        "", start, end, planned, operating, sum(f.run_s for f in basis),
        sum(f.downtime_s for f in basis), sum(f.minor_stop_s for f in basis),
        sum(f.minor_stops for f in basis), sum(f.unknown_s for f in stations),
        sum(f.total for f in full), sum(f.good for f in full),
        bottleneck.ideal_rate_per_min if bottleneck is not None else None, availability,
        performance, quality, oee, any(f.over_ideal for f in full),
        bottleneck.station if bottleneck is not None else "")


def _bottleneck(stations: Sequence[OeeFactors]) -> OeeFactors | None:
    """The line's constraint: the station that used the largest share of its capacity at
    its ideal rate (output / (planned time x ideal rate)), a measure free of each station's
    unit (metres, cells). Its ideal rate, from its active recipe, is the line's."""
    def load(f: OeeFactors) -> float:
        rate = f.ideal_rate_per_min or 0.0
        return f.total / (rate / 60.0 * f.planned_s) if rate > 0 and f.planned_s > 0 else -1.0
    rated = [f for f in stations if f.ideal_rate_per_min]
    return max(rated, key=load) if rated else None


@dataclass(frozen=True, slots=True)
class WaterfallStep:
    label: str
    seconds: float


def waterfall(factors: OeeFactors, downtime_by_loss: dict[str, float]) -> list[WaterfallStep]:
    """Planned time, then each loss taken off in turn, down to fully productive time:
    downtime per big loss (from the reasons given; the rest "downtime, no reason yet"),
    minor stops, reduced speed, quality loss, and what is left."""
    steps = [WaterfallStep("planned production time", factors.planned_s)]
    named = 0.0
    for loss, seconds in sorted(downtime_by_loss.items(), key=lambda kv: -kv[1]):
        share = min(seconds, factors.downtime_s - named)
        if share > 0:
            steps.append(WaterfallStep(loss, share))
            named += share
    if factors.downtime_s - named > 1e-9:
        steps.append(WaterfallStep("downtime, no reason yet", factors.downtime_s - named))
    if factors.performance is not None:
        speed_and_minor = factors.operating_s - factors.net_s
        minor = min(factors.minor_stop_s, speed_and_minor)
        steps.append(WaterfallStep("idling and minor stops", minor))
        steps.append(WaterfallStep("reduced speed", speed_and_minor - minor))
        steps.append(WaterfallStep("quality loss", factors.net_s - factors.valuable_s))
        steps.append(WaterfallStep("fully productive time", factors.valuable_s))
    else:
        steps.append(WaterfallStep("operating time (no count measured)", factors.operating_s))
    return steps
