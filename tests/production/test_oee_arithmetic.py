"""OEE arithmetic on scripted PackML sequences (DOMAIN.md 5.1), and its invariants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hmi.config.production import Shift
from hmi.core.packml import PackMLState as S
from hmi.production.oee import (
    CountDelta,
    StateChange,
    line_factors,
    station_factors,
    stops,
    waterfall,
)
from hmi.production.shifts import ShiftCalendar

T0 = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # a Thursday, start of the early shift
CAL = ShiftCalendar()  # 3 x 8 h from 06:00, every day


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def script(*steps: tuple[float, S | None]) -> list[StateChange]:
    return [StateChange(at(m), s) for m, s in steps]


def test_held_is_downtime_a_short_suspend_is_a_minor_stop() -> None:
    changes = script((0, S.EXECUTE), (60, S.HELD), (90, S.EXECUTE), (180, S.SUSPENDED),
                     (181, S.EXECUTE))
    # 240 min, ideal 30 m/min: 5400 m made in the 210 min operating, 100 m of it scrap.
    counts = [CountDelta(at(10), 5000.0, 4900.0), CountDelta(at(200), 400.0, 400.0)]
    f = station_factors("coater", changes, counts, at(0), at(240), at(240), CAL, 120.0, 30.0)
    assert f.planned_s == 240 * 60
    assert f.downtime_s == 30 * 60
    assert f.minor_stop_s == 60 and f.minor_stops == 1
    assert f.operating_s == 210 * 60
    assert f.availability == pytest.approx(210 / 240)
    assert f.performance == pytest.approx(5400 / (210 * 30))
    assert f.quality == pytest.approx(5300 / 5400)
    assert f.oee == pytest.approx(5300 / 30 / 240)  # valuable minutes / planned minutes
    steps = waterfall(f, {"Equipment failure (unplanned stop)": 30 * 60.0})
    assert steps[0].seconds == f.planned_s
    assert sum(s.seconds for s in steps[1:]) == pytest.approx(f.planned_s)
    assert steps[-1].label == "fully productive time"
    assert steps[-1].seconds / f.planned_s == pytest.approx(f.oee)


def test_an_ongoing_stop_turns_from_minor_into_downtime_at_the_threshold() -> None:
    changes = script((0, S.EXECUTE), (10, S.ABORTED))
    early = station_factors("c", changes, [], at(0), at(60), at(11), CAL, 120.0, None)
    assert early.minor_stop_s == 60 and early.downtime_s == 0  # 1 min so far: minor
    late = station_factors("c", changes, [], at(0), at(60), at(13), CAL, 120.0, None)
    assert late.downtime_s == 180 and late.minor_stop_s == 0  # 3 min: downtime, all of it
    assert late.availability == pytest.approx(10 / 13)
    assert late.performance is None and late.oee is None  # nothing counted


def test_unscheduled_and_unknown_time_are_no_loss() -> None:
    calendar = ShiftCalendar((Shift(name="day", start="06:00", hours=2),))
    changes = script((0, S.EXECUTE), (60, None), (90, S.EXECUTE), (120, S.STOPPED))
    f = station_factors("c", changes, [], at(0), at(240), at(240), calendar, 120.0, None)
    assert f.unknown_s == 30 * 60  # the PLC was unreachable: neither run nor loss
    assert f.planned_s == 90 * 60  # 06:00-08:00 less the unknown half hour
    assert f.availability == 1.0  # stopped only after the shift ended


def test_stops_end_at_execute_or_unknown() -> None:
    found = stops(script((0, S.EXECUTE), (5, S.HOLDING), (6, S.HELD), (9, S.EXECUTE),
                         (20, S.STOPPED), (25, None), (30, S.STOPPED)), at(40))
    assert [(s.start, s.end, s.state) for s in found] == [
        (at(5), at(9), S.HOLDING), (at(20), at(25), S.STOPPED), (at(30), None, S.STOPPED)]


def test_a_night_shift_crosses_midnight() -> None:
    window = CAL.shift_at(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    assert window is not None and window.name == "night"
    assert window.start == datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    assert [w.name for w in CAL.last_shifts(at(1), 3)] == ["late", "night", "early"]


STATES = st.sampled_from([S.EXECUTE, S.EXECUTE, S.HELD, S.SUSPENDED, S.STOPPED, S.ABORTED,
                          S.IDLE, None])


@settings(max_examples=200, deadline=None)
@given(steps=st.lists(st.tuples(st.floats(0.01, 200.0), STATES), min_size=1, max_size=30),
       outputs=st.lists(st.tuples(st.floats(0, 480), st.floats(0, 5000), st.floats(0, 1)),
                        max_size=10),
       rate=st.floats(0.5, 200.0), minor_s=st.floats(1.0, 600.0))
def test_factors_stay_in_0_1_and_multiply_to_oee(
        steps: list[tuple[float, S | None]], outputs: list[tuple[float, float, float]],
        rate: float, minor_s: float) -> None:
    changes, t = [], 0.0
    for length, state in steps:
        changes.append(StateChange(at(t), state))
        t += length
    counts = [CountDelta(at(m), total, total * share) for m, total, share in outputs]
    results = []
    for name in ("a", "b"):
        f = station_factors(name, changes, counts, at(0), at(480), at(t), CAL, minor_s, rate)
        results.append(f)
        for factor in (f.availability, f.performance, f.quality, f.oee):
            assert factor is None or 0.0 <= factor <= 1.0
        if None not in (f.availability, f.performance, f.quality):
            assert f.oee == pytest.approx(f.availability * f.performance * f.quality)
        assert f.planned_s == pytest.approx(f.operating_s + f.downtime_s)
    line = line_factors(results, at(0), at(480))
    for factor in (line.availability, line.performance, line.quality, line.oee):
        assert factor is None or 0.0 <= factor <= 1.0 + 1e-9
    if None not in (line.availability, line.performance, line.quality):
        assert line.oee == pytest.approx(line.availability * line.performance * line.quality)
