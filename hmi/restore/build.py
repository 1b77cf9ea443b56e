"""One call for the composition root: the shipped procedures, checked, and an engine."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from hmi.config.schema import LineConfig
from hmi.core.commands import CommandService
from hmi.core.paths import resources_dir
from hmi.core.tags import utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.restore.engine import EngineOptions, RecipeTargets, RestoreEngine
from hmi.restore.exposure import LotHolds
from hmi.restore.journal import RestoreJournal
from hmi.restore.loader import load_procedures
from hmi.security.signatures import SignatureService

PROCEDURES = resources_dir() / "procedures"


def recipe_targets_from(values: Mapping[str, float]) -> RecipeTargets:
    """Recipe values by tag (e.g. the control recipe of the last released changeover)."""
    table = dict(values)
    return table.get


def build_restore_engine(
    config: LineConfig,
    store: TagStore,
    commands: CommandService,
    plant_db: PlantDb,
    *,
    signatures: SignatureService | None = None,
    holds: LotHolds | None = None,
    recipe_targets: RecipeTargets | None = None,
    folder: Path = PROCEDURES,
    clock: Callable[[], float] = time.monotonic,
    wall_clock: Callable[[], datetime] = utc_now,
    options: EngineOptions | None = None,
    journal: RestoreJournal | None = None,
) -> RestoreEngine:
    """Load and check every procedure in `folder` against `config` (ProcedureError names
    file, line and field of every problem) and build the engine on the running services
    (`journal`: where runs are recorded, when not on `plant_db` itself)."""
    procedures = load_procedures(folder, config)
    return RestoreEngine(plant_db, config, procedures, store, commands, signatures=signatures,
                         holds=holds, recipe_targets=recipe_targets, clock=clock,
                         wall_clock=wall_clock, options=options, journal=journal)
