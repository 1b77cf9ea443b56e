"""I/O checkout of the dry room against the line twin over loopback: test writes through the
real CommandService (audited, with read-back), every point signed "checked" in a real
SQLite plant database, progress, and the CSV and PDF reports listing every point."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import inspect

from hmi.commission.io_checkout import (
    CheckoutRefused,
    IoCheckoutStore,
    io_checkout_points,
    io_checkouts,
    plan_station,
    write_test_value,
)
from hmi.commission.io_checkout_report import write_csv, write_pdf
from hmi.config import DEMO_LINE, load_line_config
from hmi.config.security import PermissionRule, SecurityConfig
from hmi.core.commands import CommandService
from hmi.core.roles import Action, Role
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.plc.service import PlcService
from hmi.security import Hasher, Security, build_security
from hmi.sim.twin import LineTwin

pytestmark = pytest.mark.asyncio(loop_scope="module")

TECH = ("max", "Max Maintenance", "maintenance password 1")
ENGINEER = ("eng", "Erin Engineer", "engineer password 1")
# A plant lets its commissioning technicians write during checkout: Maintenance's default
# grants plus write_setpoint.
CHECKOUT_RULES = SecurityConfig(permissions=(PermissionRule(
    role=Role.MAINTENANCE, actions=(Action.VIEW, Action.WRITE_SETPOINT, Action.COMMAND,
                                    Action.ACK_ALARM, Action.BYPASS, Action.RESTORE)),))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def line() -> AsyncIterator[tuple[LineTwin, PlcService]]:
    async with LineTwin(load_line_config(DEMO_LINE)) as twin:
        config = twin.client_config()
        service = PlcService(config, TagStore(config.expected_periods_s()))
        await service.start()
        try:
            assert await service.wait_connected(20)
            yield twin, service
        finally:
            await service.stop()


@pytest.fixture
def plant(tmp_path: Path) -> Iterator[tuple[PlantDb, Security]]:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, CHECKOUT_RULES,
                              hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    admin = security.users.create_first_administrator("admin", "Ada Admin", "admin password 1")
    security.users.add_user(admin, *TECH, Role.MAINTENANCE, reason="commissioning")
    security.users.add_user(admin, *ENGINEER, Role.PROCESS_ENGINEER, reason="commissioning")
    yield db, security
    db.close()


async def test_the_migration_makes_the_store_s_tables(plant: tuple[PlantDb, Security]) -> None:
    db, _ = plant
    found = inspect(db.engine)
    for table in (io_checkouts, io_checkout_points):
        columns = {c["name"]: c for c in found.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, column.name


async def test_a_whole_station_checked_signed_and_reported(
        line: tuple[LineTwin, PlcService], plant: tuple[PlantDb, Security],
        tmp_path: Path) -> None:
    _twin, service = line
    db, security = plant
    config = service.config
    commands = CommandService(service, security.policy, security.audit)
    store = IoCheckoutStore(db, security.signatures)
    checkout = store.start(config, "dry_room", TECH[0])
    assert store.start(config, "dry_room", TECH[0]) == checkout  # resumed, not doubled
    points = store.points(checkout.id)
    tags = [t.id for t in config.tags if t.station == "dry_room"]
    assert [p.tag_id for p in points] == tags
    assert store.progress(checkout.id).total == len(tags) == 16
    plans = {p.tag_id: p for p in plan_station(config, "dry_room")}
    assert plans["dry_room.room_temp_sp_c"].test_value == 24.0  # the middle of 18..30

    # A write point: through the command service, audited with the value read back.
    with pytest.raises(CheckoutRefused, match="write the test value"):
        store.check(checkout.id, "dry_room.room_temp_sp_c", passed=True, observed="",
                    note="", username=TECH[0], password=TECH[2])
    outcome = await write_test_value(commands, TECH[0], "dry_room.room_temp_sp_c", 24.0)
    assert outcome.ok and outcome.read_back == pytest.approx(24.0)
    point = store.record_write(checkout.id, "dry_room.room_temp_sp_c", outcome)
    assert point.write_ok and point.observed == "24"
    (audited,) = [e for e in security.audit.entries()
                  if e.action == "write_setpoint" and e.object_id == "dry_room.room_temp_sp_c"]
    assert audited.username == TECH[0] and audited.read_back == pytest.approx(24.0)
    assert "I/O checkout" in audited.reason

    # An engineer without write_setpoint is refused by the command service, and audited.
    with pytest.raises(Exception, match="may not write_setpoint"):
        await write_test_value(commands, ENGINEER[0], "dry_room.dew_point_sp_c", -45.0)
    assert any(e.action == "refused" and e.username == ENGINEER[0]
               for e in security.audit.entries())

    # Every point: writes where writable, the live value confirmed where read-only.
    live = {v.tag_id: v for v in await service.read(tags)}
    for tag_id in tags:
        plan = plans[tag_id]
        if plan.kind == "write":
            result = await write_test_value(commands, TECH[0], tag_id, plan.test_value)
            store.record_write(checkout.id, tag_id, result)
            ok = result.ok
        else:
            ok = live[tag_id].quality.is_live
        store.check(checkout.id, tag_id, passed=ok, observed=str(live[tag_id].value),
                    note="" if ok else "did not follow", username=TECH[0], password=TECH[2])
    progress = store.progress(checkout.id)
    assert progress.checked == progress.total == 16
    assert progress.passed + progress.failed == 16 and progress.passed >= 12
    done = store.finish(checkout.id, TECH[0])
    assert done.finished_by == TECH[0]
    assert store.station_progress(config)["dry_room"] == progress
    assert store.station_progress(config)["coater"] is None

    points = store.points(checkout.id)
    signatures = store.signatures(points)
    assert len(signatures) == 16
    out_csv, out_pdf = tmp_path / "checkout.csv", tmp_path / "checkout.pdf"
    assert write_csv(out_csv, done, points, signatures) == 16
    with out_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["tag"] for r in rows] == tags
    for row in rows:
        signature = signatures[int(row["signature_id"])]
        assert row["signature"] == signature.manifestation()
        assert row["checked_by"] == TECH[0] and row["signature_intact"] == "yes"
        assert signature.meaning.value == "checked" and row["result"] in ("pass", "fail")
    write_pdf(out_pdf, done, points, signatures, progress, config.line.name)
    pdf = out_pdf.read_bytes()
    assert pdf.startswith(b"%PDF-1.4")
    for tag_id in tags:
        assert tag_id.encode() in pdf, tag_id
    assert b"checked by Max Maintenance" in pdf


async def test_a_failed_point_needs_a_note_and_a_wrong_password_signs_nothing(
        line: tuple[LineTwin, PlcService], plant: tuple[PlantDb, Security]) -> None:
    _, service = line
    db, security = plant
    store = IoCheckoutStore(db, security.signatures)
    checkout = store.start(service.config, "vision", TECH[0])
    tag = store.points(checkout.id)[0].tag_id
    with pytest.raises(CheckoutRefused, match="needs a note"):
        store.check(checkout.id, tag, passed=False, observed="", note="", username=TECH[0],
                    password=TECH[2])
    with pytest.raises(Exception, match=r"(?i)password|sign in"):
        store.check(checkout.id, tag, passed=False, observed="", note="wired to the wrong "
                    "input", username=TECH[0], password="wrong password")
    assert store.point(checkout.id, tag).result == "" and store.progress(checkout.id).checked == 0
    with pytest.raises(CheckoutRefused, match="not checked yet"):
        store.finish(checkout.id, TECH[0])
