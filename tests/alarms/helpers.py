"""A small line for the engine tests: one coater, a dry room, their alarms; value makers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmi.config.loader import parse_line_config
from hmi.config.schema import LineConfig
from hmi.core.packml import PackMLState
from hmi.core.tags import Quality, Scalar, TagValue

T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)

HEAD = """
[line]
id = "t"
name = "alarm test line"

[[connections]]
id = "plc"
protocol = "opcua"
endpoint = "opc.tcp://127.0.0.1:4840/"
security_mode = "None"

[[stations]]
id = "coater"
name = "Coater"
connection = "plc"

[[stations]]
id = "dry_room"
name = "Dry room"
connection = "plc"
"""

TAGS = {
    "coater.state": 'data_type = "enum"\nenum = "packml_state"',
    "coater.web_tension_n": 'data_type = "float"',
    "coater.web_tension_sp_n": 'data_type = "float"',
    "coater.web_break": 'data_type = "bool"',
    "coater.estop": 'data_type = "bool"',
    "dry_room.dew_point_c": 'data_type = "float"',
}

RATIONALE = """cause = "c"
consequence = "q"
action = "a"
respond_within_s = 60
"""

ALARMS = f"""
[[alarms]]
id = "tension_h"
kind = "limit"
description = "Tension high"
tag = "coater.web_tension_n"
limit = "H"
value = 68
deadband = 2
on_delay_s = 2
off_delay_s = 1
priority = 3
consequence_of = "trip"
{RATIONALE}
[[alarms]]
id = "tension_ll"
kind = "limit"
description = "Tension very low"
tag = "coater.web_tension_n"
limit = "LL"
value = 12
deadband = 1
on_delay_s = 0.5
priority = 1
latched = true
trip_group = "trip"
suppress_unless = {{ station = "coater", states = ["Execute"] }}
{RATIONALE}
[[alarms]]
id = "web_break"
kind = "discrete"
description = "Web break"
tag = "coater.web_break"
priority = 1
latched = true
trip_group = "trip"
procedure = "coater_web_break"
{RATIONALE}
[[alarms]]
id = "estop"
kind = "discrete"
description = "E-stop"
tag = "coater.estop"
priority = 1
trip_group = "trip"
{RATIONALE}
[[alarms]]
id = "tension_dev"
kind = "deviation"
description = "Tension off setpoint"
tag = "coater.web_tension_n"
setpoint = "coater.web_tension_sp_n"
value = 10
percent = true
deadband = 2
priority = 4
console = "other"
{RATIONALE}
[[alarms]]
id = "dew_rate"
kind = "rate"
description = "Dew point rising fast"
tag = "dry_room.dew_point_c"
value = 0.5
window_s = 4
priority = 3
{RATIONALE}
[[alarms]]
id = "plc_comm"
kind = "quality"
description = "PLC lost"
connection = "plc"
condition = "comm_loss"
priority = 2
{RATIONALE}
[[alarms]]
id = "tension_sensor"
kind = "quality"
description = "Tension load cell failed"
tag = "coater.web_tension_n"
condition = "sensor_failure"
priority = 2
{RATIONALE}
"""


def tags_toml() -> str:
    return "".join(
        f'\n[[tags]]\nid = "{tag}"\n{body}\nopcua = {{ node_id = "ns=2;s={tag}" }}\n'
        for tag, body in TAGS.items()
    )


def line_config(alarms: str = ALARMS) -> LineConfig:
    return parse_line_config(HEAD + tags_toml() + alarms, "test.toml")


class FakeClock:
    """Engine time, moved by the test (every read the same until moved)."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def value(tag: str, v: Scalar, at: datetime, quality: Quality = Quality.GOOD,
          status: str = "Good") -> TagValue:
    return TagValue(tag, v, quality, at, at, status)


EXECUTE = int(PackMLState.EXECUTE)
ABORTED = int(PackMLState.ABORTED)
