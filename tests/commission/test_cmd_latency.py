"""`lineside latency` against the line twin on loopback: reads, and writes with their echo.

The twin serves the demo line's node ids and registers over real OPC UA and Modbus TCP;
--write goes through the command service as a signed-in operator, and is audited.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.plantdb import default_url, open_plant_db
from hmi.security import build_security
from hmi.sim.twin import LineTwin

from .conftest import VIEWER, WRITER

Cli = Callable[..., tuple[int, str, str]]

TENSION_SP = "ns=2;s=coater.web_tension_sp_n"  # Double, writable, range 10..150 N


@pytest.fixture(scope="module")
def twin(server_thread: IoThread) -> Iterator[LineTwin]:
    twin = LineTwin(load_line_config(DEMO_LINE))
    server_thread.run(twin.start(), timeout=30)
    try:
        yield twin
    finally:
        server_thread.run(twin.stop(), timeout=30)


def _signed_in(monkeypatch: pytest.MonkeyPatch, plant: Path, who: tuple[str, str]) -> list[str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(who[1] + "\n"))
    return ["--user", who[0], "--password-stdin", "--data-dir", str(plant)]


def _browse_value(run_cli: Cli, twin: LineTwin, node: str) -> float:
    code, out, err = run_cli("browse", twin.opcua_endpoint, "--from", "ns=2;s=coater",
                             "--json", "--depth", 1)
    assert code == 0, err
    nodes = {n["node_id"]: n for n in map(json.loads, out.splitlines())}
    value: float = nodes[node]["value"]
    return value


def test_read_round_trip_over_opcua(run_cli: Cli, twin: LineTwin) -> None:
    code, out, err = run_cli("latency", twin.opcua_endpoint, "ns=2;s=coater.web_tension_n",
                             "--count", 40, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["count"] == 40 and result["failures"] == 0
    assert 0 < result["p50_ms"] <= result["p99_ms"] <= result["max_ms"] < 1000
    assert "write_echo" not in result
    code, out, err = run_cli("latency", twin.opcua_endpoint, "ns=2;s=coater.web_tension_n",
                             "--count", 5)
    assert code == 0, err
    assert out.splitlines()[1].startswith("  read round trip   p50 ")
    assert out.splitlines()[1].endswith("(n=5)")


def test_write_to_echo_is_audited_and_restores(
    run_cli: Cli, twin: LineTwin, plant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _browse_value(run_cli, twin, TENSION_SP)
    user = _signed_in(monkeypatch, plant, WRITER)
    code, out, err = run_cli("latency", twin.opcua_endpoint, TENSION_SP, "--write",
                             "--count", 6, "--step", 0.5, "--json", "--reason", "FAT", *user)
    assert code == 0, err
    result = json.loads(out)
    echo = result["write_echo"]
    assert echo["count"] == 6 and echo["failures"] == 0, echo
    # The echo comes back through a 100 ms subscription: more than a read, under a second.
    assert 0 < echo["p50_ms"] <= echo["p99_ms"] <= echo["max_ms"] < 1000
    assert echo["original"] == before and echo["restored"] is True
    assert _browse_value(run_cli, twin, TENSION_SP) == before
    db = open_plant_db(default_url(plant))
    try:
        entries = build_security(db).audit.entries(username=WRITER[0])
    finally:
        db.close()
    mine = [e for e in entries if "latency --write" in e.reason]
    # Six writes alternate before+0.5 and before: the sixth leaves `before`, no restore write.
    assert [e.sent_value for e in mine[-6:]] == [before + 0.5, before] * 3
    assert all(e.read_back == e.sent_value and e.action == "write_setpoint" for e in mine[-6:])
    assert mine[-1].reason == f"lineside latency --write {TENSION_SP}: FAT"


def test_odd_count_restores_the_original(
    run_cli: Cli, twin: LineTwin, plant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _browse_value(run_cli, twin, TENSION_SP)
    user = _signed_in(monkeypatch, plant, WRITER)
    code, out, err = run_cli("latency", twin.opcua_endpoint, TENSION_SP, "--write",
                             "--count", 3, *user)
    assert code == 0, err
    assert "write-to-echo     p50 " in out and "(restored)" in out
    assert _browse_value(run_cli, twin, TENSION_SP) == before


def test_write_needs_a_user_whose_role_may_write(
    run_cli: Cli, twin: LineTwin, plant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli("latency", twin.opcua_endpoint, TENSION_SP, "--write")
    assert code == 2 and "--write writes to the PLC: give --user NAME" in err
    user = _signed_in(monkeypatch, plant, VIEWER)
    code, _, err = run_cli("latency", twin.opcua_endpoint, TENSION_SP, "--write", "--count", 2,
                           *user)
    assert code == 2 and "may not write_setpoint" in err, err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli("latency", twin.opcua_endpoint, "ns=2;s=coater.state", "--write",
                           *_signed_in(monkeypatch, plant, WRITER))
    assert code == 2 and "ns=2;s=coater.state is read-only on the server" in err, err


def test_modbus_read_and_write_echo(
    run_cli: Cli, twin: LineTwin, plant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dry-room dew point setpoint: holding 10 of unit 1, float32 high word first.
    url = f"modbus://127.0.0.1:{twin.modbus_port}/1/10:float32:big"
    code, out, err = run_cli("latency", url, "--count", 20, "--json")
    assert code == 0, err
    assert json.loads(out)["count"] == 20
    user = _signed_in(monkeypatch, plant, WRITER)
    code, out, err = run_cli("latency", url, "--write", "--count", 4, "--step", 0.5,
                             "--interval", 50, "--json", *user)
    assert code == 0, err
    echo = json.loads(out)["write_echo"]
    assert echo["count"] == 4 and echo["restored"] is True
    assert -60 <= echo["original"] <= -30  # read in the right word order: a dew point
    assert 0 < echo["max_ms"] < 1000


def test_bad_targets_are_one_line(run_cli: Cli, twin: LineTwin) -> None:
    cases = [
        (["modbus://127.0.0.1/1/10"], "is not like modbus://"),
        ([twin.opcua_endpoint], "give URL NODEID"),
        (["modbus://127.0.0.1:502/1/10", "x"], "give no NODEID"),
    ]
    for args, message in cases:
        code, _, err = run_cli("latency", *args)
        assert code == 2 and message in err, err
        assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli("latency", twin.opcua_endpoint, "ns=2;s=nowhere", "--count", 1)
    assert code == 1 and "BadNodeIdUnknown" in err
