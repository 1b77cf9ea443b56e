"""PlantLink: write to the plant database while it answers; journal locally while it does
not; forward in order, exactly once, when it is back.

Exactly once: every journaled record carries a key (uuid4) that is inserted into the plant
database's `forwarded` table in the same transaction as the record's rows and audit
entries. A forward cut short (server gone again, HMI killed between the commit and marking
the local item) is simply repeated: records whose key is already there are skipped.

The audit chain: entries recorded offline are chained locally (the outbox's per-HMI
segment). On forward the segment is verified first (a broken one is not sent: a person
must look), then each entry is appended to the one plant chain with its original time, and
`forwarded` keeps its local hash and where it joined (audit_seqs). The plant chain stays
one valid chain; the local segment stays checkable against it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.core.tags import utc_now
from hmi.forward.conflicts import changeover_conflicts
from hmi.forward.outbox import Outbox, OutboxItem
from hmi.plantdb import PlantDb
from hmi.plantdb.database import schema_problem
from hmi.plantdb.errors import unreachable as unreachable  # re-exported (offline_*.py)
from hmi.plantdb.polling import PollingThread
from hmi.plantdb.tables import forwarded
from hmi.security.audit import AuditTrail

Rows = Mapping[Table, Sequence[Mapping[str, Any]]]
# A record that is not plain INSERTs (e.g. an OEE stop closed later): its name and JSON data,
# applied by the function registered under that name (on_forward), in the record's order.
Op = tuple[str, Mapping[str, Any]]
Apply = Callable[[Connection, Mapping[str, Any]], None]
BATCH = 500  # records per forwarding transaction
AWAY_AGAIN = "plant database away again: the rest waits"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LinkStatus:
    online: bool
    offline_since: datetime | None
    pending: int  # records journaled locally, not yet forwarded
    conflicts: int  # forwarded records a person has to look at
    problem: str = ""  # why the last forward stopped short ("" when none did)

    def describe(self) -> str:
        """The header's words."""
        if self.online and not self.pending:
            text = "plant database online"
        elif self.online:
            text = f"plant database back: forwarding {self.pending} records"
        else:
            since = f" since {self.offline_since:%H:%M:%S} UTC" if self.offline_since else ""
            text = (f"plant database OFFLINE{since}: {self.pending} records kept on this HMI, "
                    "forwarded when it is back")
        if self.conflicts:
            text += f"; {self.conflicts} conflicts to review"
        if self.problem:
            text += f"; {self.problem}"
        return text


@dataclass(frozen=True, slots=True)
class ForwardResult:
    forwarded: int = 0
    already_there: int = 0  # found by key: a repeated forward, not sent twice
    conflicts: list[str] = field(default_factory=list)
    problem: str = ""  # why forwarding stopped ("" when it drained)


class PlantLink:
    def __init__(self, db: PlantDb, outbox: Outbox, audit: AuditTrail, *, hmi: str,
                 tables: Sequence[Table] = (), clock: Callable[[], datetime] = utc_now,
                 online: bool = True) -> None:
        """`online=False`: the HMI started while the plant database was away (its `db`
        from plant_db_for_later): journal from the start; the schema is checked before
        the first forward."""
        self._db, self._outbox, self._audit, self._hmi = db, outbox, audit, hmi
        self._tables = {t.name: t for t in tables}
        self._clock = clock
        self._lock = threading.RLock()
        self._offline_since = outbox.offline_since()
        self._schema_checked = online
        if not online and self._offline_since is None:
            self._went_offline()
        # Counted here rather than asked of the outbox: the header reads status() on the GUI
        # thread, which must never wait for the lock a forward holds.
        self._pending_count = outbox.pending_count()
        self._conflict_count = len(outbox.conflicts())
        self._pending = self._pending_count > 0
        self._problem = ""
        self._while_online: list[Callable[[], object]] = []
        self._ops: dict[str, Apply] = {}
        self._poller = PollingThread("plant-link", self._poll_logged)

    # ---- recording -------------------------------------------------------------------------
    def on_forward(self, name: str, apply: Apply) -> None:
        """Register how an op named `name` is written (see Op): at once while the server
        answers, at the forward otherwise; register before recording or forwarding one."""
        self._ops[name] = apply

    def record(self, rows: Rows | None = None, audit: Sequence[AuditEvent] = (),
               ops: Sequence[Op] = ()) -> bool:
        """Rows, ops and audit entries as one unit. True: in the plant database now; False:
        kept in the local journal (offline, or older records still wait to be forwarded)."""
        rows = rows or {}
        for table in rows:
            self._tables.setdefault(table.name, table)
        with self._lock:
            if self._offline_since is None and not self._pending:
                try:
                    with self._db.writing() as conn:
                        self._apply(conn, rows, ops)
                        self._write(conn, {}, [(e, None) for e in audit])
                    return True
                except DBAPIError as exc:
                    if not unreachable(exc):
                        raise
                    self._went_offline()
            # A list of (table, rows), not a mapping: the canonical JSON sorts mappings'
            # keys, and a parent table's rows must go in before its children's.
            payload: dict[str, Any] = {
                "rows": [[t.name, [dict(r) for r in rs]] for t, rs in rows.items()],
                "audit": [asdict(e) for e in audit]}
            if ops:  # only then: the records of before keep their exact form
                payload["ops"] = [[name, dict(data)] for name, data in ops]
            self._outbox.add("unit", payload, self._clock())
            self._pending = True
            self._pending_count += 1
            return False

    def append(self, event: AuditEvent) -> bool:
        """An AuditSink: services hand their audit events here instead of to the trail."""
        return self.record(audit=[event])

    def append_many(self, events: Sequence[AuditEvent]) -> bool:
        return self.record(audit=events)

    def status(self) -> LinkStatus:
        """Without the link's lock (from the GUI thread: a forward may hold it for long)."""
        since = self._offline_since
        return LinkStatus(since is None, since, self._pending_count, self._conflict_count,
                          self._problem)

    @property
    def outbox(self) -> Outbox:
        return self._outbox

    def pending_audit(self) -> list[tuple[datetime, AuditEvent]]:
        """The audit entries kept on this HMI, not forwarded yet, oldest first, with the
        time each was recorded (the audit screen's view while the database is away)."""
        return [(item.recorded_at, AuditEvent(**e)) for item in self._outbox.pending()
                for e in item.payload["audit"]]

    def pending_rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of `table` kept on this HMI, not forwarded yet, oldest first: what a
        screen can still show of its table while the plant database is away."""
        return [dict(row) for item in self._outbox.pending()
                for name, rows in item.payload["rows"] if name == table for row in rows]

    def pending_ops(self, name: str) -> list[tuple[datetime, dict[str, Any]]]:
        """The data of the ops named `name` kept on this HMI, oldest first, with the time
        each was recorded."""
        return [(item.recorded_at, dict(data)) for item in self._outbox.pending()
                for op, data in item.payload.get("ops", ()) if op == name]

    # ---- forwarding ------------------------------------------------------------------------
    def poll(self) -> ForwardResult | None:
        """If records wait: is the plant database back? Then forward them."""
        if self._offline_since is None and not self._pending:
            return None
        try:  # outside the lock: an unreachable host may take the connect timeout
            with self._db.engine.connect() as conn:
                conn.execute(select(1))
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            return None
        return self.forward()

    def forward(self, batch: int = BATCH) -> ForwardResult:
        with self._lock:
            problem = self._outbox.verify()
            if problem:  # never send a segment that does not verify: a person decides
                return ForwardResult(problem=f"{problem}; nothing forwarded")
            if not self._schema_checked:
                try:
                    problem = schema_problem(self._db)
                except DBAPIError as exc:
                    if not unreachable(exc):
                        raise
                    return ForwardResult(problem=AWAY_AGAIN)
                if problem:  # an older or newer schema: not ours to write into
                    return ForwardResult(problem=f"{problem}; nothing forwarded")
                self._schema_checked = True
            sent = skipped = 0
            conflicts: list[str] = []
            while items := self._outbox.pending(limit=batch):
                try:
                    done, found = self._forward_batch(items)
                except DBAPIError as exc:
                    if not unreachable(exc):
                        raise
                    self._went_offline()
                    return ForwardResult(sent, skipped, conflicts, AWAY_AGAIN)
                except KeyError as exc:
                    return ForwardResult(sent, skipped, conflicts,
                                         f"no table or op {exc} registered with the "
                                         "link: start "
                                         "the service that records it, then forward again")
                self._outbox.mark_forwarded([i.seq for i in items], self._clock(), found)
                self._pending_count = max(0, self._pending_count - len(items))
                self._conflict_count += len(found)
                sent, skipped = sent + done, skipped + len(items) - done
                conflicts += found.values()
            self._pending = False
            self._offline_since = None
            self._outbox.set_offline_since(None)
            return ForwardResult(sent, skipped, conflicts)

    def _forward_batch(self, items: list[OutboxItem]) -> tuple[int, dict[int, str]]:
        """One transaction: the records not there yet, each record's rows in the order they
        were recorded (a parent's before its children's), the audit entries chained in one
        go (one lock, one multi-row INSERT)."""
        now = self._clock().isoformat()
        with self._db.writing() as conn:
            known = set(conn.execute(select(forwarded.c.key).where(
                forwarded.c.key.in_([i.key for i in items]))).scalars())
            todo = [i for i in items if i.key not in known]
            events: list[tuple[AuditEvent, datetime | None]] = []
            chained: list[int] = []
            found: dict[int, str] = {}
            for item in todo:
                by_name = dict(item.payload["rows"])
                conflict = "; ".join(changeover_conflicts(conn, by_name))
                if conflict:
                    found[item.seq] = conflict
                if item.payload.get("ops"):  # an op may chain entries of its own (an
                    # offline changeover's): the earlier records' go first, in order
                    chained += self._write(conn, {}, events)
                    events = []
                self._apply(conn, {self._tables[n]: rs for n, rs in by_name.items()},
                            item.payload.get("ops", ()))
                events += [(AuditEvent(**e), item.recorded_at) for e in item.payload["audit"]]
            seqs = iter(chained + self._write(conn, {}, events))
            marks = [{"key": i.key, "hmi": self._hmi, "local_seq": i.seq,
                      "local_hash": i.item_hash, "kind": i.kind,
                      "recorded_at": i.recorded_at.isoformat(), "forwarded_at": now,
                      "audit_seqs": json.dumps([next(seqs) for _ in i.payload["audit"]]),
                      "conflict": found.get(i.seq)} for i in todo]
            if marks:
                conn.execute(insert(forwarded), marks)
        return len(todo), found

    def _apply(self, conn: Connection, rows: Rows, ops: Sequence[Op]) -> None:
        self._write(conn, rows, [])
        for name, data in ops:
            self._ops[name](conn, data)

    def _write(self, conn: Connection, rows: Rows,
               audit: Sequence[tuple[AuditEvent, datetime | None]]) -> list[int]:
        for table, table_rows in rows.items():
            if table_rows:
                conn.execute(insert(table), [dict(r) for r in table_rows])
        return [entry.seq for entry in self._audit.append_all_in(conn, audit)]

    def _went_offline(self) -> None:
        if self._offline_since is None:
            self._offline_since = self._clock()
            self._outbox.set_offline_since(self._offline_since)
        # Connections pooled before the outage are dead; the next checkout makes new ones.
        self._db.engine.dispose()

    # ---- a background poll (the running HMI) -----------------------------------------------
    def while_online(self, refresh: Callable[[], object]) -> None:
        """Call `refresh` at each background poll while the plant database answers and
        nothing waits (e.g. the users cached for role checks while it is away)."""
        self._while_online.append(refresh)

    def _poll_logged(self) -> None:
        """The background poll: a failure is logged and shown, and the next poll tries
        again (an exception must not end the thread that forwards)."""
        if self._offline_since is None and not self._pending:
            for refresh in self._while_online:
                try:
                    refresh()
                except DBAPIError as exc:  # gone since the last record: the next one says
                    if not unreachable(exc):
                        log.exception("refresh while online failed")
            return
        try:
            result = self.poll()
        except Exception as exc:
            log.exception("forwarding the local journal failed")
            self._problem = f"forwarding failed: {type(exc).__name__}: {exc}"
            return
        if result is not None:
            self._problem = result.problem if result.problem != AWAY_AGAIN else ""
            if result.problem:
                log.warning("forwarding stopped: %s", result.problem)

    def start(self, interval_s: float = 5.0) -> None:
        """Look for the plant database every interval_s while records wait."""
        self._poller.start(interval_s)

    def stop(self) -> None:
        self._poller.stop()
