"""The [security] table: defaults without it, rules checked against the line's stations."""

from __future__ import annotations

import pytest

from hmi.config import DEMO_LINE, ConfigError, load_line_config, parse_line_config
from hmi.core.roles import Action, Role

LINE = """\
[line]
id = "l1"
name = "Test line"

[[connections]]
id = "plc"
protocol = "opcua"
endpoint = "opc.tcp://127.0.0.1:4840/"

[[stations]]
id = "coater"
name = "Coater"
connection = "plc"
"""


def test_no_security_table_means_the_defaults() -> None:
    security = load_line_config(DEMO_LINE).security
    assert security.url is None
    assert (security.min_password_length, security.lockout_attempts) == (12, 5)
    assert security.lockout_minutes == 15
    assert security.permissions == ()


def test_a_security_table_with_rules() -> None:
    config = parse_line_config(LINE + """
[security]
min_password_length = 14
reason_required = ["write_setpoint"]

[[security.permissions]]
role = "Operator"
stations = ["coater"]
actions = ["view", "write_setpoint"]
""", "line.toml")
    assert config.security.min_password_length == 14
    assert config.security.reason_required == (Action.WRITE_SETPOINT,)
    rule = config.security.permissions[0]
    assert (rule.role, rule.stations) == (Role.OPERATOR, ("coater",))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('[[security.permissions]]\nrole = "Operator"\nstations = ["winder"]\n'
         'actions = ["view"]\n', "station 'winder' is not in [[stations]]"),
        ('[[security.permissions]]\nrole = "Administrator"\nactions = ["write_setpoint"]\n',
         "the Administrator manages users and certificates, not the process"),
        ('[[security.permissions]]\nrole = "Boss"\nactions = ["view"]\n',
         "security.permissions[0].role: Input should be 'Viewer'"),
        ('[[security.permissions]]\nrole = "QA"\nactions = ["fly"]\n',
         "security.permissions[0].actions[0]: Input should be 'view'"),
        ("[security]\nmin_password_length = 4\n", "min_password_length"),
        ('[security]\nurl = "not a url"\n', "is not an SQLAlchemy URL"),
    ],
)
def test_mistakes_are_named(table: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_line_config(LINE + "\n" + table, "line.toml")
    assert expected in str(error.value)
