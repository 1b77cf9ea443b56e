"""Restore runs on the HMI's local copy (offline_plant.sqlite), sent to the plant database as
one unit when they end (issue 10: a technician restoring closed-loop control after a fault
must not be stopped by a plant network outage).

Why always on the copy when the plant database is a server, not only while it is away:
the restore record is written step by step (the run index moves only after its step's
record is in), so a run that switched databases mid-way would leave half a record on each;
PlantLink forwards inserts, and a run's row is UPDATEd at every step. On the copy, an
outage mid-restore is no event at all; the engine, its journal and its checks run
unchanged (RestoreEngine's `journal=` seam, RestoreJournal on the copy: the copy has the
plant schema, the same migrations). What goes to the plant is the finished run, once.
The price: a run in progress is on this HMI only (the plant sees it when it ends; the
restore screen of this HMI lists it, as before). The alternative, the plant database while
it answers and the copy otherwise, makes every outage a switch to handle mid-run.

The unit: the run's row (PlantLink's parent), its step attempts (the plant numbers them),
its lot-exposure rows, the signatures its steps and the audit entries name, and the copy's
audit entries not sent yet (signing, failed logins), each with its own time. Signatures
of restore runs are always made on the copy (hmi.forward.offline_line.SignaturesWithCopy)
so that every step's signature_id is a copy id, renumbered to the plant's at the write
(hmi.forward.signed_unit). Sent through PlantLink: straight in while the server answers
and nothing older waits, else journaled and forwarded in order, exactly once.

Shared with the changeovers (hmi.forward.offline_changeover) on the same copy: the audit
entries already sent (its `offline_sent` table's watermark; a run's id is noted there as a
changeover's is) and the send lock and thread, so an audit entry of the copy goes in
exactly one unit, whichever ends first. Automatic lot holds from exposure are not here:
they go through the LotHoldStore and its recorder (the link) as they happen; a run's
exposure row naming a hold kept on this HMI (a negative id) names the plant's at the write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import DBAPIError

from hmi.core.tags import utc_now
from hmi.forward.link import unreachable
from hmi.forward.offline_changeover import OfflineChangeovers, _event, sent
from hmi.forward.outbox import items as outbox_items
from hmi.forward.signed_unit import write_signed_unit
from hmi.plantdb.tables import signatures
from hmi.production.holds import lot_holds
from hmi.restore.engine import RECORD_TYPE
from hmi.restore.journal import RestoreJournal
from hmi.restore.record import RunState, StepRecord
from hmi.restore.tables import restore_lot_exposure, restore_runs, restore_steps
from hmi.security.audit import AuditTrail

log = logging.getLogger(__name__)

OP = "offline_restore"  # PlantLink's op for a run's steps, exposures, signatures and audit
# What a unit carries: PlantLink needs the parent registered (tables=) to forward a unit
# journaled before a restart of the HMI; the op's tables are written by write_signed_unit.
FORWARDED_TABLES = (restore_runs,)
_TABLES = {t.name: t for t in (signatures, restore_steps, restore_lot_exposure)}
_LINKS = {restore_steps.name: "signature_id"}


def _plant_holds(conn: Connection, unit: Mapping[str, Any]) -> Mapping[str, Any]:
    """Exposure rows naming a hold placed while the server was away ("lot_holds #-2": the
    link's id until forwarded) name the plant's row instead. The hold was journaled while
    the run went on, so it is in the plant before the run's unit; its reason names the run.
    A hold not found keeps its note (QA finds it by lot)."""
    h = lot_holds.c
    rows = []
    for name, table_rows in unit["rows"]:
        if name == restore_lot_exposure.name:
            table_rows = [dict(r) for r in table_rows]
            for row in table_rows:
                if str(row["hold_ref"]).startswith("lot_holds #-"):
                    found = conn.execute(select(h.id).where(
                        h.lot_id == row["lot_id"],
                        h.reason.contains(f"(restore run {unit['run_id']})"))
                        .order_by(h.id).limit(1)).scalar()
                    if found is not None:
                        row["hold_ref"] = f"lot_holds #{found}"
        rows.append([name, table_rows])
    return {**unit, "rows": rows}


class CopyRestoreJournal(RestoreJournal):
    """The restore journal on the copy; a run that ends is handed to `on_finished`."""

    def __init__(self, owner: OfflineRestores) -> None:
        super().__init__(owner.changeovers.cache.db)
        self._owner = owner

    def finish(self, run_id: str, state: RunState, message: str, now: datetime,
               record: StepRecord | None, mttr_s: float | None, index: int) -> None:
        super().finish(run_id, state, message, now, record, mttr_s, index)
        self._owner.send_soon(run_id)


class OfflineRestores:
    def __init__(self, changeovers: OfflineChangeovers,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.changeovers, self.clock = changeovers, clock
        self.link = changeovers.link
        self._plant_audit = AuditTrail(changeovers.plant, clock)
        self.link.on_forward(OP, self._forward_unit)

    def journal(self) -> CopyRestoreJournal:
        """For RestoreEngine(journal=...): runs recorded on the copy, sent when they end."""
        return CopyRestoreJournal(self)

    def _forward_unit(self, conn: Connection, unit: Mapping[str, Any]) -> None:
        write_signed_unit(conn, self._plant_audit, _plant_holds(conn, unit), tables=_TABLES,
                          links=_LINKS, what=f"restore run {unit['run_id']} recorded offline")

    # ---- sending finished runs -----------------------------------------------------------
    def send(self, run_id: str) -> bool:
        """Send a finished run (once). True: in the plant database now; False: in
        PlantLink's journal, forwarded when the plant database is back."""
        db = self.changeovers.cache.db
        with self.changeovers._lock:  # the changeovers' send lock: one audit watermark
            with db.engine.connect() as conn:
                if conn.execute(select(sent.c.changeover_id)
                                .where(sent.c.changeover_id == run_id)).first() is not None:
                    return True
                upto = int(conn.execute(select(func.coalesce(func.max(sent.c.audit_upto), 0))
                                        ).scalar_one())
            parent, unit, last = self._unit(run_id, upto)
            # Already there (the HMI stopped before the copy noted it): not twice.
            now_in = self._journaled(run_id) or self._on_plant(run_id)
            if not now_in:
                now_in = self.link.record({restore_runs: parent}, ops=[(OP, unit)])
            with db.writing() as conn:
                conn.execute(insert(sent).values(changeover_id=run_id,
                                                 sent_at=self.clock().isoformat(),
                                                 audit_upto=max(last, upto)))
            return now_in

    def send_soon(self, run_id: str) -> None:
        """On the changeovers' sender thread (never the engine's IoThread, which serves
        the PLCs: a send may wait out a connect timeout)."""
        self.changeovers._sender.submit(self._send_quietly, run_id)

    def wait_sent(self, timeout_s: float = 30.0) -> None:
        self.changeovers.wait_sent(timeout_s)

    def _send_quietly(self, run_id: str) -> None:
        """A failure is logged and `send_finished` (at the next start) tries again; the run
        itself stays recorded on the copy."""
        try:
            self.send(run_id)
        except Exception:
            log.exception("restore run %s could not be handed to the plant link", run_id)

    def send_finished(self) -> int:
        """Runs ended on the copy and not sent yet (a failure, a restart): send them."""
        db = self.changeovers.cache.db
        with db.engine.connect() as conn:
            ids = conn.execute(select(restore_runs.c.id).where(
                restore_runs.c.state != RunState.RUNNING.value,
                restore_runs.c.id.not_in(select(sent.c.changeover_id)))
                .order_by(restore_runs.c.started_at)).scalars().all()
        for run_id in ids:
            self.send(run_id)
        return len(ids)

    def _journaled(self, run_id: str) -> bool:
        with self.changeovers._outbox_reader.connect() as conn:
            return conn.execute(select(outbox_items.c.seq).where(
                outbox_items.c.payload.contains(f'"id":"{run_id}"')).limit(1)).first() \
                is not None

    def _on_plant(self, run_id: str) -> bool:
        if not self.link.status().online:
            return False
        try:
            with self.changeovers.plant.engine.connect() as conn:
                return conn.execute(select(restore_runs.c.id).where(
                    restore_runs.c.id == run_id)).first() is not None
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            return False

    def _unit(self, run_id: str, audit_after: int
              ) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
        """The run's row, and the op data: signatures (those its steps and the audit
        entries name), step attempts (without the copy's ids), exposures; the copy's audit
        entries after `audit_after`; and the last audit seq carried."""
        found = [e for e in AuditTrail(self.changeovers.cache.db).entries()
                 if e.seq > audit_after]
        named = {e.signature_id for e in found if e.signature_id is not None}
        s = signatures.c
        with self.changeovers.cache.db.engine.connect() as conn:
            parent = [dict(r) for r in conn.execute(
                select(restore_runs).where(restore_runs.c.id == run_id)).mappings()]
            steps = [{k: v for k, v in r.items() if k != "id"} for r in conn.execute(
                select(restore_steps).where(restore_steps.c.run_id == run_id)
                .order_by(restore_steps.c.id)).mappings()]
            named |= {int(r["signature_id"]) for r in steps if r["signature_id"] is not None}
            signed = [dict(r) for r in conn.execute(select(signatures).where(
                ((s.record_type == RECORD_TYPE) & (s.record_id == run_id))
                | s.id.in_(named)).order_by(s.id)).mappings()]
            exposures = [dict(r) for r in conn.execute(
                select(restore_lot_exposure).where(restore_lot_exposure.c.run_id == run_id)
                .order_by(restore_lot_exposure.c.lot_id)).mappings()]
        if not parent:
            raise ValueError(f"no restore run {run_id} on this HMI's copy")
        unit = {"run_id": run_id,
                "rows": [[signatures.name, signed], [restore_steps.name, steps],
                         [restore_lot_exposure.name, exposures]],
                "audit": [[asdict(_event(e)), e.utc_ts] for e in found]}
        return parent, unit, (found[-1].seq if found else audit_after)
