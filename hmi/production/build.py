"""Building the OEE tracker and the SPC monitor from a line config (for the composition
root, hmi/app.py, and the CLI).

In LineRuntime.start, after the plant database, the security services, the TagStore and
the lot holds (`self.holds`, see changeover_glue) exist:

    self.recipes_now = ActiveRecipes(self.plant_db.engine, rate_params_of(self.config))
    self.oee = build_oee_tracker(self.config, self.store, self.plant_db, self.security.audit,
                                 active=self.recipes_now)
    self.oee.start()
    self.spc = build_spc(self.config, self.store, holds=self.holds,
                         lot_of=self.recipes_now.lot_of)
    self.spc.start()
    self.spc.add_listener(on_violation)   # an alarm, a banner (marshal to Qt)

and in stop(), before the plant database closes: `self.spc.stop(); self.oee.stop()`.

Hints for the reason prompt are data: `hint_source(station, stop_start)` returns strings
such as "alarm:<first-out alarm id>"; `hint_source=alarm_hints(self.alarms.summary)`
(hmi.production.alarm_hints) takes them from the alarm engine. A restore that followed
a stop is told with `oee.add_hints(station, ["procedure:<procedure id>"])` when it
completes. The changeover may ask
`spc.first_article(station, released_at)` before it calls itself complete.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from hmi.config.production import characteristics, oee_stations, production_of
from hmi.config.schema import LineConfig
from hmi.core.tags import utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.holds import LotHoldStore
from hmi.production.oee_store import ProductionStore
from hmi.production.oee_tracker import HintSource, OeeTracker
from hmi.production.reasons import REASONS_DIR, load_reason_tree
from hmi.production.recipe_link import ActiveRecipes
from hmi.production.shifts import ShiftCalendar
from hmi.production.spc import SpcMonitor
from hmi.security.audit import AuditTrail


def calendar_of(config: LineConfig) -> ShiftCalendar:
    production = production_of(config)
    return ShiftCalendar(production.shifts, production.zone())


def rate_params_of(config: LineConfig) -> dict[str, str]:
    """station -> the recipe parameter whose target is its ideal rate."""
    return {s.station: s.ideal_rate_param for s in oee_stations(config)
            if s.ideal_rate_param is not None}


def build_oee_tracker(config: LineConfig, store: TagStore | None, plant_db: PlantDb,
                      audit: AuditTrail | None, *, active: ActiveRecipes | None = None,
                      hint_source: HintSource | None = None,
                      clock: Callable[[], datetime] = utc_now, flush_s: float = 2.0,
                      reasons_dir: Path = REASONS_DIR) -> OeeTracker:
    """An OeeTracker over the line's stations (not started). `store` None: a reader of the
    record only (the CLI). Raises ReasonFileError for a bad reason file."""
    production = production_of(config)
    return OeeTracker(
        ProductionStore(plant_db), oee_stations(config),
        {s.id: s.kind for s in config.stations}, calendar_of(config),
        load_reason_tree(reasons_dir), audit, tag_store=store,
        minor_stop_s=production.minor_stop_s,
        default_ideal_rate_per_min=production.default_ideal_rate_per_min,
        ideal_rates=active.ideal_rate if active is not None else None,
        hint_source=hint_source, clock=clock, flush_s=flush_s)


def build_spc(config: LineConfig, store: TagStore | None, *,
              holds: LotHoldStore | None = None,
              lot_of: Callable[[str], str | None] | None = None,
              clock: Callable[[], datetime] = utc_now) -> SpcMonitor:
    """An SpcMonitor over the line's characteristics (not started)."""
    return SpcMonitor(characteristics(config), store=store, holds=holds, lot_of=lot_of,
                      clock=clock)
