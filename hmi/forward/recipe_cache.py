"""The HMI's copy of the Effective recipe versions (and of the people who may sign), kept
while the plant database answers, so a changeover can run while it does not.

The copy is a whole plant-schema database (offline_plant.sqlite in the data folder, made
by the same Alembic migrations as the plant's): the changeover engine, its version guard,
the recipe store and the signature service run on it unchanged, with the same checks as
online (hmi.forward.offline_changeover says why that is the cut). Rows are copied with
their plant ids and content hashes, so a version here is byte for byte the plant's.

Refreshed by CacheKeeper at start and whenever a status changes: versions made
Effective are added, versions that left Effective keep their rows here (a changeover
that ran on one must still load it) with the plant's new status, so the copy's own guard
refuses them from then on. Users and role grants are replaced wholesale (who may sign
offline is who could sign at the last refresh).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from hmi.core.tags import utc_now
from hmi.plantdb import PlantDb, open_plant_db
from hmi.plantdb.polling import PollingThread
from hmi.plantdb.tables import role_assignments, users
from recipes import RecipeStore, RecipeVersion
from recipes.model import RecipeStatus
from recipes.tables import (
    recipe_equipment,
    recipe_parameters,
    recipe_status_log,
    recipe_versions,
    recipes,
)

log = logging.getLogger(__name__)
CACHE_FILE = "offline_plant.sqlite"

# Beside the plant schema, in the copy only: when each version was last seen Effective.
_meta = MetaData()
cached = Table(
    "effective_cache", _meta,
    Column("recipe_id", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("cached_at", String(40), nullable=False),
)


@dataclass(frozen=True, slots=True)
class CachedVersion:
    version: RecipeVersion
    cached_at: datetime

    def label(self) -> str:
        """How the recipe screen and the changeover wizard offer it while offline."""
        return (f"{self.version.label}: cached at {self.cached_at.astimezone():%H:%M} "
                "(plant database offline)")


class EffectiveCache:
    def __init__(self, data_dir: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = data_dir / CACHE_FILE
        self.db: PlantDb = open_plant_db(f"sqlite:///{self.path}")
        _meta.create_all(self.db.engine)
        self._clock = clock
        self._refreshing = threading.Lock()
        self._cached_at = self._read_cached_at()

    def close(self) -> None:
        self.db.close()

    def refresh(self, plant: PlantDb, also: Sequence[tuple[str, int]] = ()) -> int:
        """Copy what changed from the plant database (raises its DBAPIError when it is
        away: the copy then stays as it was). `also`: versions of any status to hold too
        (a trial's Draft, run on the copy like any changeover). Returns how many versions
        are Effective. One at a time: the keeper's thread and a changeover's start may
        refresh together, and both would copy the same new versions."""
        with self._refreshing:
            return self._refresh(plant, also)

    def _refresh(self, plant: PlantDb, also: Sequence[tuple[str, int]]) -> int:
        rv = recipe_versions.c
        with plant.engine.connect() as src:
            effective = src.execute(select(recipe_versions)
                                    .where(rv.status == RecipeStatus.EFFECTIVE.value)
                                    ).mappings().all()
            wanted = list(effective)
            for recipe_id, number in also:
                wanted += src.execute(select(recipe_versions).where(
                    rv.recipe_id == recipe_id, rv.version == number)).mappings().all()
            known = self._known()
            statuses = {(r.recipe_id, r.version): (r.status, r.status_changed_at)
                        for r in src.execute(select(rv.recipe_id, rv.version, rv.status,
                                                    rv.status_changed_at)
                                             .where(rv.id.in_(list(known.values()))))}
            new = list({r["id"]: dict(r) for r in wanted
                        if (r["recipe_id"], r["version"]) not in known}.values())
            pks = [r["id"] for r in new]
            heads = src.execute(select(recipes).where(recipes.c.recipe_id.in_(
                {r["recipe_id"] for r in new}))).mappings().all()
            params = src.execute(select(recipe_parameters).where(
                recipe_parameters.c.version_pk.in_(pks))).mappings().all()
            equipment = src.execute(select(recipe_equipment).where(
                recipe_equipment.c.version_pk.in_(pks))).mappings().all()
            log = src.execute(select(recipe_status_log).where(recipe_status_log.c.version_pk.in_(
                [*pks, *known.values()]))).mappings().all()
            people = src.execute(select(users)).mappings().all()
            grants = src.execute(select(role_assignments)).mappings().all()
        now = self._clock().isoformat()
        with self.db.writing() as conn:
            have = set(conn.execute(select(recipes.c.recipe_id)).scalars())
            _put(conn, recipes, [dict(h) for h in heads if h["recipe_id"] not in have])
            _put(conn, recipe_versions, new)
            _put(conn, recipe_parameters, [dict(p) for p in params])
            _put(conn, recipe_equipment, [dict(e) for e in equipment])
            for (recipe_id, number), (status, changed) in statuses.items():
                conn.execute(update(recipe_versions).where(
                    rv.recipe_id == recipe_id, rv.version == number).values(
                        status=status, status_changed_at=changed))
            logged = set(conn.execute(select(recipe_status_log.c.id)).scalars())
            _put(conn, recipe_status_log, [dict(r) for r in log if r["id"] not in logged])
            conn.execute(delete(cached))
            _put(conn, cached, [{"recipe_id": r["recipe_id"], "version": r["version"],
                                 "cached_at": now} for r in effective])
            self._copy_people(conn, [dict(p) for p in people], [dict(g) for g in grants])
        self._cached_at = self._read_cached_at()
        return len(effective)

    def cached_at(self, recipe_id: str, version: int) -> datetime | None:
        """When the version was last seen Effective (None: it was not); from memory, so
        the GUI thread may ask."""
        return self._cached_at.get((recipe_id, version))

    def _read_cached_at(self) -> dict[tuple[str, int], datetime]:
        with self.db.engine.connect() as conn:
            return {(r.recipe_id, r.version): datetime.fromisoformat(r.cached_at)
                    for r in conn.execute(select(cached))}

    def versions(self) -> list[CachedVersion]:
        """The versions that were Effective at the last refresh, as the copy holds them."""
        store = RecipeStore(self.db.engine)
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(cached).order_by(cached.c.recipe_id)).all()
        return [CachedVersion(store.get(r.recipe_id, r.version),
                              datetime.fromisoformat(r.cached_at)) for r in rows]

    def holds(self, recipe_id: str, version: int) -> bool:
        return (recipe_id, version) in self._known()

    def _known(self) -> dict[tuple[str, int], int]:
        rv = recipe_versions.c
        with self.db.engine.connect() as conn:
            return {(r.recipe_id, r.version): r.id
                    for r in conn.execute(select(rv.recipe_id, rv.version, rv.id))}

    @staticmethod
    def _copy_people(conn: Connection, people: list[dict[str, object]],
                     grants: list[dict[str, object]]) -> None:
        conn.execute(delete(role_assignments))
        mine = set(conn.execute(select(users.c.id)).scalars())
        for person in people:
            if person["id"] in mine:
                conn.execute(update(users).where(users.c.id == person["id"]).values(**{
                    k: v for k, v in person.items() if k != "id"}))
            else:
                conn.execute(insert(users).values(**person))
        _put(conn, role_assignments, grants)


def _put(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


class CacheKeeper:
    """Keeps the copy fresh while the plant database answers: a refresh whenever a recipe
    version changed status there (one MAX(id) of the status log per poll, as RecipeChanges
    does) and every `full_every_s` anyway (users and grants change without a status
    change). An unreachable plant database is simply tried again at the next poll; the
    HMI may start while it is away (RecipeChanges needs it at once: not used here)."""

    def __init__(self, cache: EffectiveCache, plant: PlantDb, *,
                 full_every_s: float = 300.0) -> None:
        self._cache, self._plant, self._full_every_s = cache, plant, full_every_s
        self._seen: int | None = None
        self._refreshed_at = -math.inf
        self._poller = PollingThread("recipe-cache", self.poll)

    def poll(self) -> bool:
        """True when the copy was refreshed."""
        try:
            with self._plant.engine.connect() as conn:
                latest = int(conn.execute(select(func.coalesce(
                    func.max(recipe_status_log.c.id), 0))).scalar_one())
            if latest == self._seen and (time.monotonic() - self._refreshed_at
                                         < self._full_every_s):
                return False
            self._cache.refresh(self._plant)
        except DBAPIError as exc:  # away (or a statement failed): the copy stays as it was
            log.debug("recipe cache refresh skipped: %s", exc)
            return False
        except Exception:  # never the end of the thread that keeps the copy
            log.exception("recipe cache refresh failed")
            return False
        self._seen, self._refreshed_at = latest, time.monotonic()
        return True

    def start(self, interval_s: float = 2.0) -> None:
        self._poller.start(interval_s)

    def stop(self) -> None:
        self._poller.stop()
