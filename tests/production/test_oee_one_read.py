"""The OEE screen's refresh reads the whole line at once (issue 11: a query per station, and
every station again for the line, held its worker a third of the time on 1,000 stations):
factors_all gives what factors() gives station by station, from a fixed number of reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from hmi.core.packml import PackMLState as S
from hmi.plantdb import PlantDb
from hmi.security import Security
from tests.production.test_oee_tracker import Line, tracker_for
from tests.security.conftest import FakeClock


@contextmanager
def selects(db: PlantDb) -> Iterator[list[str]]:
    """The SELECT statements the engine runs meanwhile."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", on_execute)


def _shift_with_stops(clock: FakeClock, db: PlantDb, security: Security):  # type: ignore[no-untyped-def]
    line = Line(clock)
    line.put(coater__state=S.EXECUTE, coater__reason_code=0, coater__roll_length_m=0.0,
             calender__state=S.EXECUTE)
    tracker = tracker_for(line, db, security)
    clock.advance(minutes=30)
    line.put(coater__roll_length_m=700.0)
    line.put(coater__state=S.ABORTED, coater__reason_code=202)  # downtime
    clock.advance(minutes=6)
    line.put(coater__state=S.EXECUTE, calender__state=S.HELD)  # the calender stops
    clock.advance(seconds=40)  # a minor stop at the calender
    line.put(calender__state=S.EXECUTE)
    clock.advance(minutes=20)
    line.put(coater__roll_length_m=1400.0)
    clock.advance(minutes=2)
    return tracker


def test_factors_all_is_factors_station_by_station_on_both_backends(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    tracker = _shift_with_stops(clock, db, security)
    try:
        for start in (clock.now - timedelta(minutes=50),  # from inside the first run
                      clock.now - timedelta(minutes=25),  # a stop's whole length before it
                      clock.now - timedelta(hours=8)):
            end = clock.now
            every, line = tracker.factors_all(start, end)
            assert every == [tracker.factors(s, start, end) for s in tracker.stations]
            assert line == tracker.factors(None, start, end)
            coater = next(f for f in every if f.station == "coater")
            assert coater.availability is not None and coater.availability < 1.0
    finally:
        tracker.stop()


def test_factors_all_reads_a_fixed_number_of_times_whatever_the_stations(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    tracker = _shift_with_stops(clock, db, security)
    try:
        start = clock.now - timedelta(hours=1)
        with selects(db) as seen:
            tracker.factors_all(start, clock.now)
        assert len(tracker.stations) > 3 and 0 < len(seen) <= 3
        with selects(db) as one_by_one:
            tracker.factors(None, start, clock.now)  # the line: the same whole-line read
        assert len(one_by_one) == len(seen)
        assert tracker.pending_count() == len(tracker.pending_reasons()) == 1
        with selects(db) as count_only:
            tracker.pending_count()
        assert len(count_only) == 1
    finally:
        tracker.stop()
