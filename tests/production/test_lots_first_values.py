"""A line's first lot values are recorded in one plant-database transaction, not one per
station (issue 11: a 1,000-station line's start held the lot tracker's thread ~10 s)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event

from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.production.lots import LotStore, LotTracker
from tests.production.test_lots import Clock, _value

STATIONS = [f"winder_{n}" for n in range(200)]
TAGS = {f"{s}.lot_no": s for s in STATIONS}
FEEDS = {s: (STATIONS[i - 1],) for i, s in enumerate(STATIONS) if i}  # a chain


@contextmanager
def commits(db: PlantDb) -> Iterator[list[int]]:
    seen: list[int] = []

    def on_commit(_conn: Any) -> None:
        seen.append(1)

    event.listen(db.engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(db.engine, "commit", on_commit)


def test_first_values_of_every_station_are_one_transaction(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    try:
        store = TagStore(dict.fromkeys(TAGS, 1.0))
        store.update([_value(tag, 10 + n) for n, tag in enumerate(TAGS)])
        tracker = LotTracker(LotStore(db), TAGS, FEEDS, tag_store=store, clock=Clock())
        started: list[str] = []
        all_in = threading.Event()

        def on_started(lot_id: str) -> None:
            started.append(lot_id)
            if len(started) == len(STATIONS):
                all_in.set()

        tracker.add_listener(on_started)
        with commits(db) as seen:
            tracker.start()  # its thread finds every first value queued
            try:
                assert all_in.wait(10), f"{len(started)} of {len(STATIONS)} lots recorded"
            finally:
                tracker.stop()
        assert len(seen) == 1
        assert started == [f"{s}-{10 + n}" for n, s in enumerate(STATIONS)]  # in order
        # Linked as one by one would have: each lot's parent is the one upstream.
        assert tracker.store.parents("winder_5-15") == ["winder_4-14"]
    finally:
        db.close()
