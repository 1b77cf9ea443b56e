"""Shelving (timed, one-shot, expiry, limits) and out of service, with roles and audit."""

from __future__ import annotations

import pytest

from hmi.alarms import AlarmActionRefused, AlarmEngine, AlarmState, ShelveKind
from hmi.core.commands import PermissionDenied
from hmi.core.roles import Role
from hmi.security import Security, User

from .conftest import add
from .helpers import FakeClock, value

S = AlarmState
DEW = "dry_room.dew_point_c"


@pytest.fixture
def lead(security: Security, admin: User) -> str:
    return add(security, admin, "lena", Role.LEAD).username


def raise_dew_rate(engine: AlarmEngine, clock: FakeClock, start: float = -45.0) -> None:
    engine.process([value(DEW, start, clock.now)])
    clock.advance(2)
    engine.process([value(DEW, start + 3.0, clock.now)])  # >= 0.75 K/s over the 4 s window


def settle_dew(engine: AlarmEngine, clock: FakeClock, level: float) -> None:
    for _ in range(3):
        clock.advance(2)
        engine.process([value(DEW, level, clock.now)])


def test_timed_shelve_hides_then_expires(
    engine: AlarmEngine, clock: FakeClock, lead: str, security: Security
) -> None:
    raise_dew_rate(engine, clock)
    assert engine.view("dew_rate").state is S.UNACK
    with pytest.raises(AlarmActionRefused, match="at most 8 h"):
        engine.shelve(lead, "dew_rate", reason="sensor swap", duration_s=9 * 3600)
    view = engine.shelve(lead, "dew_rate", reason="door trial", duration_s=600)
    assert view.shelving is not None and view.shelving.kind is ShelveKind.TIMED
    summary = engine.summary()
    assert summary.active == () and [v.id for v in summary.shelved] == ["dew_rate"]
    assert summary.unacked_by_priority[3] == 0
    # Still evaluated while shelved: it clears (RTN_UNACK) unseen.
    settle_dew(engine, clock, -43.0)
    assert engine.view("dew_rate").state is S.RTN_UNACK
    clock.advance(600)
    engine.tick()
    view = engine.view("dew_rate")
    assert view.shelving is None and view.annunciated  # back, and waiting for its ack
    *operator, expiry = security.audit.entries(object_type="alarm")
    assert (expiry.username, expiry.action) == ("alarm-system", "alarm_unshelve")  # expired
    entry = [e for e in operator if e.username != "alarm-system"][-1]
    assert (entry.action, entry.reason) == ("alarm_shelve", "door trial")


def test_one_shot_ends_when_the_alarm_returns_to_normal(
    engine: AlarmEngine, clock: FakeClock, lead: str
) -> None:
    raise_dew_rate(engine, clock)
    engine.acknowledge(lead, ["dew_rate"])
    engine.shelve(lead, "dew_rate", reason="known transient", one_shot=True)
    settle_dew(engine, clock, -43.0)
    view = engine.view("dew_rate")
    assert view.shelving is None and view.state is S.NORMAL
    raise_dew_rate(engine, clock, -43.0)  # the next occurrence is annunciated again
    assert engine.view("dew_rate").annunciated


def test_unshelve_and_out_of_service_need_their_roles(
    engine: AlarmEngine, clock: FakeClock, lead: str, security: Security, admin: User
) -> None:
    olga = add(security, admin, "olga", Role.OPERATOR).username
    max_ = add(security, admin, "max", Role.MAINTENANCE).username
    raise_dew_rate(engine, clock)
    engine.shelve(lead, "dew_rate", reason="x", duration_s=60)
    with pytest.raises(PermissionDenied):
        engine.unshelve(olga, "dew_rate", reason="want it back")
    engine.unshelve(lead, "dew_rate", reason="done")
    assert engine.view("dew_rate").annunciated
    with pytest.raises(PermissionDenied):
        engine.remove_from_service(lead, "dew_rate", reason="sensor replaced")
    view = engine.remove_from_service(max_, "dew_rate", reason="transmitter replaced, WO 77")
    assert view.state is S.NORMAL and view.out_of_service is not None
    assert [v.id for v in engine.summary().out_of_service] == ["dew_rate"]
    raise_dew_rate(engine, clock, -43.0)
    assert not engine.view("dew_rate").annunciated
    # Returned to service with the condition present: it is raised at once.
    view = engine.return_to_service(max_, "dew_rate", reason="calibrated")
    assert view.state is S.UNACK and view.out_of_service is None
    actions = [e.action for e in security.audit.entries(object_type="alarm")
               if e.username != "alarm-system"]  # the process's own changes are there too
    assert actions == ["alarm_shelve", "alarm_unshelve", "alarm_out_of_service",
                       "alarm_return_to_service"]


def test_ack_page_is_all_or_nothing_across_stations(
    engine: AlarmEngine, clock: FakeClock, security: Security, admin: User
) -> None:
    wendy = add(security, admin, "wendy", Role.OPERATOR, "dry_room").username
    raise_dew_rate(engine, clock)
    engine.process([value("coater.estop", True, clock.now)])
    with pytest.raises(PermissionDenied, match="at coater"):
        engine.acknowledge(wendy, ["dew_rate", "estop"])
    assert engine.view("dew_rate").state is S.UNACK
    assert engine.acknowledge(wendy, ["dew_rate"]) == ["dew_rate"]
    assert engine.acknowledge(wendy, ["dew_rate"]) == []  # nothing left to acknowledge
    with pytest.raises(AlarmActionRefused, match="no alarm nope"):
        engine.acknowledge(wendy, ["nope"])
