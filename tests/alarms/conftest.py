"""A real plant database file, security with light hashing, and an engine on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.alarms import AlarmEngine, AlarmJournal
from hmi.config.schema import LineConfig
from hmi.core.commands import CommandService
from hmi.core.roles import Role
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.plc.service import PlcService
from hmi.security import Hasher, Security, User, build_security

from .helpers import FakeClock, line_config

PASSWORD = "operator password 1"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[PlantDb]:
    database = open_plant_db(default_url(tmp_path))
    yield database
    database.close()


@pytest.fixture
def config() -> LineConfig:
    return line_config()


@pytest.fixture
def security(db: PlantDb, clock: FakeClock) -> Security:
    return build_security(db, clock=clock, hasher=Hasher(time_cost=1, memory_cost_kib=1024))


@pytest.fixture
def admin(security: Security) -> User:
    return security.users.create_first_administrator("admin", "Ada Admin",
                                                     "correct horse battery")


def add(security: Security, admin: User, name: str, role: Role, *stations: str) -> User:
    return security.users.add_user(admin, name, f"{name.title()} Person", PASSWORD, role,
                                   stations or ("*",), reason="new starter")


@pytest.fixture
def commands(config: LineConfig, security: Security) -> CommandService:
    # The command service's role check is what alarm actions use; its PLC side (an
    # unstarted PlcService) is never reached by an alarm action.
    plc = PlcService(config, TagStore(config.expected_periods_s()))
    return CommandService(plc, security.policy, security.audit)


def make_engine(config: LineConfig, db: PlantDb, security: Security, clock: FakeClock,
                commands: CommandService | None = None) -> AlarmEngine:
    return AlarmEngine(config, AlarmJournal(db, security.audit), authorizer=commands,
                       clock=clock)


@pytest.fixture
def engine(config: LineConfig, db: PlantDb, security: Security, clock: FakeClock,
           commands: CommandService) -> AlarmEngine:
    return make_engine(config, db, security, clock, commands)
