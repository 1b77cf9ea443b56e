"""The command service enforces roles without any UI: a fake PLC, then the real twin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.security import PermissionRule, SecurityConfig
from hmi.core.commands import CommandService, PermissionDenied, ReasonRequired
from hmi.core.roles import Action, Role
from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plantdb import PlantDb
from hmi.security import Hasher, Security, User, build_security
from hmi.sim.twin import LineTwin
from tests.plc.helpers import connected, services

from .conftest import FakeClock, add

TENSION_SP = "coater.web_tension_sp_n"


@dataclass(frozen=True)
class Outcome:
    tag_id: str
    requested: Scalar
    read_back: Scalar
    ok: bool
    message: str
    status: str


class FakePlc:
    """Holds values; refuses anything above 100 like a PLC range check."""

    def __init__(self) -> None:
        self.values: dict[str, Scalar] = {TENSION_SP: 60.0, "winder.web_tension_sp_n": 40.0}
        self.writes: list[tuple[str, Scalar]] = []
        self.quality = Quality.GOOD
        self.fail_with: Exception | None = None

    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]:
        now = datetime.now(UTC)
        return [TagValue(t, self.values.get(t), self.quality, now, now) for t in tag_ids]

    async def write_many(self, items: Sequence[tuple[str, Scalar]]) -> list[Outcome]:
        if self.fail_with is not None:
            raise self.fail_with
        self.writes.extend(items)
        results = []
        for tag_id, value in items:
            if isinstance(value, float) and value > 100:
                results.append(Outcome(tag_id, value, self.values.get(tag_id), False,
                                       f"PLC refused {tag_id} = {value}: BadOutOfRange",
                                       "BadOutOfRange"))
                continue
            self.values[tag_id] = value
            results.append(Outcome(tag_id, value, value, True, "", "Good"))
        return results


@pytest.fixture
def plc() -> FakePlc:
    return FakePlc()


async def test_operator_writes_and_the_audit_has_old_sent_and_read_back(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    commands = CommandService(plc, security.policy, security.audit)
    [result] = await commands.write("olga", [(TENSION_SP, 62.5)], client_host="panel-3")
    assert result.ok
    entry = security.audit.entries(action=Action.WRITE_SETPOINT)[0]
    assert (entry.username, entry.full_name, entry.role, entry.object_id) == (
        "olga", "Olga Person", "Operator", TENSION_SP)
    assert (entry.old_value, entry.sent_value, entry.read_back) == (60.0, 62.5, 62.5)
    assert entry.client_host == "panel-3"


async def test_refused_roles_raise_naming_user_role_action_station(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "vic", Role.VIEWER)
    commands = CommandService(plc, security.policy, security.audit)
    for who, role in (("vic", "Viewer"), ("admin", "Administrator")):
        with pytest.raises(PermissionDenied) as refused:
            await commands.write(who, [(TENSION_SP, 62.5)])
        assert str(refused.value).startswith(
            f"{who} ({role}) may not write_setpoint at coater")
    with pytest.raises(PermissionDenied, match=r"ghost .*unknown user"):
        await commands.write("ghost", [(TENSION_SP, 62.5)])
    assert plc.writes == []  # nothing reached the PLC
    refusals = security.audit.entries(action="refused")
    assert [(e.username, e.object_id, e.field) for e in refusals] == [
        ("vic", "coater", "write_setpoint"), ("admin", "coater", "write_setpoint"),
        ("ghost", "coater", "write_setpoint")]


async def test_station_scoped_role_and_all_or_nothing_batches(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "wendy", Role.OPERATOR, "winder")
    commands = CommandService(plc, security.policy, security.audit)
    await commands.write("wendy", [("winder.web_tension_sp_n", 41.0)])
    with pytest.raises(PermissionDenied, match="at coater"):
        await commands.write("wendy", [("winder.web_tension_sp_n", 42.0), (TENSION_SP, 61.0)])
    assert plc.writes == [("winder.web_tension_sp_n", 41.0)]


async def test_disable_and_role_change_apply_at_the_next_call(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    commands = CommandService(plc, security.policy, security.audit)
    await commands.write("olga", [(TENSION_SP, 61.0)])
    security.users.set_role(admin, "olga", Role.VIEWER, reason="moved to planning")
    with pytest.raises(PermissionDenied, match="Viewer"):
        await commands.write("olga", [(TENSION_SP, 62.0)])
    security.users.disable(admin, "olga", reason="left")
    with pytest.raises(PermissionDenied, match="disabled"):
        await commands.write("olga", [(TENSION_SP, 62.0)])


async def test_reason_required_by_config(db: PlantDb, clock: FakeClock, plc: FakePlc) -> None:
    config = SecurityConfig(
        reason_required=(Action.WRITE_SETPOINT,),
        permissions=(PermissionRule(role=Role.MAINTENANCE, actions=(Action.WRITE_SETPOINT,),
                                    stations=("coater",)),),
    )
    security = build_security(db, config, clock=clock, hasher=Hasher(1, 1024))
    admin = security.users.create_first_administrator("admin", "Ada", "correct horse battery")
    add(security, admin, "max", Role.MAINTENANCE)
    commands = CommandService(plc, security.policy, security.audit)
    with pytest.raises(ReasonRequired, match="needs a reason"):
        await commands.write("max", [(TENSION_SP, 61.0)])
    await commands.write("max", [(TENSION_SP, 61.0)], reason="loop tuning, ticket 42")
    # The configured rule replaced Maintenance's defaults: no bypass any more, coater only.
    assert not security.permissions.permits("Maintenance", "coater", Action.BYPASS)
    assert not security.permissions.permits("Maintenance", "winder", Action.WRITE_SETPOINT)
    with pytest.raises(PermissionDenied):
        await commands.write("max", [("winder.web_tension_sp_n", 41.0)], reason="x")


async def test_a_write_the_plc_refuses_is_audited_as_failed(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    commands = CommandService(plc, security.policy, security.audit)
    [result] = await commands.write("olga", [(TENSION_SP, 500.0)], reason="try")
    assert not result.ok
    entry = security.audit.entries()[-1]
    assert entry.action == "write_setpoint_failed"
    assert (entry.old_value, entry.sent_value, entry.read_back) == (60.0, 500.0, 60.0)
    assert "BadOutOfRange" in entry.reason
    assert security.audit.verify_chain().intact


async def test_a_write_that_raises_is_audited_and_old_values_must_be_live(
    security: Security, admin: User, plc: FakePlc
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    commands = CommandService(plc, security.policy, security.audit)
    plc.quality = Quality.COMM_LOST
    plc.fail_with = ConnectionError("link down")
    with pytest.raises(ConnectionError):
        await commands.write("olga", [(TENSION_SP, 61.0), ("winder.web_tension_sp_n", 41.0)])
    entries = security.audit.entries()[-2:]
    assert [e.action for e in entries] == ["write_setpoint_failed"] * 2
    assert [(e.old_value, e.sent_value, e.read_back) for e in entries] == [
        (None, 61.0, None), (None, 41.0, None)]
    assert "ConnectionError: link down" in entries[0].reason


async def test_through_the_real_plc_service_against_the_twin(
    security: Security, admin: User
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    add(security, admin, "vic", Role.VIEWER)
    async with LineTwin(load_line_config(DEMO_LINE)) as twin, services() as make:
        _, service = await connected(make, twin.client_config())
        commands = CommandService(service, security.policy, security.audit)
        with pytest.raises(PermissionDenied):
            await commands.write("vic", [(TENSION_SP, 63.0)])
        results = await commands.write(
            "olga", [(TENSION_SP, 63.0), ("dry_room.dew_point_sp_c", -44.0)]
        )
        assert [r.ok for r in results] == [True, True], [r.message for r in results]
    entries = security.audit.entries(action=Action.WRITE_SETPOINT)
    assert [(e.object_id, e.sent_value, e.read_back) for e in entries] == [
        (TENSION_SP, 63.0, pytest.approx(63.0)),
        ("dry_room.dew_point_sp_c", -44.0, pytest.approx(-44.0)),
    ]
    assert all(isinstance(e.old_value, float) for e in entries)
