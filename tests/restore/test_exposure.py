"""Lot exposure accounting on a real TagStore fed by hand, with a clock the test moves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.restore.exposure import NO_STORE, ExposureMeter
from hmi.restore.procedure import ExposureRule
from hmi.restore.record import OpenLot

TAG = "dry_room.dew_point_c"
AT = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.s = 0.0

    def __call__(self) -> float:
        return self.s


def dew(store: TagStore, value: float, quality: Quality = Quality.GOOD) -> None:
    store.update([TagValue(TAG, value, quality, AT, AT)])




class Holds:
    """A hold sink that records what it was asked (the real store is tested on the twin)."""

    def __init__(self) -> None:
        self.placed: list[tuple[str, list[str], str, str, str]] = []

    def place(self, lot_id: str, stations: list[str], reason: str, source: str,
              actor: str) -> object:
        self.placed.append((lot_id, stations, reason, source, actor))
        return type("Hold", (), {"id": len(self.placed)})()


def test_minutes_above_the_limit_count_against_each_lots_budget() -> None:
    store, clock = TagStore({TAG: 1.0}), Clock()
    dew(store, -35.0)
    rule = ExposureRule(TAG, -40.0, ("filler",))
    lots = (OpenLot("A", budget_min=10.0, used_min=6.0), OpenLot("B", budget_min=60.0))
    meter = ExposureMeter(rule, lots, store, clock, already_min=2.0)
    try:
        clock.s = 60.0
        dew(store, -38.0)  # still above: 1 more minute
        clock.s = 120.0
        dew(store, -42.0)  # dry from here: this minute counts, the next ones not
        clock.s = 600.0
        dew(store, -44.0)
        assert meter.minutes_above == pytest.approx(4.0)
        [a, b] = meter.settle(None, "restore-engine", "run-1")
        assert (a.lot_id, a.total_min, a.held, a.hold_ref) == ("A", 10.0, False, "")
        clock.s = 660.0
        dew(store, -30.0, Quality.STALE)  # not live: keeps the last judgement (dry)
        clock.s = 720.0
        dew(store, -39.0)  # wet again
        clock.s = 780.0
        dew(store, -39.0)
        [a, b] = meter.settle(None, "restore-engine", "run-1")
        assert a.minutes_above == pytest.approx(5.0)
        assert a.held and a.hold_ref == NO_STORE  # no store: recorded in the run
        assert not b.held
    finally:
        meter.close()


def test_a_lot_over_budget_is_held_once_in_the_hold_store() -> None:
    store, clock = TagStore({TAG: 1.0}), Clock()
    dew(store, -30.0)
    holds = Holds()
    meter = ExposureMeter(ExposureRule(TAG, -40.0, ("filler", "winder")),
                          (OpenLot("LOT-1", budget_min=1.0),), store, clock, already_min=0.0)
    try:
        clock.s = 120.0
        dew(store, -31.0)
        [first] = meter.settle(holds, "restore-engine", "run-9")
        [again] = meter.settle(holds, "restore-engine", "run-9")
        assert first.held and first.hold_ref == "lot_holds #1" and again.hold_ref == first.hold_ref
        [(lot, stations, reason, source, actor)] = holds.placed
        assert (lot, stations, source, actor) == ("LOT-1", ["filler", "winder"],
                                                  "restore:dew_point", "restore-engine")
        assert "2.0 min > budget 1 min" in reason and "run-9" in reason
    finally:
        meter.close()
