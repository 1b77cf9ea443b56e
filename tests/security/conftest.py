"""A real plant database in tmp_path, light argon2 parameters, and a clock tests can move."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from hmi.core.roles import Role
from hmi.plantdb import PlantDb, open_plant_db
from hmi.security import Hasher, Security, User, build_security
from tests.plantdb.pg_fixtures import BACKENDS, parametrize_backends

ADMIN_PASSWORD = "correct horse battery"
PASSWORD = "operator password 1"


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(microseconds=1)  # distinct, increasing times
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(plant_db_url: str) -> Iterator[PlantDb]:
    database = open_plant_db(plant_db_url)
    yield database
    database.close()


def _sqlite_only(metafunc: pytest.Metafunc) -> bool:
    """Tests that tamper with the SQLite file itself (sqlite3, the file's path) stay on
    SQLite; tests/plantdb has their PostgreSQL counterparts."""
    source = inspect.getsource(metafunc.function)
    return any(mark in source for mark in ("_raw(", "sqlite3", "plant.sqlite", "tmp_path"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_backends(metafunc, ("sqlite",) if _sqlite_only(metafunc) else BACKENDS)


@pytest.fixture
def security(db: PlantDb, clock: FakeClock) -> Security:
    # Light argon2id parameters: the algorithm is the same, the tests stay fast.
    return build_security(db, clock=clock, hasher=Hasher(time_cost=1, memory_cost_kib=1024))


@pytest.fixture
def admin(security: Security) -> User:
    return security.users.create_first_administrator("admin", "Ada Admin", ADMIN_PASSWORD)


def add(security: Security, admin: User, name: str, role: Role, *stations: str) -> User:
    return security.users.add_user(
        admin, name, f"{name.title()} Person", PASSWORD, role, stations or ("*",),
        reason="new starter",
    )
