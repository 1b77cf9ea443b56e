from __future__ import annotations

import numpy as np
import pytest

from widgets.ring_buffer import RingBuffer, finite_runs


def test_wraps_without_losing_order() -> None:
    ring = RingBuffer(5)
    for i in range(13):  # wraps twice and a bit
        ring.append(float(i), float(i) * 10)
    t, v = ring.view()
    assert t.tolist() == [8.0, 9.0, 10.0, 11.0, 12.0]
    assert v.tolist() == [80.0, 90.0, 100.0, 110.0, 120.0]
    assert len(ring) == 5 and ring.total == 13


def test_batches_wrap_in_order_and_oversized_batch_keeps_newest() -> None:
    ring = RingBuffer(6)
    ring.extend(np.arange(4.0), np.arange(4.0))
    ring.extend(np.arange(4.0, 9.0), np.arange(4.0, 9.0))  # crosses the end of the storage
    assert ring.view()[0].tolist() == [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    ring.extend(np.arange(100.0, 110.0), np.arange(10.0))
    assert ring.view()[0].tolist() == [104.0, 105.0, 106.0, 107.0, 108.0, 109.0]
    assert ring.last_time == 109.0


def test_views_are_read_only_and_snapshots_survive_writes() -> None:
    ring = RingBuffer(3)
    ring.extend([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    t, _ = ring.view()
    with pytest.raises(ValueError):
        t[0] = 5.0
    snap_t, _ = ring.snapshot()
    ring.append(4.0, 4.0)
    assert snap_t.tolist() == [1.0, 2.0, 3.0]


def test_since_and_value_at() -> None:
    ring = RingBuffer(10)
    ring.extend([1.0, 2.0, 3.0], [10.0, np.nan, 30.0])
    mark = ring.total
    ring.extend([4.0, 5.0], [40.0, 50.0])
    assert ring.since(mark)[0].tolist() == [4.0, 5.0]
    assert ring.value_at(3.5) == 30.0
    assert np.isnan(ring.value_at(2.2))
    assert np.isnan(ring.value_at(0.5))


def test_mismatched_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="3 timestamps but 2 values"):
        RingBuffer(4).extend([1.0, 2.0, 3.0], [1.0, 2.0])


def test_finite_runs() -> None:
    assert finite_runs([1, np.nan, 2, 3, np.nan, np.nan, 4]) == [(0, 1), (2, 4), (6, 7)]
    assert finite_runs([np.nan, np.nan]) == []
