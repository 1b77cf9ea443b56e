"""Reading history: range queries decimated to a pixel budget, and raw range reads.

A HistoryReader has its own connection(s), so it reads while the writer writes (WAL), from
any thread (one call at a time per reader) or another process. It never writes.

Tier choice: with `pixels` buckets across the range, the finest tier that needs at most
ROWS_PER_PIXEL rows a pixel is read, and only through the (tag, t) primary key; the
database groups rows into pixel buckets, so a week of 16 pens moves about 16 x 2000
small rows into Python whatever the sample rate. A tier whose retention no longer covers
the start gives way to the next coarser one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from hmi.historian.catalog import load_tag_ids
from hmi.historian.decimate import NOTHING_BEFORE, Before, BucketRows, bucket_series, point_series
from hmi.historian.errors import HistoryError, HistoryUnavailable
from hmi.historian.series import (
    FloatArray,
    RawSeries,
    RollupSeries,
    TagSeries,
    empty_raw,
    frozen,
)
from hmi.historian.tables import (
    LIVE_MAX,
    RAW,
    ROLLUP_1M,
    ROLLUP_1S,
    TIERS,
    Tier,
    open_engine,
    sqlite_path,
    tier_named,
    to_ms,
)

ROWS_PER_PIXEL = 16  # rows read per pixel at most before a coarser tier is used
RAW_CHUNK_ROWS = 100_000


class HistoryReader:
    def __init__(self, url: str) -> None:
        path = sqlite_path(url)
        if path is not None and not path.exists():
            raise HistoryUnavailable(
                f"no history database at {path}: nothing recorded there yet "
                "(run the HMI with this data folder, or give the right --data-dir)"
            )
        self.url = url
        self._engine: Engine = open_engine(url, writer=False)
        try:
            tables = set(inspect(self._engine).get_table_names())
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise HistoryError(f"cannot read the history database {url}: {exc}") from None
        if "tags" not in tables or RAW.table not in tables:
            self._engine.dispose()
            raise HistoryUnavailable(
                f"{path or url} is not a Lineside history database (no samples table)"
            )

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> HistoryReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def connect(self) -> Connection:
        """A connection of this reader's own, for statistics and checks."""
        return self._engine.connect()

    def tag_ids(self) -> tuple[str, ...]:
        """Every tag the database holds samples of (ever), sorted."""
        with self._engine.connect() as conn:
            return tuple(sorted(load_tag_ids(conn)))

    # -- range query for trends ----------------------------------------------------------
    def query(
        self,
        tag_ids: Sequence[str],
        start: datetime,
        end: datetime,
        pixels: int,
        now: datetime | None = None,
        tier: str | None = None,
    ) -> dict[str, TagSeries]:
        """Per tag, at most `pixels` buckets (two points each: min and max) covering
        start..end, cut at `now` (default: the clock) so no value is drawn in the future.
        A tag never recorded comes back as an all-gap series. `tier` forces one tier
        ("raw", "1s", "1m"), e.g. to compare; by default the pixel budget picks it."""
        forced = None if tier is None else tier_named(tier)
        start_ms, end_ms = to_ms(start), to_ms(end)
        if end_ms <= start_ms:
            raise ValueError(f"the range must end after it starts ({start} .. {end})")
        if pixels < 1:
            raise ValueError("pixels must be at least 1")
        now_ms = to_ms(now) if now is not None else to_ms(datetime.now(start.tzinfo))
        width = max(1, math.ceil((end_ms - start_ms) / pixels))
        shown_end = max(start_ms + 1, min(end_ms, now_ms + 1))
        buckets = max(1, math.ceil((shown_end - start_ms) / width))
        result: dict[str, TagSeries] = {}
        with self._engine.connect() as conn:
            keys = load_tag_ids(conn)
            for tag_id in tag_ids:
                key = keys.get(tag_id)
                if key is None:
                    result[tag_id] = bucket_series(
                        tag_id, RAW.name, start_ms, width, buckets, _no_rows(), NOTHING_BEFORE
                    )
                    continue
                if forced is not None:
                    result[tag_id] = _bucketed(
                        conn, tag_id, key, forced, start_ms, shown_end, width, buckets
                    )
                    continue
                result[tag_id] = _query_tag(
                    conn, tag_id, key, start_ms, shown_end, width, buckets, pixels
                )
        return result

    def rollup_tier_for(self, tag_ids: Sequence[str], start: datetime) -> str:
        """The finer rollup tier ("1s") unless retention has removed the start of the range
        from it for some tag while the "1m" tier still holds it."""
        start_ms = to_ms(start)
        with self._engine.connect() as conn:
            keys = load_tag_ids(conn)
            for tag_id in tag_ids:
                key = keys.get(tag_id)
                if key is not None and _covering(conn, key, ROLLUP_1S, start_ms) is ROLLUP_1M:
                    return ROLLUP_1M.name
        return ROLLUP_1S.name

    # -- raw and rollup reads ------------------------------------------------------------
    def read_raw(
        self, tag_ids: Sequence[str], start: datetime, end: datetime
    ) -> dict[str, RawSeries]:
        """Every recorded sample of these tags with start <= t < end, as stored."""
        result: dict[str, RawSeries] = {}
        for tag_id in tag_ids:
            chunks = list(self.iter_raw(tag_id, start, end))
            if not chunks:
                result[tag_id] = empty_raw(tag_id)
                continue
            result[tag_id] = RawSeries(
                tag_id,
                frozen(np.concatenate([c.t_ms for c in chunks])),
                frozen(np.concatenate([c.value for c in chunks])),
                frozen(np.concatenate([c.quality for c in chunks])),
            )
        return result

    def iter_raw(
        self, tag_id: str, start: datetime, end: datetime, chunk_rows: int = RAW_CHUNK_ROWS
    ) -> Iterator[RawSeries]:
        """The same in chunks (an export of weeks of 10 Hz data need not fit in memory);
        each chunk is read in its own short statement, so the writer is never held up."""
        for rows in self._chunks(RAW, tag_id, start, end, "t, value, quality", chunk_rows):
            data = _matrix(rows, 3)
            yield RawSeries(
                tag_id,
                frozen(data[:, 0].astype(np.int64)),
                frozen(data[:, 1].copy()),
                frozen(data[:, 2].astype(np.uint8)),
            )

    def iter_rollup(
        self,
        tag_id: str,
        tier: str,
        start: datetime,
        end: datetime,
        chunk_rows: int = RAW_CHUNK_ROWS,
    ) -> Iterator[RollupSeries]:
        """Buckets of the "1s" or "1m" tier with start <= bucket start < end."""
        table = tier_named(tier)
        if table is RAW:
            raise ValueError("iter_rollup reads the 1s and 1m tiers; use iter_raw for raw")
        columns = "t, n, vmin, vmax, vfirst, vlast, vsum, worst, qlast"
        for rows in self._chunks(table, tag_id, start, end, columns, chunk_rows):
            data = _matrix(rows, 9)
            n = data[:, 1].astype(np.int64)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(n > 0, data[:, 6] / np.maximum(n, 1), np.nan)
            yield RollupSeries(
                tag_id,
                tier,
                frozen(data[:, 0].astype(np.int64)),
                frozen(n),
                frozen(data[:, 2].copy()),
                frozen(data[:, 3].copy()),
                frozen(data[:, 4].copy()),
                frozen(data[:, 5].copy()),
                frozen(mean),
                frozen(data[:, 7].astype(np.uint8)),
                frozen(data[:, 8].astype(np.uint8)),
            )

    def read_rollup(self, tag_id: str, tier: str, start: datetime, end: datetime) -> RollupSeries:
        chunks = list(self.iter_rollup(tag_id, tier, start, end))
        if len(chunks) == 1:
            return chunks[0]
        if not chunks:
            f, i, c = np.empty(0), np.empty(0, np.int64), np.empty(0, np.uint8)
            return RollupSeries(tag_id, tier, i, i, f, f, f, f, f, c, c)
        return RollupSeries(
            tag_id,
            tier,
            *(
                frozen(np.concatenate([getattr(c, name) for c in chunks]))
                for name in (
                    "t_ms", "n", "vmin", "vmax", "vfirst", "vlast", "mean", "worst", "qlast",
                )
            ),
        )

    def _chunks(
        self, tier: Tier, tag_id: str, start: datetime, end: datetime, columns: str, size: int
    ) -> Iterator[list[tuple[object, ...]]]:
        start_ms, end_ms = to_ms(start), to_ms(end)
        with self._engine.connect() as conn:
            key = load_tag_ids(conn).get(tag_id)
        if key is None:
            return
        statement = (
            f"SELECT {columns} FROM {tier.table} WHERE tag = :tag AND t >= :s AND t < :e "
            "ORDER BY t LIMIT :limit"
        )
        while start_ms < end_ms:
            with self._engine.connect() as conn:
                rows = _fetch(
                    conn, statement, {"tag": key, "s": start_ms, "e": end_ms, "limit": size}
                )
            if not rows:
                return
            yield rows
            if len(rows) < size:
                return
            start_ms = int(rows[-1][0]) + 1


def _query_tag(
    conn: Connection,
    tag_id: str,
    key: int,
    start_ms: int,
    end_ms: int,
    width: int,
    buckets: int,
    pixels: int,
) -> TagSeries:
    budget = ROWS_PER_PIXEL * pixels
    span = end_ms - start_ms
    tier = ROLLUP_1M
    if span / ROLLUP_1S.bucket_ms <= budget:
        tier = ROLLUP_1S
    if width < ROLLUP_1S.bucket_ms:
        tier = RAW
    tier = _covering(conn, key, tier, start_ms)
    if tier is RAW:
        count = conn.execute(
            text(
                f"SELECT count(*) FROM (SELECT 1 FROM {RAW.table} WHERE tag = :tag "
                "AND t >= :s AND t < :e LIMIT :limit) AS few"
            ),
            {"tag": key, "s": start_ms, "e": end_ms, "limit": budget + 1},
        ).scalar_one()
        if count <= 2 * pixels:
            return _raw_points(conn, tag_id, key, start_ms, end_ms)
        if count > budget:
            tier = ROLLUP_1S
    return _bucketed(conn, tag_id, key, tier, start_ms, end_ms, width, buckets)


def _bucketed(
    conn: Connection,
    tag_id: str,
    key: int,
    tier: Tier,
    start_ms: int,
    end_ms: int,
    width: int,
    buckets: int,
) -> TagSeries:
    before = _before(conn, key, tier, start_ms)
    rows = _bucket_rows(conn, key, tier, start_ms, end_ms, width)
    return bucket_series(tag_id, tier.name, start_ms, width, buckets, rows, before)


def _fetch(conn: Connection, sql: str, params: dict[str, int]) -> list[tuple[Any, ...]]:
    """All rows as plain tuples. On SQLite straight from the driver (which takes the same
    :name parameters): SQLAlchemy's Row objects cost more than the query here, and numpy
    reads them by key lookups, 100 times slower than tuples."""
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        assert driver is not None
        rows: list[tuple[Any, ...]] = driver.execute(sql, params).fetchall()
        return rows
    return [tuple(row) for row in conn.execute(text(sql), params)]


def _matrix(rows: Sequence[Sequence[object]], columns: int) -> FloatArray:
    """Rows as floats, NULL as NaN."""
    return np.array(rows, dtype=np.float64).reshape(-1, columns)


def _no_rows() -> BucketRows:
    f, i = np.empty(0), np.empty(0, np.int64)
    return BucketRows(i, i, f, f, i, i, f, i)


def _oldest(conn: Connection, key: int, tier: Tier) -> int | None:
    value = conn.execute(
        text(f"SELECT t FROM {tier.table} WHERE tag = :tag ORDER BY t LIMIT 1"), {"tag": key}
    ).scalar()
    return None if value is None else int(value)


def _covering(conn: Connection, key: int, tier: Tier, start_ms: int) -> Tier:
    """The given tier, or a coarser one when retention already removed the start of the
    range (or everything) from it but not from the coarser one."""
    oldest = _oldest(conn, key, tier)
    for coarser in TIERS[TIERS.index(tier) + 1 :]:
        if oldest is not None and oldest <= start_ms:
            break
        older = _oldest(conn, key, coarser)
        if older is None or (oldest is not None and older >= oldest - coarser.bucket_ms):
            break
        tier, oldest = coarser, older
    return tier


def _low(tier: Tier, start_ms: int) -> int:
    """Where a tier's rows for a range begin: a bucket that began before the start still
    covers part of it."""
    return start_ms - start_ms % tier.bucket_ms if tier.bucket_ms else start_ms


def _before(conn: Connection, key: int, tier: Tier, start_ms: int) -> Before:
    value, quality = ("value", "quality") if tier is RAW else ("vlast", "qlast")
    row = conn.execute(
        text(
            f"SELECT {value}, {quality} FROM {tier.table} WHERE tag = :tag AND t < :low "
            "ORDER BY t DESC LIMIT 1"
        ),
        {"tag": key, "low": _low(tier, start_ms)},
    ).first()
    if row is None:
        return NOTHING_BEFORE
    return Before(float("nan") if row[0] is None else float(row[0]), int(row[1]))


def _bucket_rows(
    conn: Connection, key: int, tier: Tier, start_ms: int, end_ms: int, width: int
) -> BucketRows:
    table = tier.table
    # Rows before the start belong to bucket 0 (a rollup bucket that began earlier).
    index = "CASE WHEN t < :s THEN 0 ELSE (t - :s) / :w END"
    params = {"tag": key, "s": start_ms, "w": width, "lo": _low(tier, start_ms), "e": end_ms}
    where = f"FROM {table} WHERE tag = :tag AND t >= :lo AND t < :e GROUP BY b ORDER BY b"
    if tier is RAW:
        live = f"CASE WHEN quality <= {LIVE_MAX} THEN value END"
        aggregates = f"min(t), min({live}), max({live}), max(quality), count({live})"
        last = f"max(t), {live}, quality"
    else:
        aggregates = "min(t), min(vmin), max(vmax), max(worst), sum(n)"
        last = "max(t), vlast, qlast"
    # With a single max() SQLite gives the other columns from the row holding the max:
    # the bucket's last row, whose quality says whether the value goes on after it.
    agg = _fetch(conn, f"SELECT {index} AS b, {aggregates} {where}", params)
    ends = _fetch(conn, f"SELECT {index} AS b, {last} {where}", params)
    a = _matrix(agg, 6)
    z = _matrix(ends, 4)
    return BucketRows(
        index=a[:, 0].astype(np.int64),
        first_t=a[:, 1].astype(np.int64),
        vmin=a[:, 2],
        vmax=a[:, 3],
        worst=a[:, 4].astype(np.int64),
        count=a[:, 5].astype(np.int64),
        last_value=z[:, 2],
        last_quality=z[:, 3].astype(np.int64),
    )


def _raw_points(conn: Connection, tag_id: str, key: int, start_ms: int, end_ms: int) -> TagSeries:
    rows = _fetch(
        conn,
        f"SELECT t, value, quality FROM {RAW.table} WHERE tag = :tag AND t >= :s AND t < :e "
        "ORDER BY t",
        {"tag": key, "s": start_ms, "e": end_ms},
    )
    data = _matrix(rows, 3)
    return point_series(
        tag_id,
        start_ms,
        end_ms,
        data[:, 0].astype(np.int64),
        data[:, 1],
        data[:, 2].astype(np.int64),
        _before(conn, key, RAW, start_ms),
    )
