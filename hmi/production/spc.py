"""SPC per characteristic: subgroups from live tags, limits from a baseline, run rules,
capability, and the gates (DOMAIN.md 5.2).

    spc = build_spc(config, store, holds=holds, lot_of=recipes_now.lot_of)  # .build
    spc.start()                         # subscribes to the TagStore, starts its worker
    remove = spc.add_listener(on_event) # SpcEvent per rule violation / capability hold
    spc.chart("coat_weight")            # ChartView: points, limits, violations, capability
    spc.first_article_status("coater", since, 1)  # the changeover's gate (waiting/passed/..)
    spc.set_baseline("coat_weight", start, end)   # limits from a chosen baseline period
    spc.stop()

Limits: until a baseline is set, the first `baseline_subgroups` subgroups are the baseline.
Only a producing station is sampled (hmi.production.spc_producing); a subgroup begun
before a stop is dropped.
Rules are judged on every new point against those limits; each firing is one SpcEvent
(listeners run on the thread that delivered the values: the IoThread; marshal to Qt).
Gate: on a `critical` characteristic a computed Cpk below 1.33 places the station's
current lot on hold (LotHoldStore, source "spc:<id>") with its containment record, once
per lot until Cpk recovers. Capability and the hold run on the monitor's worker thread
(tens of ms per judgement, a database write): their SpcEvent comes from that thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from hmi.config.production import Characteristic
from hmi.core.tags import TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.core.user_text import Said, joined, said
from hmi.production.capability import (
    CPK_HOLD,
    Limits,
    LimitsError,
)
from hmi.production.first_article import ChartState, first_article_status
from hmi.production.holds import LotHold, LotHoldStore
from hmi.production.spc_analysis import (
    CAPABILITY_WINDOW,
    ChartView,
    analyse,
    back_in_control,
    first_subgroups,
    judge,
    limits_for,
    rule_message,
)
from hmi.production.spc_producing import ProducingGate
from hmi.production.spc_store import SpcRecorder, SpcStore
from hmi.production.subgroups import Point, Subgrouper
from recipes.first_article import FirstArticleStatus

log = logging.getLogger(__name__)

MAX_POINTS = 2000  # per characteristic in memory (hours of points at a few per minute)
RULE_WINDOW = 30  # points judged on each new point: the longest rule (N7) needs 15


@dataclass(frozen=True, slots=True)
class SpcEvent:
    characteristic: str
    station: str
    kind: str  # "rule" | "capability"
    rule: str  # WE1..N8, R, or "Cpk"
    message: str
    at: datetime
    value: float
    hold: LotHold | None = None


class _Chart:
    def __init__(self, char: Characteristic) -> None:
        self.char = char
        self.subgrouper = Subgrouper(char)
        self.points: deque[Point] = deque(maxlen=MAX_POINTS)
        self.limits: Limits | None = None
        self.baseline = "no limits yet"
        self.held_lot: str | None = None
        self.capable_at: datetime | None = None  # the last point with Cpk >= 1.33
        self.judging = False  # a capability judgement waits on the worker
        self.told_no_lot = False
        self.alarm: tuple[bool, str] | None = None  # what the run-rule alarm was last told


Listener = Callable[[SpcEvent], None]
# Sets the run-rule alarm of a characteristic: (characteristic id, active, message). The
# composition root passes the alarm engine's raise_external (hmi.alarms.external).
AlarmSink = Callable[[str, bool, str], object]


class SpcMonitor:
    def __init__(self, chars: Sequence[Characteristic], *, store: TagStore | None = None,
                 holds: LotHoldStore | None = None,
                 lot_of: Callable[[str], str | None] | None = None,
                 clock: Callable[[], datetime] = utc_now,
                 alarm_sink: AlarmSink | None = None,
                 record: SpcStore | None = None) -> None:
        self._alarm_sink = alarm_sink
        # The plant database's SPC record: restored at start, added to on the worker.
        self._recorder = SpcRecorder(record) if record is not None else None
        self._charts = {c.id: _Chart(c) for c in chars}
        self._by_tag: dict[str, list[_Chart]] = {}
        for chart in self._charts.values():
            for tag in chart.char.tags:
                self._by_tag.setdefault(tag, []).append(chart)
        self._producing = ProducingGate(chars)
        self._store = store
        self._holds = holds
        self._lot_of = lot_of
        self._clock = clock
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._work: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    @property
    def characteristics(self) -> tuple[Characteristic, ...]:
        return tuple(c.char for c in self._charts.values())

    def start(self) -> None:
        if self._recorder is not None:
            try:
                self._restore(self._recorder)
            except Exception as exc:  # a plant database on a server, away at start
                log.warning("SPC charts start empty: their record could not be read "
                            "(plant database: %s)", exc)
        self._worker = threading.Thread(target=self._run, name="spc-worker", daemon=True)
        self._worker.start()
        if self._store is not None:
            self._unsubscribe = self._store.subscribe(self.on_values)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._worker is not None:
            if self._recorder is not None:
                self._work.put(self._recorder.flush)  # what is still buffered
            self._work.put(None)
            self._worker.join()
            self._worker = None

    def _restore(self, recorder: SpcRecorder) -> None:
        """The charts and limits as the record left them (a restart keeps both)."""
        points, limits = recorder.restore(list(self._charts), MAX_POINTS)
        with self._lock:
            for cid, chart in self._charts.items():
                chart.points.extend(points.get(cid, ()))
                stored = limits.get(cid)
                if stored is not None and stored.limits.chart == chart.char.chart:
                    chart.limits, chart.baseline = stored.limits, stored.baseline

    def _save_point(self, characteristic: str, point: Point) -> None:
        if self._recorder is not None and self._recorder.add_point(characteristic, point):
            self._work.put(self._recorder.flush)

    def _save_limits(self, chart: _Chart, by: str) -> None:
        if self._recorder is None or chart.limits is None:
            return
        if self._recorder.add_limits(chart.char.id, chart.limits, chart.baseline,
                                     self._clock(), by):
            self._work.put(self._recorder.flush)

    def drain(self) -> None:
        """Wait until the worker has done what was queued (holds)."""
        if self._worker is not None:
            self._work.join()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners = [*self._listeners, listener]

        def remove() -> None:
            with self._lock:
                self._listeners = [x for x in self._listeners if x is not listener]
        return remove

    # ---- values in ----------------------------------------------------------------------
    def on_values(self, batch: Sequence[TagValue]) -> None:
        events: list[SpcEvent] = []
        with self._lock:
            for value in batch:
                if self._producing.is_state(value.tag_id):
                    stopped = self._producing.on_state(value, self._clock())
                    for chart in self._charts.values():  # no subgroup straddles a stop
                        if chart.char.station == stopped:
                            chart.subgrouper = Subgrouper(chart.char)
                charts = self._by_tag.get(value.tag_id)
                if not charts or not value.quality.is_live:
                    continue
                if not isinstance(value.value, int | float) or isinstance(value.value, bool):
                    continue
                at = self._clock()
                for chart in charts:
                    if not self._producing.admits(chart.char, at):
                        continue
                    point = chart.subgrouper.add(value.tag_id, float(value.value), at)
                    if point is not None:
                        events += self._on_point(chart, point)
            listeners = self._listeners
        for event in events:
            for listener in listeners:
                try:
                    listener(event)
                except Exception:  # one bad listener must not stop SPC
                    log.exception("SPC listener failed")

    def add_point(self, characteristic: str, point: Point) -> list[SpcEvent]:
        """A subgroup measured elsewhere (a lab value, a gauge file), as if it arrived."""
        with self._lock:
            events = self._on_point(self._charts[characteristic], point)
            listeners = self._listeners
        for event in events:
            for listener in listeners:
                listener(event)
        return events

    def _on_point(self, chart: _Chart, point: Point) -> list[SpcEvent]:
        chart.points.append(point)
        self._save_point(chart.char.id, point)
        char = chart.char
        if chart.limits is None:
            if len(chart.points) >= char.baseline_subgroups:
                chart.limits = limits_for(char, list(chart.points))
                chart.baseline = first_subgroups(len(chart.points))
                self._save_limits(chart, "spc-monitor")
            return []
        recent = _tail(chart.points, RULE_WINDOW)
        last = len(recent) - 1
        events = [SpcEvent(char.id, char.station, "rule", v.rule,
                           rule_message(char, v.rule, v.description, point.value), point.at,
                           point.value)
                  for v in judge(char, recent, chart.limits) if v.index == last]
        self._tell_alarm(chart, point, events)
        if char.critical and len(chart.points) >= char.min_subgroups and not chart.judging:
            # Capability over 100 subgroups costs tens of ms: judged on the worker, and
            # while one judgement waits, newer points join it rather than queue more.
            chart.judging = True
            self._work.put(lambda: self._capability_gate(chart))
        return events

    def _tell_alarm(self, chart: _Chart, point: Point, events: Sequence[SpcEvent]) -> None:
        """The run-rule alarm is active while the newest point breaks a rule, and returns
        when a point breaks none; only changes are sent, on the worker (the alarm journal
        is a database write and this runs on the IoThread)."""
        sink = self._alarm_sink
        if sink is None:
            return
        char = chart.char
        if events:
            told = (True, Said.of(joined([said(e.message) for e in events])))
        else:
            told = (False, back_in_control(char, point.value))
        # The first judgement is always sent: after a restart the journal may hold the
        # alarm active, and a clean first point must clear it.
        if chart.alarm is not None and chart.alarm[0] == told[0] and (
                not told[0] or chart.alarm[1] == told[1]):
            return  # nothing new: a clean point after a clean point, the same rule again
        chart.alarm = told
        active, message = told
        self._work.put(lambda: self._send_alarm(sink, char.id, active, message))

    @staticmethod
    def _send_alarm(sink: AlarmSink, characteristic: str, active: bool, message: str) -> None:
        try:
            sink(characteristic, active, message)
        except Exception:  # the alarm system's trouble must not stop SPC
            log.exception("SPC alarm for %s could not be set", characteristic)

    def _capability_gate(self, chart: _Chart) -> None:
        char = chart.char
        with self._lock:
            chart.judging = False
            points = _tail(chart.points, CAPABILITY_WINDOW)
            limits, baseline = chart.limits, chart.baseline
        if not points or limits is None:
            return
        point = points[-1]
        view = analyse(char, points, limits, baseline)
        cap = view.capability
        if cap is None or cap.cpk is None:
            return
        lot = self._lot_of(char.station) if self._lot_of is not None else None
        with self._lock:
            if cap.cpk >= CPK_HOLD:
                chart.held_lot = None  # capable again: a later drop holds again
                chart.told_no_lot = False
                chart.capable_at = point.at
                return
            if lot is None:
                if chart.told_no_lot:
                    return
                chart.told_no_lot = True  # said once until capable again
            elif lot == chart.held_lot:
                return
            chart.held_lot = lot
            since = chart.capable_at or points[0].at
            listeners = self._listeners
        event = self._hold_event(char, cap.cpk, lot, since, point)
        if event.hold is None and lot is not None and self._holds is not None:
            return
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # one bad listener must not stop SPC
                log.exception("SPC listener failed")

    def _hold_event(self, char: Characteristic, cpk: float, lot: str | None,
                    since: datetime, point: Point) -> SpcEvent:
        if lot is None:
            return SpcEvent(char.id, char.station, "capability", "Cpk",
                            f"{char.id}: Cpk {cpk:.2f} < {CPK_HOLD}; no current lot known at "
                            f"{char.station}, nothing held", point.at, cpk)
        reason = (f"SPC: Cpk {cpk:.2f} < {CPK_HOLD} on critical characteristic {char.id} "
                  f"({char.description or char.id}). Containment: 100 % inspection of lot "
                  f"{lot} back to the last capable point ({since:%Y-%m-%d %H:%M:%S} UTC); "
                  "a corrective action record is required before release.")
        hold = None
        if self._holds is not None:
            try:
                hold = self._holds.place(lot, [char.station], reason, source=f"spc:{char.id}",
                                         actor="spc-monitor")
            except Exception:  # the database is busy or gone: say so, try on the next point
                log.exception("SPC hold of lot %s failed", lot)
                with self._lock:
                    char_state = self._charts[char.id]
                    char_state.held_lot = None
        return SpcEvent(char.id, char.station, "capability", "Cpk", reason, point.at, cpk, hold)

    def _run(self) -> None:
        while True:
            job = self._work.get()
            try:
                if job is None:
                    return
                job()
            except Exception:  # a failed hold is logged; the event was already raised
                log.exception("SPC worker job failed")
            finally:
                self._work.task_done()

    # ---- queries --------------------------------------------------------------------------
    def chart(self, characteristic: str) -> ChartView:
        chart = self._chart(characteristic)
        with self._lock:
            points = list(chart.points)
            return analyse(chart.char, points, chart.limits, chart.baseline)

    def set_baseline(self, characteristic: str, start: datetime, end: datetime,
                     by: str = "") -> Limits:
        """Limits from the points of start..end (refused with fewer than the baseline)."""
        chart = self._chart(characteristic)
        with self._lock:
            base = [p for p in chart.points if start <= p.at < end]
            if len(base) < chart.char.baseline_subgroups:
                raise LimitsError(
                    f"{characteristic}: {len(base)} subgroups in the baseline period, "
                    f"at least {chart.char.baseline_subgroups} needed")
            chart.limits = limits_for(chart.char, base)
            chart.baseline = f"{start:%Y-%m-%d %H:%M} .. {end:%Y-%m-%d %H:%M} UTC"
            self._save_limits(chart, by)
            return chart.limits

    def first_article_status(self, station: str, since: datetime,
                             subgroups: int = 1) -> FirstArticleStatus:
        """The changeover's first-article gate (recipes.first_article.FirstArticleJudge):
        the station's first `subgroups` points after `since` (hmi.production.first_article)."""
        states: list[ChartState] = []
        with self._lock:
            for chart in self._charts.values():
                if chart.char.station != station:
                    continue
                points = list(chart.points)
                first = next((i for i, p in enumerate(points) if p.at >= since), len(points))
                # The rules need the points before the first article, not the whole history.
                points = points[max(first - RULE_WINDOW, 0):]
                found = judge(chart.char, points, chart.limits) if chart.limits else []
                states.append(ChartState(chart.char, points, chart.limits, found))
        return first_article_status(station, states, since, subgroups)

    def _chart(self, characteristic: str) -> _Chart:
        chart = self._charts.get(characteristic)
        if chart is None:
            raise KeyError(f"no SPC characteristic {characteristic!r}; known: "
                           f"{', '.join(self._charts)}")
        return chart


def _tail(points: deque[Point], count: int) -> list[Point]:
    """The newest `count` points, oldest first, without copying the whole deque."""
    return list(islice(reversed(points), count))[::-1]

