"""The historian writer's SQLite page cache is sized from the recorded tags, and bounded.

The PLC process grew 215 -> 253 MB in a 10-minute soak (540 tags, 3 lines): the writer's
fixed 32 MiB cache filling with every page it wrote (the history file was 32.6 MB at the
end). A cache is no leak, but one that fills for ten minutes is indistinguishable from one
in the soak's "RSS flat after warm-up". Now it is sized to the hot pages of the tags
recorded (24 KiB a tag, 4..32 MiB), and SQLite's own count of its memory shows it holds.
"""

from __future__ import annotations

import ctypes
import sqlite3
from pathlib import Path

from hmi.config import DEMO_LINE, load_line_config
from hmi.historian.settings import settings_from_config
from hmi.historian.tables import CACHE_KIB_MAX, CACHE_KIB_MIN, writer_cache_kib
from hmi.sim.replicate import replicate_config

from .conftest import MakeHistorian
from .helpers import sample


def _sqlite_memory_used() -> int:
    """sqlite3_memory_used() of the libsqlite3 the sqlite3 module runs on."""
    for line in Path("/proc/self/maps").read_text().splitlines():
        if "libsqlite3" in line:
            lib = ctypes.CDLL(line.split()[-1])
            lib.sqlite3_memory_used.restype = ctypes.c_int64
            return int(lib.sqlite3_memory_used())
    raise AssertionError(f"libsqlite3 is not mapped (sqlite3 {sqlite3.sqlite_version})")


def test_the_cache_follows_the_recorded_tags(tmp_path: Path) -> None:
    line3 = replicate_config(load_line_config(DEMO_LINE), 3)
    settings = settings_from_config(line3, tmp_path)
    recorded = sum(1 for t in line3.tags if settings.policy(t.id).record)
    assert settings.writer_cache_kib == writer_cache_kib(recorded) < CACHE_KIB_MAX
    assert writer_cache_kib(20_000) == CACHE_KIB_MAX
    assert writer_cache_kib(3) == CACHE_KIB_MIN


def test_the_writer_holds_no_more_pages_than_its_cache(
    make_historian: MakeHistorian, url: str,
) -> None:
    cache_kib = 1024
    before = _sqlite_memory_used()
    historian = make_historian(writer_cache_kib=cache_kib, batch_samples=20_000)
    tags = [f"t{i}" for i in range(200)]
    for second in range(0, 600):  # ~120,000 raw rows and their rollups: megabytes of pages
        historian.record([sample(t, float(second * 7 + k), second / 2)
                          for k, t in enumerate(tags)])
    assert historian.flush(60.0)
    grown = _sqlite_memory_used() - before
    path = Path(url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")  # the pages not yet checkpointed
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    assert size > 4 * cache_kib * 1024, f"the history file ({size} bytes) outgrew the cache"
    # The cache, its page headers and the schema/statement caches; not the whole file.
    assert grown < cache_kib * 1024 * 1.5 + 1_000_000, (grown, size)
