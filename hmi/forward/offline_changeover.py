"""Changeovers on the HMI's local copy (hmi.forward.recipe_cache), sent to the plant
database as one unit when they end.

Why this cut: the engine, its step journal, its version guard and the signature service
run unchanged on a database of the plant's own schema (the same Alembic migrations), so
an offline changeover is the online code path with the same checks (pre-checks,
snapshot, read-back, first article, two signatures); only where its rows live differs.
The alternatives were worse: a journal protocol with a local implementation is a second
copy of every journal method and of the guard, free to drift; mirroring each step into
both databases leaves, when the server goes mid-step, half a record on the plant that
only UPDATEs could complete, and PlantLink forwards inserts (idempotent by key), nothing
else.

Steps are recorded line-side, so a plant server that goes away mid-changeover changes
nothing for the engine: it finishes or rolls back and records as usual. The plant's word
still counts whenever it answers: creating and releasing re-check the version on the
plant database too (recipes.changeover.version_guard, as online), so an obsoletion on
another HMI refuses the start or the release exactly as it would online. While it is
away the copy's status (as of its last refresh) is the guard, and the forward checks
again: a version obsoleted meanwhile is a conflict for a person (hmi.forward.conflicts).

The unit: the changeover's rows (parent first), the signatures made on the copy, and the
copy's audit entries since the last unit (signing, failed logins), each with its own
time. Sent straight in, conflict-checked and marked in `forwarded` (key: the changeover
id), when the plant database answers and PlantLink has nothing older waiting; otherwise
through PlantLink's journal: in order, exactly once, conflict-checked on forward.

Both paths write the unit with the one function `write_unit`, so what lands is the same:
- Signature ids. A signature made on the copy has the copy's id; the plant numbers its
  own (signatures.id is an INTEGER key, audit_log.signature_id an INTEGER foreign key:
  no room for uuid-like keys without changing the 21 CFR 11 tables, and a range kept
  apart per HMI would hold only by convention). So the plant row is found by content
  (signer, time, meaning, record, hash: a signature repeated by a re-sent unit is the
  same row) or inserted, and every link to it in the unit (changeover_signatures,
  the audit entries' signature_id) is rewritten to the plant's id in the same
  transaction. The unit carries every signature its audit entries name.
- Times. Each audit entry joins the plant chain with the time it happened on this HMI
  (not the unit's or the forward's).
Through the link the unit is the changeover's row (PlantLink's conflict check reads it)
and one op, OP, that PlantLink hands back to `write_unit` at the forward.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.core.tags import utc_now
from hmi.forward.conflicts import changeover_conflicts
from hmi.forward.link import PlantLink, unreachable
from hmi.forward.outbox import encode
from hmi.forward.outbox import items as outbox_items
from hmi.forward.recipe_cache import EffectiveCache
from hmi.plantdb import PlantDb
from hmi.plantdb.tables import forwarded, signatures
from hmi.security.audit import AuditEntry, AuditTrail
from recipes import ParameterIO
from recipes.changeover import ChangeoverEngine, ChangeoverJournal, ChangeoverState
from recipes.changeover.prechecks import LineStatus
from recipes.changeover.record import VarianceRecord
from recipes.changeover.states import TERMINAL
from recipes.changeover.version_guard import recheck_version
from recipes.codec import dump_value, ts
from recipes.tables import (
    changeover_checks,
    changeover_events,
    changeover_parameters,
    changeover_signatures,
    changeover_variances,
    changeovers,
)
from recipes.user_text import UserText

log = logging.getLogger(__name__)

# What a unit carries, parents first: PlantLink needs these registered (tables=) to
# forward a unit journaled before a restart of the HMI.
FORWARDED_TABLES: tuple[Table, ...] = (
    changeovers, changeover_parameters, changeover_events, changeover_checks,
    signatures, changeover_signatures, changeover_variances)
_NEW_IDS = {"changeover_events", "changeover_variances"}  # the plant numbers them
OP = "offline_changeover"  # PlantLink's op for a unit's children, signatures and audit
_BY_NAME = {t.name: t for t in FORWARDED_TABLES}

_meta = MetaData()
sent = Table(  # in the copy only: which changeovers went, and the audit sent with them
    "offline_sent", _meta,
    Column("changeover_id", String(36), primary_key=True),
    Column("sent_at", String(40), nullable=False),
    Column("audit_upto", Integer, nullable=False),
)


class PlantCheckedJournal(ChangeoverJournal):
    """The step journal on the copy; the plant database's guard too whenever it answers;
    a finished changeover handed to `on_finished`."""

    def __init__(self, changeovers_: OfflineChangeovers) -> None:
        super().__init__(changeovers_.cache.db.engine, changeovers_.clock)
        self._owner = changeovers_

    def create(self, recipe_id: str, version: int, recipe_hash: str, lot_id: str,
               trial: bool, by: str, targets: Sequence[tuple[str, Any]]) -> str:
        self._owner.plant_check(recipe_id, version, recipe_hash, trial, releasing=False)
        return super().create(recipe_id, version, recipe_hash, lot_id, trial, by, targets)

    def set_state(self, co_id: str, state: ChangeoverState, message: str | UserText, *,
                  failure: str | UserText | None = None, control_hash: str | None = None
                  ) -> None:
        if state is ChangeoverState.RELEASED:
            record = self.load(co_id)
            self._owner.plant_check(record.recipe_id, record.version, record.recipe_hash,
                                    record.trial, releasing=True)
        super().set_state(co_id, state, message, failure=failure, control_hash=control_hash)
        if state in TERMINAL:
            self._owner.send_soon(co_id)


class OfflineChangeovers:
    def __init__(self, cache: EffectiveCache, plant: PlantDb, link: PlantLink, *, hmi: str,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.cache, self.plant, self.link, self.hmi, self.clock = cache, plant, link, hmi, clock
        self._lock = threading.Lock()
        self._plant_audit = AuditTrail(plant, clock)
        _meta.create_all(cache.db.engine)
        link.on_forward(OP, self._forward_unit)
        # Its own reader of the journal's file (the Outbox keeps its engine to itself).
        self._outbox_reader = create_engine(f"sqlite:///{link.outbox.path}")
        # Sending talks to the server (a connect timeout when it is away): never on the
        # engine's thread, which is the IoThread that serves the PLCs.
        self._sender = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="ThreadPoolExecutor-offline-send")

    def _forward_unit(self, conn: Connection, unit: Mapping[str, Any]) -> None:
        """PlantLink's op: a journaled unit, written at the forward."""
        write_unit(conn, self._plant_audit, unit)

    def engine(self, io: ParameterIO, status: LineStatus, **options: Any) -> ChangeoverEngine:
        """An engine on the copy (options as ChangeoverEngine's: handshakes, checklist,
        options, first_article); run it with a version from `cache.versions()`."""
        return ChangeoverEngine(self.cache.db.engine, io, status, clock=self.clock,
                                journal=PlantCheckedJournal(self), **options)

    def plant_check(self, recipe_id: str, version: int, recipe_hash: str, trial: bool, *,
                    releasing: bool) -> None:
        """The online guard when the plant database answers (ApprovalError as online);
        nothing when it is away (the copy's guard runs next, the forward checks again).
        Not even tried while the link knows it is away: `create` runs on the IoThread,
        which must not wait out a connect timeout at every start."""
        if not self.link.status().online:
            return
        try:
            with self.plant.engine.connect() as conn, conn.begin():
                recheck_version(conn, recipe_id, version, recipe_hash, trial=trial,
                                releasing=releasing)
        except DBAPIError as exc:
            if not unreachable(exc):
                raise

    # ---- sending finished changeovers ------------------------------------------------------
    def send(self, co_id: str) -> bool:
        """Send a finished changeover (once). True: in the plant database now; False: in
        PlantLink's journal, forwarded when the plant database is back."""
        with self._lock:
            with self.cache.db.engine.connect() as conn:
                if conn.execute(select(sent.c.changeover_id)
                                .where(sent.c.changeover_id == co_id)).first() is not None:
                    return True
                upto = int(conn.execute(select(func.coalesce(func.max(sent.c.audit_upto), 0))
                                        ).scalar_one())
            parent, unit, last = self._unit(co_id, upto)
            status = self.link.status()
            now_in = status.online and not status.pending and self._write_now(co_id, parent,
                                                                              unit)
            # Journaled already (the HMI stopped before the copy noted it): not twice.
            if not now_in and not self._journaled(co_id):
                self.link.record({changeovers: parent}, ops=[(OP, unit)])
            with self.cache.db.writing() as conn:
                conn.execute(insert(sent).values(changeover_id=co_id,
                                                 sent_at=self.clock().isoformat(),
                                                 audit_upto=max(last, upto)))
            return now_in

    def record_variances(self, rows: Sequence[VarianceRecord]) -> None:
        """The variance monitor's record path on a line that changes over on the copy: into
        the copy (where the monitor reads what it logged); a changeover already handed to
        the plant gets them through PlantLink (straight in, or journaled behind its unit
        while the server is away), one not handed over yet carries them in its unit. Under
        the send lock, so each variance reaches the plant once, after its changeover."""
        with self._lock:
            ChangeoverJournal(self.cache.db.engine, self.clock).add_variances(rows)
            ids = {r.changeover_id for r in rows}
            with self.cache.db.engine.connect() as conn:
                handed = set(conn.execute(select(sent.c.changeover_id)
                                          .where(sent.c.changeover_id.in_(ids))).scalars())
            later = [variance_row(r) for r in rows if r.changeover_id in handed]
            if later:
                self.link.record({changeover_variances: later})

    def close(self) -> None:
        """Waits for a send under way (and the ones queued)."""
        self._sender.shutdown(wait=True)
        self._outbox_reader.dispose()

    def send_soon(self, co_id: str) -> None:
        """Send on the sender thread; `wait_sent` waits for it."""
        self._sender.submit(self.send_quietly, co_id)

    def wait_sent(self, timeout_s: float = 30.0) -> None:
        """Until every send asked for so far is done (tests; an orderly stop)."""
        self._sender.submit(lambda: None).result(timeout_s)

    def _journaled(self, co_id: str) -> bool:
        """Is a unit carrying this changeover in PlantLink's journal (sent or waiting)?"""
        with self._outbox_reader.connect() as conn:
            return conn.execute(select(outbox_items.c.seq).where(
                outbox_items.c.payload.contains(f'"id":"{co_id}"')).limit(1)).first() is not None

    def send_quietly(self, co_id: str) -> None:
        """After the engine's last step: a failure is logged, and `send_finished` (at the
        next start) tries again; the changeover itself stays recorded on the copy."""
        try:
            self.send(co_id)
        except Exception:
            log.exception("changeover %s could not be handed to the plant link", co_id)

    def send_finished(self) -> int:
        """Finished changeovers on the copy not sent yet (a failure, a restart): send."""
        with self.cache.db.engine.connect() as conn:
            ids = conn.execute(select(changeovers.c.id).where(
                changeovers.c.state.in_([s.value for s in TERMINAL]),
                changeovers.c.id.not_in(select(sent.c.changeover_id)))
                .order_by(changeovers.c.started_at)).scalars().all()
        for co_id in ids:
            self.send(co_id)
        return len(ids)

    def _unit(self, co_id: str, audit_after: int
              ) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
        """The changeover's row, and the op data for the rest: its children and signatures
        (rows: [[table, rows]], parents first) and the copy's audit entries since
        `audit_after` (audit: [[event, time]]); and the last audit seq it carries."""
        # The copy's trail is short (what happened offline on this HMI): read it whole.
        found = [e for e in AuditTrail(self.cache.db).entries() if e.seq > audit_after]
        named = {e.signature_id for e in found if e.signature_id is not None}
        rows: list[list[Any]] = []
        with self.cache.db.engine.connect() as conn:
            for table in FORWARDED_TABLES:
                if table is signatures:  # its own, and any its audit entries name
                    s = signatures.c
                    query = select(table).where(
                        ((s.record_type == "changeover") & (s.record_id == co_id))
                        | s.id.in_(named)).order_by(s.id)
                elif table is changeovers:
                    query = select(table).where(changeovers.c.id == co_id)
                else:
                    key = table.c.changeover_id
                    order = table.c.id if "id" in table.c else list(table.primary_key)[-1]
                    query = select(table).where(key == co_id).order_by(order)
                rows.append([table.name, [
                    {k: v for k, v in r.items() if not (k == "id" and table.name in _NEW_IDS)}
                    for r in conn.execute(query).mappings()]])
        parent = rows.pop(0)[1]
        unit = {"changeover_id": co_id, "rows": rows,
                "audit": [[asdict(_event(e)), e.utc_ts] for e in found]}
        return parent, unit, (found[-1].seq if found else audit_after)

    def _write_now(self, co_id: str, parent: list[dict[str, Any]],
                   unit: Mapping[str, Any]) -> bool:
        """One plant transaction: conflict check, rows, audit entries at their own times,
        the `forwarded` mark. False when the plant database is away (journal instead)."""
        now = self.clock().isoformat()
        by_name = {"changeovers": parent}
        try:
            with self.plant.writing() as conn:
                if conn.execute(select(forwarded.c.key)
                                .where(forwarded.c.key == co_id)).first() is not None:
                    return True  # sent before a crash kept the copy from noting it
                conflict = "; ".join(changeover_conflicts(conn, by_name))
                conn.execute(insert(changeovers), parent)
                seqs = write_unit(conn, self._plant_audit, unit)
                conn.execute(insert(forwarded).values(
                    key=co_id, hmi=self.hmi, local_seq=0,
                    local_hash=_digest({"changeovers": parent, OP: unit}),
                    kind="changeover", recorded_at=now, forwarded_at=now,
                    audit_seqs=json.dumps(seqs), conflict=conflict or None))
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            return False
        return True


def write_unit(conn: Connection, audit: AuditTrail, unit: Mapping[str, Any]) -> list[int]:
    """A unit's children, signatures and audit entries into the plant database, in the
    caller's transaction (after the changeover's row): copy signature ids become plant ids
    everywhere in the unit, each audit entry keeps its own time. Its audit seqs."""
    plant_ids: dict[int, int] = {}
    for name, table_rows in unit["rows"]:
        table = _BY_NAME[name]
        if table is signatures:
            for row in table_rows:
                plant_ids[int(row["id"])] = _plant_signature(conn, row)
            continue
        if table is changeover_signatures:
            table_rows = [{**r, "signature_id": _mapped(plant_ids, r["signature_id"],
                                                        unit["changeover_id"])}
                          for r in table_rows]
        if table_rows:
            conn.execute(insert(table), [dict(r) for r in table_rows])
    events: list[tuple[AuditEvent, datetime | None]] = []
    for fields, at in unit["audit"]:
        sig = fields.get("signature_id")
        if sig is not None:
            fields = {**fields, "signature_id": _mapped(plant_ids, sig, unit["changeover_id"])}
        events.append((AuditEvent(**fields), _as_time(at)))
    return [entry.seq for entry in audit.append_all_in(conn, events)]


def _plant_signature(conn: Connection, row: Mapping[str, Any]) -> int:
    """The plant's id of a signature made on the copy: the row with the same content (a
    unit sent again, or a signature an earlier unit carried), else a new row."""
    s = signatures.c
    content = {k: v for k, v in row.items() if k != "id"}
    content["utc_ts"] = _as_time(content["utc_ts"])
    found = conn.execute(select(s.id).where(
        s.user_id == content["user_id"], s.utc_ts == content["utc_ts"],
        s.meaning == content["meaning"], s.record_type == content["record_type"],
        s.record_id == content["record_id"], s.record_hash == content["record_hash"])
        .order_by(s.id).limit(1)).scalar()
    if found is not None:
        return int(found)
    key = conn.execute(insert(signatures).values(**content)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _mapped(plant_ids: Mapping[int, int], copy_id: Any, co_id: str) -> int:
    try:
        return plant_ids[int(copy_id)]
    except KeyError:  # _unit carries every signature named: a unit edited by hand?
        raise ValueError(f"offline changeover {co_id}: signature {copy_id} made on the "
                         "copy is not in its unit; nothing of it was written") from None


def _as_time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def variance_row(v: VarianceRecord) -> dict[str, Any]:
    """A changeover_variances row as ChangeoverJournal.add_variances writes it."""
    return {"changeover_id": v.changeover_id, "tag": v.tag,
            "downloaded": dump_value(v.downloaded), "found": dump_value(v.found),
            "at": ts(v.at), "by_user": v.by}


def _event(entry: AuditEntry) -> AuditEvent:
    return AuditEvent(**{name: getattr(entry, name) for name in AuditEvent.__dataclass_fields__})


def _digest(rows: Mapping[str, Any]) -> str:
    return hashlib.sha256(encode(rows).encode()).hexdigest()
