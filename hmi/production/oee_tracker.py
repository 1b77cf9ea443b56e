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

from sqlalchemy import Connection

from hmi.config.production import StationOee
from hmi.core.audit_event import AuditEvent
from hmi.core.packml import PackMLState
from hmi.core.tags import TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.production import oee_offline
from hmi.production.oee_queries import IdealRates, OeeQueries
from hmi.production.oee_store import (
    DOWNTIME,
    MINOR,
    DowntimeEvent,
    Pending,
    ProductionStore,
)
from hmi.production.reasons import ReasonCode, ReasonTree
from hmi.production.shifts import ShiftCalendar
from hmi.security.audit import AuditTrail

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
HEARTBEAT_S = 60.0  # a still-running state is re-recorded this often (bounds a crash gap)
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


class OeeTracker(OeeQueries):
    def __init__(self, db_store: ProductionStore, stations: Sequence[StationOee],
                 kinds: Mapping[str, str], calendar: ShiftCalendar, reasons: ReasonTree,
                 audit: AuditTrail | None, *, tag_store: TagStore | None = None,
                 minor_stop_s: float = 120.0, default_ideal_rate_per_min: float = 60.0,
                 ideal_rates: IdealRates | None = None, hint_source: HintSource | None = None,
                 clock: Clock = utc_now, flush_s: float = 2.0) -> None:
        super().__init__(db_store, stations, calendar, reasons, clock, minor_stop_s,
                         default_ideal_rate_per_min, ideal_rates)
        self._audit = audit
        self._tag_store = tag_store
        self._hint_source = hint_source
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
        self._rehinted: list[_Stop] = []  # promoted stops whose hints grew
        self._unsubscribe: Callable[[], None] | None = None
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._beat_at = clock()
        self._crash_unclosed = False  # started offline: closed before the first write

    # ---- life cycle --------------------------------------------------------------------
    def start(self, *, thread: bool = True) -> None:
        """Follow the TagStore (its current values first); `thread=False`: the caller
        flushes (tests with a scripted clock)."""
        self._close_last_run()
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
        try:
            self.flush()
        except Exception as exc:  # the plant database is away: say what is lost, stop
            with self._lock:
                lost = len(self._pending.states) + len(self._ended)
            log.error("OEE: %d state changes and stops not recorded at stop (plant "
                      "database: %s)", lost, exc)

    def _close_last_run(self) -> None:
        try:
            with self.db.db.writing() as conn:
                self._close_crashed_run(conn)
        except Exception as exc:  # a plant database on a server, away: the line runs on
            log.warning("OEE: the last run's open state is closed at the first write "
                        "(plant database: %s)", exc)
            self._crash_unclosed = True

    def _close_crashed_run(self, conn: Connection) -> None:
        oee_offline.close_run(self.db, conn, list(self._stations))

    def _run(self) -> None:
        failing = False
        while not self._wake.wait(self._flush_s):
            try:
                self.flush()
            except Exception as exc:  # the database is busy or gone: the queue is kept
                if not failing:  # once per outage, not every flush_s
                    log.warning("OEE records wait in memory (plant database: %s); "
                                "retrying every %g s", exc, self._flush_s)
                failing = True
            else:
                if failing:
                    log.info("OEE records written again")
                failing = False

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
                        self._reason(st, int(value.value))
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

    def _reason(self, st: _Station, code: int) -> None:
        st.plc_reason = code
        stop = st.stop
        # The reason code often arrives a batch after the state: it still names this stop.
        if stop is not None and code and f"plc:{code}" not in stop.hints:
            stop.hints.insert(0, f"plc:{code}")
            if stop.event_id is not None:
                self._rehinted.append(stop)

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
        bucket = now.replace(second=0, microsecond=0)  # BUCKET_S
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
                if (now - self._beat_at).total_seconds() >= HEARTBEAT_S:
                    self._beat_at = now
                    self._pending.states += [(st.cfg.station, now, st.state, st.plc_reason)
                                             for st in self._stations.values()
                                             if st.state is not None]
                pending, self._pending = self._pending, Pending()
                ended, self._ended = self._ended, []
                rehinted, self._rehinted = self._rehinted, []
                to_open = [st.stop for st in self._stations.values()
                           if st.stop is not None and st.stop.event_id is None
                           and (now - st.stop.start).total_seconds()
                           >= self.minor_stop_s(st.cfg.station)]
            extra = {id(stop): self._hints_for(stop) for stop in to_open}
            opened: list[tuple[_Stop, int]] = []
            try:
                self._write(pending, ended, rehinted, to_open, extra, opened)
            except Exception:
                # Nothing of it committed (one transaction): all of it goes back in front
                # of what came since, and the next flush writes it (a plant database on a
                # server that is away; the stops still to open are opened then too).
                with self._lock:
                    self._pending = pending.then(self._pending)
                    self._ended = ended + self._ended
                    self._rehinted = rehinted + self._rehinted
                raise
            with self._lock:
                for stop, event_id in opened:
                    stop.event_id = event_id
                    stop.hints = extra[id(stop)]
                self._crash_unclosed = False

    def _write(self, pending: Pending, ended: list[_Stop], rehinted: list[_Stop],
               to_open: list[_Stop], extra: dict[int, list[str]],
               opened: list[tuple[_Stop, int]]) -> None:
        with self.db.db.writing() as conn:
            if self._crash_unclosed:  # before this run's first state (see start)
                self._close_crashed_run(conn)
            self.db.write(conn, pending)
            for stop in rehinted:
                assert stop.event_id is not None
                self.db.set_hints(conn, stop.event_id, stop.hints, _plc(stop.hints))
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
        return self._hints_to_last(station, hints)

    def _hints_to_last(self, station: str, hints: Sequence[str]) -> DowntimeEvent | None:
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

    def _unassigned(self) -> list[DowntimeEvent]:
        return self.db.unassigned()

    def _history(self, station: str) -> dict[str, int]:
        return self.db.reason_history(station)

    def pending_count(self) -> int:
        """How many downtime events wait for a reason (the header's count): one read, none
        of pending_reasons' per-event candidates and reason history."""
        self.flush()
        return len(self._unassigned())

    def pending_reasons(self) -> list[PendingReason]:
        """Downtime events without a reason, oldest first, each with its buttons."""
        self.flush()
        result = []
        for event in self._unassigned():
            kind = self._kind(event.station)
            history = self._history(event.station)
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
        if self._audit is None:
            raise ReasonError("this OEE view only reads: give reasons on the HMI")
        self.flush()
        return self._assign(event_id, code, user, note, full_name, role, client_host)

    def _assign(self, event_id: int, code: str, user: str, note: str, full_name: str,
                role: str, client_host: str) -> DowntimeEvent:
        assert self._audit is not None
        with self.db.db.writing() as conn:
            event = self.db.stop(event_id, conn)
            if event is None:
                raise ReasonError(f"no downtime event #{event_id}")
            reason = self._reason_for(event, code)
            at = self._clock()
            self.db.assign(conn, event_id, code, user, at, note)
            audit = self._audit
            audit.append_in(conn, AuditEvent(
                username=user, full_name=full_name or user, role=role,
                action="assign_downtime_reason", object_type="downtime_event",
                object_id=str(event_id), field="reason_code", old_value=event.reason_code,
                sent_value=code, reason=f"{event.describe(at)}: {reason.text}"
                + (f" ({note})" if note else ""), client_host=client_host))
        assigned = self.db.stop(event_id)
        assert assigned is not None
        return assigned

    def _reason_for(self, event: DowntimeEvent, code: str) -> ReasonCode:
        if event.kind != DOWNTIME:
            raise ReasonError(f"event #{event.id} is a minor stop: it needs no reason")
        kind = self._kind(event.station)
        if not self.reasons.is_downtime_reason(code):
            raise ReasonError(f"{code!r} is no downtime reason; choose one of the buttons")
        reason = self.reasons.get(code)
        if not reason.applies_to(kind):
            raise ReasonError(f"{code} ({reason.text}) does not apply to a {kind} station")
        return reason

    def _kind(self, station: str) -> str:
        st = self._stations.get(station)
        return st.kind if st is not None else "generic"

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
