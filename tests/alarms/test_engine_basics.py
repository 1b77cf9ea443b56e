"""The state machine on a fake clock with a real plant database: the ISA-18.2 walk-through."""

from __future__ import annotations

import pytest

from hmi.alarms import AlarmEngine, AlarmJournal, AlarmState, AlarmSummary, Event
from hmi.core.commands import PermissionDenied, ReasonRequired
from hmi.core.roles import Role
from hmi.core.tags import Quality
from hmi.plantdb import PlantDb
from hmi.security import Security, User

from .conftest import add
from .helpers import EXECUTE, FakeClock, value

S = AlarmState
TENSION = "coater.web_tension_n"


def feed(engine: AlarmEngine, clock: FakeClock, **values: object) -> None:
    batch = [value(tag.replace("__", "."), v, clock.now) for tag, v in values.items()]
    engine.process(batch)  # type: ignore[arg-type]


def state(engine: AlarmEngine, alarm_id: str) -> AlarmState:
    return engine.view(alarm_id).state


def test_high_alarm_on_delay_ack_rtn_and_journal(
    engine: AlarmEngine, clock: FakeClock, db: PlantDb, security: Security, admin: User
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    summaries: list[AlarmSummary] = []
    engine.add_listener(summaries.append)
    feed(engine, clock, coater__state=EXECUTE, coater__web_tension_n=62.0)
    feed(engine, clock, coater__web_tension_n=70.0)
    clock.advance(1.9)
    engine.tick()
    assert state(engine, "tension_h") is S.NORMAL  # on-delay 2 s not yet over
    clock.advance(0.2)
    engine.tick()
    assert state(engine, "tension_h") is S.UNACK
    assert summaries[-1].unacked_by_priority == {1: 0, 2: 0, 3: 1, 4: 0}
    assert summaries[-1].worst_unacked() is not None
    assert engine.acknowledge("olga", ["tension_h"]) == ["tension_h"]
    assert state(engine, "tension_h") is S.ACKED
    # 67 is inside the 2 N deadband: still active; 65.9 clears after the 1 s off-delay.
    feed(engine, clock, coater__web_tension_n=67.0)
    clock.advance(5)
    engine.tick()
    assert state(engine, "tension_h") is S.ACKED
    feed(engine, clock, coater__web_tension_n=65.9)
    clock.advance(1.0)
    engine.tick()
    assert state(engine, "tension_h") is S.NORMAL
    rows = AlarmJournal(db).rows(alarm_id="tension_h")
    assert [(r.event, r.before, r.after) for r in rows] == [
        (Event.ACTIVATE, S.NORMAL, S.UNACK), (Event.ACK, S.UNACK, S.ACKED),
        (Event.RETURN, S.ACKED, S.NORMAL)]
    # Every state change is in the audit trail too: the process's own as the alarm system.
    entries = [(e.username, e.action, e.object_id, e.old_value, e.sent_value)
               for e in security.audit.entries(object_type="alarm") if e.object_id == "tension_h"]
    assert entries == [
        ("alarm-system", "alarm_activate", "tension_h", "NORMAL", "UNACK"),
        ("olga", "alarm_ack", "tension_h", "UNACK", "ACKED"),
        ("alarm-system", "alarm_return", "tension_h", "ACKED", "NORMAL")]
    assert security.audit.verify_chain().intact


def test_rtn_unack_then_ack_and_refusals(
    engine: AlarmEngine, clock: FakeClock, security: Security, admin: User
) -> None:
    add(security, admin, "vic", Role.VIEWER)
    add(security, admin, "olga", Role.OPERATOR)
    feed(engine, clock, coater__state=EXECUTE, coater__web_tension_sp_n=62.0,
         coater__web_tension_n=50.0)
    assert state(engine, "tension_dev") is S.UNACK  # 12 over 10 % of 62
    feed(engine, clock, coater__web_tension_n=61.0)
    assert state(engine, "tension_dev") is S.RTN_UNACK
    with pytest.raises(PermissionDenied):
        engine.acknowledge("vic", ["tension_dev"])
    assert state(engine, "tension_dev") is S.RTN_UNACK
    assert engine.acknowledge("olga", ["tension_dev"]) == ["tension_dev"]
    assert state(engine, "tension_dev") is S.NORMAL
    with pytest.raises(PermissionDenied, match="may not shelve_alarm"):
        engine.shelve("olga", "tension_dev", reason="nuisance")  # a Lead's call
    add(security, admin, "lena", Role.LEAD)
    with pytest.raises(ReasonRequired):
        engine.shelve("lena", "tension_dev", reason="")
    assert engine.view("tension_dev").shelving is None


def test_quality_alarms(engine: AlarmEngine, clock: FakeClock) -> None:
    engine.process([value(TENSION, None, clock.now, Quality.BAD, "BadSensorFailure")])
    assert state(engine, "tension_sensor") is S.UNACK
    engine.process([value(TENSION, None, clock.now, Quality.COMM_LOST, "lost")])
    assert state(engine, "plc_comm") is S.UNACK
    assert state(engine, "tension_sensor") is S.RTN_UNACK
