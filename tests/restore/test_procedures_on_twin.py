"""Every shipped procedure against the twin over real sockets: inject its fault, run it
headless (people answer at once; the repair a person makes clears the twin's fault), and
find the line back in Execute with the loop in AUTO, no tension overshoot beyond 10 %, and
a complete record. The twin runs time-scaled; the engine's clock is the twin's."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hmi.core.packml import LoopMode, PackMLState
from hmi.core.tags import Quality
from hmi.restore import FaultContext, OpenLot, RunState, StepOutcome
from hmi.sim.twin import LineTwin
from tests.plc.helpers import wait_until

from .helpers import RECIPE_TENSION_N, RestoreLine, answers, restore_line

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Case:
    procedure: str
    fault: str  # the fault kind the run is started for
    station: str  # the station that must be back in Execute
    inject: Callable[[LineTwin], object]
    repaired_at: str  # the confirm step whose person clears the fault
    fast: dict[str, float]  # long holds run at this time scale (else 10)


# The web break has its own, more detailed test (test_web_break.py).
CASES = [
    Case("coater_estop", "estop", "coater", lambda t: t.inject("estop"), "resolve_cause",
         {}),
    Case("coater_tension_manual", "tension_loop_manual", "coater",
         lambda t: t.inject("sensor_failure", "coater.web_tension_n"), "repair_sensor", {}),
    Case("coater_dryer_heater", "dryer_heater_fault", "coater",
         lambda t: t.inject("dryer_heater_fault", "z2"), "repair_heater",
         {"zones_in_band": 100.0}),
]


async def _restore(line: RestoreLine, case: Case) -> None:
    twin, engine = line.twin, line.engine
    fault_at = line.wall()
    started_s = twin.line.time_s
    case.inject(twin)
    run = await engine.start(case.procedure, FaultContext(
        case.fault, case.station, first_out=f"{case.station}.{case.fault}", at=fault_at),
        "olga")
    run = await engine.run_headless(run.id, answers({case.repaired_at: twin.clear_faults},
                                                    twin=twin, fast=case.fast))
    assert run.state is RunState.VERIFIED, run.message
    station = twin.station(case.station)
    assert station.state == PackMLState.EXECUTE
    coater = twin.station("coater")
    assert coater.tension.pid.mode == LoopMode.AUTO
    assert float(coater.read("web_tension_sp_n")) == pytest.approx(RECIPE_TENSION_N)
    tensions = line.trace.since_auto(started_s)
    assert tensions and max(tensions) <= 1.10 * RECIPE_TENSION_N, max(tensions or [0.0])
    procedure = engine.procedures[case.procedure]
    assert [s.step_id for s in run.steps] == [s.id for s in procedure.steps]
    assert all(s.outcome is StepOutcome.DONE and s.actor and s.role for s in run.steps)
    assert all(s.finished_at >= s.started_at for s in run.steps)
    assert all(set(s.values_after) == set(s.values_before) for s in run.steps)
    assert run.fault.at == fault_at and run.fault.first_out.endswith(case.fault)
    assert run.downtime_reason == procedure.downtime_reason
    assert run.mttr_s is not None and run.verified_at is not None
    assert run.mttr_s == pytest.approx((run.verified_at - fault_at).total_seconds())


@pytest.mark.parametrize("case", CASES, ids=[c.procedure for c in CASES])
async def test_procedure_restores_the_line(tmp_path: Path, case: Case) -> None:
    async with restore_line(tmp_path) as line:
        await _restore(line, case)


async def test_comm_loss_is_verified_once_the_links_are_back(tmp_path: Path) -> None:
    async with restore_line(tmp_path) as line:
        twin, engine = line.twin, line.engine
        fault_at = line.wall()
        twin.inject("comm_loss", duration_s=2.0)
        # Whoever starts the run (the comm-loss alarm) does so once the values are lost.
        await wait_until(lambda: (v := line.store.get("coater.state")) is not None
                         and v.quality is Quality.COMM_LOST, 10.0, "coater.state COMM_LOST")
        run = await engine.start("plc_comm_loss", FaultContext(
            "comm_loss", "coater", first_out="opcua_electrode comm loss", at=fault_at), "olga")
        run = await engine.run_headless(run.id, answers())
        assert run.state is RunState.VERIFIED, run.message
        assert twin.station("coater").state == PackMLState.EXECUTE
        assert twin.station("coater").tension.pid.mode == LoopMode.AUTO
        links = run.steps[0]
        assert links.step_id == "links_back" and links.values_after["coater.state"] == 4
        assert run.mttr_s is not None and run.mttr_s >= 5.0  # the links_back hold, at least
        tensions = line.trace.since_auto(0.0)
        assert max(tensions) <= 1.10 * RECIPE_TENSION_N


async def test_dew_point_excursion_accounts_lot_exposure_and_holds_the_lot_over_budget(
    tmp_path: Path,
) -> None:
    holds_module = pytest.importorskip("hmi.production.holds")

    def hold_store(db: object, security: object) -> object:
        return holds_module.LotHoldStore(db, security.audit, security.signatures)  # type: ignore[attr-defined]

    async with restore_line(tmp_path, holds=hold_store) as line:  # type: ignore[arg-type]
        twin, engine = line.twin, line.engine
        fault_at = line.wall()
        twin.inject("dew_point_excursion")
        lots = (OpenLot("LOT-NEAR-BUDGET", budget_min=120.0, used_min=119.0),
                OpenLot("LOT-FRESH", budget_min=240.0))
        run = await engine.start("dry_room_dew_point", FaultContext(
            "dew_point_excursion", "dry_room", first_out="dry_room.dew_point_c HH",
            at=fault_at, open_lots=lots), "olga")
        room = twin.station("dry_room")
        wet: list[float] = []

        async def close_the_door_after_a_minute_wet() -> None:
            # The person finds the open door a minute after the room went above -40 °C td.
            while not wet or twin.line.time_s - wet[0] < 60.0:
                if not wet and float(room.measured["dew_point_c"]) > -40.0:
                    wet.append(twin.line.time_s)
                await asyncio.sleep(0.01)
            twin.clear_faults()
            # ... and stays (at the normal pace) until the HMI shows the room drying: the
            # exposure is judged on the values the HMI gets, sample and hold, so the long
            # fast-forward that follows must not start on a stale "wet".
            await wait_until(lambda: (v := line.store.get("dry_room.dew_point_c")) is not None
                             and v.quality.is_live and float(v.value) < -41.0,  # type: ignore[arg-type]
                             60.0, "the dew point seen below -41 °C td")

        run = await engine.run_headless(run.id, answers(
            {"find_source": close_the_door_after_a_minute_wet}, twin=twin,
            fast={"dry_again": 150.0}))
        assert run.state is RunState.VERIFIED, run.message
        assert twin.station("filler").state == PackMLState.EXECUTE
        assert twin.station("coater").tension.pid.mode == LoopMode.AUTO
        dry = next(s for s in run.steps if s.step_id == "dry_again")
        assert (dry.finished_at - dry.started_at).total_seconds() >= 1800.0
        exposures = {e.lot_id: e for e in run.exposures}
        near, fresh = exposures["LOT-NEAR-BUDGET"], exposures["LOT-FRESH"]
        # Above -40 °C td from the fault until the room was dry again: a minute wet, then
        # the two minutes or so the room takes to dry, give or take the polls.
        assert 1.5 < near.minutes_above < 8.0, near.minutes_above
        assert near.minutes_above == fresh.minutes_above
        assert near.held and near.hold_ref.startswith("lot_holds #")
        assert not fresh.held and fresh.hold_ref == ""
        store = hold_store(line.db, line.security)
        assert store.is_held("LOT-NEAR-BUDGET") and not store.is_held("LOT-FRESH")  # type: ignore[attr-defined]
        release = next(s for s in run.steps if s.step_id == "release")
        assert release.actor == "lena" and release.signature_id is not None
