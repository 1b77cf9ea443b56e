"""`lineside write`: write, read back, print both; a refusal exits 1 with the PLC's reason."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hmi.plantdb import default_url, open_plant_db
from hmi.security import build_security

from .conftest import VIEWER, WRITER
from .servers import OpcUaFixture

Cli = Callable[..., tuple[int, str, str]]

SETPOINT = "ns=2;s=plc.setpoint"


def test_write_and_read_back(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, err = run_cli("write", opcua.endpoint, SETPOINT, "42.5")
    assert code == 0, err
    assert out.startswith(f"{SETPOINT}: wrote 42.5, read back 42.5 (")
    code, out, _ = run_cli("write", opcua.endpoint, "ns=2;s=plc.mode", "0x2", "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["tag"], result["requested"], result["read_back"], result["ok"]) == (
        "ns=2;s=plc.mode", 2, 2, True,
    )


def test_refused_write_exits_1_with_the_reason(run_cli: Cli, opcua: OpcUaFixture) -> None:
    assert run_cli("write", opcua.endpoint, SETPOINT, "50")[0] == 0
    code, out, err = run_cli("write", opcua.endpoint, SETPOINT, "500")
    assert code == 1 and out == ""
    assert err.strip() == f"lineside write: PLC refused {SETPOINT} = 500: BadOutOfRange"
    code, out, _ = run_cli("browse", opcua.endpoint, "--from", "ns=2;s=plc", "--json")
    setpoint = next(n for n in map(json.loads, out.splitlines()) if n["node_id"] == SETPOINT)
    assert setpoint["value"] == 50.0  # the refused value never landed


def test_value_is_parsed_per_data_type(run_cli: Cli, opcua: OpcUaFixture) -> None:
    cases = [
        (SETPOINT, "warm", f"'warm' is not a number ({SETPOINT} is a Double)"),
        ("ns=2;s=plc.mode", "2.5", "'2.5' is not a whole number (ns=2;s=plc.mode is an Int32)"),
    ]
    for node, value, message in cases:
        code, _, err = run_cli("write", opcua.endpoint, node, value)
        assert code == 2
        assert err.strip() == f"lineside write: {message}"


def test_not_a_variable_or_no_such_node(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, _, err = run_cli("write", opcua.endpoint, "ns=2;s=plc", "1")
    assert code == 1 and "ns=2;s=plc is an Object, not a variable" in err
    code, _, err = run_cli("write", opcua.endpoint, "ns=2;s=nowhere", "1")
    assert code == 1 and "BadNodeIdUnknown" in err


def test_config_form_by_tag(run_cli: Cli, line_config: str) -> None:
    code, out, err = run_cli("write", "--config", line_config, "plc.setpoint", "61")
    assert code == 0, err
    assert out.startswith("plc.setpoint: wrote 61, read back 61 (")
    code, out, err = run_cli("write", "--config", line_config, "plc.mode", "manual")
    assert code == 0, err
    assert out.startswith("plc.mode: wrote 0, read back 0 (")
    code, _, err = run_cli("write", "--config", line_config, "plc.setpoint", "-5")
    assert code == 1
    assert err.strip() == "lineside write: PLC refused plc.setpoint = -5: BadOutOfRange"


def test_modbus_tag_in_its_word_order(run_cli: Cli, line_config: str, modbus_port: int) -> None:
    code, out, err = run_cli("write", "--config", line_config, "dry.setpoint", "-12.5")
    assert code == 0, err
    assert out.startswith("dry.setpoint: wrote -12.5, read back -12.5 (")
    code, out, _ = run_cli(
        "modbus-scan", f"127.0.0.1:{modbus_port}", "--start", 30, "--count", 2, "--json"
    )
    assert json.loads(out)["float32_little"]["30"] == -12.5  # low word first, as configured


def test_config_form_usage_errors(run_cli: Cli, line_config: str) -> None:
    cases = [
        (["plc.temperature", "1"], "plc.temperature is read-only"),
        (["plc.nope", "1"], "plc.nope: no such tag"),
        (["plc.mode", "turbo"], "'turbo' is not one of Manual, Auto"),
        (["plc.mode"], "with --config give TAG VALUE"),
    ]
    for args, message in cases:
        code, _, err = run_cli("write", "--config", line_config, *args)
        assert code == 2, args
        assert message in err and len(err.strip().splitlines()) == 1


def test_a_write_names_its_user_and_is_audited_or_refused(
    run_cli: Cli, opcua: OpcUaFixture, plant: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(VIEWER[1] + "\n"))
    code, _, err = run_cli("write", opcua.endpoint, SETPOINT, "43", "--user", VIEWER[0],
                           "--password-stdin", "--data-dir", plant)
    assert code == 2 and "Viewer" in err, err  # refused before anything was sent
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-password-1\n"))
    code, _, err = run_cli("write", opcua.endpoint, SETPOINT, "43", "--user", WRITER[0],
                           "--password-stdin", "--data-dir", plant)
    assert code == 2 and "password" in err
    code, _, err = run_cli("write", opcua.endpoint, SETPOINT, "44", "--reason", "loop check")
    assert code == 0, err
    db = open_plant_db(default_url(plant))
    try:
        audit = build_security(db).audit
        written = audit.entries(username=WRITER[0], action="write_setpoint")[-1]
        refused = audit.entries(username=VIEWER[0])[-1]
    finally:
        db.close()
    assert (written.sent_value, written.read_back, written.reason) == (44.0, 44.0, "loop check")
    assert written.client_host.startswith("cli@")
    assert refused.object_id.endswith("setpoint") or "denied" in refused.reason + refused.action
