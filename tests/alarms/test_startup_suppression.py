"""Start-up: links are still connecting and every value is COMM_LOST. A comm-loss alarm waits
for its connection's first answer (ISA-18.2 state-based suppression), at most the grace
period, so a PLC that never comes up is still told (real plant database, fake clock)."""

from __future__ import annotations

from hmi.alarms import AlarmEngine, AlarmJournal, AlarmState, Event
from hmi.alarms.engine import STARTUP_GRACE_S
from hmi.config.schema import LineConfig
from hmi.core.tags import Quality
from hmi.plantdb import PlantDb
from hmi.security import Security

from .helpers import FakeClock, value

S = AlarmState
LINK_TAGS = ("coater.web_tension_n", "coater.state", "dry_room.dew_point_c")


def lost(engine: AlarmEngine, clock: FakeClock) -> None:
    engine.process([value(t, None, clock.now, Quality.COMM_LOST, "connecting")
                    for t in LINK_TAGS])


def test_comm_loss_waits_for_the_first_connect_then_alarms_at_once(
        config: LineConfig, db: PlantDb, security: Security, clock: FakeClock) -> None:
    engine = AlarmEngine(config, AlarmJournal(db, security.audit), clock=clock)
    lost(engine, clock)  # the HMI starts while its link connects
    clock.advance(5)
    engine.tick()
    assert engine.view("plc_comm").state is S.NORMAL  # not annunciated while connecting
    engine.process([value(t, v, clock.now) for t, v in zip(LINK_TAGS, (62.0, 6, -45.0),
                                                             strict=True)])  # connected
    clock.advance(STARTUP_GRACE_S)
    engine.tick()
    assert engine.view("plc_comm").state is S.NORMAL
    assert AlarmJournal(db).rows(alarm_id="plc_comm") == []  # nothing to answer, no noise
    lost(engine, clock)  # a real loss, once it had connected: alarmed at once
    engine.tick()
    assert engine.view("plc_comm").state is S.UNACK
    assert [r.event for r in AlarmJournal(db).rows(alarm_id="plc_comm")] == [Event.ACTIVATE]


def test_a_plc_that_never_answers_alarms_when_the_grace_ends(
        config: LineConfig, db: PlantDb, security: Security, clock: FakeClock) -> None:
    engine = AlarmEngine(config, AlarmJournal(db, security.audit), clock=clock)
    start = clock.now
    lost(engine, clock)
    clock.advance(STARTUP_GRACE_S - 0.5)
    engine.tick()
    assert engine.view("plc_comm").state is S.NORMAL
    clock.advance(0.5)
    engine.tick()
    view = engine.view("plc_comm")
    assert view.state is S.UNACK
    assert view.since is not None and (view.since - start).total_seconds() == STARTUP_GRACE_S
