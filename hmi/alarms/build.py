"""One call that builds the alarm engine for a running line (the composition root's call)."""

from __future__ import annotations

from collections.abc import Sequence

from hmi.alarms.engine import Clock
from hmi.alarms.external import spc_alarm_defs
from hmi.alarms.journal import AlarmJournal, AuditAppender, RowRecorder
from hmi.alarms.service import TICK_S, AlarmEngine, Authorizer
from hmi.config.alarms import AlarmDef
from hmi.config.schema import LineConfig
from hmi.core.tags import utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb


def build_alarm_engine(
    config: LineConfig,
    store: TagStore | None,
    plant_db: PlantDb,
    audit: AuditAppender,
    *,
    authorizer: Authorizer | None = None,
    clock: Clock = utc_now,
    tick_s: float = TICK_S,
    external: Sequence[AlarmDef] | None = None,
    recorder: RowRecorder | None = None,
) -> AlarmEngine:
    """The engine for `config`'s [[alarms]], its state rebuilt from the plant database's
    journal; with a `store` it is started on it (call `engine.stop()` before the store's
    service stops). `authorizer` (the CommandService) enables the operator actions.
    `external` (default: one run-rule alarm per SPC characteristic, hmi.alarms.external)
    are the alarms other services raise with `engine.raise_external`. `recorder`: the
    store-and-forward link the journal writes through (a plant database on a server)."""
    if external is None:
        external = spc_alarm_defs(config)
    engine = AlarmEngine(config, AlarmJournal(plant_db, audit, recorder), authorizer=authorizer,
                         clock=clock, external=external)
    if store is not None:
        engine.start(store, tick_s)
    return engine
