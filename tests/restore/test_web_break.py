"""The web-break procedure against the twin over real sockets, person steps answered at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.core.packml import LoopMode, PackMLState
from hmi.restore import FaultContext, RunState, StepOutcome

from .helpers import RECIPE_TENSION_N, answers, restore_line

pytestmark = pytest.mark.slow


async def test_web_break_restores_to_verified_running_without_tension_overshoot(
    tmp_path: Path,
) -> None:
    async with restore_line(tmp_path, time_scale=10.0) as line:
        twin, engine = line.twin, line.engine
        fault_at = line.wall()
        twin.inject("web_break")
        run = await engine.start("coater_web_break", FaultContext(
            "web_break", "coater", first_out="coater.web_break", at=fault_at), "olga")
        run = await engine.run_headless(run.id, answers({"rethread": twin.clear_faults}, twin=twin,
                                                    fast={"permissives": 30.0}))
        coater = twin.station("coater")
        assert run.state is RunState.VERIFIED, run.message
        assert coater.state == PackMLState.EXECUTE
        assert coater.tension.pid.mode == LoopMode.AUTO
        assert float(coater.read("web_tension_sp_n")) == pytest.approx(RECIPE_TENSION_N)
        auto_at = next(s.finished_at for s in run.steps if s.step_id == "auto")
        tensions = line.trace.since_auto((auto_at - line.wall()).total_seconds()
                                         + twin.line.time_s)
        assert tensions, "no samples after the switch to AUTO"
        assert max(tensions) <= 1.10 * RECIPE_TENSION_N, max(tensions)
        # A complete record: every step once, done, by whom, with values before and after.
        assert [s.step_id for s in run.steps] == [
            s.id for s in engine.procedures["coater_web_break"].steps]
        assert {s.outcome for s in run.steps} == {StepOutcome.DONE}
        assert run.mttr_s is not None and run.mttr_s > 0
        assert run.verified_at is not None and run.fault.at == fault_at
        assert run.fault.first_out == "coater.web_break"
        assert run.downtime_reason == "availability.equipment_failure.web_break"
        ramp = next(s for s in run.steps if s.step_id == "ramp_tension")
        assert ramp.values_after["coater.web_tension_sp_n"] == pytest.approx(RECIPE_TENSION_N)
        assert ramp.values_before["coater.web_tension_sp_n"] < 30.0
        signed = run.steps[-1]
        assert signed.signature_id is not None and signed.actor == "olga"
        rethread = next(s for s in run.steps if s.step_id == "rethread")
        assert rethread.actor == "olga" and rethread.note == "rethread done"
