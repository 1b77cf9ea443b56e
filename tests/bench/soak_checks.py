"""The soak bench's invariants, each a counter: records seen committed, resources over
time, queue depths, gaps in the history, the audit chain.

Records are read with plain sqlite3 read-only connections (WAL: readers never block the
app's writers); what was seen committed at any moment must still be there at the end.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hmi.historian import HistoryReader
from hmi.historian.tables import LIVE_MAX
from tests.bench.soak_faults import Outage

# table -> key column: every row the bench saw committed must be there at the end.
RECORD_TABLES = {
    "audit_log": "seq || ':' || entry_hash",
    "alarm_journal": "seq",
    "changeovers": "id",
    "changeover_signatures": "changeover_id || ':' || signature_id",
    "restore_runs": "id",
    "signatures": "id",
}


def read_records(db_path: Path) -> dict[str, set[str]]:
    """Every key of every record table (a table that does not exist yet: empty)."""
    found: dict[str, set[str]] = {}
    uri = f"file:{db_path}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30.0)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        for table, key in RECORD_TABLES.items():
            if table not in names:
                found[table] = set()
                continue
            found[table] = {str(r[0]) for r in conn.execute(f"SELECT {key} FROM {table}")}
    return found


@dataclass
class RecordWatch:
    """Remembers every record seen committed; `lost` compares with the database at the end."""

    db_path: Path
    seen: dict[str, set[str]] = field(default_factory=lambda: {t: set() for t in RECORD_TABLES})
    read_errors: int = 0

    def look(self) -> None:
        try:
            now = read_records(self.db_path)
        except sqlite3.Error:
            self.read_errors += 1  # a reader that could not read is no lost record
            return
        for table, keys in now.items():
            self.seen[table] |= keys

    def lost(self) -> dict[str, int]:
        final = read_records(self.db_path)
        return {t: len(self.seen[t] - final[t]) for t in RECORD_TABLES}

    def counts(self) -> dict[str, int]:
        return {t: len(keys) for t, keys in self.seen.items()}


def _rss_mb(pid: int | str) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _fds() -> tuple[int, int]:
    """Open descriptors of this process, and how many of them are sockets."""
    total = sockets = 0
    for name in os.listdir("/proc/self/fd"):
        total += 1
        with contextlib.suppress(OSError):
            sockets += os.readlink(f"/proc/self/fd/{name}").startswith("socket:")
    return total, sockets


@dataclass
class Sample:
    t: float  # seconds since the start
    rss_mb: float
    plc_rss_mb: float | None
    twin_rss_mb: float | None  # the twin process (the plant's PLCs: not the HMI's memory)
    threads: int
    fds: int
    sockets: int
    quiet: bool  # no link outage near: socket counts comparable


@dataclass
class ResourceWatch:
    samples: list[Sample] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def look(self, t: float, plc_pid: int | None, quiet: bool = True,
             twin_pid: int | None = None) -> None:
        plc = twin = None
        with contextlib.suppress(OSError):
            plc = _rss_mb(plc_pid) if plc_pid is not None else None
        with contextlib.suppress(OSError):
            twin = _rss_mb(twin_pid) if twin_pid is not None else None
        fds, sockets = _fds()
        threads = sum(1 for th in threading.enumerate() if not th.name.startswith("soak-"))
        sample = Sample(t, _rss_mb("self"), plc, twin, threads, fds, sockets, quiet)
        with self._lock:
            self.samples.append(sample)

    def figures(self, warm_s: float) -> dict[str, float | int | None]:
        """Growth from the warm-up point to the end: medians of the samples around each,
        so one sample caught mid-burst decides nothing."""
        with self._lock:
            samples = list(self.samples)
        after = [s for s in samples if s.t >= warm_s]
        if len(after) < 2:
            return {"rss_growth_fraction": None}
        warm, end = after[:3], after[-3:]

        def growth(pick: str) -> float | None:
            a = [float(getattr(s, pick)) for s in warm if getattr(s, pick) is not None]
            b = [float(getattr(s, pick)) for s in end if getattr(s, pick) is not None]
            if not a or not b:
                return None
            base = statistics.median(a)
            return round((statistics.median(b) - base) / base, 4)

        calm = [s for s in after if s.quiet]
        calm_warm, calm_end = calm[:3] or warm, calm[-3:] or end
        return {
            "rss_growth_fraction": growth("rss_mb"),
            "plc_rss_growth_fraction": growth("plc_rss_mb"),
            "twin_rss_growth_fraction": growth("twin_rss_mb"),
            "rss_mb_warm": round(statistics.median(s.rss_mb for s in warm), 1),
            "rss_mb_end": round(statistics.median(s.rss_mb for s in end), 1),
            "threads_start": samples[0].threads, "fds_start": samples[0].fds,
            "sockets_start": samples[0].sockets,
            "threads_warm": max(s.threads for s in warm),
            "threads_end": max(s.threads for s in end),
            "threads_max": max(s.threads for s in samples),
            # The PLC process's links come and go with the twin's link faults: compare
            # samples with no outage near, and the highest count of each (a leak grows it).
            "fds_warm": max(s.fds for s in calm_warm),
            "fds_end": max(s.fds for s in calm_end),
            "sockets_warm": max(s.sockets for s in calm_warm),
            "sockets_end": max(s.sockets for s in calm_end),
        }


CLOCK_SLACK_MS = 250


def missing_gaps(history_url: str, outages: Sequence[Outage], tags_of: dict[str, list[str]],
                 settle_s: float, wall_minus_mono: float,
                 detect_s: float) -> tuple[int, list[str]]:
    """Outages the history shows no gap for: for each, every recorded tag of the connections
    it cut must read as not live during it, as a trend would draw it: the row in force
    `detect_s` into the outage (a loss detected before the twin's report reached us) or any
    row from the cut until `settle_s` after the server came back is not live (the COMM_LOST
    row sits where the HMI declared the loss). Returns (missing, a few examples)."""
    missing = 0
    examples: list[str] = []
    with HistoryReader(history_url) as reader:
        for outage in outages:
            tags = [t for scope, ts in tags_of.items() if outage.scope in ("all", scope)
                    for t in ts]
            # An outage the twin never reported ended (it cannot, short of a lost pipe):
            # judged until the end of the run.
            up = min(outage.up, time.monotonic())
            down = _wall(outage.down, wall_minus_mono)
            judged = _wall(min(outage.down + detect_s, up), wall_minus_mono)
            end = _wall(min(up + settle_s, time.monotonic()), wall_minus_mono)
            since = down - timedelta(hours=1)
            # The cut is a monotonic time turned wall time with an offset taken at the start;
            # the rows carry wall times. Minutes later the two clocks differ by milliseconds
            # (NTP slew), and a loss the HMI declared 3 ms after the cut read as before it
            # (seen: 276 "missing" gaps whose COMM_LOST rows were there). A slack absorbs it.
            judged_ms, down_ms = _ms(judged), _ms(down) - CLOCK_SLACK_MS
            for tag_id, series in reader.read_raw(tags, since, end).items():
                before = series.t_ms <= judged_ms
                held_gap = bool(before.any()) and int(series.quality[before][-1]) > LIVE_MAX
                later_gap = bool((series.quality[series.t_ms >= down_ms] > LIVE_MAX).any())
                if not (held_gap or later_gap):
                    missing += 1
                    if len(examples) < 5:
                        examples.append(f"{tag_id} in the {outage.scope} outage at "
                                        f"{down:%H:%M:%S}")
    return missing, examples


def _ms(at: datetime) -> int:
    return round(at.timestamp() * 1000)


def _wall(mono: float, wall_minus_mono: float) -> datetime:
    return datetime.fromtimestamp(mono + wall_minus_mono, UTC)


def shown_good(latest: Iterable[tuple[str, object]], cut_tags: set[str]) -> list[str]:
    """Tags of a cut connection that the screen still shows GOOD."""
    from hmi.core.tags import Quality

    return [tag for tag, value in latest
            if tag in cut_tags and getattr(value, "quality", None) is Quality.GOOD]


def since(t0: float) -> float:
    return time.monotonic() - t0
