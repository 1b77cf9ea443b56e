"""Lineage of a cell lot back to its mixer batch, against the twin over real OPC UA: the
LotTracker follows the twin's lot counters while a scripted sequence runs (a coater
changeover, a manual write after release, a web break restored by the restore engine, a
dew-point excursion restored with the lots' exposure), the alarm engine journals the
alarms; then `lineside lineage` prints it and writes the export bundle."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
from pathlib import Path

import pytest

from hmi.alarms import AlarmJournal, build_alarm_engine
from hmi.cli import main
from hmi.core.commands import CommandService
from hmi.core.packml import PackMLState
from hmi.core.tags import utc_now
from hmi.core.tagstore import TagStore
from hmi.historian import Historian, settings_from_config
from hmi.plantdb import default_url, open_plant_db
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.production.changeover_glue import attach_variance_monitor
from hmi.production.holds import LotHoldStore
from hmi.production.lineage import LineageReader, alarms_by_station
from hmi.production.lots import build_lot_tracker
from hmi.restore import (
    PROCEDURES,
    EngineOptions,
    FaultContext,
    OpenLot,
    RunState,
    build_restore_engine,
    recipe_targets_from,
)
from hmi.sim.plc import Reason
from hmi.sim.twin import LineTwin
from recipes import RecipeContent, RecipeStore
from recipes.changeover import ChangeoverEngine, ChangeoverState
from tests.plc.helpers import connected, services, wait_until
from tests.recipes.helpers import content_for, make_effective, signature
from tests.recipes.twin_setup import line_config
from tests.restore.helpers import answers, make_security

pytestmark = pytest.mark.slow

SPEED = "coater.line_speed_sp_mpm"
TENSION = "coater.web_tension_sp_n"
CHAIN = ("winder", "slitter", "calender", "coater", "mixer")


async def test_a_cell_lot_reaches_its_mixer_batch_with_everything_that_touched_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_plant_db(default_url(tmp_path))
    security = make_security(db)
    holds = LotHoldStore(db, security.audit, security.signatures)
    config = line_config()
    async with LineTwin(config, time_scale=20.0, secure=False) as twin, services() as make:
        client = twin.client_config(secure=False)
        store, service = await connected(make, client)
        commands = CommandService(service, security.policy, security.audit)
        tracker = build_lot_tracker(client, db, store)
        recipe = {f"coater.{k}": float(v) for k, v in twin.station("coater").defaults().items()}
        restore = build_restore_engine(
            client, store, commands, db, signatures=security.signatures, holds=holds,
            folder=_short_dry_hold(tmp_path),
            recipe_targets=recipe_targets_from(recipe), clock=lambda: twin.line.time_s,
            wall_clock=utc_now, options=EngineOptions(poll_s=0.02, ramp_period_s=0.02,
                                                      account_every_s=5.0))
        alarms = build_alarm_engine(client, store, db, security.audit, tick_s=0.05)
        variance = attach_variance_monitor(store, db, security.audit, holds=holds,
                                           refresh_s=0.2)
        historian = Historian(settings_from_config(client, tmp_path))
        historian.start()
        detach = historian.attach(store)
        tracker.start()
        lots = tracker.store
        try:
            await wait_until(lambda: all(lots.open_lot(s) for s in CHAIN), 10.0,
                             "a lot open at every station of the chain")
            cell = lots.open_lot("winder")
            assert cell is not None and cell.lot_id == "winder-1"

            # 1. A coater changeover: its commit starts coated roll 2 at the PLC.
            twin.station("coater").plc.force(PackMLState.STOPPED, Reason.NONE)
            await wait_until(lambda: _state(store, "coater") == PackMLState.STOPPED,
                             what="the coater seen Stopped")
            content = content_for(client, ("coater",))
            version = make_effective(RecipeStore(db.engine), RecipeContent(tuple(
                p for p in content.parameters if p.tag in (SPEED, TENSION))))
            changeover = ChangeoverEngine(db.engine, PlcParameterIO(service),
                                          PlcLineStatus(service),
                                          handshakes=handshakes_of(client))
            record = await changeover.start(version, "LOT-CO-7", "olga")
            assert record.state is ChangeoverState.VERIFIED, record.failure
            record = await changeover.run_checks(record.id)
            assert record.control_hash is not None
            changeover.sign(record.id, signature("olga", "performed", record.control_hash),
                            "operator", signature("lena", "verified", record.control_hash, 2),
                            "lead")
            record = changeover.release(record.id, "olga")
            await wait_until(lambda: lots.get("coater-2") is not None, 10.0,
                             "the changeover's new coated roll")
            twin.station("coater").plc.force(PackMLState.EXECUTE, Reason.NONE)
            variance.refresh()
            await wait_until(lambda: variance.active() == {"coater": record.id},
                             what="the released changeover monitored")

            # 2. A manual write, audited with who and why, logged as a variance.
            tension = record.targets[TENSION]
            assert isinstance(tension, float)
            await commands.write("olga", [(TENSION, tension + 3.0)],
                                 reason="trim tension on roll 2")
            await wait_until(lambda: bool(changeover.journal.variances(record.id)), 10.0,
                             "the variance logged")

            # 3. A web break, restored by the engine.
            fault_at = utc_now()
            twin.inject("web_break")
            run = await restore.start("coater_web_break", FaultContext(
                "web_break", "coater", first_out="coater.web_break", at=fault_at), "olga")
            run = await restore.run_headless(run.id, answers(
                {"rethread": twin.clear_faults}, twin=twin, fast={"permissives": 60.0}))
            assert run.state is RunState.VERIFIED, run.message

            # 4. A dew-point excursion with the coated roll and the cell lot open in the room.
            twin.time_scale = 20.0
            budget = (OpenLot("coater-2", budget_min=0.5), OpenLot("winder-1", budget_min=240))
            twin.inject("dew_point_excursion")
            run = await restore.start("dry_room_dew_point", FaultContext(
                "dew_point_excursion", "dry_room", first_out="dry_room.dew_point_c HH",
                at=utc_now(), open_lots=budget), "olga")
            room = twin.station("dry_room")

            async def close_the_door_a_minute_wet() -> None:
                while float(room.measured["dew_point_c"]) <= -40.0:
                    await asyncio.sleep(0.01)
                wet_at = twin.line.time_s
                while twin.line.time_s - wet_at < 60.0:  # plant seconds
                    await asyncio.sleep(0.01)
                twin.clear_faults()

            run = await restore.run_headless(run.id, answers(
                {"find_source": close_the_door_a_minute_wet}, twin=twin,
                fast={"find_source": 30.0, "dry_again": 30.0}))
            assert run.state is RunState.VERIFIED, run.message
            await wait_until(lambda: any(r.alarm_id.startswith("coater_web_break")
                                         for r in AlarmJournal(db).rows()), 5.0, "the journal")
        finally:
            restore.close()
            alarms.stop()
            variance.stop()
            tracker.stop()
            detach()
            historian.stop()

    lineage = LineageReader(db, alarm_stations=alarms_by_station(config)).lineage("winder-1")
    assert {x.lot.station for x in lineage.lots} == set(CHAIN)  # every parent, to the mixer
    assert lineage.lots[0].lot.lot_id == "winder-1"
    assert lineage.lot("mixer-1001").depth == 4
    # Calendered roll 1 took both coated rolls; the coated rolls took many mixer batches
    # (the dew-point recovery held half an hour of plant time).
    assert {"coater-1", "coater-2"} <= {x.lot.lot_id for x in lineage.lots
                                       if x.lot.station == "coater"}
    assert sum(1 for x in lineage.lots if x.lot.station == "mixer") > 1
    roll = lineage.lot("coater-2")
    assert roll.recipe is not None and roll.recipe.changeover_id == record.id
    assert (roll.recipe.version, roll.recipe.control_hash) == (version.version,
                                                               record.control_hash)
    texts = [e.text for e in roll.events]
    assert any(e.kind == "write" and e.by == "olga" and "trim tension" in e.text
               for e in roll.events), texts
    assert any(e.kind == "variance" and e.by == "olga" for e in roll.events), texts
    assert any(e.kind == "restore" and "coater_web_break" in e.text for e in roll.events)
    assert any(e.kind == "alarm" and "coater_web_break" in e.text for e in roll.events)
    assert 1.0 < roll.exposure_min < 10.0, roll.exposure_min
    assert any(e.kind == "hold" and "dew" in e.text.lower() for e in roll.events), [
        (e.kind, e.text) for e in roll.events if e.kind in ("hold", "exposure", "restore")]
    assert lineage.lot("winder-1").exposure_min == roll.exposure_min  # same excursion
    assert lineage.lot("coater-1").recipe is None  # it ran before any changeover
    assert any("in memory only" in n for n in lineage.notes)

    # The CLI prints it, as JSON too, and writes the bundle.
    assert main(["lineage", "winder-1", "--db", default_url(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "winder-1 at winder" in out and "mixer-1001 at mixer" in out
    assert f"control recipe hash {record.control_hash}" in out
    assert main(["lineage", "winder-1", "--data-dir", str(tmp_path), "--json",
                 "--export", str(tmp_path / "out")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {x["lot"] for x in data["lots"]} >= {"winder-1", "mixer-1001", "coater-2"}
    folder = tmp_path / "out" / "lineage_winder-1"
    names = {p.name for p in folder.iterdir()}
    assert {"summary.txt", "lineage.json", "timeline.csv", "audit.csv",
            f"recipe_{version.header.recipe_id}_v{version.version}.json"} <= names
    with (folder / "audit.csv").open() as f:
        audit = list(csv.DictReader(f))
    assert any(a["username"] == "olga" and a["object_id"] == TENSION and a["reason"] for a in audit)
    assert any(a["action"] == "hold_lot" and a["object_id"] == "coater-2" for a in audit)
    recipe_json = json.loads((folder / f"recipe_{version.header.recipe_id}_v"
                              f"{version.version}.json").read_text())
    assert recipe_json["version"] == version.version
    with (folder / "history.csv").open() as f:
        history = list(csv.DictReader(f))
    tags = {h["tag"] for h in history}
    assert {"coater.web_tension_n", "mixer.viscosity_mpas", "winder.speed_ppm"} <= tags
    assert f"history.csv: {len(history)} raw samples" in (folder / "summary.txt").read_text()
    assert main(["lineage", "NOPE", "--db", default_url(tmp_path)]) == 2
    assert "lot 'NOPE' is not recorded" in capsys.readouterr().err
    db.close()



def _state(store: TagStore, station: str) -> object:
    value = store.get(f"{station}.state")
    return value.value if value is not None else None


def _short_dry_hold(tmp_path: Path) -> Path:
    """The shipped procedures, the dew-point one holding 2 min dry instead of 30: lineage
    only needs the run and its exposure record, not half an hour of plant time."""
    folder = tmp_path / "procedures"
    shutil.copytree(PROCEDURES, folder)
    path = folder / "dry_room_dew_point.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("hold_s = 1800") == 1
    path.write_text(text.replace("hold_s = 1800", "hold_s = 120"), encoding="utf-8")
    return folder
