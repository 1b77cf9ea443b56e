"""Lots: the schema, the tracker following lot tags in a real TagStore, scanned lots, and
the twin's lot counters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.production.lots import (
    LotError,
    LotStore,
    LotTracker,
    feeds_of,
    lot_links,
    lot_tags_of,
    lots,
)
from hmi.sim.line import Line
from hmi.sim.models.cell import CELLS_PER_LOT, Winder
from hmi.sim.models.coater import ROLL_LENGTH_M, Coater

T0 = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
TAGS = {"mixer.batch_no": "mixer", "coater.lot_no": "coater", "winder.lot_no": "winder"}
FEEDS = {"coater": ("mixer",), "winder": ("coater",)}


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _value(tag: str, value: object, quality: Quality = Quality.GOOD) -> TagValue:
    return TagValue(tag, value, quality, T0, T0)  # type: ignore[arg-type]


@pytest.fixture
def plant(tmp_path: Path) -> Iterator[PlantDb]:
    db = open_plant_db(default_url(tmp_path))
    yield db
    db.close()


def _tracker(db: PlantDb, clock: Clock) -> tuple[LotTracker, TagStore]:
    store = TagStore(dict.fromkeys(TAGS, 1.0))
    tracker = LotTracker(LotStore(db), TAGS, FEEDS, tag_store=store, clock=clock)
    tracker.start(thread=False)
    return tracker, store


def test_schema_matches_the_migration(plant: PlantDb) -> None:
    inspector = inspect(plant.engine)
    for table in (lots, lot_links):
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.c.keys())
    assert plant.has_applied("0008_lots")


def test_tracker_opens_closes_and_links_lots_as_the_plc_counters_change(
        plant: PlantDb) -> None:
    clock = Clock()
    tracker, store = _tracker(plant, clock)
    lot_store = tracker.store
    store.update([_value("coater.lot_no", 7), _value("mixer.batch_no", 1001),
                  _value("winder.lot_no", 3)])
    tracker.apply_pending()
    coater = lot_store.open_lot("coater")
    assert coater is not None and coater.lot_id == "coater-7" and coater.started_at == T0
    # The coater came first in the batch: the mixer batch opened after it is still its parent.
    assert lot_store.parents("coater-7") == ["mixer-1001"]
    assert lot_store.parents("winder-3") == ["coater-7"]

    clock.advance(360)  # a new mixer batch while the roll runs: one more parent of the roll
    store.update([_value("mixer.batch_no", 1002)])
    tracker.apply_pending()
    assert lot_store.parents("coater-7") == ["mixer-1001", "mixer-1002"]
    first = lot_store.get("mixer-1001")
    assert first is not None and first.ended_at == T0 + timedelta(seconds=360)

    clock.advance(60)  # the same value again (a poll): nothing new
    store.update([_value("coater.lot_no", 7), _value("coater.lot_no", 8, Quality.STALE)])
    tracker.apply_pending()
    assert [lot.lot_id for lot in lot_store.recent("coater")] == ["coater-7"]

    clock.advance(60)  # a roll change: the next roll starts from the batch running now
    store.update([_value("coater.lot_no", 8)])
    tracker.apply_pending()
    assert lot_store.parents("coater-8") == ["mixer-1002"]
    assert "coater-8" in lot_store.parents("winder-3")
    assert lot_store.children("mixer-1002") == ["coater-7", "coater-8"]

    ancestry = {lot.lot_id: depth for lot, depth in lot_store.ancestors("winder-3")}
    assert ancestry == {"winder-3": 0, "coater-7": 1, "coater-8": 1, "mixer-1001": 2,
                        "mixer-1002": 2}

    # What a dew-point excursion now exposes (a restore run's open lots), oldest first.
    assert [lot.lot_id for lot in lot_store.open_lots()] == ["winder-3", "mixer-1002",
                                                             "coater-8"]
    clock.advance(5)  # the station reports no lot: the open one ends
    store.update([_value("winder.lot_no", 0)])
    tracker.apply_pending()
    assert lot_store.open_lot("winder") is None
    tracker.stop()


def test_a_restarted_hmi_continues_the_open_lot_and_a_repeated_id_stays_apart(
        plant: PlantDb) -> None:
    clock = Clock()
    tracker, store = _tracker(plant, clock)
    store.update([_value("coater.lot_no", 7)])
    tracker.stop()

    clock.advance(100)  # a new HMI run, the PLC still on lot 7
    again, store = _tracker(plant, clock)
    store.update([_value("coater.lot_no", 7)])
    again.apply_pending()
    assert [(lot.lot_id, lot.ended_at) for lot in again.store.recent("coater")] == [
        ("coater-7", None)]

    clock.advance(100)  # a counter that started over repeats 7 after 1
    store.update([_value("coater.lot_no", 1)])
    again.apply_pending()
    clock.advance(100)
    store.update([_value("coater.lot_no", 7)])
    again.apply_pending()
    assert [lot.lot_id for lot in again.store.recent("coater")] == [
        "coater-7~2", "coater-1", "coater-7"]
    again.stop()


def test_a_scanned_lot_ends_the_open_one_and_takes_its_parents(plant: PlantDb) -> None:
    clock = Clock()
    tracker, store = _tracker(plant, clock)
    store.update([_value("coater.lot_no", 7)])
    tracker.apply_pending()
    clock.advance(30)
    lot = tracker.start_lot("winder", "CELL-TRAY-0042", ["coater-7"], by="olga")
    assert (lot.source, lot.started_by, lot.started_at) == ("scan", "olga", clock.now)
    assert tracker.store.parents("CELL-TRAY-0042") == ["coater-7"]  # named and upstream: once
    with pytest.raises(LotError, match="already recorded"):
        tracker.start_lot("winder", "CELL-TRAY-0042", by="olga")
    with pytest.raises(LotError, match="parent lot FOIL-9 is not recorded"):
        tracker.start_lot("winder", "CELL-TRAY-0043", ["FOIL-9"], by="olga")
    with pytest.raises(LotError, match="scan or type"):
        tracker.start_lot("winder", "  ", by="olga")
    with pytest.raises(LotError, match="sign in"):
        tracker.start_lot("winder", "CELL-TRAY-0043")
    assert tracker.store.get("CELL-TRAY-0043") is None
    with pytest.raises(LotError, match="not recorded"):
        tracker.store.ancestors("NOPE")
    tracker.stop()


def test_the_demo_line_names_its_lot_tags_in_process_order() -> None:
    config = load_line_config(DEMO_LINE)
    tags = lot_tags_of(config)
    assert tags == {"mixer.batch_no": "mixer", "coater.lot_no": "coater",
                    "calender.lot_no": "calender", "slitter.lot_no": "slitter",
                    "winder.lot_no": "winder"}
    assert feeds_of(config, list(tags.values())) == {
        "coater": ("mixer",), "calender": ("coater",), "slitter": ("calender",),
        "winder": ("slitter",)}


def test_the_twin_counts_lots_on_changeover_roll_change_and_full_tray() -> None:
    line = Line.of_kinds("coater", "winder")
    coater, winder = line.station("coater"), line.station("winder")
    assert isinstance(coater, Coater) and isinstance(winder, Winder)
    assert coater.read("lot_no") == 1
    coater.write("recipe_download", True, line)  # a changeover: a new lot at the commit
    coater.write("line_speed_sp_mpm", 20.0, line)
    assert coater.read("lot_no") == 1
    coater.write("recipe_commit", True, line)
    assert coater.read("lot_no") == 2
    coater.restart()  # retentive: a PLC restart keeps the counter
    assert coater.read("lot_no") == 2
    coater.roll_length_m = ROLL_LENGTH_M - 0.01  # the roll is nearly full
    line.run_for(1.0)
    assert coater.read("lot_no") == 3
    winder.cells = CELLS_PER_LOT - 0.01  # the tray is nearly full
    line.run_for(1.0)
    assert winder.read("lot_no") == 2
