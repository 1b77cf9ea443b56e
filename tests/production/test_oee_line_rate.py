"""The line's ideal rate: the bottleneck station's, from its active recipe version, so the
line's waterfall splits speed losses from time losses (real plant database and journal)."""

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


def values(clock: FakeClock, **by_tag: object) -> list[TagValue]:
    return [TagValue(tag.replace("__", "."), v, Quality.GOOD, clock.now, clock.now)  # type: ignore[arg-type]
            for tag, v in by_tag.items()]


def test_the_line_takes_the_bottleneck_stations_recipe_rate(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    journal = ChangeoverJournal(db.engine)
    co = journal.create("NMC811", 4, "h" * 64, "LOT-9", False, "otto",
                        [("coater.line_speed_sp_mpm", 25.0)])
    journal.set_state(co, ChangeoverState.RELEASED, "released")
    active = ActiveRecipes(db.engine, rate_params_of(CONFIG))
    store = TagStore(CONFIG.expected_periods_s())
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, active=active, clock=clock)
    store.update(values(clock, coater__state=S.EXECUTE, coater__roll_length_m=0.0,
                        filler__state=S.EXECUTE, filler__cells_filled=0))
    tracker.start(thread=False)
    try:
        start = clock.now
        clock.advance(minutes=10)
        # The coater made 220 m of its 250 m at 25 m/min (88 % of its capacity), the filler
        # 40 of its 150 cells (27 %): the coater is the constraint.
        store.update(values(clock, coater__roll_length_m=220.0, filler__cells_filled=40))
        clock.advance(minutes=0.5)
        end = clock.now
        line = tracker.factors(None, start, end)
        assert (line.ideal_rate_per_min, line.rate_station) == (25.0, "coater")
        assert line.as_dict()["ideal_rate_station"] == "coater"
        steps = tracker.waterfall(None, start, end)
    finally:
        tracker.stop()
    labels = [s.label for s in steps]
    assert labels[-3:] == ["reduced speed", "quality loss", "fully productive time"]
    assert sum(s.seconds for s in steps[1:]) == pytest.approx(steps[0].seconds)
    assert line.oee is not None and line.performance is not None
    assert steps[-1].seconds == pytest.approx(line.oee * line.planned_s)
    assert 0 < steps[-1].seconds < steps[0].seconds  # not all of it a speed loss any more
    speed = dict((s.label, s.seconds) for s in steps)["reduced speed"]
    assert speed == pytest.approx(line.operating_s * (1 - line.performance) - line.minor_stop_s,
                                  abs=1e-3)
