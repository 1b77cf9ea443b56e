"""The running recipe feeds OEE and SPC: its downloaded line speed is the coater's ideal
rate, its lot is the lot an SPC hold lands on (real plant database, real journal)."""

from __future__ import annotations

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLState as S
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.build import build_oee_tracker, rate_params_of
from hmi.production.recipe_link import ActiveRecipes
from hmi.security import Security
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.security.conftest import FakeClock

CONFIG = load_line_config(DEMO_LINE)
SPEED = "coater.line_speed_sp_mpm"


def test_the_released_recipe_sets_the_ideal_rate_and_the_lot(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    journal = ChangeoverJournal(db.engine)
    released = journal.create("ANODE-A", 3, "h" * 64, "LOT-5", False, "otto", [(SPEED, 25.0)])
    journal.set_state(released, ChangeoverState.RELEASED, "released")
    # A newer changeover still under way does not replace what the PLC runs.
    journal.create("ANODE-B", 1, "g" * 64, "LOT-6", False, "otto", [(SPEED, 40.0)])
    active = ActiveRecipes(db.engine, rate_params_of(CONFIG))
    assert active.lot_of("coater") == "LOT-5" and active.lot_of("winder") is None
    assert active.ideal_rate("coater") == 25.0 and active.ideal_rate("filler") is None

    store = TagStore(CONFIG.expected_periods_s())
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, active=active, clock=clock)
    store.update([TagValue("coater.state", S.EXECUTE, Quality.GOOD, clock.now, clock.now),
                  TagValue("coater.roll_length_m", 0.0, Quality.GOOD, clock.now, clock.now)])
    tracker.start(thread=False)
    start = clock.now
    clock.advance(minutes=10)
    store.update([TagValue("coater.roll_length_m", 240.0, Quality.GOOD, clock.now, clock.now)])
    clock.advance(minutes=1)
    f = tracker.factors("coater", start, clock.now)
    assert f.ideal_rate_per_min == 25.0  # the recipe's speed, not the config's 30
    assert f.performance == pytest.approx(240 / 25 / 11, abs=1e-6)
    assert tracker.ideal_rate("winder") == 20.0  # no recipe there: the config default
    tracker.stop()
