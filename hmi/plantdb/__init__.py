"""The plant database: one SQL store for users, roles, audit trail and signatures (and, by
later migrations, recipes, changeovers, alarms journal, restores, lots).

`open_plant_db(url)` builds the engine (SQLite pragmas: WAL, foreign keys, busy timeout;
PostgreSQL: pre-pinged pool, 5 s connect timeout), upgrades the schema to the newest Alembic
revision shipped in hmi/plantdb/migrations, and returns a `PlantDb`. The URL ([security] url)
chooses the database: sqlite:///... for one HMI (the default), postgresql+psycopg://... for
many HMIs on one plant database. Everything dialect-specific sits in `dialect.py` (write
lock, audit-chain lock, append-only triggers, connection errors explained); the rest is
portable SQLAlchemy Core. `lineside db upgrade|check` (cli.py) is the technicians' tool;
hmi.forward keeps an HMI recording while a PostgreSQL plant database is away. Qt-free;
safe to use from any thread (each call takes its own connection from the pool).

Change data only inside `with db.writing() as conn:` (one transaction that takes the write
lock at its start: on SQLite a plain deferred transaction that reads and then writes can
fail with "database is locked" when another writer got in between). Read with
`db.engine.connect()`. Later tables arrive as new revisions in migrations/versions.
"""

from hmi.plantdb.database import PLANT_DB_FILE, PlantDb, default_url, open_plant_db
from hmi.plantdb.errors import PlantDbError

__all__ = ["PLANT_DB_FILE", "PlantDb", "PlantDbError", "default_url", "open_plant_db"]
