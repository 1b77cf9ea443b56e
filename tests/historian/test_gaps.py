"""A connection loss, a historian restart and a crash are gaps in raw rows, rollups and
queries; they are never bridged by a held value."""

from __future__ import annotations

import contextlib
import math
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np

from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.historian import NO_DATA, HistoryReader, quality_name

from .conftest import MakeHistorian
from .helpers import at, ms, sample, table_rows

LOST = 4


def test_a_plc_restart_is_a_gap_in_raw_rollups_and_queries(
    make_historian: MakeHistorian, url: str, reader: Callable[[], HistoryReader]
) -> None:
    # The TagStore stamps a loss with the wall clock, so these samples are around now.
    # On a whole second, like the 1 s buckets. The loss comes at about 30 s.
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=30)

    def at_(seconds: float) -> datetime:
        return base + timedelta(seconds=seconds)

    def good(value: float, seconds: float) -> TagValue:
        return TagValue("c.t", value, Quality.GOOD, at_(seconds), at_(seconds))

    now = datetime.now(UTC)
    first = [good(20.0 + i / 10, i / 10) for i in range(300) if at_(i / 10) < now]
    store = TagStore({"c.t": 0.1})
    historian = make_historian()
    historian.attach(store)
    store.update(first)  # base .. now
    lost = store.mark(["c.t"], Quality.COMM_LOST, "connection lost")
    assert lost[0].source_ts == first[-1].source_ts  # the TagStore keeps the PLC's time...
    store.update([good(50.0 + i / 10, 60 + i / 10) for i in range(300)])  # 60 .. 89.9 s
    assert historian.flush()

    raw = table_rows(url, "samples", "c.t")
    lost_rows = [r for r in raw if r[3] == LOST]
    assert len(lost_rows) == 1
    lost_ms = lost_rows[0][1]
    assert isinstance(lost_ms, int) and lost_ms > first[-1].source_ts.timestamp() * 1000
    assert lost_ms == round(lost[0].received_ts.timestamp() * 1000)  # ...the row: when seen
    per_second = {r[1]: r for r in table_rows(url, "rollup_1s", "c.t")}
    gap_second = per_second[lost_ms - lost_ms % 1000]
    assert gap_second[8] == LOST and gap_second[9] == LOST  # worst, and ends in the gap
    per_minute = {r[1]: r for r in table_rows(url, "rollup_1m", "c.t")}
    assert per_minute[lost_ms - lost_ms % 60_000][8] == LOST

    # Queried at every resolution, from the loss until 60 s is drawn as nothing.
    gap_from = lost_ms / 1000 + 1
    before_loss = first[-1].source_ts.timestamp()
    for pixels, tier in ((1000, "raw"), (100, "1s")):
        series = reader().query(["c.t"], at_(0), at_(120), pixels, now=at_(120), tier=tier)["c.t"]
        width = series.bucket_s
        middle = (series.t >= gap_from) & (series.t + width <= at_(60).timestamp())
        assert middle.any() and np.isnan(series.vmin[middle]).all(), tier
        assert series.gap[middle].all(), tier
        assert quality_name(int(series.quality[middle][0])) == "COMM_LOST"
        assert np.isfinite(series.vmin[series.t + width < before_loss]).all(), tier
        assert np.isfinite(series.vmin[series.t >= at_(60).timestamp()]).all(), tier
    # Minute buckets cannot place it within their minute, but they flag it.
    series = reader().query(["c.t"], at_(0), at_(120), 2, now=at_(120), tier="1m")["c.t"]
    assert series.gap.any() and quality_name(int(series.quality.max())) == "COMM_LOST"


def test_stop_and_restart_of_the_historian_is_a_gap(
    make_historian: MakeHistorian, url: str, reader: Callable[[], HistoryReader]
) -> None:
    first = make_historian(clock=lambda: at(10).timestamp())
    first.record([sample("a.x", 1.0, 0)])
    first.stop()
    second = make_historian()
    second.record([sample("a.x", 2.0, 20)])
    assert second.flush()
    rows = table_rows(url, "samples", "a.x")
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (ms(0), 1.0, 0),
        (ms(10), None, NO_DATA),  # stopped at 10 s (the historian's clock)
        (ms(20), 2.0, 0),
    ]
    series = reader().query(["a.x"], at(0), at(30), 30, now=at(30))["a.x"]
    assert series.vmin[:10].tolist() == [1.0] * 10
    assert np.isnan(series.vmin[10:20]).all() and series.gap[10:20].all()
    assert series.vmin[20:].tolist() == [2.0] * 10


def test_after_a_crash_the_next_start_closes_the_unended_session(
    make_historian: MakeHistorian, url: str
) -> None:
    crashed = make_historian()
    crashed.record([sample("a.x", 1.0, 0), sample("a.x", 1.5, 1)])
    crashed.stop()
    # A session that ended without its marker, as after kill -9 (test_crash does that).
    with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        conn.execute(f"DELETE FROM samples WHERE quality = {NO_DATA}")
        conn.commit()
    assert table_rows(url, "samples", "a.x")[-1][3] == 0
    make_historian()  # opens the same file
    last = table_rows(url, "samples", "a.x")[-1]
    assert (last[1], last[3]) == (ms(1) + 1, NO_DATA)


def test_silence_is_not_a_gap_a_value_reported_by_exception_is_held(
    make_historian: MakeHistorian, reader: Callable[[], HistoryReader]
) -> None:
    historian = make_historian()
    historian.record([sample("a.x", 3.0, 0), sample("a.x", 4.0, 100)])
    assert historian.flush()
    series = reader().query(["a.x"], at(-10), at(200), 21, now=at(150))["a.x"]
    assert math.isnan(series.vmin[0]) and series.gap[0]  # before anything was recorded
    assert series.vmin[1:10].tolist() == [3.0] * 9 and not series.gap[1:10].any()
    assert series.vmax[11] == 4.0
    assert series.t[-1] <= at(150).timestamp()  # nothing drawn after `now`


def test_a_gap_starts_when_the_link_was_declared_lost_not_at_the_last_plc_timestamp(
    make_historian: MakeHistorian, url: str
) -> None:
    # A polled value that does not change: the first is kept, the repeats are held back
    # (heartbeat 60 s). The last repeat was read at 29.9 s; the link is declared lost
    # later (store.mark stamps the wall clock). Until then the value was being confirmed,
    # so the gap starts when the loss was declared, not at the last PLC timestamp.
    store = TagStore({"c.t": 0.1})
    historian = make_historian()
    historian.attach(store)
    polled = [sample("c.t", 5.0, i / 10) for i in range(300)]  # 0 .. 29.9 s
    store.update(polled)
    [lost] = store.mark(["c.t"], Quality.COMM_LOST, "c lost: timeout")
    assert lost.source_ts == polled[-1].source_ts  # the age on screen keeps growing
    assert historian.flush()
    rows = [(r[1], r[3]) for r in table_rows(url, "samples", "c.t")]
    declared_ms = round(lost.received_ts.timestamp() * 1000)
    assert rows == [(ms(0), 0), (declared_ms, LOST)], rows  # not (ms(29.9), LOST)
