"""`lineside oee` and `lineside spc` on real databases: the OEE record a tracker wrote,
and fill-mass samples a real historian recorded."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.production import characteristics
from hmi.core.packml import PackMLState as S
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.historian import Historian, HistorianSettings
from hmi.historian import default_url as history_url
from hmi.plantdb import default_url, open_plant_db
from hmi.production.build import build_oee_tracker
from hmi.security import Hasher, build_security


def value(tag: str, v: float, at: datetime) -> TagValue:
    return TagValue(tag, v, Quality.GOOD, at, at)


def test_oee_prints_the_line_and_the_stop_waiting_for_a_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = load_line_config(DEMO_LINE)
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    now = [datetime.now(UTC) - timedelta(minutes=20)]
    store = TagStore(config.expected_periods_s())
    tracker = build_oee_tracker(config, store, db, security.audit, clock=lambda: now[0])
    store.update([value("winder.state", S.EXECUTE, now[0]), value("winder.cells_wound", 0, now[0])])
    tracker.start(thread=False)
    now[0] += timedelta(minutes=10)
    store.update([value("winder.cells_wound", 180, now[0]), value("winder.state", S.HELD, now[0])])
    now[0] += timedelta(minutes=5)
    tracker.stop()
    db.close()

    assert main(["oee", "--data-dir", str(tmp_path), "--period", "hour"]) == 0
    out = capsys.readouterr().out
    assert "OEE last hour" in out
    winder = next(line for line in out.splitlines() if line.strip().startswith("winder"))
    assert "66.7%" in winder  # 10 of 15 planned minutes ran
    assert "needs a reason" in out and "winder Held" in out

    assert main(["oee", "--data-dir", str(tmp_path), "--period", "day", "--json"]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    stations = {s["station"]: s for s in objects[0]["stations"]}
    assert stations["winder"]["availability"] == pytest.approx(10 / 15, abs=1e-3)
    assert stations["winder"]["total"] == 180
    assert stations["winder"]["performance"] == pytest.approx(180 / 20 / 10, abs=1e-3)
    assert objects[-1]["station"] == "winder" and objects[-1]["candidates"]


def test_oee_refuses_a_bad_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["oee", "--data-dir", str(tmp_path), "--period", "fortnight"]) == 2
    assert "--period 'fortnight': use shift" in capsys.readouterr().err


def test_spc_charts_recorded_fill_mass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    historian = Historian(HistorianSettings(url=history_url(tmp_path)))
    historian.start()
    # Seed 8: its 40 charted cells break no rule (40 in-control points against limits from
    # 25 of them break one about half the time: the test is of the CLI, not of chance).
    rng = random.Random(8)
    # A cell every 4 s; the demo plan charts the first cell sample_every_s after the last.
    (fill,) = [c for c in characteristics(load_line_config(DEMO_LINE)) if c.id == "fill_mass"]
    every = round(fill.sample_every_s / 4)
    t0 = datetime.now(UTC) - timedelta(seconds=4 * every * 41)
    historian.record([value("filler.fill_mass_g", rng.gauss(65.0, 0.04), t0 + timedelta(
        seconds=4 * i)) for i in range(every * 40)])
    assert historian.flush()
    historian.stop()

    assert main(["spc", "fill_mass", "--data-dir", str(tmp_path), "--json"]) == 0
    chart = json.loads(capsys.readouterr().out)
    assert len(chart["points"]) == 40 and chart["violations"] == []
    assert chart["capability"]["cpk"] > 1.67 and chart["capability"]["verdict"] == "capable"
    assert main(["spc", "fill_mass", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "fill_mass at filler (imr, 1 per subgroup): 40 subgroups" in out
    assert "Cpk" in out and "(capable)" in out
    assert main(["spc", "nope", "--data-dir", str(tmp_path)]) == 2
    assert "no characteristic 'nope'; known: coat_weight" in capsys.readouterr().err


def test_a_folder_without_a_plant_database_is_named_not_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo"
    assert main(["oee", "--data-dir", str(missing), "--period", "hour"]) == 2
    assert f"no plant database at {missing / 'plant.sqlite'}" in capsys.readouterr().err
    assert not missing.exists()
    open_plant_db(default_url(tmp_path)).close()
    assert main(["oee", "--data-dir", str(tmp_path), "--period", "hour"]) == 0
    assert "nothing recorded in this period" in capsys.readouterr().out
