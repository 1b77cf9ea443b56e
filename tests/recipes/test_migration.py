"""The plant database's Alembic head has the recipe tables exactly as recipes.tables says."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from hmi.plantdb import open_plant_db
from recipes import RecipeStore
from recipes.tables import metadata

from .helpers import HEADER, content_for, make_effective
from .twin_setup import line_config


def test_migration_creates_the_recipe_tables_the_store_uses(tmp_path: Path) -> None:
    db = open_plant_db(f"sqlite:///{tmp_path / 'plant.sqlite'}")
    try:
        found = inspect(db.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in found.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
        store = RecipeStore(db.engine)
        version = make_effective(store, content_for(line_config(), ("calender",)))
        assert store.effective(HEADER.recipe_id) == version
    finally:
        db.close()
