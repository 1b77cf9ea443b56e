"""The semantic diff of two line configs (hmi.config.diff) on the demo line's real file."""

from __future__ import annotations

from hmi.config import DEMO_LINE, parse_line_config
from hmi.config.diff import diff_configs
from hmi.config.schema import LineConfig

TEXT = DEMO_LINE.read_text(encoding="utf-8")
RUNNING = parse_line_config(TEXT, "demo_line.toml")
TENSION = 'id = "coater.web_tension_n"\ndescription = "Web tension (unwind span)"\n'


def edited(*pairs: tuple[str, str]) -> LineConfig:
    text = TEXT
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse_line_config(text, "edited.toml")


def test_the_same_config_is_no_change() -> None:
    diff = diff_configs(RUNNING, parse_line_config(TEXT))
    assert diff.empty and diff.restart == () and diff.summary() == "no change"
    assert set(diff.kept) == {c.id for c in RUNNING.connections}


def test_a_binding_change_names_the_field_and_restarts_that_connection() -> None:
    new = edited(('opcua = { node_id = "ns=2;s=coater.web_tension_n" }',
                  'opcua = { node_id = "ns=2;s=coater.web_tension_x" }'))
    diff = diff_configs(RUNNING, new)
    assert [str(c) for c in diff.changes] == [
        "tag coater.web_tension_n changed: opcua.node_id"]
    assert diff.restart == ("opcua_electrode",)
    assert "opcua_cell" in diff.kept and "opcua_electrode" not in diff.kept
    assert diff.summary() == "1 tag changed; restarts: opcua_electrode"


def test_display_and_alarm_fields_restart_nothing() -> None:
    new = edited((TENSION, TENSION.replace("(unwind span)", "unwind")),
                 ("alarm = { ll = 12, l = 56, h = 68, hh = 120, priority = 2 }",
                  "alarm = { ll = 10, l = 56, h = 68, hh = 120, priority = 2 }"))
    diff = diff_configs(RUNNING, new)
    (change,) = diff.changes
    assert change.fields == ("description", "alarm.ll")
    assert diff.restart == ()


def test_a_connection_setting_restarts_it_and_an_added_tag_restarts_its_link() -> None:
    new = edited(('id = "opcua_cell"\nprotocol = "opcua"\n',
                  'id = "opcua_cell"\nprotocol = "opcua"\ntimeout_s = 6.0\n'))
    extra = ('\n[[tags]]\nid = "dry_room.spare_c"\ndata_type = "float"\n'
             'modbus = { table = "input", address = 900, type = "int16", poll_group = "slow" }\n')
    new_text = TEXT + extra
    added = parse_line_config(new_text)
    diff = diff_configs(RUNNING, new)
    assert [str(c) for c in diff.changes] == ["connection opcua_cell changed: timeout_s"]
    assert diff.restart == ("opcua_cell",)
    diff = diff_configs(RUNNING, added)
    assert [str(c) for c in diff.changes] == ["tag dry_room.spare_c added"]
    assert diff.restart == ("modbus_dryroom",)


def test_a_removed_connection_stops_and_its_station_moves() -> None:
    start = '[[connections]]\nid = "modbus_welder"'
    block = start + TEXT.split(start, 1)[1].split("# The PLCs'", 1)[0]  # with its poll groups
    new = parse_line_config(TEXT.replace(block, "")
                            .replace('connection = "modbus_welder"',
                                     'connection = "modbus_dryroom"'))
    diff = diff_configs(RUNNING, new)
    assert "connection modbus_welder removed" in [str(c) for c in diff.changes]
    assert "station tab_welder changed: connection" in [str(c) for c in diff.changes]
    assert diff.removed_connections == ("modbus_welder",)
    assert diff.restart == ("modbus_dryroom",)  # it now reads the welder's tags
    assert diff.lines()[-2:] == ["stops: modbus_welder",
                                 "keeps running: opcua_electrode, opcua_cell"]
