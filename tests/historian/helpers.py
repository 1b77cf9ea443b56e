"""Samples at known times for the historian tests."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta

from hmi.core.tags import Quality, TagValue

# Samples in the recent past: the default retention keeps them.
T0 = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)  # on a minute


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def sample(
    tag: str, value: float | None, seconds: float, quality: Quality = Quality.GOOD
) -> TagValue:
    """A value stamped `seconds` after T0, received 3 ms later."""
    return sample_at(tag, value, at(seconds), quality)


def sample_at(
    tag: str, value: float | None, ts: datetime, quality: Quality = Quality.GOOD
) -> TagValue:
    return TagValue(tag, value, quality, ts, ts + timedelta(milliseconds=3))


def table_rows(url: str, table: str, tag: str) -> list[tuple[object, ...]]:
    """A tag's rows of one table as stored, through plain sqlite3 (not the code under test)."""
    path = url.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            f"SELECT s.* FROM {table} s JOIN tags ON tags.id = s.tag "
            "WHERE tags.name = ? ORDER BY s.t",
            (tag,),
        ).fetchall()


def ms(seconds: float) -> int:
    """The stored time of at(seconds)."""
    return round(at(seconds).timestamp() * 1000)
