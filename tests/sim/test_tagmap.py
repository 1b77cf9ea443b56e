"""The twin serves whatever the config lists, modelled or not."""

from __future__ import annotations

import logging

import pytest

from hmi.config.loader import parse_line_config
from hmi.sim.twin import LineTwin

CONFIG = """
[line]
id = "tiny"
name = "Tiny"

[[connections]]
id = "plc"
protocol = "opcua"
endpoint = "opc.tcp://127.0.0.1:4840/tiny/"

[[stations]]
id = "oven"
name = "Oven"
kind = "generic"
connection = "plc"

[[tags]]
id = "oven.state"
data_type = "enum"
enum = "packml_state"
opcua = { node_id = "ns=2;s=oven.state" }

[[tags]]
id = "oven.zone_temp_c"
range = [100, 200]
opcua = { node_id = "ns=2;s=oven.zone_temp_c" }

[[tags]]
id = "oven.zone_sp_c"
range = [100, 200]
writable = true
opcua = { node_id = "ns=2;s=oven.zone_sp_c" }
"""


def test_unmodelled_signals_are_served_mid_range_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="hmi.sim.tagmap"):
        twin = LineTwin(parse_line_config(CONFIG))
    warnings = [r.getMessage() for r in caplog.records]
    assert sum("oven.zone_temp_c" in w for w in warnings) == 1
    assert twin.tags.read("oven.zone_temp_c") == 150.0
    assert twin.tags.read("oven.state") == 4  # a generic station still runs PackML
    assert twin.tags.write("oven.zone_sp_c", 250.0).name == "OUT_OF_RANGE"
    assert twin.tags.write("oven.zone_sp_c", 180.0).name == "OK"
    assert twin.tags.read("oven.zone_sp_c") == 180.0
    assert twin.tags.write("oven.zone_temp_c", 180.0).name == "NOT_WRITABLE"
    assert not twin.serves_modbus
