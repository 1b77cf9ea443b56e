"""OeeTracker: live OEE per station and for the line, from the TagStore.

    tracker = build_oee_tracker(config, store, plant_db, security.audit)   # hmi.production.build
    tracker.start()                                   # subscribes; a flush thread persists
    tracker.current_shift("coater") / tracker.last_hour() / tracker.factors(None, a, b)
    tracker.pending_reasons()                         # stops that need a reason, with buttons
    tracker.assign_reason(event_id, "web_break", "otto")   # audited
    tracker.add_hints("coater", ["alarm:coater_web_break"])  # first-out alarm, restore, ...
    tracker.stop()                                    # before the plant database closes

Threads: `on_values` is a TagStore subscriber (the IoThread): it only updates memory and
queues what to persist. The tracker's own thread writes the queue every `flush_s`; every
query flushes first, so what it reads is current. Queries are short database calls: run
them off the Qt GUI thread. Times come from the injectable `clock` (UTC).

What is persisted (plant database, migration 0006_production): every state change (and
"unknown" while the HMI is down or the state's quality is not live), output per minute,
and every stop: minor (shorter than the threshold) or downtime (a reason is asked for as
soon as the stop passes the threshold, while it still lasts).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hmi.config.production import StationOee
from hmi.core.audit_event import AuditEvent
from hmi.core.packml import PackMLState
from hmi.core.tags import TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.production.oee import (
    OeeFactors,
    WaterfallStep,
    line_factors,
    station_factors,
    waterfall,
)
from hmi.production.oee_store import DOWNTIME, MINOR, DowntimeEvent, Pending, ProductionStore
from hmi.production.reasons import ReasonCode, ReasonTree
from hmi.production.shifts import ShiftCalendar
from hmi.security.audit import AuditTrail

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
IdealRates = Callable[[str], float | None]  # station -> ideal rate per minute from its recipe
HintSource = Callable[[str, datetime], Sequence[str]]  # station, stop start -> hints


class ReasonError(Exception):
    """A reason assignment refused; `str()` is one line for the user."""


@dataclass
class _Stop:
    station: str
    start: datetime
    state: PackMLState
    hints: list[str]
    event_id: int | None = None
    end: datetime | None = None


@dataclass
class _Station:
    cfg: StationOee
    kind: str
    state: PackMLState | None = None
    plc_reason: int | None = None
    stop: _Stop | None = None
    last: dict[str, float] = field(default_factory=dict)  # counter tag -> last raw value


@dataclass(frozen=True, slots=True)
class PendingReason:
    event: DowntimeEvent
    candidates: tuple[ReasonCode, ...]  # most likely first
    prefill: ReasonCode | None  # what a hint names outright


@dataclass(frozen=True, slots=True)
class ReasonTotal:
    code: str  # "" for stops without a reason yet
    text: str
    loss: str
    count: int
    seconds: float


class OeeTracker:
    def __init__(self, db_store: ProductionStore, stations: Sequence[StationOee],
                 kinds: Mapping[str, str], calendar: ShiftCalendar, reasons: ReasonTree,
                 audit: AuditTrail, *, tag_store: TagStore | None = None,
                 minor_stop_s: float = 120.0, default_ideal_rate_per_min: float = 60.0,
                 ideal_rates: IdealRates | None = None, hint_source: HintSource | None = None,
                 clock: Clock = utc_now, flush_s: float = 2.0) -> None:
        self.db = db_store
        self.calendar = calendar
        self.reasons = reasons
        self._audit = audit
        self._tag_store = tag_store
        self._minor_s = minor_stop_s
        self._default_rate = default_ideal_rate_per_min
        self._ideal_rates = ideal_rates
        self._hint_source = hint_source
        self._clock = clock
        self._flush_s = flush_s
        self._stations = {s.station: _Station(s, kinds.get(s.station, "generic"))
                          for s in stations}
        self._by_tag: dict[str, tuple[_Station, str]] = {}
        for st in self._stations.values():
            cfg = st.cfg
            self._by_tag[cfg.state] = (st, "state")
            self._by_tag[f"{cfg.station}.reason_code"] = (st, "reason")
            for role in ("total_tag", "good_tag", "reject_tag"):
                tag = getattr(cfg, role)
                if tag is not None:
                    self._by_tag[tag] = (st, role)
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._pending = Pending()
        self._ended: list[_Stop] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def stations(self) -> tuple[str, ...]:
        return tuple(self._stations)

    def minor_stop_s(self, station: str) -> float:
        own = self._stations[station].cfg.minor_stop_s
        return own if own is not None else self._minor_s

    # ---- life cycle --------------------------------------------------------------------
    def start(self, *, thread: bool = True) -> None:
        """Follow the TagStore (its current values first); `thread=False`: the caller
        flushes (tests with a scripted clock)."""
        if self._tag_store is not None:
            self._unsubscribe = self._tag_store.subscribe(self.on_values)
            self.on_values(list(self._tag_store.snapshot().values()))
        if thread:
            self._wake.clear()
            self._thread = threading.Thread(target=self._run, name="oee-tracker", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        now = self._clock()
        with self._lock:
            for st in self._stations.values():
                if st.state is not None:
                    self._change(st, now, None)  # the HMI stops watching: unknown from here
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.flush()

    def _run(self) -> None:
        while not self._wake.wait(self._flush_s):
            try:
                self.flush()
            except Exception:  # the database is busy or gone: keep the queue, try again
                log.exception("OEE flush failed; retrying")

    # ---- the TagStore subscriber (IoThread: memory only) --------------------------------
    def on_values(self, batch: Sequence[TagValue]) -> None:
        now = self._clock()
        with self._lock:
            for value in batch:
                hit = self._by_tag.get(value.tag_id)
                if hit is None:
                    continue
                st, role = hit
                if role == "state":
                    self._change(st, now, _state_of(value))
                elif role == "reason":
                    if value.quality.is_live and isinstance(value.value, int | float):
                        st.plc_reason = int(value.value)
                else:
                    self._count(st, role, value, now)

    def _change(self, st: _Station, at: datetime, state: PackMLState | None) -> None:
        if state == st.state:
            return
        st.state = state
        reason = st.plc_reason if state is not None else None
        self._pending.states.append((st.cfg.station, at, state, reason))
        stopped = state is not None and state is not PackMLState.EXECUTE
        if st.stop is not None and not stopped:
            st.stop.end = at
            self._ended.append(st.stop)
            st.stop = None
        elif st.stop is None and stopped and state is not None:
            hints = [f"plc:{st.plc_reason}"] if st.plc_reason else []
            hints.append(f"state:{state.name.title()}")
            st.stop = _Stop(st.cfg.station, at, state, hints)

    def _count(self, st: _Station, role: str, value: TagValue, now: datetime) -> None:
        if not value.quality.is_live or not isinstance(value.value, int | float):
            return
        raw = float(value.value)
        before = st.last.get(value.tag_id)
        st.last[value.tag_id] = raw
        if before is None:
            return  # the first value is the baseline
        delta = raw - before if raw >= before else raw  # a reset counts from zero
        if delta <= 0:
            return
        cfg = st.cfg
        bucket = now.replace(second=0, microsecond=0)
        cell = self._pending.counts.setdefault((cfg.station, bucket), [0.0, 0.0])
        if role == "total_tag":
            cell[0] += delta
            if cfg.good_tag is None:
                cell[1] += delta
        elif role == "good_tag":
            cell[1] += delta
            if cfg.ok_tag_is_good or cfg.total_tag is None:
                cell[0] += delta
        elif role == "reject_tag":
            if cfg.ok_tag_is_good or cfg.total_tag is None:
                cell[0] += delta
            elif cfg.good_tag is None:
                cell[1] -= delta

    # ---- persisting ----------------------------------------------------------------------
    def flush(self) -> None:
        """Write what was queued, and open a downtime event for every stop that passed
        the threshold (the operator is asked for its reason while it lasts)."""
        with self._flush_lock:
            now = self._clock()
            with self._lock:
                pending, self._pending = self._pending, Pending()
                ended, self._ended = self._ended, []
                to_open = [st.stop for st in self._stations.values()
                           if st.stop is not None and st.stop.event_id is None
                           and (now - st.stop.start).total_seconds()
                           >= self.minor_stop_s(st.cfg.station)]
            extra = {id(stop): self._hints_for(stop) for stop in to_open}
            opened: list[tuple[_Stop, int]] = []
            with self.db.db.writing() as conn:
                self.db.write(conn, pending)
                for stop in ended:
                    assert stop.end is not None
                    if stop.event_id is not None:
                        self.db.close_stop(conn, stop.event_id, stop.end)
                        continue
                    long = (stop.end - stop.start).total_seconds() >= self.minor_stop_s(
                        stop.station)
                    hints = self._hints_for(stop) if long else stop.hints
                    self.db.add_stop(conn, stop.station, DOWNTIME if long else MINOR,
                                     stop.start, stop.end, stop.state, _plc(hints), hints)
                for stop in to_open:
                    hints = extra[id(stop)]
                    opened.append((stop, self.db.add_stop(
                        conn, stop.station, DOWNTIME, stop.start, None, stop.state,
                        _plc(hints), hints)))
            with self._lock:
                for stop, event_id in opened:
                    stop.event_id = event_id
                    stop.hints = extra[id(stop)]

    def _hints_for(self, stop: _Stop) -> list[str]:
        if self._hint_source is None:
            return list(stop.hints)
        try:
            given = list(self._hint_source(stop.station, stop.start))
        except Exception:  # a hint is a nicety; the stop is recorded without it
            log.exception("hint source failed for %s", stop.station)
            given = []
        return list(dict.fromkeys([*given, *stop.hints]))

    # ---- reasons -------------------------------------------------------------------------
    def add_hints(self, station: str, hints: Sequence[str]) -> DowntimeEvent | None:
        """Hints for the station's current stop, or its last downtime event (e.g. the
        restore that followed it), put first; returns the event they landed on."""
        with self._lock:
            stop = self._stations[station].stop
            if stop is not None:
                stop.hints = list(dict.fromkeys([*hints, *stop.hints]))
        self.flush()
        if stop is not None and stop.event_id is None:
            return None
        now = self._clock()
        events = self.db.stops(now - timedelta(days=1), now + timedelta(seconds=1),
                               station=station, kind=DOWNTIME)
        if not events:
            return None
        event = events[-1]
        merged = list(dict.fromkeys([*hints, *event.hints]))
        with self.db.db.writing() as conn:
            self.db.set_hints(conn, event.id, merged)
        return self.db.stop(event.id)

    def pending_reasons(self) -> list[PendingReason]:
        """Downtime events without a reason, oldest first, each with its buttons."""
        self.flush()
        result = []
        for event in self.db.unassigned():
            kind = self._kind(event.station)
            history = self.db.reason_history(event.station)
            result.append(PendingReason(
                event, tuple(self.reasons.candidates(kind, event.hints, history)),
                self.reasons.prefill(kind, event.hints)))
        return result

    def assign_reason(self, event_id: int, code: str, user: str, *, note: str = "",
                      full_name: str = "", role: str = "", client_host: str = ""
                      ) -> DowntimeEvent:
        """Give a downtime event its reason (again: a correction, audited as such)."""
        if not user.strip():
            raise ReasonError("say who gives the reason")
        self.flush()
        with self.db.db.writing() as conn:
            event = self.db.stop(event_id, conn)
            if event is None:
                raise ReasonError(f"no downtime event #{event_id}")
            if event.kind != DOWNTIME:
                raise ReasonError(f"event #{event_id} is a minor stop: it needs no reason")
            kind = self._kind(event.station)
            if not self.reasons.is_downtime_reason(code):
                raise ReasonError(f"{code!r} is no downtime reason; choose one of the buttons")
            reason = self.reasons.get(code)
            if not reason.applies_to(kind):
                raise ReasonError(f"{code} ({reason.text}) does not apply to a {kind} station")
            at = self._clock()
            self.db.assign(conn, event_id, code, user, at, note)
            self._audit.append_in(conn, AuditEvent(
                username=user, full_name=full_name or user, role=role,
                action="assign_downtime_reason", object_type="downtime_event",
                object_id=str(event_id), field="reason_code", old_value=event.reason_code,
                sent_value=code, reason=f"{event.describe(at)}: {reason.text}"
                + (f" ({note})" if note else ""), client_host=client_host))
        assigned = self.db.stop(event_id)
        assert assigned is not None
        return assigned

    def _kind(self, station: str) -> str:
        st = self._stations.get(station)
        return st.kind if st is not None else "generic"

    # ---- queries for the screen and the CLI ---------------------------------------------
    def ideal_rate(self, station: str) -> float | None:
        cfg = self._stations[station].cfg
        if cfg.total_tag is None and cfg.good_tag is None:
            return None  # nothing counted: no performance to judge
        if self._ideal_rates is not None:
            from_recipe = self._ideal_rates(station)
            if from_recipe is not None and from_recipe > 0:
                return from_recipe
        return cfg.ideal_rate_per_min or self._default_rate

    def factors(self, station: str | None, start: datetime, end: datetime) -> OeeFactors:
        """One station's factors over start..end, or the line's (station None)."""
        self.flush()
        return self._factors(station, start, end, self._clock())

    def _factors(self, station: str | None, start: datetime, end: datetime,
                 now: datetime) -> OeeFactors:
        if station is None:
            return line_factors([self._factors(s, start, end, now) for s in self._stations],
                                start, min(end, now))
        if station not in self._stations:
            raise KeyError(f"no OEE for station {station!r}; known: {', '.join(self._stations)}")
        # Stops that began before `start` decide whether their time is minor or downtime.
        lookback = start - timedelta(days=1)
        changes = self.db.state_changes(station, lookback, min(end, now))
        return station_factors(station, changes, self.db.counts(station, start, end), start,
                               end, now, self.calendar, self.minor_stop_s(station),
                               self.ideal_rate(station))

    def current_shift(self, station: str | None = None) -> OeeFactors | None:
        now = self._clock()
        window = self.calendar.shift_at(now)
        return None if window is None else self.factors(station, window.start, window.end)

    def last_hour(self, station: str | None = None) -> OeeFactors:
        now = self._clock()
        return self.factors(station, now - timedelta(hours=1), now)

    def waterfall(self, station: str | None, start: datetime, end: datetime
                  ) -> list[WaterfallStep]:
        """Planned time down to fully productive time, loss by loss (the OEE screen)."""
        return waterfall(self.factors(station, start, end),
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
        result = {s: (0, 0.0) for s in self._stations}
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


def _state_of(value: TagValue) -> PackMLState | None:
    if not value.quality.is_live or not isinstance(value.value, int | float):
        return None
    try:
        return PackMLState(int(value.value))
    except ValueError:
        return None


def _plc(hints: Sequence[str]) -> int | None:
    for hint in hints:
        if hint.startswith("plc:"):
            return int(hint[4:])
    return None
