"""Small conversions shared by the stores and the file formats: times and JSON values."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from recipes.model import ParamValue


def utc_now() -> datetime:
    return datetime.now(UTC)


def ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def parse_ts(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def dump_value(value: ParamValue | None) -> str:
    return json.dumps(value)


def load_value(text: str | None) -> ParamValue | None:
    if text is None:
        return None
    value = json.loads(text)
    if value is None or isinstance(value, bool | int | float):
        return value
    raise ValueError(f"{text!r} is not a number or true/false")
