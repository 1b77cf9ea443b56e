"""Historian benchmark: the writer against raw sqlite3, and range queries against raw rows.

    python tests/bench/historian.py [--seconds 60] [--tags 1000] [--rate-hz 10]

1. Sustained: `tags` tags at `rate-hz` for `seconds` of real time, one TagStore-like batch
   per period through `Historian.record`; reports whether the writer kept up (drops, queue
   high water) and its thread's CPU share.
2. Throughput: the same samples pushed as fast as they queue; the writer's rows/s against
   sqlite3 `executemany` of the same rows (arrival order, the writer's batch size, the
   same pragmas) into the same raw table, in the same run: `insert_ratio`. The writer does
   more than the baseline: TagValue conversion, deadband, both rollups; a second baseline
   also writes the rollup rows (precomputed), the same database content:
   `insert_ratio_same_content`. With a backlog the writer runs each COMMIT on a helper
   thread while it judges the next batch (a second core when there is one):
   `insert_cpu_ratio` compares CPU seconds (all the historian's threads against the
   baseline's one thread), `insert_ratio_rounds` gives each round's ratio (noisy machine).
3. Disk: bytes per raw sample of that database (the raw table's pages from dbstat), and of
   the whole file with rollups.
4. Query: 16 pens x 7 days at 1 Hz (9.7 M samples, written straight into raw and rollup
   tables), decimated for a 2000 px plot: `query_ms` (median of repeats), and the same
   query forced onto the raw rows (SQL grouping of every sample): `query_ratio_vs_raw`.
   Pass --query-db FILE to keep that database between runs.

Targets: insert_ratio >= 0.8, query_ms <= 300, bytes_per_sample <= 40. The last line
printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hmi.config.schema import HistorianConfig  # noqa: E402
from hmi.core.tags import Quality, TagValue  # noqa: E402
from hmi.historian import Historian, HistorianSettings, HistoryReader  # noqa: E402
from hmi.historian.rollups import SortedBatch, aggregate, upsert_sql  # noqa: E402
from hmi.historian.tables import (  # noqa: E402
    ROLLUP_1M,
    ROLLUP_1S,
    WRITER_PRAGMAS,
    create_schema,
    default_url,
    open_engine,
    to_ms,
)

PENS = 16
QUERY_DAYS = 7
PIXELS = 2000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_batches(tags: int, rate_hz: float, seconds: float, t0: datetime) -> list[list[TagValue]]:
    """One batch per period: every tag once, each value a random walk (always changing,
    so the deadband keeps every sample: the writer stores exactly what the baseline does)."""
    rng = np.random.default_rng(7)
    periods = int(seconds * rate_hz)
    period = timedelta(seconds=1 / rate_hz)
    walk = np.cumsum(rng.normal(0, 1, (periods, tags)), axis=0) + 100.0
    names = [f"bench.tag_{i:04d}" for i in range(tags)]
    good = Quality.GOOD
    # Each sample its own timestamps, as values decoded from a PLC link have.
    offsets = [timedelta(microseconds=17 * i) for i in range(tags)]
    lag = timedelta(milliseconds=4)
    batches = []
    for k in range(periods):
        tick = t0 + k * period
        row = walk[k].tolist()
        batches.append(
            [
                TagValue(names[i], row[i], good, tick + offsets[i], tick + offsets[i] + lag)
                for i in range(tags)
            ]
        )
    return batches


def settings_for(url: str, queue: int, batch: int) -> HistorianSettings:
    return HistorianSettings(url=url, queue_samples=queue, batch_samples=batch, raw_days=3650,
                             rollup_1s_days=3650, rollup_1m_days=3650)


def thread_cpu_s(thread: threading.Thread) -> float:
    assert thread.ident is not None
    return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))


def writer_threads_cpu_s() -> dict[int, float]:
    """CPU seconds of each of the historian's threads (the writer and its committer, which
    runs each COMMIT while the writer judges the next batch): the writer's whole cost."""
    return {
        t.ident: thread_cpu_s(t)
        for t in threading.enumerate()
        if t.ident is not None and t.name.startswith(("historian-writer", "historian-commit"))
    }


def cpu_since(before: dict[int, float]) -> float:
    return sum(cpu - before.get(ident, 0.0) for ident, cpu in writer_threads_cpu_s().items())


def sustained(
    batches: list[list[TagValue]], rate_hz: float, folder: Path, batch: int
) -> dict[str, float]:
    url = default_url(folder)
    samples = sum(len(b) for b in batches)
    historian = Historian(settings_for(url, queue=200_000, batch=batch))
    historian.start()
    cpu0 = writer_threads_cpu_s()
    started = time.perf_counter()
    for k, batch in enumerate(batches):
        # Real time: batch k goes out at k periods after the start, like a publishing cycle.
        delay = started + k / rate_hz - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        historian.record(batch)
    fed = time.perf_counter() - started
    historian.flush(60)
    tail_s = time.perf_counter() - started - fed
    cpu = cpu_since(cpu0)
    status = historian.status()
    historian.stop()
    return {
        "sustained_samples": samples,
        "sustained_s": round(fed, 2),
        "sustained_rate": round(samples / fed),
        "sustained_dropped": status.dropped_samples,
        "sustained_queue_high_water": status.queue_high_water,
        "sustained_writer_cpu_share": round(cpu / fed, 3),
        "sustained_flush_tail_ms": round(tail_s * 1000, 1),
    }


def writer_throughput(
    batches: list[list[TagValue]], folder: Path, batch: int
) -> tuple[float, float, int, Path]:
    """Wall seconds and CPU seconds (all the historian's threads) to write every batch."""
    url = default_url(folder)
    samples = sum(len(b) for b in batches)
    historian = Historian(settings_for(url, queue=samples + 1, batch=batch))
    historian.start()
    cpu0 = writer_threads_cpu_s()
    started = time.perf_counter()
    for batch in batches:
        historian.record(batch)
    assert historian.flush(600), "writer did not finish"
    elapsed = time.perf_counter() - started
    cpu = cpu_since(cpu0)
    status = historian.status()
    historian.stop()
    assert status.dropped_samples == 0
    return elapsed, cpu, status.written_rows, folder / "history.sqlite"


def raw_throughput(
    batches: list[list[TagValue]], folder: Path, batch_rows: int, with_rollups: bool = False
) -> tuple[float, float]:
    """sqlite3 executemany of the same rows into the same schema, the same pragmas, in
    arrival order. With rollups: also the 1 s and 1 min rows the writer would produce for
    the same batches (computed before the clock starts): the same database content.
    Wall seconds and CPU seconds (one thread: this one)."""
    url = default_url(folder)
    engine = open_engine(url, writer=True)
    create_schema(engine)
    keys = {name: i + 1 for i, name in enumerate(sorted({v.tag_id for v in batches[0]}))}
    rows = [
        (keys[v.tag_id], to_ms(v.source_ts), v.value, 0, to_ms(v.received_ts) - to_ms(v.source_ts))
        for batch in batches
        for v in batch
    ]
    chunks = [rows[i : i + batch_rows] for i in range(0, len(rows), batch_rows)]
    rollups: list[list[list[tuple[object, ...]]]] = [[] for _ in chunks]
    if with_rollups:
        for chunk, extra in zip(chunks, rollups, strict=True):
            columns = [np.array(c) for c in zip(*sorted(chunk), strict=True)]
            batch = SortedBatch(*(c.astype(np.int64) if i != 2 else c.astype(np.float64)
                                  for i, c in enumerate(columns)))
            extra.extend(aggregate(batch, tier.bucket_ms) for tier in (ROLLUP_1S, ROLLUP_1M))
    upserts = [upsert_sql(engine, ROLLUP_1S), upsert_sql(engine, ROLLUP_1M)]
    engine.dispose()
    conn = sqlite3.connect(folder / "history.sqlite", isolation_level=None)
    for pragma in WRITER_PRAGMAS:
        conn.execute(pragma)
    conn.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", [(k, n) for n, k in keys.items()])
    started = time.perf_counter()
    cpu0 = time.thread_time()
    for chunk, extra in zip(chunks, rollups, strict=True):
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO samples (tag, t, value, quality, lag_ms) VALUES (?, ?, ?, ?, ?)", chunk
        )
        for sql, buckets in zip(upserts, extra, strict=False):
            conn.executemany(sql, buckets)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    cpu = time.thread_time() - cpu0
    conn.close()
    return elapsed, cpu


def disk_use(path: Path) -> dict[str, float]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    rows = conn.execute("SELECT count(*) FROM samples").fetchone()[0]
    conn.close()
    return {
        "bytes_per_sample": round(pages["samples"] / rows, 1),
        "bytes_per_sample_all_tiers": round(path.stat().st_size / rows, 1),
        "raw_rows": rows,
    }


# -- query -----------------------------------------------------------------------------------
def query_db(path: Path, end_ms: int) -> None:
    """16 pens x 7 days at 1 Hz, written straight into the tables in key order (what the
    writer would have produced, minus 7 days of waiting)."""
    url = f"sqlite:///{path}"
    engine = open_engine(url, writer=True)
    create_schema(engine)
    start_ms = end_ms - QUERY_DAYS * 86_400_000
    rng = np.random.default_rng(11)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    sql_1s = upsert_sql(engine, ROLLUP_1S)
    sql_1m = upsert_sql(engine, ROLLUP_1M)
    for pen in range(PENS):
        key = pen + 1
        conn.execute("BEGIN")
        conn.execute("INSERT INTO tags (id, name) VALUES (?, ?)", (key, f"bench.pen_{pen:02d}"))
        times = np.arange(start_ms, end_ms, 1000, dtype=np.int64)
        values = np.cumsum(rng.normal(0, 0.1, len(times))) + 50.0
        quality = np.zeros(len(times), np.int64)
        # An outage of 10 minutes each day: recorded as COMM_LOST, drawn as a gap.
        quality[(times // 1000) % 86_400 < 600] = 4
        batch = SortedBatch(
            np.full(len(times), key, np.int64), times, values, quality,
            np.full(len(times), 3, np.int64),
        )
        conn.executemany("INSERT INTO samples VALUES (?, ?, ?, ?, ?)", batch.raw_rows())
        conn.executemany(sql_1s, aggregate(batch, ROLLUP_1S.bucket_ms))
        conn.executemany(sql_1m, aggregate(batch, ROLLUP_1M.bucket_ms))
        conn.execute("COMMIT")
        log(f"  pen {pen + 1}/{PENS}: {len(batch)} samples")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    engine.dispose()


def timed_queries(reader: HistoryReader, tags: list[str], start: datetime, end: datetime,
                  tier: str | None, repeats: int) -> tuple[list[float], int]:
    times = []
    points = 0
    for _ in range(repeats):
        began = time.perf_counter()
        result = reader.query(tags, start, end, PIXELS, now=end, tier=tier)
        times.append((time.perf_counter() - began) * 1000)
        points = sum(len(s) for s in result.values())
    return times, points


def query_bench(path: Path) -> dict[str, float]:
    end = datetime(2024, 5, 8, tzinfo=UTC)
    if not path.exists():
        log(f"writing {PENS} pens x {QUERY_DAYS} days at 1 Hz to {path}")
        query_db(path, to_ms(end))
    start = end - timedelta(days=QUERY_DAYS)
    tags = [f"bench.pen_{pen:02d}" for pen in range(PENS)]
    with HistoryReader(f"sqlite:///{path}") as reader:
        fast, points = timed_queries(reader, tags, start, end, None, 7)
        slow, _ = timed_queries(reader, tags, start, end, "raw", 2)
        tier = reader.query(tags[:1], start, end, PIXELS, now=end)[tags[0]].tier
    return {
        "query_ms": round(statistics.median(fast), 1),
        "query_first_ms": round(fast[0], 1),
        "query_tier": tier,  # type: ignore[dict-item]
        "query_points": points,
        "query_raw_ms": round(statistics.median(slow), 1),
        "query_ratio_vs_raw": round(statistics.median(slow) / statistics.median(fast), 1),
        "query_samples": PENS * QUERY_DAYS * 86_400,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--rate-hz", type=float, default=10.0)
    parser.add_argument("--query-db", type=Path, help="keep the 9.7 M sample database here")
    parser.add_argument("--skip-sustained", action="store_true")
    parser.add_argument("--rounds", type=int, default=3,
                        help="throughput rounds; the best of each contender counts")
    parser.add_argument("--batch", type=int, default=HistorianConfig().batch_samples,
                        help="rows per transaction, writer and baseline alike")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="historian-bench-") as tmp:
        work = Path(tmp)
        t0 = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=args.seconds)
        log(f"making {args.seconds:g} s of {args.tags} tags at {args.rate_hz:g} Hz")
        batches = make_batches(args.tags, args.rate_hz, args.seconds, t0)
        samples = sum(len(b) for b in batches)
        if not args.skip_sustained:
            log("sustained, real time")
            (work / "sustained").mkdir()
            figures.update(sustained(batches, args.rate_hz, work / "sustained", args.batch))
            log(f"  {figures}")
        writer_runs, raw_runs, content_runs = [], [], []
        writer_cpu, raw_cpu = [], []
        path = work / "writer" / "history.sqlite"
        for run in range(args.rounds):  # alternate: the machine's noise hits all alike
            for name in (f"writer{run}", f"raw{run}", f"content{run}"):
                (work / name).mkdir()
            elapsed, cpu, written, path = writer_throughput(
                batches, work / f"writer{run}", args.batch
            )
            assert written >= samples
            writer_runs.append(elapsed)
            writer_cpu.append(cpu)
            raw_s, cpu = raw_throughput(batches, work / f"raw{run}", args.batch)
            raw_runs.append(raw_s)
            raw_cpu.append(cpu)
            content_runs.append(
                raw_throughput(batches, work / f"content{run}", args.batch, with_rollups=True)[0]
            )
            log(f"  run {run}: writer {samples / elapsed:,.0f} rows/s "
                f"({writer_cpu[-1] / elapsed:.2f} cores), "
                f"raw {samples / raw_runs[-1]:,.0f} rows/s, "
                f"raw + rollups {samples / content_runs[-1]:,.0f} rows/s, "
                f"ratio {raw_runs[-1] / elapsed:.3f}")
        writer_s, raw_s, content_s = min(writer_runs), min(raw_runs), min(content_runs)
        figures.update({
            "insert_samples": samples,
            "insert_batch": args.batch,
            "writer_rows_per_s": round(samples / writer_s),
            "raw_rows_per_s": round(samples / raw_s),
            "insert_ratio": round(raw_s / writer_s, 3),
            # Per round, to show the machine's noise; the writer's CPU over both its
            # threads against the baseline's (one thread): what the ratio costs in CPU.
            "insert_ratio_rounds": [round(r / w, 3) for r, w in zip(raw_runs, writer_runs,
                                                                    strict=True)],
            "insert_cpu_ratio": round(min(raw_cpu) / min(writer_cpu), 3),
            "raw_with_rollups_rows_per_s": round(samples / content_s),
            "insert_ratio_same_content": round(content_s / writer_s, 3),
        })
        figures.update(disk_use(path))
        query_path = args.query_db or work / "query.sqlite"
        figures.update(query_bench(query_path))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
