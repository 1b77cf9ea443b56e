"""The restore record in the plant database: one row per run, one per step attempt.

Every change is one short transaction, so a run survives a crash at any point and resumes
at the step it was on (the engine only moves `step_index` after a step's record is in).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, RowMapping, insert, select, update
from sqlalchemy.exc import DBAPIError

from hmi.core.tags import Scalar
from hmi.plantdb import PlantDb
from hmi.plantdb.errors import unreachable
from hmi.restore.errors import RestoreError
from hmi.restore.record import (
    FaultContext,
    LotExposure,
    OpenLot,
    RunState,
    StepOutcome,
    StepRecord,
    StepStatus,
)
from hmi.restore.tables import restore_lot_exposure, restore_runs, restore_steps

Clock = Callable[[], datetime]


def ts(value: datetime) -> str:
    return value.isoformat()


def parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


class RestoreJournal:
    def __init__(self, db: PlantDb) -> None:
        self._db = db

    # A plant database on a server that cannot be reached: one line saying what to do,
    # never the driver's text (the restore record lives there, step by step).
    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with _said_offline(), self._db.writing() as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with _said_offline(), self._db.engine.connect() as conn:
            yield conn

    def create(self, *, procedure_id: str, title: str, text: str, fault: FaultContext,
               fault_at: datetime, by: str, now: datetime, downtime_reason: str,
               baseline: dict[str, Scalar]) -> str:
        run_id = str(uuid.uuid4())
        lots = [{"lot_id": lot.lot_id, "budget_min": lot.budget_min, "used_min": lot.used_min}
                for lot in fault.open_lots]
        with self._writing() as conn:
            conn.execute(insert(restore_runs).values(
                id=run_id, procedure_id=procedure_id, procedure_title=title,
                procedure_text=text, fault_kind=fault.kind, fault_station=fault.station,
                first_out=fault.first_out, fault_detail=fault.detail, fault_at=ts(fault_at),
                started_by=by, started_at=ts(now), state=RunState.RUNNING.value, step_index=0,
                step_status=StepStatus.READY.value, message="", updated_at=ts(now),
                downtime_reason=downtime_reason, baseline=json.dumps(baseline),
                open_lots=json.dumps(lots)))
        return run_id

    def row(self, run_id: str) -> RowMapping | None:
        with self._reading() as conn:
            return conn.execute(select(restore_runs).where(restore_runs.c.id == run_id)
                                ).mappings().first()

    def unfinished(self) -> list[str]:
        with self._reading() as conn:
            return [r.id for r in conn.execute(
                select(restore_runs.c.id).where(restore_runs.c.state == RunState.RUNNING.value)
                .order_by(restore_runs.c.started_at))]

    def move(self, run_id: str, index: int, status: StepStatus, message: str,
             now: datetime, record: StepRecord | None = None) -> None:
        """Put the run at step `index` (with the step attempt that led there, if any)."""
        with self._writing() as conn:
            if record is not None:
                conn.execute(insert(restore_steps).values(run_id=run_id, **_step_row(record)))
            conn.execute(update(restore_runs).where(restore_runs.c.id == run_id).values(
                step_index=index, step_status=status.value, message=message,
                updated_at=ts(now)))

    def finish(self, run_id: str, state: RunState, message: str, now: datetime,
               record: StepRecord | None, mttr_s: float | None, index: int) -> None:
        with self._writing() as conn:
            if record is not None:
                conn.execute(insert(restore_steps).values(run_id=run_id, **_step_row(record)))
            conn.execute(update(restore_runs).where(restore_runs.c.id == run_id).values(
                state=state.value, step_index=index, step_status=StepStatus.READY.value,
                message=message, updated_at=ts(now),
                verified_at=ts(now) if state is RunState.VERIFIED else None, mttr_s=mttr_s))

    def steps(self, run_id: str) -> tuple[StepRecord, ...]:
        with self._reading() as conn:
            rows = conn.execute(select(restore_steps).where(restore_steps.c.run_id == run_id)
                                .order_by(restore_steps.c.id)).mappings().all()
        return tuple(StepRecord(
            r.position, r.step_id, r.kind, StepOutcome(r.outcome), r.actor, r.role,
            parse_ts(r.started_at), parse_ts(r.finished_at), r.note,
            json.loads(r.values_before), json.loads(r.values_after), r.message,
            r.signature_id) for r in rows)

    def save_exposures(self, run_id: str, exposures: Sequence[LotExposure],
                       now: datetime) -> None:
        with self._writing() as conn:
            for e in exposures:
                values = {"budget_min": e.budget_min, "used_before_min": e.used_before_min,
                          "minutes_above": e.minutes_above, "held": e.held,
                          "hold_ref": e.hold_ref, "updated_at": ts(now)}
                changed = conn.execute(update(restore_lot_exposure).where(
                    restore_lot_exposure.c.run_id == run_id,
                    restore_lot_exposure.c.lot_id == e.lot_id).values(**values)).rowcount
                if not changed:
                    conn.execute(insert(restore_lot_exposure).values(
                        run_id=run_id, lot_id=e.lot_id, **values))

    def exposures(self, run_id: str) -> tuple[LotExposure, ...]:
        with self._reading() as conn:
            rows = conn.execute(select(restore_lot_exposure).where(
                restore_lot_exposure.c.run_id == run_id).order_by(
                restore_lot_exposure.c.lot_id)).mappings().all()
        return tuple(LotExposure(r.lot_id, r.budget_min, r.used_before_min, r.minutes_above,
                                 bool(r.held), r.hold_ref) for r in rows)


OFFLINE = ("the plant database cannot be reached: restore runs are recorded there step by "
           "step, so none can start or go on now; follow the procedure on paper and enter "
           "it when the header no longer says the plant database is offline")


@contextmanager
def _said_offline() -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if unreachable(exc):
            raise RestoreError(OFFLINE) from None
        raise


def open_lots_of(row: RowMapping) -> tuple[OpenLot, ...]:
    return tuple(OpenLot(x["lot_id"], float(x["budget_min"]), float(x["used_min"]))
                 for x in json.loads(row.open_lots))


def _step_row(record: StepRecord) -> dict[str, object]:
    return {
        "position": record.position, "step_id": record.step_id, "kind": record.kind,
        "outcome": record.outcome.value, "actor": record.actor, "role": record.role,
        "started_at": ts(record.started_at), "finished_at": ts(record.finished_at),
        "note": record.note, "values_before": json.dumps(record.values_before),
        "values_after": json.dumps(record.values_after), "message": record.message,
        "signature_id": record.signature_id,
    }
