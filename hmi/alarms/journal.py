"""The alarm journal: every state change of every alarm, append-only, in the plant database.

Each row carries the alarm's whole state after the change (state, condition, flags,
shelving, out of service), so the last row of an alarm is enough to rebuild it after a
restart, and the KPIs read activations straight from the rows. Operator actions commit in
the same transaction as their audit-trail entries: the journal and the audit never
disagree about what an operator did.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError

from hmi.alarms.model import AlarmState, Event, OutOfService, ShelveKind, Shelving
from hmi.core.audit_event import AuditEvent
from hmi.core.tags import Scalar
from hmi.core.user_text import loaded, stored
from hmi.plantdb import PlantDb
from hmi.plantdb.errors import unreachable
from hmi.plantdb.tables import UtcDateTime

metadata = MetaData()

alarm_journal = Table(
    "alarm_journal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("utc_ts", UtcDateTime(), nullable=False),
    Column("alarm_id", String(100), nullable=False),
    Column("console", String(100), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("event", String(30), nullable=False),
    Column("state_before", String(20), nullable=False),
    Column("state_after", String(20), nullable=False),
    Column("active", Boolean, nullable=False),  # the process condition after the event
    Column("annunciated", Boolean, nullable=False),  # shown to the operator after it
    Column("suppressed", Boolean, nullable=False),
    Column("first_out", Boolean, nullable=False),
    Column("value", Text, nullable=False),  # JSON of the value that moved the alarm
    Column("since", UtcDateTime()),  # start of the current activation
    Column("shelve_kind", String(10)),
    Column("shelved_until", UtcDateTime()),
    Column("shelved_by", String(64), nullable=False),
    Column("shelve_reason", Text, nullable=False),
    Column("oos_since", UtcDateTime()),
    Column("oos_by", String(64), nullable=False),
    Column("oos_reason", Text, nullable=False),
    Column("username", String(64), nullable=False),  # "" when the engine itself acted
    Column("reason", Text, nullable=False),
    Index("ix_alarm_journal_alarm", "alarm_id", "seq"),
    Index("ix_alarm_journal_ts", "utc_ts"),
)


class AuditAppender(Protocol):
    """hmi.security.AuditTrail: append within the caller's transaction."""

    def append_in(self, conn: Connection, event: AuditEvent) -> object: ...


class RowRecorder(Protocol):
    """hmi.forward.PlantLink: rows and their audit entries as one unit, into the plant
    database while it answers, into the HMI's local journal (forwarded later) while not."""

    def record(self, rows: Mapping[Table, Sequence[Mapping[str, Any]]] | None = None,
               audit: Sequence[AuditEvent] = ()) -> bool: ...

    def pending_rows(self, table: str) -> list[dict[str, Any]]:
        """Rows of `table` kept locally, not yet in the plant database, oldest first."""
        ...


ALARM_SYSTEM = "alarm-system"  # who, in the audit trail, for the process's own changes


@dataclass(frozen=True, slots=True)
class JournalRow:
    at: datetime
    alarm_id: str
    console: str
    priority: int
    event: Event
    before: AlarmState
    after: AlarmState
    active: bool
    annunciated: bool
    suppressed: bool
    first_out: bool
    value: Scalar
    since: datetime | None
    shelving: Shelving | None
    out_of_service: OutOfService | None
    username: str = ""
    reason: str = ""
    seq: int | None = None  # set once stored

    @property
    def hidden(self) -> bool:
        return self.suppressed or self.out_of_service is not None


class AlarmJournal:
    def __init__(self, db: PlantDb, audit: AuditAppender | None = None,
                 recorder: RowRecorder | None = None) -> None:
        """`recorder`: the store-and-forward link of a plant database on a server; the
        journal's writes go through it (the line's alarms keep being recorded, and an
        operator's acknowledgement still succeeds, while the server is away)."""
        self._db = db
        self._audit = audit
        self._recorder = recorder

    def system_events(self, rows: Sequence[JournalRow]) -> list[AuditEvent]:
        """The audit entries for state changes the process made (no operator): raised,
        returned to normal, suppressed, a shelf that expired. Operator actions bring their
        own entries. Nothing when the journal keeps no audit trail (tools, some tests)."""
        if self._audit is None:
            return []
        return [AuditEvent(username=ALARM_SYSTEM, full_name="alarm system", role="",
                           action=f"alarm_{row.event}", object_type="alarm",
                           object_id=row.alarm_id, field="state", old_value=str(row.before),
                           sent_value=str(row.after), read_back=row.value)
                for row in rows if not row.username]

    def append(self, rows: Sequence[JournalRow], audit: Sequence[AuditEvent] = ()) -> None:
        """Rows and audit entries in one transaction: all of them or none."""
        if not rows and not audit:
            return
        if audit and self._audit is None:
            raise RuntimeError("operator actions need an audit trail to record them")
        if self._recorder is not None:
            self._recorder.record({alarm_journal: [_columns(r) for r in rows]}, audit)
            return
        with self._db.writing() as conn:
            if rows:
                conn.execute(insert(alarm_journal), [_columns(r) for r in rows])
            for event in audit:
                assert self._audit is not None
                self._audit.append_in(conn, event)

    def latest_per_alarm(self) -> dict[str, JournalRow]:
        """Each alarm's newest row: its state when the journal was last written (with
        the plant database away: the newest of the rows kept on this HMI meanwhile)."""
        newest = (select(func.max(alarm_journal.c.seq))
                  .group_by(alarm_journal.c.alarm_id).scalar_subquery())
        query = select(alarm_journal).where(alarm_journal.c.seq.in_(newest))
        try:
            with self._db.engine.connect() as conn:
                rows = [_row(m) for m in conn.execute(query).mappings()]
        except DBAPIError as exc:
            if not self._kept_locally(exc):
                raise
            rows = self._local_rows()
        return {r.alarm_id: r for r in rows}

    def _kept_locally(self, exc: DBAPIError) -> bool:
        """The plant database is away (down, network) and the rows wait on this HMI."""
        return unreachable(exc) and self._recorder is not None

    def _local_rows(self) -> list[JournalRow]:
        assert self._recorder is not None
        return [_row({**r, "seq": None})
                for r in self._recorder.pending_rows(alarm_journal.name)]

    def rows(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        alarm_id: str | None = None,
        console: str | None = None,
        events: Sequence[Event] | None = None,
        limit: int | None = None,
    ) -> list[JournalRow]:
        """Rows in order (`until` exclusive), filtered: the journal viewer's query."""
        query = select(alarm_journal).order_by(alarm_journal.c.seq)
        if since is not None:
            query = query.where(alarm_journal.c.utc_ts >= since)
        if until is not None:
            query = query.where(alarm_journal.c.utc_ts < until)
        if alarm_id is not None:
            query = query.where(alarm_journal.c.alarm_id == alarm_id)
        if console is not None:
            query = query.where(alarm_journal.c.console == console)
        if events is not None:
            query = query.where(alarm_journal.c.event.in_([str(e) for e in events]))
        if limit is not None:
            query = query.limit(limit)
        try:
            with self._db.engine.connect() as conn:
                return [_row(m) for m in conn.execute(query).mappings()]
        except DBAPIError as exc:
            if not self._kept_locally(exc):
                raise
        # Offline: what this HMI recorded since, filtered alike (the header says offline).
        kept = [r for r in self._local_rows()
                if (since is None or r.at >= since) and (until is None or r.at < until)
                and (alarm_id is None or r.alarm_id == alarm_id)
                and (console is None or r.console == console)
                and (events is None or r.event in events)]
        return kept[:limit] if limit is not None else kept


def encode(value: Scalar) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    if isinstance(value, str):  # an SPC alarm's rule line keeps its template (a Said)
        value = stored(value)
    return json.dumps(value)


def decode(text: str) -> Scalar:
    value = json.loads(text)
    assert value is None or isinstance(value, (bool, int, float, str))
    return loaded(value) if isinstance(value, str) else value


def _columns(r: JournalRow) -> dict[str, Any]:
    shelf, oos = r.shelving, r.out_of_service
    return {
        "utc_ts": r.at, "alarm_id": r.alarm_id, "console": r.console, "priority": r.priority,
        "event": str(r.event), "state_before": str(r.before), "state_after": str(r.after),
        "active": r.active, "annunciated": r.annunciated, "suppressed": r.suppressed,
        "first_out": r.first_out, "value": encode(r.value), "since": r.since,
        "shelve_kind": str(shelf.kind) if shelf else None,
        "shelved_until": shelf.until if shelf else None,
        "shelved_by": shelf.by if shelf else "", "shelve_reason": shelf.reason if shelf else "",
        "oos_since": oos.since if oos else None, "oos_by": oos.by if oos else "",
        "oos_reason": oos.reason if oos else "", "username": r.username,
        "reason": stored(r.reason),  # a Said keeps its template behind the English
    }


def _row(m: RowMapping | Mapping[str, Any]) -> JournalRow:
    shelving = None
    if m["shelve_kind"] is not None:
        shelving = Shelving(ShelveKind(m["shelve_kind"]), m["shelved_until"], m["shelved_by"],
                            m["shelve_reason"])
    oos = None
    if m["oos_since"] is not None:
        oos = OutOfService(m["oos_by"], m["oos_reason"], m["oos_since"])
    return JournalRow(
        at=m["utc_ts"], alarm_id=m["alarm_id"], console=m["console"], priority=m["priority"],
        event=Event(m["event"]), before=AlarmState(m["state_before"]),
        after=AlarmState(m["state_after"]), active=bool(m["active"]),
        annunciated=bool(m["annunciated"]), suppressed=bool(m["suppressed"]),
        first_out=bool(m["first_out"]), value=decode(m["value"]), since=m["since"],
        shelving=shelving, out_of_service=oos, username=m["username"],
        reason=loaded(m["reason"]),
        seq=m["seq"],
    )
