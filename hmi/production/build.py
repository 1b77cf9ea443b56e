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
completes. The changeover's first-article checklist items ask
`spc.first_article_status(station, downloaded_at)` (changeover_glue.with_first_articles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from hmi.config.production import characteristics, oee_stations, production_of
from hmi.config.schema import LineConfig
from hmi.core.tags import utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.holds import LotHoldStore
from hmi.production.lots import LotTracker, build_lot_tracker
from hmi.production.oee_linked import LinkedOeeTracker
from hmi.production.oee_offline import OeeRecorder
from hmi.production.oee_store import ProductionStore
from hmi.production.oee_tracker import HintSource, OeeTracker
from hmi.production.reasons import REASONS_DIR, load_reason_tree
from hmi.production.recipe_link import ActiveRecipes
from hmi.production.shifts import ShiftCalendar
from hmi.production.spc import AlarmSink, SpcMonitor
from hmi.production.spc_store import SpcStore
from hmi.restore.record import OpenLot
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
                      reasons_dir: Path = REASONS_DIR,
                      recorder: OeeRecorder | None = None) -> OeeTracker:
    """An OeeTracker over the line's stations (not started). `store` None: a reader of the
    record only (the CLI). `recorder`: the plant link (a plant database on a server): the
    record goes through it and is kept on this HMI while the server is away. Raises
    ReasonFileError for a bad reason file."""
    production = production_of(config)
    kind = (OeeTracker if recorder is None
            else partial(LinkedOeeTracker, recorder=recorder))
    return kind(
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
              clock: Callable[[], datetime] = utc_now,
              alarm_sink: AlarmSink | None = None,
              plant_db: PlantDb | None = None) -> SpcMonitor:
    """An SpcMonitor over the line's characteristics (not started). `alarm_sink`:
    hmi.alarms.external.spc_alarm_sink(alarm_engine), so run rules raise alarms;
    `plant_db`: points and limits are kept there and restored at start."""
    return SpcMonitor(characteristics(config), store=store, holds=holds, lot_of=lot_of,
                      clock=clock, alarm_sink=alarm_sink,
                      record=SpcStore(plant_db) if plant_db is not None else None)


# A high-nickel electrode's time above the dry room's dew-point spec, in all (DOMAIN.md 1.1:
# 1-2 h for high-Ni) [EST]: the low end, until a plant sets its own.
EXPOSURE_BUDGET_MIN = 60.0


@dataclass
class Production:
    """The running production services of one line: lots, the recipe in force, OEE, SPC."""

    lots: LotTracker
    recipes_now: ActiveRecipes
    oee: OeeTracker
    spc: SpcMonitor

    def current_lot(self, station: str) -> str | None:
        return current_lot(self.lots, self.recipes_now, station)

    def open_lots(self) -> tuple[OpenLot, ...]:
        """The lots running now, for a restore's exposure accounting (what they used
        before this fault is not tracked yet: 0)."""
        return tuple(OpenLot(lot.lot_id, EXPOSURE_BUDGET_MIN)
                     for lot in self.lots.store.open_lots())

    def stop(self) -> None:
        """Before the plant database closes: each flushes what it still holds."""
        self.spc.stop()
        self.oee.stop()
        self.lots.stop()


def start_production(config: LineConfig, store: TagStore, plant_db: PlantDb,
                     audit: AuditTrail, holds: LotHoldStore,
                     hint_source: HintSource | None = None,
                     spc_alarms: AlarmSink | None = None,
                     recorder: OeeRecorder | None = None) -> Production:
    """Build and start lots, OEE and SPC for a running line (LineRuntime.start);
    `spc_alarms` (hmi.alarms.external.spc_alarm_sink) lets run rules raise alarms."""
    lots = build_lot_tracker(config, plant_db, store)
    recipes_now = ActiveRecipes(plant_db.engine, rate_params_of(config))
    oee = build_oee_tracker(config, store, plant_db, audit, active=recipes_now,
                            hint_source=hint_source, recorder=recorder)
    spc = build_spc(config, store, holds=holds,
                    lot_of=lambda station: current_lot(lots, recipes_now, station),
                    alarm_sink=spc_alarms, plant_db=plant_db)
    started: list[LotTracker | OeeTracker | SpcMonitor] = []
    try:
        for service in (lots, oee, spc):
            service.start()
            started.append(service)
    except BaseException:
        for service in reversed(started):
            service.stop()
        raise
    return Production(lots, recipes_now, oee, spc)


def current_lot(lots: LotTracker, recipes_now: ActiveRecipes, station: str) -> str | None:
    """The lot a station runs now: the PLC's (or a scanned) lot, else the lot the last
    released changeover named."""
    lot = lots.store.open_lot(station)
    return lot.lot_id if lot is not None else recipes_now.lot_of(station)
