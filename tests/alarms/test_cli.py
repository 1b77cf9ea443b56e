"""`lineside alarms list|journal|kpi` through main(), on a real data folder's journal."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from hmi.alarms import AlarmEngine
from hmi.alarms.cli import when
from hmi.cli import main
from hmi.core.roles import Role
from hmi.security import Security, User

from .conftest import add
from .helpers import EXECUTE, T0, FakeClock, value


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def recorded(engine: AlarmEngine, clock: FakeClock, security: Security, admin: User) -> None:
    """An E-stop that came and went (acknowledged), and a shelved rate alarm."""
    lead = add(security, admin, "lena", Role.LEAD).username
    engine.process([value("coater.state", EXECUTE, clock.now),
                    value("coater.estop", True, clock.now),
                    value("dry_room.dew_point_c", -45.0, clock.now)])
    clock.advance(2)
    engine.process([value("dry_room.dew_point_c", -42.0, clock.now)])
    engine.shelve(lead, "dew_rate", reason="door trial", duration_s=3600)
    engine.process([value("coater.estop", False, clock.now)])
    engine.acknowledge(lead, ["estop"])


def test_list_journal_and_kpi(
    recorded: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ("--data", str(tmp_path))
    code, out, _ = run(capsys, "alarms", "list", *data)
    assert code == 0
    [line] = out.splitlines()
    assert line.split()[:3] == ["P3", "UNACK", "dew_rate"]
    assert "shelved(timed by lena" in line
    code, out, _ = run(capsys, "alarms", "list", "--all", "--json", *data)
    states = {r["alarm"]: r["state"] for r in map(json.loads, out.splitlines())}
    assert states["estop"] == "NORMAL" and states["dew_rate"] == "UNACK"

    code, out, _ = run(capsys, "alarms", "journal", "--alarm", "estop", *data)
    assert [line.split()[3:5] for line in out.splitlines()] == [
        ["activate", "NORMAL->UNACK"], ["return", "UNACK->RTN_UNACK"], ["ack", "RTN_UNACK->NORMAL"]]
    assert out.splitlines()[-1].endswith("by lena")
    code, out, _ = run(capsys, "alarms", "journal", "--json", "--since",
                       (T0 + timedelta(seconds=1)).isoformat(), *data)
    # tension_h, a consequence of the E-stop's trip, is unsuppressed once the trip is over.
    assert {json.loads(x)["event"] for x in out.splitlines()} == {
        "activate", "shelve", "return", "ack", "unsuppress"}

    since, until = T0.isoformat(), (T0 + timedelta(hours=1)).isoformat()
    code, out, _ = run(capsys, "alarms", "kpi", "--since", since, "--until", until, *data)
    assert code == 0
    assert out.splitlines()[0].startswith("console line: 2 annunciated alarms")
    assert "indicative only" in out.splitlines()[0]
    code, out, _ = run(capsys, "alarms", "kpi", "--json", "--since", since, "--until", until,
                       *data)
    [kpi] = map(json.loads, out.splitlines())
    assert kpi["activations"] == 2 and kpi["by_priority"] == {"1": 1, "2": 0, "3": 1, "4": 0}
    assert kpi["measures"]["per_10min_avg"] == pytest.approx(2 / 6)
    assert kpi["met"]["per_10min_avg"] is True and kpi["met"]["chattering"] is True


def test_mistakes_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "alarms", "list", "--data", str(tmp_path / "none"))
    assert code == 2 and err.count("\n") == 1 and "no plant database" in err
    code, _, err = run(capsys, "alarms", "journal", "--since", "yesterday",
                       "--data", str(tmp_path))
    assert code == 2 and "neither an ISO time" in err
    code, _, err = run(capsys, "alarms", "kpi", "--since", "1h", "--until", "2h",
                       "--data", str(tmp_path))
    assert code == 2


def test_when_takes_ages_and_iso_times() -> None:
    assert when("90m", now=T0) == T0 - timedelta(minutes=90)
    assert when("2026-11-26T08:00") == T0
    assert when("2026-11-26T09:00+01:00") == T0
