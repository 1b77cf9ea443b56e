"""First-out within a trip group, consequences suppressed by design, station-state suppression."""

from __future__ import annotations

from hmi.alarms import AlarmEngine, AlarmJournal, AlarmState, Event
from hmi.core.roles import Role
from hmi.plantdb import PlantDb
from hmi.security import Security, User

from .conftest import add
from .helpers import ABORTED, EXECUTE, FakeClock, value

S = AlarmState


def test_first_in_a_scan_is_first_out_and_the_rest_are_consequences(
    engine: AlarmEngine, clock: FakeClock, db: PlantDb, security: Security, admin: User
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    at = clock.now
    engine.process([value("coater.state", EXECUTE, at), value("coater.web_tension_n", 62.0, at),
                    value("coater.web_break", False, at), value("coater.estop", False, at)])
    # One scan: the E-stop bit and the web break bit arrive together; the tension falls.
    # Config order makes web_break (listed first) the first-out of the tie.
    engine.process([value("coater.estop", True, at), value("coater.web_break", True, at),
                    value("coater.web_tension_n", 3.0, at)])
    summary = engine.summary()
    assert summary.first_out == {"trip": "web_break"}
    assert engine.view("web_break").first_out and engine.view("web_break").state is S.UNACK
    assert engine.view("estop").suppressed and engine.view("estop").state is S.NORMAL
    # The tension LL waits its 0.5 s on-delay: by then the trip has a first-out.
    clock.advance(0.6)
    engine.tick()
    assert engine.view("tension_ll").suppressed
    assert [a.id for a in summary.active] == ["web_break"]
    # tension_h is a consequence of the trip: suppressed too, though its value is normal.
    assert {v.id for v in engine.summary().suppressed} == {"estop", "tension_ll", "tension_h"}
    # The station aborts: the first-out stays in view (it was raised before).
    engine.process([value("coater.state", ABORTED, clock.now)])
    assert engine.summary().active[0].id == "web_break"
    # Clear the break, acknowledge and reset the latched first-out: the trip is over, the
    # still-present E-stop now shows as an alarm of its own (first-out of a new trip).
    engine.process([value("coater.web_break", False, clock.now)])
    assert engine.view("web_break").state is S.UNACK  # latched: held until ack + reset
    engine.acknowledge("olga", ["web_break"])
    assert engine.view("web_break").state is S.LATCHED
    engine.reset("olga", ["web_break"])
    assert engine.view("web_break").state is S.NORMAL
    assert engine.view("estop").state is S.UNACK and engine.view("estop").first_out
    # tension_ll stays suppressed: the coater is not in Execute.
    assert engine.view("tension_ll").suppressed
    rows = AlarmJournal(db).rows(alarm_id="estop")
    assert [(r.event, r.annunciated) for r in rows] == [
        (Event.SUPPRESS, False), (Event.ACTIVATE, False), (Event.UNSUPPRESS, False),
        (Event.ACTIVATE, True)]


def test_consequence_alarm_suppressed_while_the_trip_stands(
    engine: AlarmEngine, clock: FakeClock
) -> None:
    at = clock.now
    engine.process([value("coater.state", EXECUTE, at), value("coater.estop", True, at)])
    assert engine.summary().first_out == {"trip": "estop"}
    engine.process([value("coater.web_tension_n", 90.0, at)])
    clock.advance(3)
    engine.tick()
    high = engine.view("tension_h")
    assert high.suppressed and high.active and high.state is S.NORMAL


def test_station_not_running_suppresses_and_running_again_raises(
    engine: AlarmEngine, clock: FakeClock
) -> None:
    engine.process([value("coater.state", ABORTED, clock.now),
                    value("coater.web_tension_n", 0.0, clock.now)])
    clock.advance(1)
    engine.tick()
    assert engine.view("tension_ll").suppressed
    assert engine.view("tension_ll").state is S.NORMAL
    # Back in Execute with the web still slack: now the operator must see it.
    engine.process([value("coater.state", EXECUTE, clock.now)])
    view = engine.view("tension_ll")
    assert not view.suppressed and view.state is S.UNACK and view.first_out
