"""SPC on the real twin over loopback OPC UA: coat-weight subgroups from the live gauge,
limits from the first subgroups, and a pump-rate step that the run rules catch."""

from __future__ import annotations

from hmi.config.production import characteristics
from hmi.production.spc import SpcEvent, SpcMonitor
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services, wait_until
from tests.recipes.twin_setup import line_config


async def test_a_coat_weight_step_fires_the_rules() -> None:
    async with LineTwin(line_config()) as twin, services() as make:
        client = twin.client_config(secure=False)  # the security is tested elsewhere
        store, _ = await connected(make, client)
        coat = next(c for c in characteristics(client) if c.id == "coat_weight")
        coat = coat.model_copy(update={"baseline_subgroups": 8, "critical": False})
        spc = SpcMonitor([coat], store=store)
        events: list[SpcEvent] = []
        spc.add_listener(events.append)
        spc.start()
        try:
            await wait_until(lambda: spc.chart("coat_weight").limits is not None, 15.0,
                             "limits from the first 8 subgroups")
            limits = spc.chart("coat_weight").limits
            assert limits is not None and 19.5 < limits.center < 20.5  # the twin's 20 mg/cm²
            assert limits.sigma_within < 0.2
            events.clear()
            coater = twin.station("coater")
            pump = float(coater.read("pump_rate_sp_ml_min") or 0.0)
            coater.write("pump_rate_sp_ml_min", pump * 1.1, twin.line)  # +10 % slurry
            await wait_until(lambda: any(e.rule == "WE1" for e in events), 10.0,
                             "WE1 on the heavier coating")
            fired = next(e for e in events if e.rule == "WE1")
            assert fired.value > limits.ucl and fired.station == "coater"
            view = spc.chart("coat_weight")
            assert any(v.rule == "WE1" for v in view.violations)
        finally:
            spc.stop()
