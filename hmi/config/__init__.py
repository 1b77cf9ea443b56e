"""Line configuration: schema, TOML loading with file:line errors, the demo line."""

from hmi.config.loader import (
    DEMO_LINE,
    ConfigError,
    ConfigIssue,
    load_line_config,
    parse_line_config,
)
from hmi.config.schema import (
    LineConfig,
    ModbusBinding,
    ModbusConnection,
    OpcUaBinding,
    OpcUaConnection,
    Station,
    TagConfig,
)

__all__ = [
    "DEMO_LINE",
    "ConfigError",
    "ConfigIssue",
    "LineConfig",
    "ModbusBinding",
    "ModbusConnection",
    "OpcUaBinding",
    "OpcUaConnection",
    "Station",
    "TagConfig",
    "load_line_config",
    "parse_line_config",
]
