"""The plant database: one SQL store for users, roles, audit trail and signatures (and, by
later migrations, recipes, changeovers, alarms journal, restores, lots).

`open_plant_db(url)` builds the engine (SQLite pragmas: WAL, foreign keys, busy timeout),
upgrades the schema to the newest Alembic revision shipped in hmi/plantdb/migrations, and
returns a `PlantDb`. Everything dialect-specific sits in `dialect.py` so PostgreSQL can be
added there; the rest is portable SQLAlchemy Core. Qt-free; safe to use from any thread
(each call takes its own connection from the pool).

Change data only inside `with db.writing() as conn:` (one transaction that takes the write
lock at its start: on SQLite a plain deferred transaction that reads and then writes can
fail with "database is locked" when another writer got in between). Read with
`db.engine.connect()`. Later tables arrive as new revisions in migrations/versions.
"""

from hmi.plantdb.database import PLANT_DB_FILE, PlantDb, default_url, open_plant_db
from hmi.plantdb.errors import PlantDbError

__all__ = ["PLANT_DB_FILE", "PlantDb", "PlantDbError", "default_url", "open_plant_db"]
