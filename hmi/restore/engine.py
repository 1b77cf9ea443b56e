"""The restore engine: a persisted state machine that walks a procedure to verified running.

    run = await engine.start("coater_web_break", FaultContext("web_break", "coater", ...), by)
    run = await engine.perform(run.id, "olga")                    # automatic steps
    run = await engine.perform(run.id, "olga", note="re-threaded, splice checked")  # confirm
    run = await engine.run_headless(run.id, answer)               # every step, answered

`perform` does the current step as the given user and returns the run as it stands: moved
on, or sent back to an earlier check whose condition stopped holding (status SENT_BACK,
`message` says why). A step that cannot be done raises StepRefused (recorded, the run stays
at the step). Every step attempt is recorded with actor, role, times, and the values of its
tags before and after; the run index moves only after its record is committed, so a new
engine on the same database (an app restart) resumes at the same step: `unfinished()`.
Runs on one asyncio loop (the IoThread's: the CommandService awaits the PLC there);
database calls are short.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from hmi.config.schema import LineConfig
from hmi.core.commands import CommandRefused, CommandService
from hmi.core.roles import Action, Role
from hmi.core.tags import Scalar, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.core.user_text import (
    QT_TRANSLATE_NOOP,
    Said,
    UserText,
    joined,
    loaded,
    said,
    stored,
    user_text,
)
from hmi.plantdb import PlantDb
from hmi.restore.errors import RestoreError, StepRefused
from hmi.restore.exposure import ExposureMeter, LotHolds
from hmi.restore.journal import RestoreJournal, open_lots_of, parse_ts
from hmi.restore.live import LiveTags
from hmi.restore.loader import parse_procedure
from hmi.restore.procedure import Procedure, Step, StepKind, judge_all
from hmi.restore.record import (
    FaultContext,
    RunState,
    RunView,
    StepOutcome,
    StepRecord,
    StepStatus,
)
from hmi.restore.steps import (
    Guard,
    SentBack,
    StepContext,
    run_action,
    run_check,
    run_ramp,
    run_wait_stable,
)
from hmi.security.errors import SecurityError
from hmi.security.signatures import Meaning, SignatureService

RECORD_TYPE = "restore_run"  # what a step signature names as its record
RecipeTargets = Callable[[str], float | None]


@dataclass(frozen=True, slots=True)
class Answer:
    """A person's answer to a step in a headless run (tests, benchmarks, scripted drills)."""

    by: str
    note: str = ""
    password: str | None = None


Answerer = Callable[[RunView], Answer | Awaitable[Answer]]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    poll_s: float = 0.05  # real seconds between re-judgements of a quiet tag
    ramp_period_s: float = 0.1  # real seconds between ramp writes
    account_every_s: float = 10.0  # engine-clock seconds between exposure settlements
    max_attempts_per_step: int = 20  # a headless run gives up after this many


def command_action(config: LineConfig) -> Callable[[str], str]:
    """Which command-service action a write to a tag is: PackML commands, loop modes and
    interlock resets are commands; everything else is a setpoint."""
    kinds = {t.id: (t.enum, t.signal) for t in config.tags}

    def action_of(tag: str) -> str:
        enum, signal = kinds.get(tag, (None, ""))
        if enum in ("packml_command", "loop_mode") or signal == "trip_reset":
            return Action.COMMAND.value
        return Action.WRITE_SETPOINT.value

    return action_of


class RestoreEngine:
    def __init__(
        self,
        db: PlantDb,
        config: LineConfig,
        procedures: Mapping[str, Procedure],
        store: TagStore,
        commands: CommandService,
        *,
        signatures: SignatureService | None = None,
        holds: LotHolds | None = None,
        recipe_targets: RecipeTargets | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utc_now,
        options: EngineOptions | None = None,
        journal: RestoreJournal | None = None,
    ) -> None:
        self.procedures = dict(procedures)
        # Where the record lives: the plant database, or a journal of the same tables
        # elsewhere (hmi.forward.offline_restore: the HMI's copy, sent when a run ends).
        self.journal = journal if journal is not None else RestoreJournal(db)
        self._config = config
        self._store = store
        self._commands = commands
        self._signatures = signatures
        self._holds = holds
        self._targets = recipe_targets or (lambda _tag: None)
        self._clock = clock
        self._wall = wall_clock
        self._options = options or EngineOptions()
        self._action_of = command_action(config)
        self._live = LiveTags(store)
        self._runs: dict[str, Procedure] = {}  # run id -> the procedure version it runs
        self._meters: dict[str, ExposureMeter] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._accounted: dict[str, float] = {}
        self._progress: dict[str, str] = {}

    def close(self) -> None:
        self._live.close()
        for meter in self._meters.values():
            meter.close()
        self._meters.clear()

    # ---- reading --------------------------------------------------------------------------
    def procedure_for(self, fault_kind: str) -> Procedure | None:
        return next((p for p in self.procedures.values() if fault_kind in p.faults), None)

    def view(self, run_id: str) -> RunView:
        row = self.journal.row(run_id)
        if row is None:
            raise RestoreError(f"no restore run {run_id}")
        procedure = self._procedure_of(run_id, row.procedure_text, row.procedure_id)
        state = RunState(row.state)
        index = int(row.step_index)
        fault = FaultContext(row.fault_kind, row.fault_station, row.first_out,
                             row.fault_detail, parse_ts(row.fault_at), open_lots_of(row))
        return RunView(
            id=run_id, procedure_id=row.procedure_id, title=row.procedure_title, fault=fault,
            started_by=row.started_by, started_at=parse_ts(row.started_at), state=state,
            step_index=index,
            step=procedure.steps[index] if state is RunState.RUNNING else None,
            step_count=len(procedure.steps), status=StepStatus(row.step_status),
            message=loaded(row.message), downtime_reason=row.downtime_reason,
            verified_at=parse_ts(row.verified_at) if row.verified_at else None,
            mttr_s=row.mttr_s, baseline=json.loads(row.baseline),
            steps=tuple(replace(s, message=loaded(s.message))
                        for s in self.journal.steps(run_id)),
            exposures=self.journal.exposures(run_id))

    def progress(self, run_id: str) -> str:
        """What the step being performed sees now ("coater.state = 0, needs 2", "held 12 of
        30 s", "ramp at 40 of 62"): for the wizard while perform() waits; "" otherwise."""
        return self._progress.get(run_id, "")

    def unfinished(self) -> list[RunView]:
        """Runs still running (e.g. after an app restart): resume them with perform()."""
        return [self.view(run_id) for run_id in self.journal.unfinished()]

    # ---- acting ---------------------------------------------------------------------------
    async def start(self, procedure_id: str, fault: FaultContext, by: str) -> RunView:
        """Open a run of `procedure_id` for `fault`, as `by` (needs the restore permission
        at the fault's station). The setpoints the procedure touches are recorded as the
        baseline: a ramp to "recipe" falls back on them when no recipe value is known."""
        procedure = self.procedures.get(procedure_id)
        if procedure is None:
            raise RestoreError(f"no procedure {procedure_id!r} (known: "
                               f"{', '.join(sorted(self.procedures)) or 'none'})")
        station = fault.station or procedure.station
        await self._authorize(by, station)
        touched = {w.tag for s in procedure.steps for w in s.writes}
        touched |= {s.tag for s in procedure.steps if s.kind is StepKind.RAMP and s.tag}
        baseline = {t: _plain(v) for t, v in self._live.values(sorted(touched)).items()}
        now = self._wall()
        fault_at = fault.at or now
        run_id = self.journal.create(
            procedure_id=procedure.id, title=procedure.title, text=procedure.text,
            fault=fault, fault_at=fault_at, by=by, now=now,
            downtime_reason=procedure.downtime_reason, baseline=baseline)
        self._runs[run_id] = procedure
        self._settle_exposure(run_id, force=True)
        return self.view(run_id)

    async def perform(self, run_id: str, by: str, *, note: str = "",
                      password: str | None = None) -> RunView:
        """Do the current step as `by`. Returns the run moved on (or sent back); raises
        StepRefused when the step cannot be done now (the reason is also recorded).
        Cancelling it (the wizard closed, the app stopping) leaves the run at its step."""
        lock = self._locks.setdefault(run_id, asyncio.Lock())
        async with lock:
            try:
                return await self._perform(run_id, by, note, password)
            finally:
                self._progress.pop(run_id, None)

    async def _perform(self, run_id: str, by: str, note: str,
                       password: str | None) -> RunView:
        run = self.view(run_id)
        if run.state is not RunState.RUNNING or run.step is None:
            raise RestoreError(f"restore run {run_id} is {run.state.value}: nothing to do")
        procedure = self._runs[run_id]
        step = run.step
        index = run.step_index
        started = self._wall()
        role = await self._authorize_step(by, step)
        tags = sorted(step.tags())
        before = {t: _plain(v) for t, v in self._live.values(tags).items()}
        signature_id: int | None = None
        ctx = self._context(run_id, procedure, index, by, step)
        self._live.watch(procedure.tags())
        try:
            await ctx.guards_known(step.timeout_s)
            if step.requires:
                ok, seen = judge_all(step.requires, self._live.values(
                    {t for c in step.requires for t in c.tags()}))
                if not ok:
                    raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                        "RestoreMessages", "step {step} needs {seen}"), step=step.id, seen=seen))
            message, signature_id = await self._execute(ctx, run, step, note, password)
        except SentBack as back:
            after = {t: _plain(v) for t, v in self._live.values(tags).items()}
            self.journal.move(run_id, back.index, StepStatus.SENT_BACK, stored(back.reason),
                              self._wall(), self._record(
                                  index, step, StepOutcome.SENT_BACK, by, role, started,
                                  note, before, after, back.reason))
            self._settle_exposure(run_id, force=True)
            return self.view(run_id)
        except StepRefused as refused:
            after = {t: _plain(v) for t, v in self._live.values(tags).items()}
            self.journal.move(run_id, index, StepStatus.REFUSED, stored(said(refused)),
                              self._wall(), self._record(
                                  index, step, StepOutcome.REFUSED, by, role, started,
                                  note, before, after, said(refused)))
            raise
        # The store may not have the last write yet: the PLC's read-back is the truth.
        after = {t: _plain(v) for t, v in self._live.values(tags).items()}
        after.update({t: v for t, v in ctx.read_back.items() if t in after})
        record = self._record(index, step, StepOutcome.DONE, by, role, started, note,
                              before, after, message, signature_id)
        self._settle_exposure(run_id, force=True)
        if index + 1 < len(procedure.steps):
            self.journal.move(run_id, index + 1, StepStatus.READY, stored(message), self._wall(),
                              record)
        else:
            now = self._wall()
            mttr = (now - run.fault.at).total_seconds() if run.fault.at else None
            self.journal.finish(run_id, RunState.VERIFIED, stored(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "verified running: {result}"), result=message)),
                                now, record, mttr, index)
            self._drop_meter(run_id)
        return self.view(run_id)

    async def run_headless(self, run_id: str, answer: Answerer) -> RunView:
        """Walk the run to its end, asking `answer` who does each step (and the note and
        password of person steps). StepRefused propagates; sent-backs are walked again."""
        run = self.view(run_id)
        attempts = 0
        limit = self._options.max_attempts_per_step * max(1, run.step_count)
        while run.state is RunState.RUNNING:
            attempts += 1
            if attempts > limit:
                raise RestoreError(f"restore run {run_id} did not finish in {limit} attempts: "
                                   f"{run.message}")
            reply = answer(run)
            given = await reply if inspect.isawaitable(reply) else reply
            assert isinstance(given, Answer)
            run = await self.perform(run_id, given.by, note=given.note,
                                     password=given.password)
        return run

    def abandon(self, run_id: str, by: str, reason: str) -> RunView:
        """Stop a run without restoring (e.g. the fault was something else)."""
        run = self.view(run_id)
        if run.state is not RunState.RUNNING or run.step is None:
            raise RestoreError(f"restore run {run_id} is {run.state.value} already")
        if not reason.strip():
            raise RestoreError("say why the restore is abandoned")
        now = self._wall()
        abandoned = user_text(QT_TRANSLATE_NOOP("RestoreMessages", "abandoned by {user}: {reason}"),
                              user=by, reason=reason)
        record = self._record(run.step_index, run.step, StepOutcome.ABANDONED, by, "", now,
                              reason, {}, {}, abandoned)
        self.journal.finish(run_id, RunState.ABANDONED, stored(abandoned), now,
                            record, None, run.step_index)
        self._drop_meter(run_id)
        return self.view(run_id)

    # ---- internals ------------------------------------------------------------------------
    async def _execute(self, ctx: StepContext, run: RunView, step: Step, note: str,
                       password: str | None) -> tuple[UserText | str, int | None]:
        if step.kind is StepKind.CHECK:
            return await run_check(ctx, step), None
        if step.kind is StepKind.ACTION:
            return await run_action(ctx, step), None
        if step.kind is StepKind.RAMP:
            return await run_ramp(ctx, step, self._ramp_target(run, step)), None
        if step.kind is StepKind.WAIT_STABLE:
            return await run_wait_stable(ctx, step), None
        if not note.strip():
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "step {step}: say what was done (a note is needed)"),
                step=step.id))
        if step.signature is None:
            return user_text(QT_TRANSLATE_NOOP("RestoreMessages", "confirmed: {note}"),
                             note=note), None
        if self._signatures is None or not password:
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "step {step} needs {user}'s e-signature: enter the password"),
                step=step.id, user=ctx.username))
        record_hash = run_hash(run)
        signatures = self._signatures
        try:
            signature = await asyncio.to_thread(
                signatures.sign, ctx.username, password, Meaning(step.signature), RECORD_TYPE,
                run.id, record_hash, f"{step.id}: {note}", required_action=Action.RESTORE,
                station=step.station)
        except (SecurityError, CommandRefused) as exc:
            raise StepRefused(exc.user_text or str(exc)) from None
        return user_text(QT_TRANSLATE_NOOP("RestoreMessages", "signed ({meaning}): {note}"),
                         meaning=step.signature, note=note), signature.id

    def _ramp_target(self, run: RunView, step: Step) -> float:
        assert step.tag is not None
        if isinstance(step.to, int | float):
            return float(step.to)
        target = self._targets(step.tag)
        if target is None:
            base = run.baseline.get(step.tag)
            if isinstance(base, int | float) and not isinstance(base, bool):
                target = float(base)
        if target is None:
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "no recipe value for {tag}, and none recorded when the run "
                "started: set the setpoint by hand, then go on"), tag=step.tag))
        return target

    def _context(self, run_id: str, procedure: Procedure, index: int, by: str,
                 step: Step) -> StepContext:
        guards = []
        for j, earlier in enumerate(procedure.steps[:index]):
            if earlier.guard_until is not None \
                    and index <= procedure.step_index(earlier.guard_until):
                guards.append(Guard(j, earlier.id, earlier.conditions))
        return StepContext(
            live=self._live, commands=self._commands, clock=self._clock, username=by,
            reason=f"restore {procedure.id} (run {run_id[:8]}): step {step.id}",
            guards=guards, target_of=self._targets, action_of=self._action_of,
            poll_s=self._options.poll_s, ramp_period_s=self._options.ramp_period_s,
            tick=lambda: self._settle_exposure(run_id),
            # English for every reader, the template kept for the wizard (recipes.user_text).
            progress=lambda text: self._progress.__setitem__(run_id, Said.of(text)))

    async def _authorize(self, by: str, station: str) -> tuple[tuple[str, ...], str]:
        try:
            actor, role = await asyncio.to_thread(self._commands.authorize, by, station,
                                                  Action.RESTORE.value)
        except CommandRefused as exc:  # its own words (and their translation)
            raise StepRefused(exc.user_text or str(exc)) from None
        return actor.roles, role

    async def _authorize_step(self, by: str, step: Step) -> str:
        held, _ = await self._authorize(by, step.station)
        allowed = [r for r in held if r in step.roles]
        if not allowed:
            raise StepRefused(not_allowed(by, held, step))
        return allowed[0]

    def _record(self, index: int, step: Step, outcome: StepOutcome, by: str, role: str,
                started: datetime, note: str, before: dict[str, Scalar],
                after: dict[str, Scalar], message: UserText | str,
                signature_id: int | None = None) -> StepRecord:
        """`message` is kept as recipes.user_text.stored: English for every reader, its
        template for the panel (view() loads it back)."""
        return StepRecord(index, step.id, step.kind.value, outcome, by, role, started,
                          self._wall(), note, before, after, stored(message), signature_id)

    def _procedure_of(self, run_id: str, text: str, procedure_id: str) -> Procedure:
        procedure = self._runs.get(run_id)
        if procedure is None:
            # A run resumed after a restart runs the version it started with.
            procedure = parse_procedure(text, f"restore run {run_id} ({procedure_id})",
                                        self._config)
            self._runs[run_id] = procedure
        return procedure

    def _settle_exposure(self, run_id: str, *, force: bool = False) -> None:
        procedure = self._runs.get(run_id)
        if procedure is None or procedure.exposure is None:
            return
        now = self._clock()
        if not force and now - self._accounted.get(run_id, -1e18) < \
                self._options.account_every_s:
            return
        self._accounted[run_id] = now
        meter = self._meters.get(run_id)
        if meter is None:
            row = self.journal.row(run_id)
            if row is None or not row.open_lots or row.state != RunState.RUNNING.value:
                return
            done = self.journal.exposures(run_id)
            already = max((e.minutes_above for e in done), default=None)
            if already is None:
                already = max(0.0, (parse_ts(row.started_at) - parse_ts(row.fault_at))
                              .total_seconds() / 60.0)
            lots = open_lots_of(row)
            if not lots:
                return
            meter = ExposureMeter(procedure.exposure, lots, self._store, self._clock,
                                  already, done)
            self._meters[run_id] = meter
        exposures = meter.settle(self._holds, "restore-engine", run_id)
        self.journal.save_exposures(run_id, exposures, self._wall())

    def _drop_meter(self, run_id: str) -> None:
        meter = self._meters.pop(run_id, None)
        if meter is not None:
            meter.close()


def role_word(role: str) -> UserText | str:
    """A role as the screens name it (the users screen's words, context "Roles"); a name no
    Role knows is content, shown as written in the procedure."""
    return UserText("Roles", role) if role in ROLE_IDS else role


ROLE_IDS = frozenset(r.value for r in Role)


def not_allowed(by: str, held: tuple[str, ...], step: Step) -> UserText:
    """One sentence per count of allowed roles ("needs Lead or QA"): a language joins its
    own "or"; the role names are the users screen's words in the panel's language."""
    role = joined([role_word(r) for r in held], "/") if held else user_text(
        QT_TRANSLATE_NOOP("RestoreMessages", "no role"))
    needs = [role_word(r) for r in step.roles]
    if len(needs) == 1:
        return user_text(QT_TRANSLATE_NOOP(
            "RestoreMessages", "{user} ({role}) may not do step {step}: it needs {roles}"),
            user=by, role=role, step=step.id, roles=needs[0])
    if len(needs) == 2:
        return user_text(QT_TRANSLATE_NOOP(
            "RestoreMessages", "{user} ({role}) may not do step {step}: it needs {first} or "
            "{second}"), user=by, role=role, step=step.id, first=needs[0], second=needs[1])
    return user_text(QT_TRANSLATE_NOOP(
        "RestoreMessages", "{user} ({role}) may not do step {step}: it needs one of {roles}"),
        user=by, role=role, step=step.id, roles=joined(needs, ", "))


def _plain(value: TagValue | None) -> Scalar:
    return value.value if value is not None and value.quality.is_live else None


def run_hash(run: RunView) -> str:
    """What a step signature signs: the run and every step attempt recorded so far."""
    content = {"run": run.id, "procedure": run.procedure_id, "fault": run.fault.kind,
               "steps": [[s.position, s.step_id, s.outcome.value, s.actor,
                          s.finished_at.isoformat(), s.message] for s in run.steps]}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
