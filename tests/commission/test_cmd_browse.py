"""`lineside browse`: the address space as JSON lines and as an indented tree."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .servers import OpcUaFixture, count_requests

Cli = Callable[..., tuple[int, str, str]]


def _nodes(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_has_ids_paths_and_types(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, err = run_cli("browse", opcua.endpoint, "--depth", "3", "--json")
    assert code == 0, err
    nodes = _nodes(out)
    for node in nodes:
        assert {"node_id", "browse_name", "node_class", "path"} <= node.keys()
        assert node["path"].endswith(node["browse_name"].replace("/", "&/"))
        if node["node_class"] == "Variable":
            assert "data_type" in node
    by_path = {n["path"]: n for n in nodes}
    assert by_path["plc"]["node_id"] == "ns=2;s=plc"
    assert by_path["plc"]["node_class"] == "Object"
    temp = by_path["plc/zone1/temp_c"]
    assert temp["node_id"] == "ns=2;s=plc.zone1.temp_c"
    assert (temp["data_type"], temp["value"], temp["writable"]) == ("Float", 80.25, False)
    assert by_path["plc/setpoint"]["data_type"] == "Double"
    assert by_path["plc/setpoint"]["writable"] is True
    assert by_path["Server/ServerStatus/State"]["depth"] == 3


def test_depth_limits_the_walk(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, _ = run_cli("browse", opcua.endpoint, "--depth", "1", "--json")
    assert code == 0
    nodes = _nodes(out)
    assert {n["depth"] for n in nodes} == {1}
    assert "plc" in {n["path"] for n in nodes}
    assert all("/" not in n["path"] for n in nodes)


def test_from_a_node_and_tree_text(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, _ = run_cli("browse", opcua.endpoint, "--from", "ns=2;s=plc")
    assert code == 0
    lines = out.splitlines()
    assert "  2:setpoint  ns=2;s=plc.setpoint  Variable  Double = 50 (rw)" in lines
    assert "  2:zone1  ns=2;s=plc.zone1  Object" in lines
    assert "    2:temp_c  ns=2;s=plc.zone1.temp_c  Variable  Float = 80.25" in lines


def test_unknown_start_node_is_one_line(run_cli: Cli, opcua: OpcUaFixture) -> None:
    code, out, err = run_cli("browse", opcua.endpoint, "--from", "ns=2;s=nowhere")
    assert code == 1
    assert out == ""
    assert err.startswith("lineside browse: cannot browse ns=2;s=nowhere: BadNodeId")
    assert len(err.splitlines()) == 1


def test_malformed_node_id_is_a_usage_error(run_cli: Cli) -> None:
    code, _, err = run_cli("browse", "opc.tcp://127.0.0.1:4840", "--from", "plc.setpoint")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "'plc.setpoint' is not an OPC UA node id" in err


def test_browse_is_batched_per_level(run_cli: Cli, opcua: OpcUaFixture) -> None:
    """A round trip per level, not per node: what keeps a browse of a big PLC to seconds."""
    depth = 10
    with count_requests(opcua.server) as counts:
        code, out, _ = run_cli("browse", opcua.endpoint, "--depth", depth, "--json")
    assert code == 0
    nodes = _nodes(out)
    assert len(nodes) > 500
    assert counts["browsed_nodes"] > 500
    assert counts["browse"] <= depth + 4  # one per level (+ a chunk split on a wide level)
    assert counts["read"] <= 2 * depth + 10  # attributes and type names per level, + session
