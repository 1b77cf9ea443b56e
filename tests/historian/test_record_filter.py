"""RecordFilter: deadband, heartbeat, quality changes and gaps decide what is kept."""

from __future__ import annotations

import logging

import pytest

from hmi.core.tags import Quality
from hmi.historian.record_filter import RecordFilter, Rows
from hmi.historian.settings import TagPolicy
from hmi.historian.tables import NO_DATA, QUALITY_CODES

from .helpers import at, ms, sample

LOST = QUALITY_CODES[Quality.COMM_LOST]


def make_filter(deadband: float = 0.0, heartbeat_s: float = 60.0) -> RecordFilter:
    keys: dict[str, int] = {}
    policy = TagPolicy(deadband=deadband, heartbeat_s=heartbeat_s)
    return RecordFilter(lambda _tag: policy, lambda tag: keys.setdefault(tag, len(keys) + 1))


def kept(f: RecordFilter, *samples: object) -> list[tuple[object, ...]]:
    out = Rows()
    f.accept(list(samples), out)  # type: ignore[arg-type]
    return [(t, v, q) for _tag, t, v, q, _lag in out.rows()]


def test_deadband_keeps_moves_beyond_it_measured_from_the_last_kept_value() -> None:
    f = make_filter(deadband=0.5)
    rows = kept(
        f,
        sample("a.x", 10.0, 0),
        sample("a.x", 10.4, 1),  # within 0.5 of 10.0: held back
        sample("a.x", 10.45, 2),  # still within 0.5 of 10.0 (not of 10.4): held back
        sample("a.x", 10.6, 3),  # beyond: kept
        sample("a.x", 10.2, 4),  # 0.4 below 10.6: held back
    )
    assert [v for _t, v, _q in rows] == [10.0, 10.6]


def test_zero_deadband_keeps_every_change_and_drops_repeats() -> None:
    f = make_filter()
    rows = kept(f, *(sample("a.x", v, i) for i, v in enumerate([1.0, 1.0, 2.0, 2.0, 1.0])))
    assert [v for _t, v, _q in rows] == [1.0, 2.0, 1.0]


def test_heartbeat_records_an_unchanged_value_at_least_every_period() -> None:
    f = make_filter(heartbeat_s=10)
    rows = kept(f, *(sample("a.x", 5.0, s) for s in range(0, 31, 2)))
    assert [t for t, _v, _q in rows] == [ms(0), ms(10), ms(20), ms(30)]


def test_held_back_value_is_recorded_when_its_heartbeat_is_due_without_new_samples() -> None:
    f = make_filter(deadband=1.0, heartbeat_s=10)
    kept(f, sample("a.x", 5.0, 0), sample("a.x", 5.3, 1))  # 5.3 held back
    out = Rows()
    f.due_heartbeats(ms(9), out)
    assert out.rows() == []
    f.due_heartbeats(ms(10), out)
    assert [(t, v) for _k, t, v, _q, _l in out.rows()] == [(ms(1), 5.3)]  # at its own time


def test_quality_changes_are_always_kept_even_within_the_deadband() -> None:
    f = make_filter(deadband=100.0)
    rows = kept(
        f,
        sample("a.x", 1.0, 0),
        sample("a.x", 1.0, 1, Quality.UNCERTAIN),
        sample("a.x", 1.0, 2, Quality.UNCERTAIN),
        sample("a.x", 1.0, 3, Quality.BAD),
        sample("a.x", 1.0, 4),
    )
    assert [q for _t, _v, q in rows] == [0, 1, 3, 0]


def test_a_rejudged_value_keeps_the_plc_time_so_it_is_placed_when_lineside_saw_it() -> None:
    f = make_filter()
    good = sample("a.x", 7.0, 0)
    rows = kept(f, good, good.with_quality(Quality.COMM_LOST, "lost", at(5)))
    assert rows[1] == (ms(5), 7.0, LOST)


def test_times_strictly_increase_per_tag_even_when_the_plc_clock_does_not() -> None:
    f = make_filter()
    rows = kept(f, sample("a.x", 1.0, 10), sample("a.x", 2.0, 10), sample("a.x", 3.0, 4))
    times = [t for t, _v, _q in rows]
    assert times == sorted(set(times)) and len(times) == 3


def test_lost_samples_and_the_session_end_are_marked_as_no_data() -> None:
    f = make_filter()
    kept(f, sample("a.x", 1.0, 0), sample("b.y", 2.0, 0))
    out = Rows()
    f.no_data("a.x", at(3), out)
    f.end_session(ms(9), out)
    assert [(t, q) for _k, t, _v, q, _l in out.rows()] == [
        (ms(3), NO_DATA),  # where a.x's samples were lost
        (ms(9), NO_DATA),  # b.y: still live at the end
    ]


def test_values_that_are_not_numbers_are_skipped_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    f = make_filter()
    with caplog.at_level(logging.WARNING):
        rows = kept(
            f,
            sample("a.text", "x", 0),  # type: ignore[arg-type]
            sample("a.text", "y", 1),  # type: ignore[arg-type]
            sample("a.flag", True, 0),  # type: ignore[arg-type]
        )
    assert rows == [(ms(0), 1.0, 0)]
    assert len([r for r in caplog.records if "a.text" in r.getMessage()]) == 1


def test_nan_is_recorded_as_no_value() -> None:
    f = make_filter()
    rows = kept(f, sample("a.x", 1.0, 0), sample("a.x", float("nan"), 1))
    assert rows[1] == (ms(1), None, 0)


def test_an_int_too_large_for_a_float_is_skipped_with_a_warning_not_a_dead_writer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    f = make_filter()
    with caplog.at_level(logging.WARNING):
        rows = kept(f, sample("a.big", 10**400, 0), sample("a.big", 7, 1))  # type: ignore[arg-type]
    assert rows == [(ms(1), 7.0, 0)]
    assert any("a.big" in r.getMessage() for r in caplog.records)
