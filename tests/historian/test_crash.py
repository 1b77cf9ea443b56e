"""kill -9 while writing hard: at reopen nothing committed is lost and the file is sound."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hmi.historian import NO_DATA, Historian, HistorianSettings, HistoryReader

from .helpers import table_rows

CHILD = Path(__file__).with_name("crash_child.py")


@pytest.mark.slow
def test_kill_9_during_heavy_writing_loses_nothing_committed(
    url: str, reader: Callable[[], HistoryReader]
) -> None:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed = 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            committed = int(line)
            if committed >= 60_000:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    assert committed >= 60_000, err

    path = url.removeprefix("sqlite:///")
    assert Path(f"{path}-wal").exists()  # killed with a live WAL: recovery happens on open
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = conn.execute("SELECT count(*) FROM samples").fetchone()[0]
    assert stored >= committed  # everything the writer had reported committed is there

    history = reader()
    tags = history.tag_ids()
    assert len(tags) == 50
    for tag in tags:
        raw = table_rows(url, "samples", tag)
        values = [r[2] for r in raw]
        # Each tag's rows are a gapless prefix 0, 1, 2, ...: no committed batch is torn.
        assert values == [float(i) for i in range(len(values))]
        # The rollups were committed with their rows: they count the same samples.
        assert sum(r[2] for r in table_rows(url, "rollup_1s", tag)) == len(values)  # type: ignore[misc]
        assert sum(r[2] for r in table_rows(url, "rollup_1m", tag)) == len(values)  # type: ignore[misc]
    lengths = {len(table_rows(url, "samples", tag)) for tag in tags}
    assert max(lengths) - min(lengths) <= 2_000 // 50 * 2  # at most the torn-off tail differs

    # The writer reopens it, and marks where the killed session ended.
    historian = Historian(HistorianSettings(url=url))
    historian.start()
    historian.stop()
    for tag in tags:
        assert table_rows(url, "samples", tag)[-1][3] == NO_DATA
    assert os.path.getsize(path) > 0
