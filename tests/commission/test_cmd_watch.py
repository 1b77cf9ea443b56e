"""`lineside watch`: live values with quality and ISO timestamps, by node id or by tag."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .servers import FLOAT_VALUE, OpcUaFixture

Cli = Callable[..., tuple[int, str, str]]

COUNTER = "ns=2;s=plc.counter"
TEMPERATURE = "ns=2;s=plc.temperature"


def _updates(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_url_form_json_updates(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, err = run_cli(
        "watch", opcua.endpoint, COUNTER, TEMPERATURE, "--interval-ms", 50, "--duration", 1,
        "--json",
    )
    assert code == 0, err
    updates = _updates(out)
    for update in updates:
        assert {"tag", "value", "quality", "source_ts", "received_ts"} <= update.keys()
        source, received = (datetime.fromisoformat(update[k]) for k in ("source_ts", "received_ts"))
        assert source.tzinfo is not None and received.tzinfo is not None
    counts = [u["value"] for u in updates if u["tag"] == COUNTER]
    assert len(counts) >= 5 and counts == sorted(counts)  # the counter ticks every 50 ms
    assert {u["quality"] for u in updates} == {"GOOD"}
    assert [u["value"] for u in updates if u["tag"] == TEMPERATURE] == [21.5]  # once: no change


def test_unknown_node_shows_bad_and_the_rest_flows(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, _ = run_cli("watch", opcua.endpoint, "ns=2;s=nowhere", COUNTER,
                           "--duration", 0.5, "--json")
    assert code == 0
    updates = _updates(out)
    bad = [u for u in updates if u["tag"] == "ns=2;s=nowhere"]
    assert bad and bad[0]["quality"] == "BAD" and "BadNodeIdUnknown" in bad[0]["status"]
    assert any(u["tag"] == COUNTER and u["quality"] == "GOOD" for u in updates)


def test_config_form_by_tag(run_cli: Cli, line_config: str) -> None:
    code, out, err = run_cli(
        "watch", "--config", line_config, "--tag", "plc.mode", "--tag", "dry.float_big",
        "--tag", "dry.float_little", "--duration", 0.6, "--json",
    )
    assert code == 0, err
    latest = {u["tag"]: u for u in _updates(out)}
    assert set(latest) == {"plc.mode", "dry.float_big", "dry.float_little"}
    assert latest["plc.mode"]["label"] in ("Manual", "Auto")
    assert abs(latest["dry.float_big"]["value"] - FLOAT_VALUE) < 1e-6
    assert abs(latest["dry.float_little"]["value"] - FLOAT_VALUE) < 1e-6


def test_plain_lines_are_readable(run_cli: Cli, line_config: str) -> None:
    code, out, _ = run_cli("watch", "--config", line_config, "--tag", "plc.setpoint",
                           "--duration", 0.4)
    assert code == 0
    first = out.splitlines()[0].split()
    # time, tag, value, unit, quality; then how old the PLC's timestamp is, when it is old
    # (the setpoint has not changed since the server started).
    assert first[1:5] == ["plc.setpoint", first[2], "°C", "GOOD"]
    datetime.strptime(first[0], "%H:%M:%S.%f")
    assert float(first[2]) >= 0


def test_unreachable_endpoint_fails_fast(run_cli: Cli, free_port: int) -> None:
    started = time.monotonic()
    code, out, err = run_cli("watch", f"opc.tcp://127.0.0.1:{free_port}/", COUNTER)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"cannot connect to opc.tcp://127.0.0.1:{free_port}/" in err
    assert time.monotonic() - started < 3


def test_usage_errors(run_cli: Cli, line_config: str) -> None:
    cases = [
        (["watch", "opc.tcp://127.0.0.1:4840/"], "at least one NODEID"),
        (["watch", "opc.tcp://127.0.0.1:4840/", "plc.counter"], "is not an OPC UA node id"),
        (["watch", "opc.tcp://h:1/", COUNTER, "--tag", "plc.counter"], "--tag needs --config"),
        (["watch", "--config", line_config, "--tag", "plc.nope"], "plc.nope: no such tag"),
        (["watch", "--config", line_config, "--interval-ms", 50], "--interval-ms is for URL"),
    ]
    for args, message in cases:
        code, _, err = run_cli(*args)
        assert code == 2, args
        assert message in err and len(err.strip().splitlines()) == 1, err
