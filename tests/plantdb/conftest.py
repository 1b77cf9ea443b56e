"""The plant database's own tests run on SQLite and on the private PostgreSQL server."""

from __future__ import annotations

import pytest

from tests.plantdb.pg_fixtures import parametrize_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_backends(metafunc)
