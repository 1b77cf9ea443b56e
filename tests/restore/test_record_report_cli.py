"""The restore record's schema, the restore-time report, and `lineside restore`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hmi.cli import main
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.restore import FaultContext, RunState, restore_times
from hmi.restore.journal import RestoreJournal
from hmi.restore.report import percentile
from hmi.restore.tables import metadata

T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> PlantDb:
    database = open_plant_db(default_url(tmp_path))
    yield database  # type: ignore[misc]
    database.close()


def test_the_migration_builds_the_tables_the_package_uses(db: PlantDb) -> None:
    assert db.has_applied("0004_restores")
    found = inspect(db.engine)
    for table in metadata.sorted_tables:
        columns = {c["name"]: c for c in found.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (table.name, column)


def _verified_run(journal: RestoreJournal, kind: str, at: datetime, mttr_s: float) -> str:
    run_id = journal.create(procedure_id=f"p_{kind}", title=kind, text="", fault=FaultContext(
        kind, "coater"), fault_at=at, by="olga", now=at, downtime_reason=f"reason.{kind}",
        baseline={})
    journal.finish(run_id, RunState.VERIFIED, "verified", at + timedelta(seconds=mttr_s), None,
                   mttr_s, 0)
    return run_id


def test_restore_times_per_fault_kind_median_and_p90_over_a_period(db: PlantDb) -> None:
    journal = RestoreJournal(db)
    for i, mttr in enumerate([600, 300, 900, 1200, 450]):
        _verified_run(journal, "web_break", T0 + timedelta(hours=i), mttr)
    _verified_run(journal, "estop", T0 + timedelta(hours=1), 120)
    _verified_run(journal, "estop", T0 - timedelta(days=10), 5000)  # before the period
    abandoned = journal.create(procedure_id="p", title="t", text="", fault=FaultContext(
        "estop", "coater"), fault_at=T0, by="olga", now=T0, downtime_reason="r", baseline={})
    journal.finish(abandoned, RunState.ABANDONED, "no", T0, None, None, 0)
    rows = restore_times(db, T0 - timedelta(days=1), T0 + timedelta(days=1))
    assert [r.fault_kind for r in rows] == ["web_break", "estop"]  # slowest median first
    web = rows[0]
    assert (web.runs, web.median_s, web.worst_s) == (5, 600.0, 1200.0)
    assert web.p90_s == pytest.approx(percentile([300, 450, 600, 900, 1200], 0.9)) == 1080.0
    assert web.downtime_reasons == ("reason.web_break",)
    assert (rows[1].runs, rows[1].median_s) == (1, 120.0)


def test_cli_lists_and_checks_procedures(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    assert main(["restore", "list", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {p["id"] for p in listed} >= {"coater_web_break", "dry_room_dew_point"}
    bad = tmp_path / "bad.toml"
    shipped = Path(__file__).parents[2] / "resources/procedures/coater_estop.toml"
    text = shipped.read_text(encoding="utf-8")
    bad.write_text(text.replace('{ tag = "coater.estop", equals = false }',
                                '{ tag = "coater.e_stop", equals = false }'), encoding="utf-8")
    assert main(["restore", "check", str(shipped)]) == 0
    assert "ok: coater_estop" in capsys.readouterr().out
    assert main(["restore", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    line = next(n for n, t in enumerate(bad.read_text().splitlines(), 1) if "e_stop" in t)
    assert f"{bad}:{line}: steps[2] (estop_released).all[0].tag: unknown tag 'coater.e_stop'" \
        in err
    assert "Traceback" not in err


def test_cli_report_reads_the_plant_database(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, db: PlantDb) -> None:
    _verified_run(RestoreJournal(db), "web_break", T0, 754)
    args = ["restore", "report", "--data-dir", str(tmp_path), "--since", "2026-11-01",
            "--until", "2026-11-03"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "web_break" in out and "median 12:34" in out
    assert main([*args, "--json"]) == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert row["median_s"] == 754 and row["runs"] == 1
