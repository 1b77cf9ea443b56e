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
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
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
from recipes.changeover.states import TERMINAL
from recipes.changeover.version_guard import recheck_version
from recipes.tables import (
    changeover_checks,
    changeover_events,
    changeover_parameters,
    changeover_signatures,
    changeover_variances,
    changeovers,
)

log = logging.getLogger(__name__)

# What a unit carries, parents first: PlantLink needs these registered (tables=) to
# forward a unit journaled before a restart of the HMI.
FORWARDED_TABLES: tuple[Table, ...] = (
    changeovers, changeover_parameters, changeover_events, changeover_checks,
    signatures, changeover_signatures, changeover_variances)
_NEW_IDS = {"changeover_events", "changeover_variances", "signatures"}  # plant numbers them

_meta = MetaData()
sent = Table(  # in the copy only: which changeovers went, and the audit sent with them
    "offline_sent", _meta,
    Column("changeover_id", String(36), primary_key=True),
    Column("sent_at", String(40), nullable=False),
    Column("audit_upto", Integer, nullable=False),
)
Rows = dict[Table, list[dict[str, Any]]]


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

    def set_state(self, co_id: str, state: ChangeoverState, message: str, *,
                  failure: str | None = None, control_hash: str | None = None) -> None:
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
        # Its own reader of the journal's file (the Outbox keeps its engine to itself).
        self._outbox_reader = create_engine(f"sqlite:///{link.outbox.path}")
        # Sending talks to the server (a connect timeout when it is away): never on the
        # engine's thread, which is the IoThread that serves the PLCs.
        self._sender = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="ThreadPoolExecutor-offline-send")

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
            rows, events, last = self._unit(co_id, upto)
            status = self.link.status()
            now_in = status.online and not status.pending and self._write_now(co_id, rows,
                                                                              events)
            # Journaled already (the HMI stopped before the copy noted it): not twice.
            if not now_in and not self._journaled(co_id):
                self.link.record(rows, [e for e, _ in events])
            with self.cache.db.writing() as conn:
                conn.execute(insert(sent).values(changeover_id=co_id,
                                                 sent_at=self.clock().isoformat(),
                                                 audit_upto=max(last, upto)))
            return now_in

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
              ) -> tuple[Rows, list[tuple[AuditEvent, datetime]], int]:
        rows: Rows = {}
        with self.cache.db.engine.connect() as conn:
            for table in FORWARDED_TABLES:
                if table is signatures:
                    where = (signatures.c.record_type == "changeover",
                             signatures.c.record_id == co_id)
                    query = select(table).where(*where).order_by(signatures.c.id)
                elif table is changeovers:
                    query = select(table).where(changeovers.c.id == co_id)
                else:
                    key = table.c.changeover_id
                    order = table.c.id if "id" in table.c else list(table.primary_key)[-1]
                    query = select(table).where(key == co_id).order_by(order)
                rows[table] = [{k: v for k, v in r.items()
                                if not (k == "id" and table.name in _NEW_IDS)}
                               for r in conn.execute(query).mappings()]
        # The copy's trail is short (what happened offline on this HMI): read it whole.
        found = [e for e in AuditTrail(self.cache.db).entries() if e.seq > audit_after]
        events = [(_event(e), e.utc_ts) for e in found]
        return rows, events, (found[-1].seq if found else audit_after)

    def _write_now(self, co_id: str, rows: Rows,
                   events: list[tuple[AuditEvent, datetime]]) -> bool:
        """One plant transaction: conflict check, rows, audit entries at their own times,
        the `forwarded` mark. False when the plant database is away (journal instead)."""
        now = self.clock().isoformat()
        by_name = {t.name: rs for t, rs in rows.items()}
        try:
            with self.plant.writing() as conn:
                if conn.execute(select(forwarded.c.key)
                                .where(forwarded.c.key == co_id)).first() is not None:
                    return True  # sent before a crash kept the copy from noting it
                conflict = "; ".join(changeover_conflicts(conn, by_name))
                for table, table_rows in rows.items():
                    if table_rows:
                        conn.execute(insert(table), table_rows)
                entries = self._plant_audit.append_all_in(conn, list(events))
                conn.execute(insert(forwarded).values(
                    key=co_id, hmi=self.hmi, local_seq=0, local_hash=_digest(by_name),
                    kind="changeover", recorded_at=now, forwarded_at=now,
                    audit_seqs=json.dumps([e.seq for e in entries]),
                    conflict=conflict or None))
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            return False
        return True


def _event(entry: AuditEntry) -> AuditEvent:
    return AuditEvent(**{name: getattr(entry, name) for name in AuditEvent.__dataclass_fields__})


def _digest(rows: Mapping[str, Any]) -> str:
    return hashlib.sha256(encode(rows).encode()).hexdigest()
