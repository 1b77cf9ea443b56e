"""OeeTracker fed by the real twin over loopback OPC UA / Modbus: a coater stopped by a
web break loses availability, and its stop asks for a reason once past the threshold,
with the PLC's reason code putting "web break" first."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from hmi.core.packml import PackMLState
from hmi.core.tags import utc_now
from hmi.plantdb import default_url, open_plant_db
from hmi.production.build import build_oee_tracker
from hmi.production.oee_tracker import OeeTracker, PendingReason
from hmi.security import Hasher, build_security
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services, wait_until
from tests.recipes.twin_setup import line_config

THRESHOLD_S = 0.5


async def test_a_web_break_costs_availability_and_asks_for_a_reason(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    async with LineTwin(line_config()) as twin, services() as make:
        client = twin.client_config(secure=False)  # the security is tested elsewhere
        client = client.model_copy(update={"production": client.production.model_copy(
            update={"minor_stop_s": THRESHOLD_S})})
        store, _ = await connected(make, client)
        await wait_until(lambda: store.get("coater.state") is not None, 10.0, "coater state")
        tracker = build_oee_tracker(client, store, db, security.audit, flush_s=0.2)
        tracker.start()
        try:
            start = utc_now()
            await asyncio.sleep(0.6)  # running: some metres made
            twin.inject("web_break", "coater")
            await wait_until(lambda: twin.station("coater").state == PackMLState.ABORTED,
                             5.0, "the coater aborted")
            pending = await asyncio.to_thread(_wait_pending, tracker)
            event = pending.event
            assert event.station == "coater" and event.end is None
            assert event.plc_reason == 202 and "plc:202" in event.hints
            assert pending.candidates[0].code == "web_break"
            f = await asyncio.to_thread(tracker.factors, "coater", start, utc_now())
            assert f.availability is not None and f.availability < 1.0
            assert f.downtime_s >= THRESHOLD_S
            assert f.total > 0  # the coater made metres before the break
            winder = await asyncio.to_thread(tracker.factors, "winder", start, utc_now())
            assert winder.planned_s > 0  # the rest of the line is tracked too
        finally:
            await asyncio.to_thread(tracker.stop)
    db.close()


def _wait_pending(tracker: OeeTracker) -> PendingReason:
    deadline = time.monotonic() + 10.0
    while time.monotonic() < deadline:
        pending = [p for p in tracker.pending_reasons() if p.event.station == "coater"]
        if pending:
            return pending[0]
        time.sleep(0.1)
    raise AssertionError("no pending reason for the coater within 10 s")
