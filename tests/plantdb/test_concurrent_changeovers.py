"""Two line HMIs, two OS processes, change over at the same moment against one PostgreSQL
plant database (one twin, the coater and the calender): both end verified, each record
holds only its own parameters, and the PLC runs what each committed."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from hmi.sim.twin import LineTwin
from recipes import RecipeHeader, RecipeStore
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.recipes.helpers import content_for, make_effective
from tests.recipes.twin_setup import line_config, stop_stations, twin_applied

ROOT = Path(__file__).resolve().parents[2]
LINES = {"coater": RecipeHeader("COATER-NMC811", "NMC811", "coater", "coating, 600 mm"),
         "calender": RecipeHeader("CAL-NMC811", "NMC811", "calender", "calendering")}


async def _hmi(config: Path, url: str, recipe_id: str, lot: str
               ) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.plantdb.changeover_proc", str(config), url, recipe_id,
        lot, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)


@pytest.mark.slow
async def test_two_hmi_processes_change_over_at_once_on_one_postgresql(
        pg_url: str, tmp_path: Path) -> None:
    db = create_engine(pg_url)
    try:
        async with LineTwin(line_config()) as twin:
            stop_stations(twin, *LINES)
            client = twin.client_config()
            config = tmp_path / "client.json"
            config.write_text(client.model_dump_json(), encoding="utf-8")
            store = RecipeStore(db)
            versions = {station: make_effective(store, content_for(client, (station,)),
                                                header=header)
                        for station, header in LINES.items()}
            hmis = [await _hmi(config, pg_url, v.recipe_id, f"LOT-{station.upper()}")
                    for station, v in versions.items()]
            try:
                for proc in hmis:  # both connected to the twin before either starts
                    assert proc.stdout is not None and proc.stderr is not None
                    line = await asyncio.wait_for(proc.stdout.readline(), 60)
                    assert line.strip() == b"ready", (line, await proc.stderr.read())
                for proc in hmis:
                    assert proc.stdin is not None
                    proc.stdin.write(b"go\n")
                outs = [await asyncio.wait_for(p.communicate(), 120) for p in hmis]
            finally:
                for proc in hmis:
                    if proc.returncode is None:
                        proc.kill()
                        await proc.wait()
            assert [p.returncode for p in hmis] == [0, 0], [o[1][-2000:] for o in outs]
            results = [json.loads(out.splitlines()[-1]) for out, _ in outs]
            assert [r["state"] for r in results] == ["verified", "verified"], results
            journal = ChangeoverJournal(db)
            spans = [(r.events[0].at, r.events[-1].at)
                     for r in (journal.load(res["id"]) for res in results)]
            assert max(s for s, _ in spans) < min(e for _, e in spans), spans  # at once
            for (station, version), result in zip(versions.items(), results, strict=True):
                record = journal.load(result["id"])
                assert record.state is ChangeoverState.VERIFIED
                assert (record.recipe_id, record.lot_id) == (version.recipe_id,
                                                             f"LOT-{station.upper()}")
                assert {p.tag.split(".")[0] for p in record.parameters} == {station}
                for p in version.content.parameters:
                    assert twin_applied(twin, p.tag) == pytest.approx(p.setpoint,
                                                                      abs=p.tolerance), p.tag
    finally:
        db.dispose()
