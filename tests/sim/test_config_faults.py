"""Fault syntax and `--lines` replication."""

from __future__ import annotations

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import ModbusConnection
from hmi.sim.faults import FaultError, FaultSpec, parse_fault
from hmi.sim.replicate import replicate_config


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("web_break@30", FaultSpec("web_break", None, 30.0, None)),
        ("estop:winder@5+2.5", FaultSpec("estop", "winder", 5.0, 2.5)),
        (
            "sensor_failure:coater.web_tension_n@10+20",
            FaultSpec("sensor_failure", "coater.web_tension_n", 10.0, 20.0),
        ),
        ("dryer_heater_fault:coater_2.z3@0", FaultSpec("dryer_heater_fault", "coater_2.z3", 0.0)),
    ],
)
def test_fault_syntax(text: str, spec: FaultSpec) -> None:
    assert parse_fault(text) == spec


@pytest.mark.parametrize("text", ["web_break", "web_brake@3", "estop@x", "estop@3+", ":a@1"])
def test_bad_fault_syntax_is_refused(text: str) -> None:
    with pytest.raises(FaultError):
        parse_fault(text)


def test_replicated_lines_get_suffixed_ids_and_shifted_units() -> None:
    base = load_line_config(DEMO_LINE)
    config = replicate_config(base, 3)
    assert len(config.tags) == 3 * len(base.tags)
    tag = config.tag("coater_2.web_tension_n")
    assert tag.opcua is not None and tag.opcua.node_id == "ns=2;s=coater_2.web_tension_n"
    assert config.tag("coater.web_tension_n") == base.tag("coater.web_tension_n")
    units = sorted(c.unit_id for c in config.connections if c.protocol == "modbus")
    assert units == [1, 2, 11, 12, 21, 22]
    welder = config.tag("tab_welder_3.laser_power_w")
    connection = config.connection(config.tag_connection(welder))
    assert isinstance(connection, ModbusConnection) and connection.unit_id == 22
    assert {lp.station for lp in config.loops} >= {"coater_2", "winder_3"}
    assert replicate_config(base, 1) is base
