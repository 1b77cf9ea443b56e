"""Historian writer: batching, ordering, status, and a full queue that never blocks."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.engine.base import RootTransaction
from sqlalchemy.exc import OperationalError

from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.historian import NO_DATA, Historian, HistorianSettings, HistoryError
from hmi.historian.writer import _Payload

from .conftest import MakeHistorian
from .helpers import ms, sample, table_rows


def wait_until(condition: object, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def test_samples_are_written_in_batches_not_one_by_one(make_historian: MakeHistorian) -> None:
    historian = make_historian(batch_samples=1000, flush_interval_s=30.0)
    for i in range(2500):
        historian.record([sample("a.x", float(i), i * 0.1)])
    # Two full batches go at once; the last 500 wait for the flush interval (or flush()).
    wait_until(lambda: historian.status().written_rows == 2000)
    time.sleep(0.2)
    assert historian.status().written_rows == 2000
    assert historian.status().queue_depth == 500
    assert historian.flush()
    assert historian.status().written_rows == 2500


def test_rows_keep_each_tags_order_across_threads_and_batches(
    make_historian: MakeHistorian, url: str
) -> None:
    historian = make_historian(batch_samples=700, flush_interval_s=0.05)

    def produce(tag: str) -> None:
        for i in range(0, 3000, 10):
            historian.record([sample(tag, float(i + k), (i + k) * 0.1) for k in range(10)])

    threads = [threading.Thread(target=produce, args=(f"t.x{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert historian.flush()
    for n in range(4):
        rows = table_rows(url, "samples", f"t.x{n}")
        assert [r[2] for r in rows] == [float(i) for i in range(3000)]
        assert [r[1] for r in rows] == [ms(i * 0.1) for i in range(3000)]
    status = historian.status()
    assert status.received_samples == status.written_rows == 12_000
    assert status.dropped_samples == 0 and status.problem() is None
    assert status.last_flush is not None and status.queue_high_water > 0


def test_a_store_attached_is_recorded_and_detached_on_stop(
    make_historian: MakeHistorian, url: str
) -> None:
    store = TagStore({"a.x": 0.1})
    historian = make_historian()
    historian.attach(store)
    store.update([sample("a.x", 1.0, 0), sample("a.x", 2.0, 1)])
    assert historian.flush()
    historian.stop()
    store.update([sample("a.x", 3.0, 2)])  # after stop: nobody listens, nothing fails
    values = [r[2] for r in table_rows(url, "samples", "a.x")]
    assert values == [1.0, 2.0, None]  # the last row: NO_DATA, the session ended


def test_a_full_queue_counts_drops_never_blocks_and_marks_the_gap(
    make_historian: MakeHistorian, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    historian = make_historian(queue_samples=100, batch_samples=100, flush_interval_s=0.05)
    historian.record([sample("a.x", 0.0, 0)])
    assert historian.flush()
    path = url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database: the writer waits
    try:
        with caplog.at_level(logging.WARNING):
            slowest = 0.0
            for i in range(1, 400):
                began = time.perf_counter()
                historian.record([sample("a.x", float(i), i)])
                slowest = max(slowest, time.perf_counter() - began)
            status = historian.status()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert slowest < 0.05, f"record() blocked for {slowest:.3f} s"
    assert status.dropped_samples >= 399 - 100 - 100  # queue + the batch being retried
    assert status.queue_depth <= status.queue_capacity == 100
    assert "dropped" in (status.problem() or "")
    assert any("queue full" in r.getMessage() for r in caplog.records)
    assert len([r for r in caplog.records if "queue full" in r.getMessage()]) == 1  # rate-limited
    assert historian.flush()
    rows = table_rows(url, "samples", "a.x")
    kept = [r for r in rows if r[3] != NO_DATA]
    marks = [r for r in rows if r[3] == NO_DATA]
    assert len(kept) == 400 - status.dropped_samples
    # The gap starts at the first lost sample, right after the last sample kept before it.
    first_lost = next(i for i in range(400) if ms(i) not in {r[1] for r in kept})
    assert marks[0][1] == ms(first_lost)
    assert historian.status().problem() is not None  # drops stay visible after recovery


def test_writing_failures_are_retried_and_reported_then_clear(
    make_historian: MakeHistorian, url: str
) -> None:
    historian = make_historian(flush_interval_s=0.05)
    blocker = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        historian.record([sample("a.x", 1.0, 0)])
        wait_until(lambda: historian.status().failing, timeout_s=30)
        assert "retried" in (historian.status().problem() or "")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert historian.flush(30)
    status = historian.status()
    assert not status.failing and status.last_error and status.problem() is None
    assert [r[2] for r in table_rows(url, "samples", "a.x")] == [1.0]


def test_a_database_that_cannot_be_opened_is_one_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a folder")
    historian = Historian(HistorianSettings(url=f"sqlite:///{not_a_folder}/history.sqlite"))
    with pytest.raises(HistoryError, match=r"cannot open the history database .*folder"):
        historian.start()
    assert not historian.status().running


def test_without_a_writer_flush_says_so_and_stop_does_nothing(url: str) -> None:
    historian = Historian(HistorianSettings(url=url))
    assert historian.flush(0.1)  # nothing queued
    historian.record([sample("a.x", 1.0, 0)])
    assert not historian.flush(0.1)
    historian.stop()
    assert not historian.status().running


def test_stop_drains_the_queue(make_historian: MakeHistorian, url: str) -> None:
    historian = make_historian(flush_interval_s=30.0)
    historian.record([sample("a.x", float(i), i) for i in range(5000)])
    historian.stop()
    rows = table_rows(url, "samples", "a.x")
    assert len(rows) == 5001 and rows[-1][3] == NO_DATA
    assert not historian.status().running


def test_quality_names_in_status_and_samples(make_historian: MakeHistorian, url: str) -> None:
    historian = make_historian()
    historian.record([sample("a.x", 1.0, 0), sample("a.x", 1.0, 1, Quality.STALE)])
    assert historian.flush()
    assert [r[3] for r in table_rows(url, "samples", "a.x")] == [0, 2]


def test_a_backlog_is_judged_during_the_commit_before_it_in_order_and_complete(
    url: str,
) -> None:
    # The writer starts after the whole backlog is queued: while each batch commits, the
    # next full batch is judged on the writer thread.
    historian = Historian(HistorianSettings(url=url, batch_samples=300, flush_interval_s=30.0))
    tags = [f"b.x{n}" for n in range(30)]
    for i in range(100):
        historian.record([sample(tag, float(i * 100 + n), i * 0.1) for n, tag in enumerate(tags)])
    ahead = []
    judge_ahead = historian._judge_ahead

    def counting() -> None:
        judge_ahead()
        ahead.append(historian._ahead is not None)

    historian._judge_ahead = counting  # type: ignore[method-assign]
    historian.start()
    try:
        assert historian.flush()
    finally:
        historian.stop()
    assert sum(ahead) >= 5  # most of the 10 batches went ahead
    for n, tag in enumerate(tags):
        rows = table_rows(url, "samples", tag)
        assert [r[2] for r in rows[:-1]] == [float(i * 100 + n) for i in range(100)]
        assert [r[1] for r in rows[:-1]] == [ms(i * 0.1) for i in range(100)]
        assert rows[-1][3] == NO_DATA
        buckets = table_rows(url, "rollup_1s", tag)
        assert sum(int(b[2]) for b in buckets) == 100  # type: ignore[call-overload]
    assert historian.status().written_rows == 3000 + 30


def test_new_tags_of_a_lost_batch_go_with_the_batch_judged_ahead(url: str) -> None:
    historian = Historian(HistorianSettings(url=url))
    ahead = _Payload([(2, "b.y")], 1, 1, [])
    historian._ahead = ahead
    historian._lose(_Payload([(1, "a.x")], 1, 1, []), RuntimeError("refused"))
    assert ahead.new_tags == [(1, "a.x"), (2, "b.y")]
    assert historian.status().lost_rows == 1


def test_a_commit_failing_on_the_committer_thread_is_retried_and_nothing_doubles(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_commit = RootTransaction.commit
    failed: list[str] = []

    def flaky_commit(self: RootTransaction) -> None:
        # The first commit handed to the committer fails, as a full disk would.
        if not failed and threading.current_thread().name.startswith("historian-commit"):
            failed.append("once")
            raise OperationalError("COMMIT", None, sqlite3.OperationalError("disk I/O error"))
        real_commit(self)

    monkeypatch.setattr(RootTransaction, "commit", flaky_commit)
    historian = Historian(HistorianSettings(url=url, batch_samples=2, flush_interval_s=0.05))
    for i in range(0, 8, 2):  # a backlog before the writer starts: commits go to the helper
        historian.record([sample("a.x", float(i), i), sample("a.x", float(i + 1), i + 1)])
    historian.start()
    try:
        assert historian.flush(30)
        assert historian.status().last_error == "disk I/O error"
    finally:
        historian.stop()
    assert failed == ["once"]
    rows = table_rows(url, "samples", "a.x")
    assert [r[2] for r in rows[:-1]] == [float(i) for i in range(8)] and rows[-1][3] == NO_DATA
