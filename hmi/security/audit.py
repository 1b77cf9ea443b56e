"""The audit trail: append-only, hash-chained, in the plant database.

Appends are serialised twice: a lock inside this process, and the database's write lock
for the transaction that reads the last hash and inserts the next entry (dialect.py), so
neither two threads nor two processes can chain onto the same predecessor.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, RowMapping, insert, select
from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.core.tags import Scalar, utc_now
from hmi.plantdb import PlantDb
from hmi.plantdb.dialect import lock_audit_chain
from hmi.plantdb.errors import unreachable
from hmi.plantdb.tables import audit_log
from hmi.security.audit_chain import GENESIS, decode_value, encode_value, entry_hash

Clock = Callable[[], datetime]


class AuditRecorder(Protocol):
    """hmi.forward.PlantLink: records audit entries in the plant database while it answers
    and in the HMI's local journal while it does not."""

    def record(self, rows: None = None, audit: Sequence[AuditEvent] = ()) -> bool: ...

    def pending_audit(self) -> list[tuple[datetime, AuditEvent]]:
        """Entries kept locally, not yet chained in the plant database: (when, what)."""
        ...


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    utc_ts: datetime
    username: str
    full_name: str
    role: str
    action: str
    object_type: str
    object_id: str
    field: str
    old_value: Scalar
    sent_value: Scalar
    read_back: Scalar
    reason: str
    client_host: str
    signature_id: int | None
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    intact: bool
    entries: int  # how many entries were walked
    head_hash: str  # the last good entry's hash: note it elsewhere to detect truncation
    broken_seq: int | None = None  # the first entry that does not verify
    problem: str = ""

    def describe(self) -> str:
        if self.intact:
            return f"audit trail intact: {self.entries} entries, head {self.head_hash[:16]}"
        return f"audit trail broken at entry {self.broken_seq}: {self.problem}"


class AuditTrail:
    def __init__(self, db: PlantDb, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock
        self._lock = threading.Lock()
        self._recorder: AuditRecorder | None = None

    def send_through(self, recorder: AuditRecorder | None) -> None:
        """Store-and-forward (a plant database on a server): `append` and `append_many` go
        through `recorder`, so every service's stand-alone audit entry is kept while the
        server is away. Entries in a caller's transaction (`append_in`) are not: that
        transaction needs the database anyway."""
        self._recorder = recorder

    def append(self, event: AuditEvent) -> AuditEntry | None:
        """The entry appended; None when it went through the recorder (in the plant
        database or the local journal, forwarded later: no sequence number yet)."""
        if self._recorder is not None:
            self._recorder.record(audit=[event])
            return None
        with self._lock, self._db.writing() as conn:
            return self.append_in(conn, event)

    def append_many(self, events: Sequence[AuditEvent]) -> list[AuditEntry]:
        """All in one transaction; [] when they went through the recorder."""
        if self._recorder is not None:
            self._recorder.record(audit=events)
            return []
        with self._lock, self._db.writing() as conn:
            return self.append_all_in(conn, [(event, None) for event in events])

    def append_in(self, conn: Connection, event: AuditEvent,
                  at: datetime | None = None) -> AuditEntry:
        """Append within the caller's transaction (the change and its entry commit together).

        `at`: when it happened, if not now (an entry recorded offline, forwarded later: it
        joins the chain at its end, with its own time)."""
        return self.append_all_in(conn, [(event, at)])[0]

    def append_all_in(self, conn: Connection,
                      events: Sequence[tuple[AuditEvent, datetime | None]]) -> list[AuditEntry]:
        """Several entries in the caller's transaction: one lock, one read of the chain's
        end, one multi-row INSERT (a forwarded offline journal drains in batches)."""
        if not events:
            return []
        lock_audit_chain(conn)
        last = conn.execute(
            select(audit_log.c.seq, audit_log.c.entry_hash).order_by(audit_log.c.seq.desc())
            .limit(1)
        ).first()
        seq, prev = (last.seq, last.entry_hash) if last is not None else (0, GENESIS)
        rows = []
        for event, at in events:
            seq += 1
            row = _row(seq, at if at is not None else self._clock(), event)
            row["prev_hash"] = prev
            row["entry_hash"] = prev = entry_hash(prev, row)
            rows.append(row)
        conn.execute(insert(audit_log), rows)
        return [_entry(row) for row in rows]

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        username: str | None = None,
        object_type: str | None = None,
        action: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Entries in order, filtered (the audit viewer's query); `until` is exclusive."""
        query = select(audit_log).order_by(audit_log.c.seq)
        if since is not None:
            query = query.where(audit_log.c.utc_ts >= since)
        if until is not None:
            query = query.where(audit_log.c.utc_ts < until)
        if username is not None:
            query = query.where(audit_log.c.username == username)
        if object_type is not None:
            query = query.where(audit_log.c.object_type == object_type)
        if action is not None:
            query = query.where(audit_log.c.action == action)
        if limit is not None:
            query = query.limit(limit)
        try:
            with self._db.engine.connect() as conn:
                return [_entry(row) for row in conn.execute(query).mappings()]
        except DBAPIError as exc:
            if self._recorder is None or not unreachable(exc):
                raise
        # The plant database is away: the entries kept on this HMI meanwhile, filtered
        # alike; not chained yet (seq 0, no hashes) until they are forwarded.
        kept = [_unchained(at, e) for at, e in self._recorder.pending_audit()
                if (since is None or at >= since) and (until is None or at < until)
                and username in (None, e.username) and object_type in (None, e.object_type)
                and action in (None, e.action)]
        return kept[:limit] if limit is not None else kept

    def verify_chain(self, noted_head: str | None = None) -> ChainCheck:
        """Walk the whole chain; name the first entry changed, removed or inserted.

        The chain alone cannot see its newest entries cut off; `noted_head` (a head hash,
        or its first 16+ characters, written down at an earlier verify) must still be in it.
        """
        if noted_head is not None and len(noted_head) < 16:
            raise ValueError("a noted head hash needs at least its first 16 characters")
        found_head = noted_head is None
        prev_hash, prev_seq, count = GENESIS, 0, 0
        with self._db.engine.connect() as conn, _stream(conn) as rows:
            try:
                for row in rows:
                    problem = _problem(row, prev_seq, prev_hash)
                    if problem:
                        return ChainCheck(False, count, prev_hash, row["seq"], problem)
                    prev_hash, prev_seq, count = row["entry_hash"], row["seq"], count + 1
                    found_head = found_head or prev_hash.startswith(str(noted_head))
            except (ValueError, TypeError) as exc:  # a column rewritten as something unreadable
                problem = f"unreadable after entry {prev_seq} ({exc}): it was changed"
                return ChainCheck(False, count, prev_hash, prev_seq + 1, problem)
        if not found_head:
            problem = (f"the noted head {noted_head} is not in the chain: entries after it "
                       "were deleted")
            return ChainCheck(False, count, prev_hash, prev_seq + 1, problem)
        return ChainCheck(True, count, prev_hash)


def _unchained(at: datetime, event: AuditEvent) -> AuditEntry:
    return AuditEntry(0, at, event.username, event.full_name, event.role, event.action,
                      event.object_type, event.object_id, event.field, event.old_value,
                      event.sent_value, event.read_back, event.reason, event.client_host,
                      event.signature_id, "", "")


def _row(seq: int, at: datetime, event: AuditEvent) -> dict[str, object]:
    return {
        "seq": seq,
        "utc_ts": at,
        "username": event.username,
        "full_name": event.full_name,
        "role": event.role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "field": event.field,
        "old_value": encode_value(event.old_value),
        "sent_value": encode_value(event.sent_value),
        "read_back": encode_value(event.read_back),
        "reason": event.reason,
        "client_host": event.client_host,
        "signature_id": event.signature_id,
    }


@contextmanager
def _stream(conn: Connection) -> Iterator[Iterator[RowMapping]]:
    """The chain in order, in chunks (a server-side cursor on PostgreSQL: closed here even
    when the walk stops early at a broken entry)."""
    result = conn.execution_options(yield_per=1000).execute(
        select(audit_log).order_by(audit_log.c.seq)
    )
    try:
        yield iter(result.mappings())
    finally:
        result.close()


def _problem(row: RowMapping, prev_seq: int, prev_hash: str) -> str:
    seq = row["seq"]
    if seq != prev_seq + 1:
        if seq <= prev_seq:
            return f"out of order after entry {prev_seq}: an entry was inserted"
        missing = f"entry {prev_seq + 1}" if seq == prev_seq + 2 else (
            f"entries {prev_seq + 1}-{seq - 1}"
        )
        return f"{missing} deleted (entry {seq} follows entry {prev_seq})"
    if row["prev_hash"] != prev_hash:
        return (
            f"its previous-hash does not match entry {prev_seq}: an entry was deleted, "
            "inserted or rewritten before it"
        )
    if entry_hash(prev_hash, dict(row)) != row["entry_hash"]:
        return "its content no longer matches its hash: the entry was changed or inserted"
    return ""


def _entry(row: dict[str, object] | RowMapping) -> AuditEntry:
    def text(name: str) -> str:
        value = row[name]
        assert isinstance(value, str)
        return value

    ts = row["utc_ts"]
    seq = row["seq"]
    sig = row["signature_id"]
    assert isinstance(ts, datetime) and isinstance(seq, int)
    assert sig is None or isinstance(sig, int)
    return AuditEntry(
        seq=seq,
        utc_ts=ts,
        username=text("username"),
        full_name=text("full_name"),
        role=text("role"),
        action=text("action"),
        object_type=text("object_type"),
        object_id=text("object_id"),
        field=text("field"),
        old_value=decode_value(text("old_value")),
        sent_value=decode_value(text("sent_value")),
        read_back=decode_value(text("read_back")),
        reason=text("reason"),
        client_host=text("client_host"),
        signature_id=sig,
        prev_hash=text("prev_hash"),
        entry_hash=text("entry_hash"),
    )
