"""Lineage rules on a real plant database, without the twin: which changeover a lot ran
with, holds found by the changeover's lot id, SPC holds told apart, audited writes of the
lot's station in its window only; the CLI's one-line refusals and a bundle without
history."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.alarms import AlarmEngine, AlarmJournal
from hmi.alarms.external import spc_alarm_defs
from hmi.cli import main
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.audit_event import AuditEvent
from hmi.plantdb import PlantDb, default_url
from hmi.production.holds import LotHoldStore
from hmi.production.lineage import LineageReader, alarms_by_station
from hmi.production.lineage_export import export_bundle
from hmi.production.lots import LotStore, LotTracker
from hmi.security import Security
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.security.conftest import FakeClock


def _released(journal: ChangeoverJournal, lot: str, tag: str, version: int) -> str:
    co_id = journal.create("NMC811", version, f"hash{version}", lot, False, "olga",
                           [(tag, 62.0)])
    journal.set_state(co_id, ChangeoverState.RELEASED, "released", control_hash=f"ctl{version}")
    return co_id


def test_recipe_holds_and_writes_are_the_lots_own(
        db: PlantDb, security: Security, clock: FakeClock, tmp_path: Path) -> None:
    journal = ChangeoverJournal(db.engine, clock)
    holds = LotHoldStore(db, security.audit, security.signatures, clock)
    tracker = LotTracker(LotStore(db), {}, {"coater": ("mixer",)}, clock=clock)
    tracker.start_lot("mixer", "MIX-1", by="olga")
    clock.advance(minutes=1)
    old = _released(journal, "LOT-A", "coater.web_tension_sp_n", 1)
    _released(journal, "LOT-X", "calender.roll_gap_sp_um", 7)  # another station's
    clock.advance(minutes=1)
    tracker.start_lot("coater", "ROLL-1", by="olga")
    clock.advance(minutes=1)
    security.audit.append(AuditEvent(username="olga", full_name="Olga", role="Operator",
                                     action="write_setpoint", object_type="tag",
                                     object_id="coater.web_tension_sp_n", field="value",
                                     old_value=62.0, sent_value=64.0, read_back=64.0,
                                     reason="wrinkles"))
    security.audit.append(AuditEvent(username="olga", full_name="Olga", role="Operator",
                                     action="write_setpoint", object_type="tag",
                                     object_id="calender.roll_gap_sp_um", field="value",
                                     old_value=80, sent_value=82, read_back=82, reason="x"))
    holds.place("LOT-A", ["coater"], "trial lot", source="changeover:x", actor="olga")
    holds.place("ROLL-1", ["coater"], "Cpk 1.1 < 1.33", source="spc:coat_weight",
                actor="spc")
    clock.advance(minutes=1)
    new = _released(journal, "ROLL-2", "coater.web_tension_sp_n", 2)  # after ROLL-1 began
    clock.advance(minutes=1)
    tracker.start_lot("coater", "ROLL-2", by="olga")  # ends ROLL-1
    clock.advance(minutes=1)
    security.audit.append(AuditEvent(username="olga", full_name="Olga", role="Operator",
                                     action="write_setpoint", object_type="tag",
                                     object_id="coater.web_tension_sp_n", field="value",
                                     old_value=64.0, sent_value=60.0, read_back=60.0,
                                     reason="after the roll"))

    reader = LineageReader(db, clock=clock)
    roll1 = reader.lineage("ROLL-1")
    first = roll1.lot("ROLL-1")
    assert first.recipe is not None and first.recipe.changeover_id == old  # not the later one
    assert (first.recipe.version, first.recipe.control_hash) == (1, "ctl1")
    kinds = [(e.kind, e.text) for e in first.events]
    writes = [t for k, t in kinds if k == "write"]
    assert len(writes) == 1 and "62.0 -> 64.0" in writes[0] and "wrinkles" in writes[0]
    assert any(k == "hold" and "LOT-A" in t for k, t in kinds)  # its changeover's lot id
    assert any(k == "spc" and "spc:coat_weight" in t for k, t in kinds)
    assert [x.lot.lot_id for x in roll1.lots] == ["ROLL-1", "MIX-1"]
    second = reader.lineage("ROLL-2").lot("ROLL-2")
    assert second.recipe is not None and second.recipe.changeover_id == new  # names it

    folder = export_bundle(roll1, tmp_path / "out", db)
    summary = (folder / "summary.txt").read_text()
    assert "no history database given" in summary and "recipe NMC811 v1" in summary
    assert "not exported" in summary  # the recipe version is not in the recipe store


def test_cli_refusals_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   db: PlantDb) -> None:
    assert main(["lineage", "X", "--data-dir", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert "no plant database at" in err and "Traceback" not in err
    assert main(["lineage", "NOPE", "--db", default_url(tmp_path)]) == 2
    assert "lot 'NOPE' is not recorded" in capsys.readouterr().err


def test_an_spc_alarm_in_a_lots_run_is_in_its_lineage(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    config = load_line_config(DEMO_LINE)
    engine = AlarmEngine(config, AlarmJournal(db, security.audit), clock=clock,
                         external=spc_alarm_defs(config))
    tracker = LotTracker(LotStore(db), {}, {}, clock=clock)
    tracker.start_lot("coater", "ROLL-9", by="olga")
    clock.advance(minutes=1)
    engine.raise_external("spc_coat_weight", True, "coat_weight at coater: N2 9 points ...")
    clock.advance(minutes=1)
    lineage = LineageReader(db, alarm_stations=alarms_by_station(config)).lineage("ROLL-9")
    alarms = [e for e in lineage.lots[0].events if e.kind == "alarm"]
    assert len(alarms) == 1 and "spc_coat_weight activate" in alarms[0].text
    assert "N2 9 points" in alarms[0].text
