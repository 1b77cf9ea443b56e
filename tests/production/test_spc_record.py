"""The SPC record in a real plant database file: a monitor fed through a TagStore stores
its subgroups and the limits it set; a new monitor on the same file (a restart) has the
same chart and limits and judges the next point against them; `lineside spc` reads the
record; the tables refuse changes (append-only)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hmi.cli import main
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.production import characteristics
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.production.capability import Limits
from hmi.production.spc import SpcMonitor
from hmi.production.spc_store import SpcStore
from hmi.production.subgroups import Point

TAG = "filler.fill_mass_g"


(FILL_MASS,) = [c for c in characteristics(load_line_config(DEMO_LINE)) if c.id == "fill_mass"]
BASE = FILL_MASS.baseline_subgroups
# Far enough back that every point fed is in the past (the CLI charts up to now).
PAST = timedelta(seconds=(BASE + 20) * FILL_MASS.sample_every_s)


def fill_mass_monitor(store: TagStore, db: PlantDb, clock: list[datetime]) -> SpcMonitor:
    return SpcMonitor([FILL_MASS], store=store, clock=lambda: clock[0], record=SpcStore(db))


def feed(store: TagStore, clock: list[datetime], values: list[float]) -> None:
    """One sampled cell per value, an interval of the demo plan apart."""
    for v in values:
        clock[0] += timedelta(seconds=FILL_MASS.sample_every_s)
        store.update([TagValue(TAG, v, Quality.GOOD, clock[0], clock[0])])


def test_a_restart_keeps_the_chart_and_its_limits_and_the_cli_reads_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = [datetime.now(UTC) - PAST]
    store = TagStore({TAG: 4.0})
    db = open_plant_db(default_url(tmp_path))
    spc = fill_mass_monitor(store, db, clock)
    spc.start()
    rng = random.Random(3)
    try:
        feed(store, clock, [rng.gauss(65.0, 0.04) for _ in range(BASE + 5)])
    finally:
        spc.stop()  # flushes what is buffered
        db.close()
    before = spc.chart("fill_mass")
    assert before.limits is not None and before.baseline == f"first {BASE} subgroups"

    db = open_plant_db(default_url(tmp_path))  # the restart
    again = fill_mass_monitor(store, db, clock)
    again.start()
    try:
        after = again.chart("fill_mass")
        assert after.points == before.points  # every subgroup, its time and value
        assert after.limits == before.limits and after.baseline == before.baseline
        feed(store, clock, [before.limits.center + 4 * before.limits.sigma_chart])
        view = again.chart("fill_mass")  # judged against the restored limits at once
        assert len(view.points) == BASE + 6 and view.limits == before.limits
        assert "WE1" in {v.rule for v in view.violations if v.index == BASE + 5}
    finally:
        again.stop()
        db.close()

    assert main(["spc", "fill_mass", "--data-dir", str(tmp_path), "--json"]) == 0
    chart = json.loads(capsys.readouterr().out)
    assert chart["source"] == "the plant database's SPC record"
    assert len(chart["points"]) == BASE + 6
    assert chart["limits"]["center"] == pytest.approx(before.limits.center)
    assert chart["baseline"].startswith(f"first {BASE} subgroups, set ")
    assert main(["spc", "fill_mass", "--data-dir", str(tmp_path)]) == 0
    assert f"{BASE + 6} subgroups in the last 8 h, from the plant database's SPC record" in (
        capsys.readouterr().out)

    db = open_plant_db(default_url(tmp_path))
    try:
        for table in ("spc_points", "spc_limits"):
            with pytest.raises(DBAPIError, match="append-only"), db.writing() as conn:
                conn.execute(text(f"DELETE FROM {table}"))
    finally:
        db.close()


def test_the_spc_store_keeps_points_and_the_newest_limits_on_both_backends(
        db: PlantDb) -> None:
    spc_store = SpcStore(db)
    t0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    spc_store.add_points([("fill_mass", Point(t0 + timedelta(seconds=i), (65.0 + i / 100,)))
                          for i in range(5)] + [("coat_weight", Point(t0, (20.0, 20.1)))])
    first = Limits("imr", 1, 65.0, 65.2, 64.8, 0.07, 0.23, 0.0, 0.06)
    newer = Limits("imr", 1, 65.01, 65.19, 64.83, 0.06, 0.2, 0.0, 0.053)
    spc_store.add_limits("fill_mass", first, "first 25 subgroups", t0, "spc-monitor")
    spc_store.add_limits("fill_mass", newer, "baseline 08:00 .. 09:00", t0, "quinn")
    assert [p.values for p in spc_store.recent_points("fill_mass", 2)] == [(65.03,), (65.04,)]
    assert len(spc_store.points("fill_mass", t0, t0 + timedelta(seconds=3))) == 3
    stored = spc_store.latest_limits()
    assert set(stored) == {"fill_mass"}
    assert (stored["fill_mass"].limits, stored["fill_mass"].set_by) == (newer, "quinn")
