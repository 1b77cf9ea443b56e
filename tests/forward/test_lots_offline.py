"""Lot changes the PLCs report while the PostgreSQL plant database is away wait in order on
the HMI and are recorded, each with its own time, once the server answers."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hmi.core.tags import Quality, TagValue
from hmi.plantdb import open_plant_db
from hmi.production.lots import LotStore, LotTracker
from tests.plantdb.pg_server import PgCluster

TAGS = {"coater.lot_no": "coater", "winder.lot_no": "winder"}
FEEDS = {"winder": ("coater",)}


def _lot(tag: str, value: int, at: datetime) -> TagValue:
    return TagValue(tag, value, Quality.GOOD, at, at)


def test_lot_changes_wait_for_the_server(pg_url: str, pg_cluster: PgCluster) -> None:
    db = open_plant_db(pg_url)
    store = LotStore(db)
    times = iter([datetime(2026, 11, 27, 14, m, tzinfo=UTC) for m in range(10)])
    tracker = LotTracker(store, TAGS, FEEDS, clock=lambda: next(times))
    tracker.start()
    try:
        tracker.on_values([_lot("coater.lot_no", 7, datetime.now(UTC))])
        end = time.monotonic() + 5
        while store.open_lot("coater") is None and time.monotonic() < end:
            time.sleep(0.05)
        pg_cluster.stop()
        try:
            tracker.on_values([_lot("coater.lot_no", 8, datetime.now(UTC))])
            tracker.on_values([_lot("winder.lot_no", 1, datetime.now(UTC))])
            time.sleep(2.5)  # a retry fails meanwhile: they keep waiting, in order
        finally:
            pg_cluster.start()
        end = time.monotonic() + 10
        while store.open_lot("winder") is None and time.monotonic() < end:
            time.sleep(0.1)
        coater, winder = store.open_lot("coater"), store.open_lot("winder")
        assert coater is not None and winder is not None
        assert (coater.lot_id, winder.lot_id) == ("coater-8", "winder-1")
        # Their own times (the tracker's clock when the PLC said so), not the forward's.
        assert coater.started_at == datetime(2026, 11, 27, 14, 1, tzinfo=UTC)
        assert winder.started_at == datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
        first = store.get("coater-7")
        assert first is not None and first.ended_at == coater.started_at
    finally:
        tracker.stop()
        db.close()
