"""The historian's on-disk contract: tables, quality codes, the time unit and the tiers.

Sized for volume (DESIGN.md, facts): a raw sample is one row of a `WITHOUT ROWID` table
keyed (tag, t), with the tag as a small integer and the time as integer milliseconds since
the Unix epoch (UTC). That is about 28 bytes a sample on disk, and a tag's range is one
contiguous run of the primary key, so a range read never touches other tags.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from hmi.core.tags import Quality
from hmi.historian.errors import HistoryError

DB_FILE_NAME = "history.sqlite"
SCHEMA_VERSION = "1"

# Ordered from best to worst, so max() over a bucket is its worst quality. NO_DATA is the
# historian's own: it was not recording (stopped, crashed, or its queue overflowed).
QUALITY_CODES: dict[Quality, int] = {
    Quality.GOOD: 0,
    Quality.UNCERTAIN: 1,
    Quality.STALE: 2,
    Quality.BAD: 3,
    Quality.COMM_LOST: 4,
}
NO_DATA = 5
LIVE_MAX = 1  # codes <= this are live (GOOD, UNCERTAIN): drawn; anything else is a gap
QUALITY_NAMES: tuple[str, ...] = ("GOOD", "UNCERTAIN", "STALE", "BAD", "COMM_LOST", "NO_DATA")


def quality_name(code: int) -> str:
    return QUALITY_NAMES[code] if 0 <= code < len(QUALITY_NAMES) else f"CODE_{code}"


def quality_code(name: str) -> int:
    """The code of a quality name (as exported to CSV); ValueError for an unknown name."""
    try:
        return QUALITY_NAMES.index(name)
    except ValueError:
        raise ValueError(f"unknown quality {name!r} (one of {', '.join(QUALITY_NAMES)})") from None


@dataclass(frozen=True, slots=True)
class Tier:
    name: str  # what users and the CLI call it
    table: str
    bucket_ms: int  # 0: raw samples


RAW = Tier("raw", "samples", 0)
ROLLUP_1S = Tier("1s", "rollup_1s", 1_000)
ROLLUP_1M = Tier("1m", "rollup_1m", 60_000)
ROLLUPS = (ROLLUP_1S, ROLLUP_1M)
TIERS = (RAW, ROLLUP_1S, ROLLUP_1M)


def tier_named(name: str) -> Tier:
    for tier in TIERS:
        if tier.name == name:
            return tier
    raise ValueError(f"unknown tier {name!r} (one of {', '.join(t.name for t in TIERS)})")


def to_ms(ts: datetime) -> int:
    """Milliseconds since the epoch; a naive datetime is refused (it would be local time)."""
    if ts.tzinfo is None:
        raise ValueError(f"{ts.isoformat()} has no time zone: give UTC times (e.g. ...Z)")
    return round(ts.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def seconds_to_ms(seconds: float) -> int:
    return math.ceil(seconds * 1000)


metadata = MetaData()

tags_table = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
)

meta_table = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

samples_table = Table(
    RAW.table,
    metadata,
    Column("tag", Integer, primary_key=True, autoincrement=False),
    Column("t", BigInteger, primary_key=True, autoincrement=False),
    Column("value", Float),  # NULL: no value (a marker, or a value that was not a number)
    Column("quality", Integer, nullable=False),
    Column("lag_ms", Integer),  # received - t: how late Lineside got it (small: few bytes)
    sqlite_with_rowid=False,
)


def _rollup_table(tier: Tier) -> Table:
    return Table(
        tier.table,
        metadata,
        Column("tag", Integer, primary_key=True, autoincrement=False),
        Column("t", BigInteger, primary_key=True, autoincrement=False),  # bucket start
        Column("n", Integer, nullable=False),  # live samples with a value
        Column("vmin", Float),
        Column("vmax", Float),
        Column("vfirst", Float),
        Column("vlast", Float),  # the last live value: what is held after the bucket
        Column("vsum", Float, nullable=False),
        Column("worst", Integer, nullable=False),  # worst quality of any sample in the bucket
        Column("qlast", Integer, nullable=False),  # quality of its last sample: live or a gap
        sqlite_with_rowid=False,
    )


rollup_tables = {tier.name: _rollup_table(tier) for tier in ROLLUPS}


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DB_FILE_NAME).resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


WRITER_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    # The page cache: writer_cache_kib() (the fixed 32 MiB this was is the most).
    "PRAGMA cache_size=-32768",
    # Every batch rewrites each tag's last page of each table; checkpointing every 1000
    # pages (the default) copies those pages to the database after nearly every batch,
    # every ~16000 pages copies each once per several batches. The WAL file is cut back
    # to journal_size_limit after a checkpoint.
    f"PRAGMA wal_autocheckpoint={os.environ.get('LINESIDE_WAL_PAGES', '16000')}",
    "PRAGMA journal_size_limit=67108864",
)


# Per recorded tag: its last leaf page in each tier's table and one interior page on the
# way to it, 4 KiB each. 1000 tags append at 1000 places of each table: keep those pages
# cached (the 2 MiB default re-reads them every batch).
CACHE_KIB_PER_TAG = len(TIERS) * 2 * 4
CACHE_KIB_MIN = 4 * 1024
CACHE_KIB_MAX = 32 * 1024


def writer_cache_kib(recorded_tags: int) -> int:
    """The writer's SQLite page cache for this many recorded tags.

    The cache is a bound, not a leak, but it fills with every page written until the bound
    (new pages are never evicted before): a fixed 32 MiB took a 540-tag line's PLC process
    ten minutes of growth (+38 MB RSS, the database's own size) to fill, and looked like a
    leak in the soak. Sized to the hot pages it is full within minutes and then flat."""
    return max(CACHE_KIB_MIN, min(CACHE_KIB_MAX, recorded_tags * CACHE_KIB_PER_TAG))


def open_engine(url: str, *, writer: bool, cache_kib: int = CACHE_KIB_MAX) -> Engine:
    """An engine with the pragmas the historian relies on.

    WAL lets readers (the trend screen, the CLI, another process) read while the writer
    writes. synchronous=NORMAL in WAL mode syncs only at checkpoints: a commit is in the
    WAL file (the OS page cache) when COMMIT returns, so killing the process (kill -9) loses
    nothing committed; only a power cut or OS crash can lose the last commits, and even
    then the database stays consistent. FULL would fsync every batch for no gain here.
    """
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    if not is_sqlite:
        return create_engine(url, poolclass=NullPool if writer else None)
    # The writer's connection lives on its thread; NullPool never hands it to another one.
    # Readers may be used from any thread, one call at a time (the pool serialises them).
    # The writer waits briefly for a lock someone else holds (readers never take one in
    # WAL: only another writer, e.g. a tool) and then reports and retries, so status()
    # shows the stall; a reader waits longer, nobody is waiting on it.
    busy_s = 2.0 if writer else 10.0
    engine = create_engine(
        url,
        poolclass=NullPool if writer else None,
        connect_args={"check_same_thread": False, "timeout": busy_s},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        for pragma in WRITER_PRAGMAS if writer else ():
            cursor.execute(pragma)
        if writer:
            cursor.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
        cursor.close()

    return engine


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)
    with engine.begin() as conn:
        row = conn.execute(
            meta_table.select().where(meta_table.c.key == "schema_version")
        ).first()
        if row is None:
            conn.execute(meta_table.insert().values(key="schema_version", value=SCHEMA_VERSION))
        elif row.value != SCHEMA_VERSION:
            raise HistoryError(
                f"history database schema {row.value} is not {SCHEMA_VERSION}: "
                "move the file aside and start again"
            )


def placeholders(engine: Engine, count: int) -> str:
    """The driver's parameter markers for `exec_driver_sql` (tuples are much faster than
    Core with dicts for bulk rows): `?` for sqlite3, `%s` for psycopg and friends."""
    style = engine.dialect.paramstyle
    if style == "qmark":
        marks = ["?"] * count
    elif style in ("format", "pyformat"):
        marks = ["%s"] * count
    elif style == "numeric":
        marks = [f":{i + 1}" for i in range(count)]
    else:
        raise RuntimeError(f"unsupported DB-API paramstyle {style!r}")
    return ", ".join(marks)
