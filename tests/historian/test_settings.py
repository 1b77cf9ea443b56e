"""History settings from a line config; mistakes come out as file:line: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.config import DEMO_LINE, ConfigError, load_line_config, parse_line_config
from hmi.historian import TagPolicy, settings_from_config

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

[[tags]]
id = "coater.web_tension_n"
deadband = 0.2
opcua = { node_id = "ns=2;s=coater.web_tension_n" }

[[tags]]
id = "coater.speed_mpm"
opcua = { node_id = "ns=2;s=coater.speed_mpm" }
history = { deadband = 0.05, heartbeat_s = 5 }

[[tags]]
id = "coater.recipe_name"
data_type = "string"
opcua = { node_id = "ns=2;s=coater.recipe_name" }
history = { record = false }
"""


def test_defaults_need_no_historian_table(tmp_path: Path) -> None:
    settings = settings_from_config(parse_line_config(LINE), tmp_path)
    assert settings.url == f"sqlite:///{tmp_path.resolve()}/history.sqlite"
    assert (settings.raw_days, settings.rollup_1s_days, settings.rollup_1m_days) == (7, 30, 730)
    # A tag's own deadband (its OPC UA filter) is its history deadband unless it has one.
    assert settings.policy("coater.web_tension_n") == TagPolicy(0.2, 60.0, True)
    assert settings.policy("coater.speed_mpm") == TagPolicy(0.05, 5.0, True)
    assert settings.policy("coater.recipe_name").record is False
    assert settings.policy("not.configured") == TagPolicy(0.0, 60.0, True)


def test_the_historian_table_sets_url_retention_and_batching(tmp_path: Path) -> None:
    text = LINE + """
[historian]
url = "sqlite:////var/lib/lineside/h.sqlite"
raw_days = 2
rollup_1s_days = 14
rollup_1m_days = 400
heartbeat_s = 30
queue_samples = 1000
batch_samples = 500
flush_interval_s = 0.25
"""
    settings = settings_from_config(parse_line_config(text), tmp_path)
    assert settings.url == "sqlite:////var/lib/lineside/h.sqlite"
    assert settings.keep_days() == {"raw": 2, "1s": 14, "1m": 400}
    assert (settings.queue_samples, settings.batch_samples, settings.flush_interval_s) == (
        1000, 500, 0.25,
    )
    assert settings.policy("coater.web_tension_n").heartbeat_s == 30


def issues_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_line_config(text, "line.toml")
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("raw_days = 0", "line.toml:32: historian.raw_days: Input should be greater than 0"),
        (
            'url = "history.sqlite"',
            "line.toml:32: historian.url: 'history.sqlite' is not an SQLAlchemy URL",
        ),
        ("raw_days = 60", "line.toml:31: historian: keep coarser tiers at least as long"),
        ("retention = 3", "line.toml:32: historian.retention: unknown field"),
    ],
)
def test_historian_mistakes_name_file_line_and_field(extra: str, expected: str) -> None:
    issues = issues_of(f"{LINE}\n[historian]\n{extra}\n")
    assert len(issues) == 1 and issues[0].startswith(expected), issues


def test_tag_history_mistakes_name_the_tag() -> None:
    text = LINE.replace("history = { deadband = 0.05, heartbeat_s = 5 }",
                        "history = { deadband = -1, heartbeat_s = 5 }")
    [issue] = issues_of(text)
    assert issue.startswith(
        "line.toml:23: tags[coater.speed_mpm].history.deadband: "
        "Input should be greater than or equal to 0"
    ), issue


def test_demo_line_history_settings(tmp_path: Path) -> None:
    settings = settings_from_config(load_line_config(DEMO_LINE), tmp_path)
    assert settings.policy("dry_room.dew_point_c").deadband > 0
    assert settings.url.endswith("history.sqlite")
