"""The production tests build on the security tests' real plant database and Security.

On SQLite: `db` takes a `plant_db_url` (tests/plantdb/pg_fixtures.py); most production
stores have not been run on PostgreSQL yet. A test named `..._on_both_backends` runs on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.plantdb.pg_fixtures import BACKENDS, parametrize_backends
from tests.security.conftest import admin, clock, db, security  # noqa: F401  (pytest fixtures)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    both = metafunc.function.__name__.endswith("_on_both_backends")
    parametrize_backends(metafunc, BACKENDS if both else ("sqlite",))
