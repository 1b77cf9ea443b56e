"""Writes as fast as it can until killed; prints how many rows are committed so far.

Run by test_crash.py as `python crash_child.py URL`: sample i of tag j is stamped
BASE + i ms with value i, so the parent can tell exactly which rows must be there.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hmi.core.tags import Quality, TagValue
from hmi.historian import Historian, HistorianSettings

TAGS = 50
BASE = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def main(url: str) -> None:
    historian = Historian(
        HistorianSettings(url=url, batch_samples=2_000, flush_interval_s=0.01,
                          queue_samples=50_000)
    )
    historian.start()
    names = [f"crash.tag_{j:02d}" for j in range(TAGS)]
    i = 0
    last_report = 0.0
    while True:
        batch = []
        for _ in range(20):
            ts = BASE + timedelta(milliseconds=i)
            batch.extend(TagValue(name, float(i), Quality.GOOD, ts, ts) for name in names)
            i += 1
        historian.record(batch)
        status = historian.status()
        assert status.dropped_samples == 0
        while historian.status().queue_depth > 20_000:  # heavy, but never dropping
            time.sleep(0.001)
        if time.monotonic() - last_report > 0.01:
            last_report = time.monotonic()
            print(status.written_rows, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
