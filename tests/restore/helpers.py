"""The demo line on the twin (time-scaled), real PLC service and security, and an engine.

The engine's clock is the twin's simulated time, so hold times, ramps and MTTR are in plant
seconds while the twin runs `time_scale` times faster than the wall.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig
from hmi.core.commands import CommandService
from hmi.core.packml import LoopMode
from hmi.core.roles import Role
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.restore import (
    PROCEDURES,
    Answer,
    EngineOptions,
    RestoreEngine,
    RunView,
    StepKind,
    build_restore_engine,
    recipe_targets_from,
)
from hmi.restore.exposure import LotHolds
from hmi.security import Hasher, Security, build_security
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services

PASSWORD = "operator password 1"
BASE = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
USERS = {"olga": Role.OPERATOR, "mike": Role.MAINTENANCE, "lena": Role.LEAD, "vic": Role.VIEWER}
RECIPE_TENSION_N = 62.0


def make_security(db: PlantDb) -> Security:
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    admin = security.users.create_first_administrator("admin", "Ada Admin",
                                                      "correct horse battery")
    for name, role in USERS.items():
        security.users.add_user(admin, name, f"{name.title()} Person", PASSWORD, role, ("*",),
                                reason="restore tests")
    return security


@dataclass
class TensionTrace:
    """Every twin substep's coater tension and loop mode (instrumentation, not a mock)."""

    samples: list[tuple[float, float, int]] = field(default_factory=list)

    def since_auto(self, after_s: float) -> list[float]:
        """Tensions from the first AUTO sample after `after_s` on."""
        started = next((i for i, (t, _, mode) in enumerate(self.samples)
                        if t >= after_s and mode == LoopMode.AUTO), None)
        return [] if started is None else [x for _, x, _ in self.samples[started:]]


@dataclass
class RestoreLine:
    twin: LineTwin
    db: PlantDb
    security: Security
    store: TagStore
    commands: CommandService
    config: LineConfig
    engine: RestoreEngine
    trace: TensionTrace

    def wall(self) -> datetime:
        return BASE + timedelta(seconds=self.twin.line.time_s)

    def new_engine(self, holds: LotHolds | None = None) -> RestoreEngine:
        """A second engine on the same database: what an app restart builds."""
        return _engine(self.twin, self.store, self.commands, self.db, self.security, holds)


def _engine(twin: LineTwin, store: TagStore, commands: CommandService, db: PlantDb,
            security: Security, holds: LotHolds | None) -> RestoreEngine:
    recipe = {f"coater.{k}": float(v) for k, v in twin.station("coater").defaults().items()}
    return build_restore_engine(
        twin.config, store, commands, db, signatures=security.signatures, holds=holds,
        recipe_targets=recipe_targets_from(recipe),
        clock=lambda: twin.line.time_s,
        wall_clock=lambda: BASE + timedelta(seconds=twin.line.time_s),
        options=EngineOptions(poll_s=0.02, ramp_period_s=0.02, account_every_s=5.0))


@asynccontextmanager
async def restore_line(tmp_path: Path, *, time_scale: float = 10.0,
                       holds: Callable[[PlantDb, Security], LotHolds] | None = None,
                       ) -> AsyncIterator[RestoreLine]:
    db = open_plant_db(default_url(tmp_path))
    try:
        security = make_security(db)
        config = load_line_config(DEMO_LINE)
        async with LineTwin(config, time_scale=time_scale, secure=False) as twin, \
                services() as make:
            trace = TensionTrace()
            coater = twin.station("coater")
            process = coater.process

            def recording(dt_s: float, line: object) -> None:
                process(dt_s, line)  # type: ignore[arg-type]
                trace.samples.append((twin.line.time_s, float(coater.tension.pv_n),
                                      int(coater.tension.pid.mode)))

            coater.process = recording  # type: ignore[method-assign]
            store, service = await connected(make, twin.client_config(secure=False))
            commands = CommandService(service, security.policy, security.audit)
            sink = holds(db, security) if holds is not None else None
            engine = _engine(twin, store, commands, db, security, sink)
            try:
                yield RestoreLine(twin, db, security, store, commands, twin.config, engine,
                                  trace)
            finally:
                engine.close()
    finally:
        db.close()


def answers(fixes: dict[str, Callable[[], object]] | None = None, *,
            twin: LineTwin | None = None, fast: dict[str, float] | None = None,
            ) -> Callable[[RunView], Awaitable[Answer]]:
    """People answer at once: the first user whose role the step allows; a confirm step in
    `fixes` first does the physical repair (clears the twin's fault). With `fast`, the twin
    runs at that time scale only while the named steps (long holds) run, so the short
    timeouts of the other steps stay seconds of real time on a loaded machine."""
    fixes = dict(fixes or {})
    fast = dict(fast or {})
    normal = twin.time_scale if twin is not None else 1.0
    order = (("Operator", "olga"), ("Lead", "lena"), ("Maintenance", "mike"))

    async def answer(run: RunView) -> Answer:
        step = run.step
        assert step is not None
        if twin is not None:
            twin.time_scale = fast.get(step.id, normal)
        by = next(name for role, name in order if role in step.roles)
        if step.kind is StepKind.CONFIRM:
            fix = fixes.pop(step.id, None)
            if fix is not None:
                done = fix()
                if inspect.isawaitable(done):
                    await done  # a repair that takes its time
            return Answer(by, note=f"{step.id} done", password=PASSWORD if step.signature
                          else None)
        return Answer(by)

    return answer


def procedure_path(name: str) -> Path:
    return PROCEDURES / f"{name}.toml"
