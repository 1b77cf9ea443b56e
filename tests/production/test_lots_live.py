"""The lineage screen's recent lots on a fresh start: empty while no lot is recorded, then
filled from the lots table (newest first) as soon as the PLC's lot tags open lots, through
a real LotTracker on its own thread and a real plant database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.lots import build_lot_tracker
from hmi.ui.lineage_screen import LineageScreen


def plc_lot(store: TagStore, tag: str, value: int) -> None:
    now = utc_now()
    store.update([TagValue(tag, value, Quality.GOOD, now, now)])


def test_recent_lots_follow_the_plc_live_newest_first(
        qtbot: QtBot, db: PlantDb, tmp_path: Path) -> None:
    config = load_line_config(DEMO_LINE)
    store = TagStore(config.expected_periods_s())
    tracker = build_lot_tracker(config, db, store)
    tracker.start()
    screen = LineageScreen(db, config, tmp_path / "exports", lots=tracker)
    qtbot.addWidget(screen)
    try:
        with qtbot.waitSignal(screen.recent_loaded, timeout=5000):
            screen.show()
        assert screen.recent.count() == 0  # a fresh start: no lot yet
        plc_lot(store, "mixer.batch_no", 815)  # the links are up: the PLC's lots arrive
        # Wait for the content, not the next load: a load begun before the lot was recorded
        # (the screen's own refresh) may finish first and still show none.
        qtbot.waitUntil(lambda: [screen.recent.item(i).text()
                                 for i in range(screen.recent.count())]
                        == ["mixer-815  (mixer, running)"], timeout=5000)
        plc_lot(store, "coater.lot_no", 12)
        qtbot.waitUntil(lambda: screen.recent.count() == 2, timeout=5000)
        assert screen.recent.item(0).text() == "coater-12  (coater, running)"
        plc_lot(store, "coater.lot_no", 13)  # the next roll: the last one ended
        qtbot.waitUntil(lambda: screen.recent.count() == 3, timeout=5000)
        texts = [screen.recent.item(i).text() for i in range(3)]
        assert texts == ["coater-13  (coater, running)", "coater-12  (coater, ended)",
                         "mixer-815  (mixer, running)"]
    finally:
        screen.close()
        tracker.stop()
    assert not tracker._listeners  # closed: the tracker no longer tells the screen
