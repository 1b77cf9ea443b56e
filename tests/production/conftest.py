"""The production tests build on the security tests' real plant database and Security.

On SQLite only: `db` takes a `plant_db_url` (tests/plantdb/pg_fixtures.py), and the
production stores have not been run on PostgreSQL yet (the security and recipe suites
run on both)."""

from __future__ import annotations

import pytest

from tests.plantdb.pg_fixtures import parametrize_backends
from tests.security.conftest import admin, clock, db, security  # noqa: F401  (pytest fixtures)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_backends(metafunc, ("sqlite",))
