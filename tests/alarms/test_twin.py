"""The engine on the demo line's alarms, fed by a real PlcService from the twin over loopback."""

from __future__ import annotations

from pathlib import Path

from hmi.alarms import (
    AlarmEngine,
    AlarmJournal,
    AlarmState,
    AlarmSummary,
    Event,
    build_alarm_engine,
)
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.plantdb import default_url, open_plant_db
from hmi.security import build_security
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services, wait_until

S = AlarmState


def raised(engine: AlarmEngine, alarm_id: str) -> bool:
    return engine.view(alarm_id).state is S.UNACK


async def test_sensor_failure_and_web_break_first_out_from_the_twin(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db)
    async with LineTwin(load_line_config(DEMO_LINE)) as twin, services() as make:
        config = twin.client_config()
        store, _ = await connected(make, config)
        engine = build_alarm_engine(config, store, db, security.audit, tick_s=0.05)
        summaries: list[AlarmSummary] = []
        engine.add_listener(summaries.append)  # called on the engine's own thread
        try:
            await wait_until(lambda: store.get("coater.web_tension_n") is not None, 5.0)
            assert not raised(engine, "coater_web_tension_n_sensor")
            twin.inject("sensor_failure", "coater.web_tension_n")
            await wait_until(lambda: raised(engine, "coater_web_tension_n_sensor"), 5.0,
                             "sensor failure alarm")
            await wait_until(lambda: any(a.id == "coater_web_tension_n_sensor" and a.unacked
                                         for a in summaries[-1].active), 2.0, "a summary")
            twin.clear_faults()
            await wait_until(lambda: engine.view("coater_web_tension_n_sensor").state
                             is S.RTN_UNACK, 5.0, "sensor back")
            twin.inject("web_break", "coater")
            await wait_until(lambda: raised(engine, "coater_web_break"), 5.0, "web break")
            # The tension falls too: its LL condition comes (after its 0.5 s on-delay) but
            # never reaches the operator: the trip already has its first-out.
            await wait_until(lambda: engine.view("coater_tension_ll").active, 5.0, "LL")
            summary = engine.summary()
            assert summary.first_out == {"coater_trip": "coater_web_break"}
            assert not engine.view("coater_tension_ll").annunciated
        finally:
            engine.stop()
    rows = AlarmJournal(db).rows(alarm_id="coater_web_tension_n_sensor")
    assert [r.event for r in rows][:2] == [Event.ACTIVATE, Event.RETURN]
    db.close()


async def test_comm_loss_raises_the_plc_alarms(tmp_path: Path) -> None:
    """A real outage (several seconds: the supervisor must notice it) raises per-PLC alarms."""
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db)
    async with LineTwin(load_line_config(DEMO_LINE)) as twin, services() as make:
        config = twin.client_config()
        store, _ = await connected(make, config)
        engine = build_alarm_engine(config, store, db, security.audit, tick_s=0.05)
        try:
            twin.inject("comm_loss", duration_s=3.0)
            await wait_until(lambda: raised(engine, "modbus_dryroom_comm_loss")
                             and raised(engine, "opcua_electrode_comm_loss"), 10.0, "comm loss")
            assert engine.view("opcua_cell_comm_loss").active
        finally:
            engine.stop()
    db.close()
