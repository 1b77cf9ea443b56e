"""OEE and SPC fed by the real twin over loopback OPC UA / Modbus (one twin for both: its
start-up is most of the time): coat-weight limits from the first subgroups and a pump-rate
step that the run rules catch; then a web break that costs the coater availability and asks
for a reason once past the threshold, the PLC's reason code putting "web break" first."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from hmi.config.production import characteristics
from hmi.core.packml import PackMLState
from hmi.core.tags import utc_now
from hmi.plantdb import default_url, open_plant_db
from hmi.production.build import build_oee_tracker
from hmi.production.oee_tracker import OeeTracker, PendingReason
from hmi.production.spc import SpcEvent, SpcMonitor
from hmi.security import Hasher, build_security
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services, wait_until
from tests.recipes.twin_setup import line_config

THRESHOLD_S = 0.5


async def test_spc_catches_a_coat_weight_step_and_a_web_break_asks_for_a_reason(
        tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    async with LineTwin(line_config()) as twin, services() as make:
        client = twin.client_config(secure=False)  # the security is tested elsewhere
        client = client.model_copy(update={"production": client.production.model_copy(
            update={"minor_stop_s": THRESHOLD_S})})
        store, _ = await connected(make, client)
        await wait_until(lambda: store.get("coater.state") is not None, 10.0, "coater state")
        tracker = build_oee_tracker(client, store, db, security.audit, flush_s=0.2)
        coat = next(c for c in characteristics(client) if c.id == "coat_weight")
        spc = SpcMonitor([coat.model_copy(update={"baseline_subgroups": 8, "critical": False,
                                                     "sample_every_s": 0.0})],
                         store=store)
        events: list[SpcEvent] = []
        spc.add_listener(events.append)
        start = utc_now()
        tracker.start()
        spc.start()
        try:
            # SPC: limits from 8 subgroups of the live gauge, then +10 % slurry.
            await wait_until(lambda: spc.chart("coat_weight").limits is not None, 15.0,
                             "limits from the first 8 subgroups")
            limits = spc.chart("coat_weight").limits
            assert limits is not None and 19.5 < limits.center < 20.5  # the twin's 20 mg/cm²
            assert limits.sigma_within < 0.2
            events.clear()
            coater = twin.station("coater")
            pump = float(coater.read("pump_rate_sp_ml_min") or 0.0)
            coater.write("pump_rate_sp_ml_min", pump * 1.1, twin.line)
            await wait_until(lambda: any(e.rule == "WE1" for e in events), 10.0,
                             "WE1 on the heavier coating")
            fired = next(e for e in events if e.rule == "WE1")
            assert fired.value > limits.ucl and fired.station == "coater"

            # OEE: the coater ran; a web break aborts it.
            twin.inject("web_break", "coater")
            await wait_until(lambda: coater.state == PackMLState.ABORTED, 5.0, "the coater aborted")
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
            spc.stop()
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
