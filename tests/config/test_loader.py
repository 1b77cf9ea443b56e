"""Line config: the demo line loads, and every kind of mistake names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.config import DEMO_LINE, ConfigError, load_line_config, parse_line_config
from hmi.config.schema import ModbusConnection, OpcUaConnection

MINIMAL = """\
[line]
id = "l1"
name = "Test line"

[[connections]]
id = "plc"
protocol = "opcua"
endpoint = "opc.tcp://127.0.0.1:4840/"

[[connections]]
id = "mb"
protocol = "modbus"
host = "127.0.0.1"

[[stations]]
id = "coater"
name = "Coater"
kind = "coater"
connection = "plc"

[[stations]]
id = "dry_room"
name = "Dry room"
connection = "mb"

[[tags]]
id = "coater.web_tension_n"
unit = "N"
range = [0, 200]
opcua = { node_id = "ns=2;s=coater.web_tension_n" }

[[tags]]
id = "dry_room.dew_point_c"
modbus = { table = "input", address = 10, type = "float32", word_order = "little" }
"""


def issues_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_line_config(text, "line.toml")
    return [str(issue) for issue in caught.value.issues]


def test_demo_line_is_a_whole_line() -> None:
    config = load_line_config(DEMO_LINE)
    kinds = [s.kind for s in config.stations]
    assert kinds == [
        "mixer",
        "coater",
        "calender",
        "slitter",
        "winder",
        "tab_welder",
        "filler",
        "formation",
        "vision",
        "dry_room",
    ]
    protocol = {s.id: type(config.connection(s.connection)) for s in config.stations}
    for station in ("coater", "calender", "winder", "formation", "vision"):
        assert protocol[station] is OpcUaConnection
    for station in ("dry_room", "tab_welder"):
        assert protocol[station] is ModbusConnection
    zones = [
        t for t in config.tags if t.id.startswith("coater.dryer_z") and t.id.endswith("temp_c")
    ]
    assert len(zones) >= 4
    orders = {t.modbus.word_order for t in config.tags if t.modbus and t.modbus.width == 2}
    assert orders == {"big", "little"}


def test_minimal_config_and_derived_values() -> None:
    config = parse_line_config(MINIMAL)
    tag = config.tag("dry_room.dew_point_c")
    assert config.tag_connection(tag) == "mb"
    assert config.expected_period_ms(tag) == 500  # the default poll group
    assert config.expected_period_ms(config.tag("coater.web_tension_n")) == 100
    assert tag.station == "dry_room" and tag.signal == "dew_point_c"


def test_field_errors_name_the_line_and_field() -> None:
    text = MINIMAL.replace('unit = "N"', 'unti = "N"').replace(
        "range = [0, 200]", "range = [200, 0]"
    )
    found = issues_of(text)
    assert (
        "line.toml:28: tags[coater.web_tension_n].unti: unknown field (check the spelling)" in found
    )
    assert any(
        i.startswith("line.toml:29: tags[coater.web_tension_n].range: range low 200") for i in found
    )


def test_modbus_binding_rules() -> None:
    text = MINIMAL.replace('type = "float32", word_order = "little"', 'type = "bool"')
    (issue,) = issues_of(text)
    assert issue.startswith("line.toml:34: tags[dry_room.dew_point_c].modbus")
    assert "needs `bit`" in issue


def test_cross_references_each_get_their_own_line() -> None:
    text = MINIMAL.replace('connection = "mb"', 'connection = "mbx"').replace(
        'id = "coater.web_tension_n"', 'id = "kiln.web_tension_n"'
    )
    found = issues_of(text)
    assert "line.toml:24: station dry_room: unknown connection 'mbx'" in found
    assert "line.toml:27: tag kiln.web_tension_n: station 'kiln' is not in [[stations]]" in found
    # The dry room's tags are not blamed again for their station's connection.
    assert len(found) == 2


def test_toml_syntax_error_has_a_line() -> None:
    (issue,) = issues_of(MINIMAL.replace('name = "Test line"', 'name = "Test line'))
    assert issue.startswith("line.toml:3: not valid TOML")


def test_missing_file_and_security_pairing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_line_config(tmp_path / "nope.toml")
    text = MINIMAL.replace(
        'endpoint = "opc.tcp://127.0.0.1:4840/"',
        'endpoint = "opc.tcp://127.0.0.1:4840/"\nsecurity_mode = "None"\n'
        'security_policy = "Basic256Sha256"',
    )
    (issue,) = issues_of(text)
    assert "line.toml:5: connections[plc]" in issue and "both" in issue


def test_opcua_is_secure_unless_the_file_says_none() -> None:
    (plc,) = [c for c in parse_line_config(MINIMAL).connections if c.id == "plc"]
    assert isinstance(plc, OpcUaConnection)
    assert (plc.security_mode, plc.security_policy) == ("SignAndEncrypt", "Aes256_Sha256_RsaPss")
    endpoint = 'endpoint = "opc.tcp://127.0.0.1:4840/"'
    plain = parse_line_config(MINIMAL.replace(endpoint, endpoint + '\nsecurity_mode = "None"'))
    assert plain.connections[0].security_policy == "None"


@pytest.mark.parametrize(
    ("extra", "line_no", "message"),
    [
        ('password = "hunter2"', 5, "never written in a line config"),
        ('username = "op"\npassword_ref = "hunter2"', 10, "password_ref: 'hunter2' is not a"),
        ('password_ref = "env:PLC_PW"', 5, "password_ref needs a username"),
        ('client_certificate = "own.der"', 5, "client_private_key go together"),
        ('security_policy = "Basic128Rsa15"', 9, "connections[plc].security_policy"),
    ],
)
def test_security_mistakes_name_line_and_field(extra: str, line_no: int, message: str) -> None:
    endpoint = 'endpoint = "opc.tcp://127.0.0.1:4840/"'
    found = issues_of(MINIMAL.replace(endpoint, f"{endpoint}\n{extra}"))
    assert any(i.startswith(f"line.toml:{line_no}:") and message in i for i in found), found


def test_tag_id_form_and_duplicates() -> None:
    text = MINIMAL.replace('id = "dry_room.dew_point_c"', 'id = "coater.web_tension_n"')
    assert any(
        "duplicate tag id 'coater.web_tension_n'" in i and i.startswith("line.toml:32")
        for i in issues_of(text)
    )
    bad = MINIMAL.replace('id = "coater.web_tension_n"', 'id = "Coater.Tension"')
    assert any("must be `station.signal`" in i for i in issues_of(bad))
