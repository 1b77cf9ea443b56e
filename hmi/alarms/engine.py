"""The alarm engine: conditions -> delays -> ISA-18.2 states, first-out, suppression, journal.

`process(batch)` takes TagValue batches (what a TagStore subscriber gets) and `tick()`
lets time pass (on-delays, off-delays and shelving expire on the clock, not only when a
value arrives). Every state change becomes one journal row, written in one transaction per
call; listeners then get the new AlarmSummary. All methods are thread-safe (one lock);
operator actions live in hmi.alarms.actions and share this lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from hmi.alarms.conditions import ConditionState
from hmi.alarms.journal import AlarmJournal, JournalRow
from hmi.alarms.model import AlarmState, AlarmSummary, Event, legal
from hmi.alarms.record import AlarmRecord
from hmi.config.alarms import AlarmDef, state_tag
from hmi.config.schema import LineConfig
from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.user_text import QT_TRANSLATE_NOOP, Said, user_text

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Listener = Callable[[AlarmSummary], None]
S = AlarmState
# Start-up: every value is COMM_LOST until its link connects. A comm-loss alarm waits for its
# connection's first answer (ISA-18.2 state-based suppression), but at most this long: a
# PLC that never comes up is still told [EST: reconnects take 2-5 s].
STARTUP_GRACE_S = 30.0
ANSWERED = (Quality.GOOD, Quality.UNCERTAIN, Quality.BAD)  # BAD: the PLC said so, link up


class IllegalTransition(RuntimeError):
    """The engine was about to make a transition ISA-18.2 does not have (a bug)."""


class AlarmCore:
    def __init__(self, config: LineConfig, journal: AlarmJournal, clock: Clock = utc_now,
                 external: Sequence[AlarmDef] = (),
                 startup_grace_s: float = STARTUP_GRACE_S) -> None:
        self._journal = journal
        self._clock = clock
        self._grace_until = clock() + timedelta(seconds=startup_grace_s)
        self._link_of_tag = {t.id: c for t in config.tags
                             if (c := config.tag_connection(t)) is not None}
        self._answered: set[str] = set()  # connections that have answered since start
        self._held: dict[str, str] = {}  # comm-loss alarm id -> its connection
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._latest: dict[str, TagValue] = {}
        self._alarms: dict[str, AlarmRecord] = {}
        self._by_tag: dict[str, list[AlarmRecord]] = {}
        for index, definition in enumerate(config.alarms):
            record = _record(config, definition, index)
            self._alarms[definition.id] = record
            for tag_id in (*record.judge.watched(), *_state_tags(definition)):
                self._by_tag.setdefault(tag_id, []).append(record)
        # Raised by another service (hmi.alarms.external), never judged from the TagStore.
        self._external: set[str] = set()
        for definition in external:
            if definition.id in self._alarms:
                continue  # the config's own alarm of that id wins
            record = _record(config, definition, len(self._alarms))
            self._alarms[definition.id] = record
            self._external.add(definition.id)
            for tag_id in _state_tags(definition):
                self._by_tag.setdefault(tag_id, []).append(record)
        for alarm_id, row in journal.latest_per_alarm().items():
            if alarm_id in self._alarms:
                self._alarms[alarm_id].restore(row)
        for record in self._alarms.values():
            d = record.definition
            if d.kind == "quality" and d.condition == "comm_loss":
                link = d.connection or self._link_of_tag.get(d.tag or "")
                if link is not None:
                    self._held[record.id] = link
        self._links = len(set(self._held.values()))

    # ---- reading -------------------------------------------------------------------------
    @property
    def alarm_ids(self) -> tuple[str, ...]:
        return tuple(self._alarms)

    @property
    def watched_tags(self) -> tuple[str, ...]:
        return tuple(self._by_tag)

    def summary(self) -> AlarmSummary:
        with self._lock:
            return self._summary()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """`listener(summary)` after every change, on the thread that made it (outside the
        engine's lock; summaries from two threads may arrive out of order: compare `at`)."""
        with self._lock:
            self._listeners = [*self._listeners, listener]

        def remove() -> None:
            with self._lock:
                self._listeners = [x for x in self._listeners if x is not listener]

        return remove

    # ---- evaluation ----------------------------------------------------------------------
    def process(self, batch: Sequence[TagValue]) -> None:
        """New values (a TagStore batch): judge the alarms that read them, then settle."""
        with self._lock:
            now = self._clock()
            touched: dict[str, AlarmRecord] = {}
            for value in batch:
                self._latest[value.tag_id] = value
                if value.quality in ANSWERED and len(self._answered) < self._links:
                    link = self._link_of_tag.get(value.tag_id)
                    if link is not None:
                        self._answered.add(link)
                for record in self._by_tag.get(value.tag_id, ()):
                    touched[record.id] = record
            for record in touched.values():
                self._judge(record, now)
            summary = self._commit(self._settle(now))
        self._notify(summary)

    def raise_external(self, alarm_id: str, active: bool, message: str | None = None) -> bool:
        """Set an externally raised alarm's condition (an SPC rule firing: True; the newest
        point clean again: False); `message` becomes its value (the rule named). The
        alarm's delays, states, journal and audit then apply as for any alarm. Returns
        False for an id that is not an external alarm here (the call is ignored)."""
        if alarm_id not in self._external:
            return False
        with self._lock:
            record = self._alarms[alarm_id]
            now = self._clock()
            moved = message is not None and message != record.value
            if message is not None:
                record.value = message
            if active != record.raw:
                record.raw, record.raw_since = active, now
            rows = self._settle(now)
            summary = self._commit(rows)
            if summary is None and moved and record.annunciated:
                summary = self._summary()  # a new rule on a standing alarm: show it
        self._notify(summary)
        return True

    def tick(self) -> None:
        """Let time pass: delays that ran out, shelving that expired."""
        with self._lock:
            summary = self._commit(self._settle(self._clock()))
        self._notify(summary)

    def _judge(self, record: AlarmRecord, now: datetime) -> None:
        d = record.definition
        if d.tag is not None and d.tag in self._latest:
            record.value = self._latest[d.tag].value
        raw = record.judge.judge(self._latest, bool(record.raw))
        if raw is not None and raw != record.raw:
            record.raw, record.raw_since = raw, now

    def _settle(self, now: datetime) -> list[JournalRow]:
        """Apply whatever is due at `now`, in an order that makes first-out well defined."""
        rows: list[JournalRow] = []
        self._update_suppression(now, rows)
        due: list[tuple[datetime, int, AlarmRecord, bool]] = []
        for record in self._alarms.values():
            if record.raw is None or record.raw == record.active or record.raw_since is None:
                continue
            if record.raw and self._held_at_startup(record, now):
                continue
            d = record.definition
            delay = d.on_delay_s if record.raw else d.off_delay_s
            at = record.raw_since + timedelta(seconds=delay)
            if at <= now:
                due.append((at, record.index, record, record.raw))
        # Within one scan the condition that began first is the first-out; then config order.
        for _, _, record, raw in sorted(due, key=lambda item: (item[0], item[1])):
            self._update_suppression(now, rows, only=record)
            if raw:
                self._activate(record, now, rows)
            else:
                self._return(record, now, rows)
        self._update_suppression(now, rows)
        self._expire_shelving(now, rows)
        return rows

    def _held_at_startup(self, record: AlarmRecord, now: datetime) -> bool:
        """A comm-loss alarm whose link has not answered once since start, within the grace."""
        link = self._held.get(record.id)
        return link is not None and link not in self._answered and now < self._grace_until

    def _activate(self, record: AlarmRecord, now: datetime, rows: list[JournalRow]) -> None:
        before = record.state
        record.active = True
        if not record.hidden:
            group = record.definition.trip_group
            if group is not None and before is not S.UNACK and self._first_out(group) is None:
                record.first_out = True
            record.state = S.UNACK
            record.since = now
        self._record(record, now, Event.ACTIVATE, before, rows)

    def _return(self, record: AlarmRecord, now: datetime, rows: list[JournalRow]) -> None:
        before = record.state
        record.active = False
        latched = record.definition.latched
        if record.hidden:
            record.state = S.NORMAL
        elif before is S.UNACK:
            record.state = S.UNACK if latched else S.RTN_UNACK
        elif before is S.ACKED:
            record.state = S.LATCHED if latched else S.NORMAL
        shelving = record.shelving
        if shelving is not None and shelving.kind == "one_shot":
            record.shelving = None  # a one-shot shelve ends when the alarm clears
        self._record(record, now, Event.RETURN, before, rows)
        if shelving is not None and record.shelving is None:
            self._record(record, now, Event.UNSHELVE, record.state, rows,
                         reason=Said.of(user_text(QT_TRANSLATE_NOOP(
                             "AlarmMessages",
                             "one-shot shelve ended: the alarm returned to normal"))))

    def _update_suppression(self, now: datetime, rows: list[JournalRow],
                            only: AlarmRecord | None = None) -> None:
        for record in [only] if only is not None else list(self._alarms.values()):
            suppressed = self._suppressed_by_design(record)
            if suppressed == record.suppressed:
                continue
            record.suppressed = suppressed
            self._record(record, now, Event.SUPPRESS if suppressed else Event.UNSUPPRESS,
                         record.state, rows)
            if not record.hidden:
                self._unhide(record, now, rows)

    def _unhide(self, record: AlarmRecord, now: datetime, rows: list[JournalRow]) -> None:
        """Back in view with its condition still present: the operator must see it now."""
        if record.active and record.state in (S.NORMAL, S.RTN_UNACK, S.LATCHED):
            self._activate(record, now, rows)

    def _suppressed_by_design(self, record: AlarmRecord) -> bool:
        """Suppression by design keeps alarms from being raised; one already raised stays
        in view until it is answered (a first-out must not vanish when its station stops)."""
        if record.state is not S.NORMAL:
            return False
        d = record.definition
        if d.suppress_unless is not None:
            state = self._latest.get(state_tag(d.suppress_unless.station))
            if state is None:
                # Not read yet (just started): keep what the journal said, so a restart
                # does not flash up alarms that were suppressed by design.
                if record.suppressed:
                    return True
            # Not live (lost, stale, bad): alarms stay in view, the safe side.
            elif (state.quality.is_live and isinstance(state.value, int)
                    and state.value not in d.suppress_unless.state_values()):
                return True
        for group in (d.trip_group, d.consequence_of):
            if group is None:
                continue
            first = self._first_out(group)
            if first is not None and first is not record:
                return True
        return False

    def _first_out(self, group: str) -> AlarmRecord | None:
        return next((r for r in self._alarms.values()
                     if r.first_out and r.definition.trip_group == group), None)

    def _expire_shelving(self, now: datetime, rows: list[JournalRow]) -> None:
        for record in self._alarms.values():
            shelving = record.shelving
            if shelving is not None and shelving.until <= now:
                record.shelving = None
                self._record(record, now, Event.UNSHELVE, record.state, rows,
                             reason=_expired(shelving.kind))

    # ---- bookkeeping ---------------------------------------------------------------------
    def _record(self, record: AlarmRecord, now: datetime, event: Event, before: AlarmState,
                rows: list[JournalRow], username: str = "", reason: str = "") -> None:
        if not legal(event, before, record.state, record.hidden):
            raise IllegalTransition(
                f"alarm {record.id}: {event} may not go {before} -> {record.state}"
                f"{' (hidden)' if record.hidden else ''}"
            )
        if record.state is S.NORMAL:
            record.first_out = False
            record.since = None
        if record.state is not before:
            record.changed_at = now
        rows.append(record.row(now, event, before, username, reason))

    def _commit(self, rows: list[JournalRow]) -> AlarmSummary | None:
        """Store the rows; the summary for the listeners when anything changed."""
        if not rows:
            return None
        try:
            self._journal.append(rows, self._journal.system_events(rows))
        except Exception:
            # The alarm display must go on even when the database cannot take the rows.
            log.exception("alarm journal: %d state changes could not be stored", len(rows))
        return self._summary()

    def _notify(self, summary: AlarmSummary | None) -> None:
        """Outside the lock: a listener may take its time or read the engine back."""
        if summary is None:
            return
        for listener in self._listeners:
            try:
                listener(summary)
            except Exception:
                log.exception("alarm listener failed")

    def _summary(self) -> AlarmSummary:
        views = [r.view() for r in self._alarms.values()]
        active = sorted((v for v in views if v.annunciated),
                        key=lambda v: (v.priority, -(v.since or v.changed_at or _EPOCH)
                                       .timestamp()))
        counts = {p: 0 for p in range(1, 5)}
        for view in active:
            if view.unacked:
                counts[view.priority] += 1
        return AlarmSummary(
            at=self._clock(), active=tuple(active), unacked_by_priority=counts,
            shelved=tuple(v for v in views if v.shelving is not None),
            suppressed=tuple(v for v in views if v.suppressed),
            out_of_service=tuple(v for v in views if v.out_of_service is not None),
            first_out={r.definition.trip_group: r.id for r in self._alarms.values()
                       if r.first_out and r.definition.trip_group is not None},
        )


_EPOCH = datetime(1970, 1, 1).astimezone()


def _record(config: LineConfig, definition: AlarmDef, index: int) -> AlarmRecord:
    connection_tags: tuple[str, ...] = ()
    if definition.connection is not None:
        connection_tags = tuple(t.id for t in config.tags_of_connection(definition.connection))
        station = next((s.id for s in config.stations
                        if s.connection == definition.connection), "*")
    else:
        assert definition.tag is not None
        station = definition.tag.split(".", 1)[0]
    return AlarmRecord(definition, index, ConditionState(definition, connection_tags), station)


def _state_tags(definition: AlarmDef) -> Iterable[str]:
    if definition.suppress_unless is not None:
        yield state_tag(definition.suppress_unless.station)


def _expired(kind: str) -> str:
    """The journal's reason for a shelf the clock ended: English for the CLI and reports,
    its template kept (a Said) for the journal view in the panel's language."""
    if kind == "one_shot":
        text = user_text(QT_TRANSLATE_NOOP(
            "AlarmMessages", "one_shot shelve expired at its time limit"))
    else:
        text = user_text(QT_TRANSLATE_NOOP(
            "AlarmMessages", "timed shelve expired at its time limit"))
    return Said.of(text, f"{kind} shelve expired at its time limit")
