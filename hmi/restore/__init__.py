"""Loop-restore procedures and their engine (DOMAIN.md 4.1-4.4), Qt-free.

Procedures are data: resources/procedures/*.toml (format in hmi.restore.loader), checked at
load against the line config (unknown tag, bad kind, impossible step, unknown role ->
ProcedureError naming file, line and field). Steps are of five kinds: check, action (a
verified write or PackML command through the CommandService), confirm (a note, optionally
an e-signature), ramp (a setpoint ramp with a rate limit, PV watched) and wait-stable.

Wiring (the composition root):

    engine = build_restore_engine(config, store, commands, plant_db,
                                  signatures=security.signatures, holds=lot_hold_store,
                                  recipe_targets=recipe_targets_from(control_recipe_values))

Use (on the IoThread's loop; every call is short or awaits the PLC):

    proc = engine.procedure_for("web_break")          # or engine.procedures[alarm.procedure]
    run = await engine.start(proc.id, FaultContext("web_break", "coater",
                             first_out="coater.web_break", at=alarm_time), "olga")
    run.step            # the current Step: kind, text, roles (what the wizard page shows)
    run = await engine.perform(run.id, "olga")                         # automatic steps
    run = await engine.perform(run.id, "mike", note="leader spliced")  # confirm steps
    run = await engine.perform(run.id, "olga", note="ok", password=pw)  # signed confirms
    # StepRefused: the step cannot be done now (role, condition, PLC refusal) -> str() says
    # why; run.status == SENT_BACK: an earlier check stopped holding, run.message says which
    engine.progress(run.id)  # while perform() waits: "coater.state = 0, needs 2", "held
                             # 12 of 30 s" (cancel the perform task to stop waiting: the
                             # run stays at its step)
    engine.abandon(run.id, "olga", "why")  # stop a run without restoring
    engine.unfinished()      # after an app restart: runs to resume at their step
    engine.view(run_id)      # the record: steps with actor, role, times, values before/after;
                             # fault, first-out, mttr_s, downtime_reason, lot exposures
    restore_times(plant_db, since, until)   # median / p90 per fault kind (hmi.restore.report)

`run_headless(run_id, answer)` walks a run to the end with scripted answers (tests, bench).
The engine's clock and wall clock are injectable (a twin under time scale passes its own).
"""

from hmi.restore.build import PROCEDURES, build_restore_engine, recipe_targets_from
from hmi.restore.engine import Answer, EngineOptions, RestoreEngine
from hmi.restore.errors import ProcedureError, ProcedureIssue, RestoreError, StepRefused
from hmi.restore.exposure import LotHolds
from hmi.restore.loader import load_procedure, load_procedures, parse_procedure
from hmi.restore.procedure import Condition, Procedure, Step, StepKind, Write
from hmi.restore.record import (
    FaultContext,
    LotExposure,
    OpenLot,
    RunState,
    RunView,
    StepOutcome,
    StepRecord,
    StepStatus,
)
from hmi.restore.report import FaultKindTimes, restore_times

__all__ = [
    "PROCEDURES",
    "Answer",
    "Condition",
    "EngineOptions",
    "FaultContext",
    "FaultKindTimes",
    "LotExposure",
    "LotHolds",
    "OpenLot",
    "Procedure",
    "ProcedureError",
    "ProcedureIssue",
    "RestoreEngine",
    "RestoreError",
    "RunState",
    "RunView",
    "Step",
    "StepKind",
    "StepOutcome",
    "StepRecord",
    "StepRefused",
    "StepStatus",
    "Write",
    "build_restore_engine",
    "load_procedure",
    "load_procedures",
    "parse_procedure",
    "recipe_targets_from",
    "restore_times",
]
