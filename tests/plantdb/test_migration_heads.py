"""The migrations have one head: the feature branches that each started from 0002_recipes
are joined by a merge revision, so the next migration has one parent. A database left at
the open branches (every HMI before the merge) upgrades through the merge on SQLite and
PostgreSQL, its version table down to one row, its tables untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from hmi.plantdb import default_url, open_plant_db
from hmi.plantdb.database import MIGRATIONS, head_revision
from hmi.plantdb.dialect import configure_engine, engine_options
from hmi.plantdb.tables import metadata
from tests.plantdb.pg_fixtures import BACKENDS

MERGE = "0012_merge"


def scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def merge_parents() -> list[str]:
    merge = scripts().get_revision(MERGE)
    assert merge is not None and merge.is_merge_point
    down = merge.down_revision
    assert isinstance(down, tuple)
    return sorted(down)


def test_the_migrations_have_exactly_one_head() -> None:
    heads = scripts().get_heads()
    assert len(heads) == 1, f"open migration branches {sorted(heads)}: add a merge revision"
    assert head_revision() == heads[0]


def test_the_merge_joins_every_branch_from_the_shared_base() -> None:
    script = scripts()
    parents = merge_parents()
    branches = {r.revision for r in script.walk_revisions()
                if r.down_revision == "0002_recipes"}
    # Every branch from 0002 ends in the merge (a branch may have grown on its own line).
    for branch in branches:
        assert MERGE in {r.revision for r in script.iterate_revisions(MERGE, branch)}, branch
    assert parents and all(script.get_revision(p) is not None for p in parents)
    assert len(branches) >= 8  # 0003 .. 0010 at least


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema at all) on each backend."""
    if request.param == "sqlite":
        yield default_url(tmp_path)
        return
    cluster = request.getfixturevalue("pg_cluster")
    if not cluster.up:
        cluster.start()
    url = cluster.create_database(template=None)
    yield url
    cluster.drop_database(url)


def test_a_database_at_the_open_branches_upgrades_through_the_merge(empty_url: str) -> None:
    parents = merge_parents()
    engine = create_engine(empty_url, **engine_options(make_url(empty_url)))
    configure_engine(engine)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:  # what an HMI of the previous build left
        config.attributes["connection"] = conn
        for parent in parents:
            command.upgrade(config, parent)
    with engine.connect() as conn:
        before = sorted(r[0] for r in conn.execute(text("SELECT version_num FROM "
                                                        "alembic_version")))
    engine.dispose()
    assert before == parents

    db = open_plant_db(empty_url)
    try:
        assert db.revisions() == (head_revision(),)
        inspector = inspect(db.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    finally:
        db.close()
