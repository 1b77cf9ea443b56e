"""A hidden OEE screen keeps only the header's count up to date (one read per tick, not
every station's factors: issue 11); shown, it loads everything at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hmi.core.packml import PackMLState as S
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.build import build_oee_tracker
from hmi.security import Security
from hmi.ui.oee_screen import OeeScreen
from tests.production.test_oee_one_read import selects
from tests.security.conftest import FakeClock
from tests.ui.test_oee_screen import CONFIG, _put


def test_hidden_it_counts_the_stops_waiting_and_shown_it_loads_the_line(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock) -> None:
    store = TagStore(CONFIG.expected_periods_s())
    _put(store, clock, coater__state=S.EXECUTE, coater__reason_code=0)
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, clock=clock)
    tracker.start(thread=False)
    clock.advance(minutes=5)
    _put(store, clock, coater__state=S.STOPPED)
    clock.advance(minutes=5)
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
