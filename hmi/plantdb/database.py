"""Open the plant database: engine, dialect set-up, and the schema upgraded to head."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from hmi.plantdb.dialect import (
    WRITE_OPTION,
    configure_engine,
    engine_options,
    explain_connect_error,
)
from hmi.plantdb.errors import PlantDbError

PLANT_DB_FILE = "plant.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / PLANT_DB_FILE}"


@dataclass(frozen=True)
class PlantDb:
    """An open plant database. The stores (users, audit, signatures) share its engine."""

    engine: Engine
    url: str

    def revision(self) -> str | None:
        """The schema revision, or its heads joined by "+" while feature branches are open."""
        heads = self.revisions()
        return "+".join(sorted(heads)) if heads else None

    def revisions(self) -> tuple[str, ...]:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_heads()

    def has_applied(self, revision: str) -> bool:
        """Whether `revision` is in the schema: a current head or one of their ancestors
        (since the merge revision, a feature's own revision is no longer a head)."""
        scripts = ScriptDirectory.from_config(_alembic_config())
        return any(script.revision == revision
                   for script in scripts.iterate_revisions(self.revisions(), "base"))

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A transaction that will write: it takes the database's write lock at its start.

        Use it for every change; plain `engine.connect()` is for reading.
        """
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    """The newest revision this build ships ("+"-joined heads while branches are open:
    features that only add their own tables branch from a shared base so they can land
    in any order, and a merge revision joins them later)."""
    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    return "+".join(sorted(heads)) if heads else None


def open_plant_db(url: str, *, upgrade: bool = True) -> PlantDb:
    """Connect and bring the schema to the newest revision this build ships.

    Raises PlantDbError naming the URL when the database cannot be reached or is newer than
    this build (an older Lineside must not write into a schema it does not know).
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise PlantDbError(f"{url!r} is not an SQLAlchemy URL") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).expanduser().parent
        if not folder.is_dir():
            raise PlantDbError(f"{url}: folder {folder} does not exist (create it or fix the URL)")
    try:
        engine = create_engine(url, **engine_options(parsed))
    except ModuleNotFoundError as exc:  # psycopg for postgresql+psycopg://
        raise PlantDbError(f"{parsed.render_as_string(hide_password=True)}: the database "
                           f"driver {exc.name} is not installed (pip install "
                           "'lineside[postgres]')") from None
    configure_engine(engine)
    db = PlantDb(engine=engine, url=url)
    try:
        current = db.revisions()
        scripts = ScriptDirectory.from_config(_alembic_config())
        heads = set(scripts.get_heads())
        known = {script.revision for script in scripts.walk_revisions()}
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise PlantDbError(
                f"{parsed.render_as_string(hide_password=True)}: schema revision "
                f"{'+'.join(unknown)} is newer than this Lineside knows "
                f"(head {head_revision()}); use the Lineside version that wrote it"
            )
        if upgrade and set(current) != heads:
            config = _alembic_config()
            with db.writing() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "heads")
    except OperationalError as exc:
        engine.dispose()
        raise PlantDbError(explain_connect_error(parsed, str(exc.orig))) from None
    except PlantDbError:
        engine.dispose()
        raise
    return db


def plant_db_for_later(url: str) -> PlantDb:
    """The plant database as an engine that has not connected yet: an HMI starting while
    the plant server is away records locally (hmi.forward) and forwards once it answers.
    Its schema is checked then (`schema_problem`), never upgraded from there."""
    parsed = make_url(url)
    engine = create_engine(url, **engine_options(parsed))
    configure_engine(engine)
    return PlantDb(engine=engine, url=url)


def schema_problem(db: PlantDb) -> str:
    """"" when the schema is at this build's head; else what to do (connects)."""
    current, head = db.revision(), head_revision()
    if current == head:
        return ""
    return (f"{db.engine.url.render_as_string(hide_password=True)}: schema at "
            f"{current or 'nothing'}, this Lineside's is {head}: run `lineside db upgrade`")
