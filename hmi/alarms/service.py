"""AlarmEngine: the evaluation core plus operator actions and the TagStore worker thread.

Operator actions check the user's role at the alarm's station through an `Authorizer`
(hmi.core.commands.CommandService fits: it also audits refusals), and commit their journal
rows together with their audit-trail entries, or nothing at all:

    ack_alarm     acknowledge (one, or a page: a list of ids), reset a latched alarm
    shelve_alarm  shelve (timed or one-shot, reason, at most the alarm's max_shelve_s), unshelve
    bypass        remove from service, return to service (reason required by default)
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Protocol

from hmi.alarms.engine import AlarmCore, Clock
from hmi.alarms.journal import AlarmJournal, JournalRow
from hmi.alarms.model import AlarmState, AlarmView, Event, OutOfService, ShelveKind, Shelving
from hmi.alarms.record import AlarmRecord
from hmi.config.alarms import AlarmDef
from hmi.config.schema import LineConfig
from hmi.core.audit_event import AuditEvent
from hmi.core.commands import Actor, CommandRefused
from hmi.core.roles import Action
from hmi.core.tags import TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text

log = logging.getLogger(__name__)

S = AlarmState
TICK_S = 0.25  # delays and shelving expire within this of their time


class Authorizer(Protocol):
    def authorize(
        self, username: str, station: str, action: str, *, reason: str = "",
        client_host: str = "",
    ) -> tuple[Actor, str]:
        """The actor and the role allowing `action` at `station`; raises CommandRefused."""
        ...


class AlarmActionRefused(CommandRefused):
    """An operator action that does not apply (unknown alarm, nothing to acknowledge)."""


_Step = Callable[[AlarmRecord], Event | None]


class AlarmEngine(AlarmCore):
    def __init__(self, config: LineConfig, journal: AlarmJournal, *,
                 authorizer: Authorizer | None = None, clock: Clock = utc_now,
                 external: Sequence[AlarmDef] = ()) -> None:
        """Rebuilds every alarm's state from the journal (an Unack alarm stays Unack).
        `external`: alarms other services raise (hmi.alarms.external), beside the config's."""
        super().__init__(config, journal, clock, external)
        self._authorizer = authorizer
        self._thread: threading.Thread | None = None

    # ---- operator actions ----------------------------------------------------------------
    def acknowledge(self, username: str, alarm_ids: Sequence[str], *,
                    client_host: str = "") -> list[str]:
        """Acknowledge one alarm or a page of them; returns the ids that needed it.

        All or nothing: a page with one alarm the user may not acknowledge acknowledges none.
        """
        def ack(record: AlarmRecord) -> Event | None:
            if record.state is S.UNACK:
                # Still active: acknowledged; cleared (only a latched alarm stays Unack
                # after clearing): waits for its reset.
                record.state = S.ACKED if record.active else S.LATCHED
                return Event.ACK
            if record.state is S.RTN_UNACK:
                record.state = S.NORMAL
                return Event.ACK
            return None

        return self._act(username, alarm_ids, Action.ACK_ALARM, ack, client_host=client_host)

    def reset(self, username: str, alarm_ids: Sequence[str], *, client_host: str = "") -> list[str]:
        """Release latched alarms that have cleared and been acknowledged."""
        def reset(record: AlarmRecord) -> Event | None:
            if record.state is not S.LATCHED:
                return None
            record.state = S.NORMAL
            return Event.RESET

        return self._act(username, alarm_ids, Action.ACK_ALARM, reset, client_host=client_host)

    def shelve(self, username: str, alarm_id: str, *, reason: str,
               duration_s: float | None = None, one_shot: bool = False,
               client_host: str = "") -> AlarmView:
        """Shelve for `duration_s` (default and most: the alarm's max_shelve_s); one-shot
        also ends when the alarm next returns to normal."""
        kind = ShelveKind.ONE_SHOT if one_shot else ShelveKind.TIMED

        def shelve(record: AlarmRecord) -> Event | None:
            # Checked after the role (a user who may not shelve hears that first).
            limit_s = record.definition.max_shelve_s
            seconds = limit_s if duration_s is None else duration_s
            if not 0 < seconds <= limit_s:
                raise AlarmActionRefused(user_text(QT_TRANSLATE_NOOP(
                    "AlarmMessages", "alarm {alarm} may be shelved for at most {hours} h "
                    "({seconds} s): choose a shorter time"), alarm=alarm_id,
                    hours=f"{limit_s / 3600:g}", seconds=f"{limit_s:g}"))
            if not reason.strip():
                raise AlarmActionRefused(user_text(QT_TRANSLATE_NOOP(
                    "AlarmMessages", "shelving alarm {alarm} needs a reason: say why"),
                    alarm=alarm_id))
            until = self._clock() + timedelta(seconds=seconds)
            record.shelving = Shelving(kind, until, username, reason)
            return Event.SHELVE

        self._act(username, [alarm_id], Action.SHELVE_ALARM, shelve, reason=reason,
                  client_host=client_host)
        return self.view(alarm_id)

    def unshelve(self, username: str, alarm_id: str, *, reason: str = "",
                 client_host: str = "") -> AlarmView:
        def unshelve(record: AlarmRecord) -> Event | None:
            if record.shelving is None:
                return None
            record.shelving = None
            return Event.UNSHELVE

        self._act(username, [alarm_id], Action.SHELVE_ALARM, unshelve, reason=reason,
                  client_host=client_host)
        return self.view(alarm_id)

    def remove_from_service(self, username: str, alarm_id: str, *, reason: str,
                            client_host: str = "") -> AlarmView:
        """Out of service (maintenance): not annunciated until returned to service."""
        def remove(record: AlarmRecord) -> Event | None:
            if record.out_of_service is not None:
                return None
            if not reason.strip():
                raise AlarmActionRefused(user_text(QT_TRANSLATE_NOOP(
                    "AlarmMessages", "taking alarm {alarm} out of service needs a reason: say "
                    "why"), alarm=alarm_id))
            record.out_of_service = OutOfService(username, reason, self._clock())
            record.state = S.NORMAL
            return Event.OUT_OF_SERVICE

        self._act(username, [alarm_id], Action.BYPASS, remove, reason=reason,
                  client_host=client_host)
        return self.view(alarm_id)

    def return_to_service(self, username: str, alarm_id: str, *, reason: str = "",
                          client_host: str = "") -> AlarmView:
        def restore(record: AlarmRecord) -> Event | None:
            if record.out_of_service is None:
                return None
            record.out_of_service = None
            return Event.RETURN_TO_SERVICE

        self._act(username, [alarm_id], Action.BYPASS, restore, reason=reason,
                  client_host=client_host)
        return self.view(alarm_id)

    def view(self, alarm_id: str) -> AlarmView:
        with self._lock:
            return self._known([alarm_id])[0].view()

    # ---- TagStore wiring -----------------------------------------------------------------
    def start(self, store: TagStore, tick_s: float = TICK_S) -> None:
        """Subscribe to the store and evaluate on a thread of its own ("lineside-alarms"):
        the store's subscribers run on the IoThread and must not wait on the database."""
        self._queue: queue.SimpleQueue[Sequence[TagValue] | None] = queue.SimpleQueue()
        self._unsubscribe = store.subscribe(self._queue.put)
        current = store.snapshot()
        self._queue.put([current[t] for t in self.watched_tags if t in current])
        self._thread = threading.Thread(target=self._run, args=(tick_s,),
                                        name="lineside-alarms", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._unsubscribe()
        self._queue.put(None)
        self._thread.join()
        self._thread = None

    def _run(self, tick_s: float) -> None:
        while True:
            try:
                batch = self._queue.get(timeout=tick_s)
            except queue.Empty:
                batch = []
            if batch is None:
                return
            merged = list(batch)
            while True:  # take what queued up meanwhile: one evaluation, one transaction
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)
                    break
                merged.extend(more)
            try:
                self.process(merged) if merged else self.tick()
            except Exception:
                log.exception("alarm evaluation failed")

    # ---- internals -----------------------------------------------------------------------
    def _known(self, alarm_ids: Sequence[str]) -> list[AlarmRecord]:
        unknown = [a for a in alarm_ids if a not in self._alarms]
        if unknown:
            raise AlarmActionRefused(user_text(QT_TRANSLATE_NOOP(
                "AlarmMessages", "no alarm {alarms} in this line's config"),
                alarms=", ".join(unknown)))
        return [self._alarms[a] for a in alarm_ids]

    def _act(self, username: str, alarm_ids: Sequence[str], action: Action, step: _Step, *,
             reason: str = "", client_host: str = "") -> list[str]:
        authorizer = self._authorizer
        if authorizer is None:
            raise AlarmActionRefused(user_text(QT_TRANSLATE_NOOP(
                "AlarmMessages", "alarm actions need the command service: none is wired")))
        records = self._known(list(dict.fromkeys(alarm_ids)))  # ids and stations are fixed
        actors: dict[str, tuple[Actor, str]] = {}
        for record in records:  # every station checked before anything changes
            if record.station not in actors:  # (database calls: outside the engine's lock)
                actors[record.station] = authorizer.authorize(
                    username, record.station, action, reason=reason, client_host=client_host)
        with self._lock:
            now = self._clock()
            saved = {r.id: r.copy() for r in records}
            rows: list[JournalRow] = []
            audit: list[AuditEvent] = []
            done: list[str] = []
            for record in records:
                before = record.state
                event = step(record)
                if event is None:
                    continue
                self._record(record, now, event, before, rows, username, reason)
                if event is Event.RETURN_TO_SERVICE:
                    self._unhide(record, now, rows)
                actor, role = actors[record.station]
                audit.append(AuditEvent(
                    username=actor.username, full_name=actor.full_name, role=role,
                    action=f"alarm_{event}", object_type="alarm", object_id=record.id,
                    field="state", old_value=str(before), sent_value=str(record.state),
                    reason=reason, client_host=actor.client_host))
                done.append(record.id)
            rows.extend(self._settle(now))  # e.g. a first-out gone: its consequences show
            try:
                self._journal.append(rows, audit)
            except Exception:
                for record in records:  # in place: the tag index holds these objects
                    record.take(saved[record.id])
                raise
            summary = self._summary() if rows else None
        self._notify(summary)
        return done
