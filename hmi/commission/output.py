"""Printing for the commands: one JSON object per line, or readable text.

JSON lines are meant for scripts (`lineside watch ... --json | jq`), so every value is made
JSON-safe here: timestamps become ISO 8601 strings and non-finite floats become null, because
`json.dumps` would otherwise write a bare `NaN` that most parsers reject.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

from hmi.config import ModbusConnection, OpcUaConnection


def iso(ts: datetime | None) -> str | None:
    return ts.isoformat() if ts is not None else None


def json_safe(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def emit_json(obj: Mapping[str, Any], stream: TextIO | None = None) -> None:
    """One object, one line, flushed: a reader piping us sees each update as it happens."""
    out = stream or sys.stdout
    out.write(json.dumps(json_safe(obj), ensure_ascii=False, allow_nan=False) + "\n")
    out.flush()


def emit(line: str, stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    out.write(line + "\n")
    out.flush()


def short(value: Any, width: int = 60) -> str:
    """A value as text for a terminal column: floats without float noise, long text cut."""
    if isinstance(value, float):
        text = f"{value:.7g}"
    elif isinstance(value, str):
        text = value
    elif value is None:
        text = "-"
    else:
        text = json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


def endpoint_text(conn: OpcUaConnection | ModbusConnection) -> str:
    if isinstance(conn, ModbusConnection):
        return f"Modbus TCP {conn.host}:{conn.port} unit {conn.unit_id}"
    return f"OPC UA {conn.endpoint}"
