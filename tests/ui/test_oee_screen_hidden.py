"""A hidden OEE screen keeps only the header's count up to date (one read per tick, not
every station's factors: issue 11); shown, it loads everything at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hmi.plantdb import PlantDb
from hmi.security import Security
from hmi.ui.oee_screen import OeeScreen
from tests.production.test_oee_one_read import selects
from tests.security.conftest import FakeClock
from tests.ui.test_oee_screen import tracker_after_a_long_stop


def test_hidden_it_counts_the_stops_waiting_and_shown_it_loads_the_line(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock) -> None:
    tracker = tracker_after_a_long_stop(db, security, clock)
    counts: list[int] = []
    with selects(db) as seen:
        screen = OeeScreen(tracker, None, clock=clock, refresh_ms=30)
        qtbot.addWidget(screen)
        screen.reason_needed.connect(counts.append)
        qtbot.waitUntil(lambda: len(seen) >= 4, timeout=5000)  # a few ticks, hidden
    try:
        assert counts == [1] and screen.snapshot is None  # the count only, said once
        assert all("downtime_events" in s and "state_events" not in s for s in seen)
        with qtbot.waitSignal(screen.refreshed, timeout=5000):
            screen.show()  # on show: the whole screen, as of now
        snapshot = screen.snapshot
        assert snapshot is not None and len(snapshot.stations) == len(tracker.stations)
        assert screen.table.rowCount() == len(snapshot.stations) + 1  # and the LINE row
    finally:
        screen.close()
        tracker.stop()
