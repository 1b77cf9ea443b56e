"""HistoryReader: the tier the pixel budget picks, the budget kept, reads during writes."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pytest
from sqlalchemy import text

from hmi.historian import HistoryReader, HistoryUnavailable

from .conftest import MakeHistorian
from .helpers import at, sample

TEN_HZ_MINUTES = 30


@pytest.fixture
def ten_hz(make_historian: MakeHistorian) -> None:
    """30 minutes of one tag at 10 Hz (a saw tooth 0..99), then stopped."""
    historian = make_historian()
    for second in range(TEN_HZ_MINUTES * 60):
        historian.record(
            [sample("a.x", float((second * 10 + k) % 100), second + k / 10) for k in range(10)]
        )
    historian.stop()


@pytest.mark.parametrize(
    ("span_s", "pixels", "tier"),
    [
        (20, 2000, "raw"),  # 200 samples: the samples themselves
        (300, 500, "raw"),  # 3000 samples, 6 a pixel: grouped raw
        (1800, 1000, "1s"),  # 1.8 s a pixel
        (1800, 20, "1m"),  # 90 s a pixel
    ],
)
def test_the_pixel_budget_picks_the_tier_and_is_kept(
    ten_hz: None, reader: Callable[[], HistoryReader], span_s: int, pixels: int, tier: str
) -> None:
    series = reader().query(["a.x"], at(0), at(span_s), pixels, now=at(span_s))["a.x"]
    assert series.tier == tier
    assert len(series) <= (2 * pixels if tier == "raw" else pixels)
    x, y = series.line()
    assert len(x) == len(y) <= 2 * pixels + 2
    assert np.nanmin(series.vmin) == 0.0 and np.nanmax(series.vmax) == 99.0
    assert not series.gap[1:].any()
    assert not series.vmin.flags.writeable  # frozen all the way down


def test_raw_points_carry_the_held_value_to_the_edges(
    ten_hz: None, reader: Callable[[], HistoryReader]
) -> None:
    series = reader().query(["a.x"], at(5.05), at(5.55), 100, now=at(60))["a.x"]
    assert series.tier == "raw" and series.bucket_s == 0
    assert series.t[0] == at(5.05).timestamp() and series.vmin[0] == 50.0  # held from 5.0 s
    assert series.vmin[1:6].tolist() == [51.0, 52.0, 53.0, 54.0, 55.0]
    assert series.t[-1] == pytest.approx(at(5.55).timestamp(), abs=0.002)


def test_a_tag_never_recorded_is_all_gap(
    ten_hz: None, reader: Callable[[], HistoryReader]
) -> None:
    series = reader().query(["no.such"], at(0), at(60), 10, now=at(60))["no.such"]
    assert len(series) == 10 and series.gap.all() and np.isnan(series.vmin).all()


def test_bad_ranges_are_refused(ten_hz: None, reader: Callable[[], HistoryReader]) -> None:
    with pytest.raises(ValueError, match="end after it starts"):
        reader().query(["a.x"], at(10), at(10), 10)
    with pytest.raises(ValueError, match="time zone"):
        reader().query(["a.x"], at(0).replace(tzinfo=None), at(10), 10)


def test_raw_reads_in_chunks_give_every_sample(
    ten_hz: None, reader: Callable[[], HistoryReader]
) -> None:
    history = reader()
    chunks = list(history.iter_raw("a.x", at(0), at(100), chunk_rows=300))
    assert [len(c) for c in chunks] == [300, 300, 300, 100]
    whole = history.read_raw(["a.x"], at(0), at(100))["a.x"]
    assert whole.value.tolist() == [float(i % 100) for i in range(1000)]
    assert set(whole.quality_names()) == {"GOOD"}
    minutes = history.read_rollup("a.x", "1m", at(0), at(180))
    assert minutes.n.tolist() == [600, 600, 600] and minutes.mean.tolist() == [49.5] * 3


def test_a_range_that_raw_retention_removed_reads_from_rollups(
    ten_hz: None, url: str, reader: Callable[[], HistoryReader]
) -> None:
    history = reader()
    with history.connect() as conn:  # as if raw retention had removed the first 20 minutes
        conn.execute(text("DELETE FROM samples WHERE t < :t"), {"t": at(1200).timestamp() * 1000})
        conn.commit()
    series = history.query(["a.x"], at(0), at(60), 2000, now=at(3600))["a.x"]
    assert series.tier == "1s" and not series.gap[:-1].any()
    assert history.rollup_tier_for(["a.x"], at(0)) == "1s"


def test_reading_while_the_writer_writes(
    make_historian: MakeHistorian, reader: Callable[[], HistoryReader]
) -> None:
    historian = make_historian(flush_interval_s=0.01, batch_samples=100)
    historian.record([sample("a.x", 0.0, 0)])
    assert historian.flush()
    history = reader()
    seen: list[int] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                seen.append(len(history.read_raw(["a.x"], at(0), at(10_000))["a.x"]))
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    for i in range(1, 3001):
        historian.record([sample("a.x", float(i), i)])
    assert historian.flush()
    done.set()
    thread.join()
    assert not failures
    assert seen == sorted(seen) and seen[-1] >= 1  # always a consistent, growing prefix
    assert len(history.read_raw(["a.x"], at(0), at(10_000))["a.x"]) == 3001


def test_a_missing_database_is_named(tmp_path: object) -> None:
    with pytest.raises(HistoryUnavailable, match=r"no history database at .*nothing"):
        HistoryReader(f"sqlite:///{tmp_path}/nothing/history.sqlite")
