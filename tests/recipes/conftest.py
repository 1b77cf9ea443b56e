"""The recipe and changeover suites on both plant databases: every test that builds its
database with helpers.database (directly or through twin_setup) runs on SQLite and on the
private PostgreSQL server (tests/plantdb/pg_fixtures.py). On PostgreSQL each named
database (a.sqlite, b.sqlite, ...) is a fresh database cloned from the migrated template."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from recipes import create_schema
from tests.plantdb.pg_fixtures import BACKENDS, parametrize_backends
from tests.plantdb.pg_server import PgCluster

from . import helpers

# Against the twin a test spends its 20-30 s on the PLC side, and its database calls are
# the journal's and the store's that the fast tests run on both already: these twin tests
# (a whole changeover; a kill -9 mid-download, resumed by another engine) run on both.
TWIN_TESTS_ON_BOTH = (
    "test_full_changeover_of_about_100_parameters_ends_verified_and_signed",
    "test_kill_9_mid_download_then_a_new_engine_offers_it_and_keeps_the_record",
)


def _on_both(metafunc: pytest.Metafunc) -> bool:
    module = metafunc.module
    if hasattr(module, "twin_line"):
        return metafunc.function.__name__ in TWIN_TESTS_ON_BOTH
    return getattr(module, "database", None) is helpers.database


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if _on_both(metafunc):
        # The database comes from helpers.database, not a fixture argument: parametrise
        # these tests only (the autouse fixture below reads the parameter).
        if "plant_db_url" not in metafunc.fixturenames:
            metafunc.fixturenames.append("plant_db_url")
        parametrize_backends(metafunc, BACKENDS)


@pytest.fixture(autouse=True)
def _recipe_backend(request: pytest.FixtureRequest) -> Iterator[None]:
    """On PostgreSQL, point every module's `database` at a per-name PostgreSQL database."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("plant_db_url") != "postgresql":
        yield
        return
    url = request.getfixturevalue("plant_db_url")
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    urls: dict[str, str] = {"plant.sqlite": url}
    engines: list[Engine] = []

    def pg_database(tmp_path: Path, name: str = "plant.sqlite") -> Engine:
        if name not in urls:
            urls[name] = cluster.create_database()
        engine = create_engine(urls[name])
        create_schema(engine)  # the template has them: a no-op that checks
        engines.append(engine)
        return engine

    original = helpers.database
    patched = [m for m in list(sys.modules.values())
               if getattr(m, "__name__", "").startswith("tests.recipes")
               and getattr(m, "database", None) is original]
    assert patched, "no tests.recipes module holds helpers.database to point at PostgreSQL"
    for module in patched:
        module.database = pg_database  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.database = original  # type: ignore[attr-defined]
        for engine in engines:
            engine.dispose()
        for name, extra in urls.items():
            if name != "plant.sqlite":
                cluster.drop_database(extra)
