"""Fixtures for a real PostgreSQL next to SQLite (imported by tests/conftest.py so one
session server serves every package's tests in an xdist worker).

- `pg_cluster`: the worker's private server (session scope), stopped at the end and
  checked gone.
- `pg_url`: a fresh, migrated database on it for one test.
- `plant_db_url`: parametrised ["sqlite", "postgresql"]: a plant database URL on each.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.plantdb import default_url
from tests.plantdb.pg_server import PgCluster, assert_stopped, start_cluster

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    # Not under pytest's tmp folder: it is private to root, and the server may run as
    # the postgres user, which must reach its data folder.
    root = Path(tempfile.mkdtemp(prefix="lineside-pg-"))
    try:
        cluster = start_cluster(root)
        yield cluster
        pid = cluster.postmaster_pid()
        cluster.stop()
        assert_stopped(cluster, pid)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    if not pg_cluster.up:  # an earlier test stopped it and failed before restarting
        pg_cluster.start()
    url = pg_cluster.create_database()
    yield url
    if pg_cluster.up:
        pg_cluster.drop_database(url)


@pytest.fixture
def plant_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A plant database URL on the backend the test is parametrised with (a package's
    conftest calls `parametrize_backends` from its pytest_generate_tests); SQLite, the
    product's default, for a package that does not ask for both (the UI tests borrow the
    security fixtures and run on SQLite)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql":
        url = request.getfixturevalue("pg_url")
        assert isinstance(url, str)
        return url
    assert backend == "sqlite", backend
    return default_url(tmp_path)


def parametrize_backends(metafunc: pytest.Metafunc,
                         backends: tuple[str, ...] = BACKENDS) -> None:
    if "plant_db_url" in metafunc.fixturenames:
        metafunc.parametrize("plant_db_url", backends, indirect=True)
