"""`lineside history stats`: rows per tier, time span and size on disk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text

from hmi.historian.catalog import load_tag_ids
from hmi.historian.reader import HistoryReader
from hmi.historian.tables import TIERS, Tier, from_ms, sqlite_path


@dataclass(frozen=True, slots=True)
class TierStats:
    tier: str
    rows: int
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True, slots=True)
class HistoryStats:
    url: str
    tags: int
    tiers: tuple[TierStats, ...]
    size_bytes: int | None  # database plus WAL files; None for a server database

    @property
    def raw_rows(self) -> int:
        return next(t.rows for t in self.tiers if t.tier == "raw")


def history_stats(reader: HistoryReader) -> HistoryStats:
    with reader.connect() as conn:
        keys = list(load_tag_ids(conn).values())
        tiers = tuple(_tier_stats(conn, tier, keys) for tier in TIERS)
    return HistoryStats(reader.url, len(keys), tiers, _size_on_disk(sqlite_path(reader.url)))


def _tier_stats(conn: Connection, tier: Tier, keys: list[int]) -> TierStats:
    rows = int(conn.execute(text(f"SELECT count(*) FROM {tier.table}")).scalar_one())
    # Per tag through the primary key: min(t) over the whole table would scan it.
    firsts = [_end_of(conn, tier, key, "ASC") for key in keys]
    lasts = [_end_of(conn, tier, key, "DESC") for key in keys]
    first = min((t for t in firsts if t is not None), default=None)
    last = max((t for t in lasts if t is not None), default=None)
    return TierStats(
        tier.name,
        rows,
        None if first is None else from_ms(first),
        None if last is None else from_ms(last),
    )


def _end_of(conn: Connection, tier: Tier, key: int, order: str) -> int | None:
    t = conn.execute(
        text(f"SELECT t FROM {tier.table} WHERE tag = :tag ORDER BY t {order} LIMIT 1"),
        {"tag": key},
    ).scalar()
    return None if t is None else int(t)


def _size_on_disk(path: Path | None) -> int | None:
    if path is None:
        return None
    return sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )
