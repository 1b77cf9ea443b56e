"""OfflineLine: what a line HMI whose plant database is on a server holds for changeovers,
built by hmi.app beside its PlantLink: the copy of the Effective versions and its keeper,
a recipe store that reads the copy while the server is away, and the engine factory.

With a server, every changeover of this line runs on the copy (hmi.forward.
offline_changeover says why): then an outage mid-changeover is no event at all, and the
online checks still apply whenever the server answers. The changeover screen lists this
line's changeovers from `journal` (the copy's; finished ones are on the plant database
as well, once forwarded).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError

from hmi.core.tags import utc_now
from hmi.forward.conflicts import OpenConflicts
from hmi.forward.link import LinkStatus, PlantLink, unreachable
from hmi.forward.offline_changeover import OfflineChangeovers
from hmi.forward.recipe_cache import CachedVersion, CacheKeeper, EffectiveCache
from hmi.plantdb import PlantDb
from hmi.restore.engine import RECORD_TYPE as RESTORE_RUN
from hmi.security.audit import AuditTrail
from hmi.security.services import Security
from hmi.security.signatures import Meaning, Signature, SignatureService
from hmi.security.users import UserStore
from recipes import ParameterIO, RecipeStore, RecipeSummary, RecipeVersion
from recipes.changeover import ChangeoverEngine, ChangeoverJournal
from recipes.changeover.prechecks import LineStatus

log = logging.getLogger(__name__)
T = TypeVar("T")
CHANGEOVER = "changeover"  # the record type the changeover screen signs


class RecipesWithCopy(RecipeStore):
    """The plant database's recipe store, whose reads come from the copy while the plant
    database is away (`online()` false, or a read finds it unreachable). Writes are not
    redirected: authoring, approval and release need the plant database."""

    def __init__(self, plant: PlantDb, cache: EffectiveCache, online: Callable[[], bool],
                 clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(plant.engine, clock)
        self._copy = RecipeStore(cache.db.engine, clock)
        self._online = online
        self.from_copy = False  # the last read came from the copy (the server away)

    def list_recipes(self) -> list[RecipeSummary]:
        return self._read(super().list_recipes, self._copy.list_recipes)

    def get(self, recipe_id: str, version: int | None = None) -> RecipeVersion:
        return self._read(lambda: super(RecipesWithCopy, self).get(recipe_id, version),
                          lambda: self._copy.get(recipe_id, version))

    def effective(self, recipe_id: str) -> RecipeVersion:
        return self._read(lambda: super(RecipesWithCopy, self).effective(recipe_id),
                          lambda: self._copy.effective(recipe_id))

    def versions(self, recipe_id: str) -> list[RecipeVersion]:
        return self._read(lambda: super(RecipesWithCopy, self).versions(recipe_id),
                          lambda: self._copy.versions(recipe_id))

    def _read(self, plant: Callable[[], T], copy: Callable[[], T]) -> T:
        if not self._online():  # no connect timeout to wait out for every read
            self.from_copy = True
            return copy()
        try:
            result = plant()
        except DBAPIError as exc:
            if not unreachable(exc):
                raise
            self.from_copy = True
            return copy()
        self.from_copy = False
        return result


class SignaturesWithCopy(SignatureService):
    """The plant's signature service, except for the records that run on the copy: a
    changeover's and a restore run's signatures are made on the copy ALWAYS, online too.
    Their rows live there (hmi.forward.offline_changeover, offline_restore) and name copy
    ids, which are renumbered to the plant's when the unit is written; a signature made on
    the plant would be a dangling id in the unit (the unit was refused whole, so an online
    changeover never reached the plant). Every other record's signature needs the plant
    database, as before. While the plant database answers, `refresh` copies its users
    first: a password changed or a user disabled there a moment ago counts at once (the
    keeper copies every 5 min)."""

    ON_THE_COPY = (CHANGEOVER, RESTORE_RUN)

    def __init__(self, db: PlantDb, users: UserStore, audit: AuditTrail,
                 copy: SignatureService, online: Callable[[], bool],
                 clock: Callable[[], datetime] = utc_now,
                 refresh: Callable[[], object] = lambda: None) -> None:
        super().__init__(db, users, audit, clock)
        self._copy, self._online, self._refresh = copy, online, refresh

    def sign(self, username: str, password: str, meaning: Meaning, record_type: str,
             record_id: str, record_hash: str, reason: str, **options: Any) -> Signature:
        if record_type not in self.ON_THE_COPY:
            return super().sign(username, password, meaning, record_type, record_id,
                                record_hash, reason, **options)
        if self._online():
            try:
                self._refresh()
            except DBAPIError as exc:  # gone meanwhile: the copy's users, as offline
                if not unreachable(exc):
                    raise
        return self._copy.sign(username, password, meaning, record_type, record_id,
                               record_hash, reason, **options)


class OfflineLine:
    def __init__(self, data_dir: Path, plant: PlantDb, link: PlantLink, *, hmi: str,
                 online: bool = True, interval_s: float = 2.0,
                 clock: Callable[[], datetime] = utc_now) -> None:
        """Refreshes the copy if the plant database answers (`online`: it did a moment
        ago; else no connect timeout to wait out at start), hands over changeovers a
        previous run finished but did not send, and starts the keeper."""
        self._plant, self._link = plant, link
        self.cache = EffectiveCache(data_dir, clock)
        self.changeovers = OfflineChangeovers(self.cache, plant, link, hmi=hmi, clock=clock)
        self.recipes = RecipesWithCopy(plant, self.cache, lambda: link.status().online, clock)
        self.journal = ChangeoverJournal(self.cache.db.engine, clock)
        self._clock = clock
        self._keeper = CacheKeeper(self.cache, plant)
        # The header's conflicts note: what is open on the plant database, not what this
        # HMI's journal once found (found on either path, gone once a person resolved it).
        self.conflicts = OpenConflicts(plant)
        if online:
            self._keeper.poll()
            self.conflicts.poll()
        try:
            self.changeovers.send_finished()
        except Exception:  # the line starts anyway; the next finished changeover retries
            log.exception("changeovers finished earlier could not be handed over")
        self._keeper.start(interval_s)
        self.conflicts.start(interval_s)

    def engine(self, version: RecipeVersion, io: ParameterIO, status: LineStatus,
               **options: Any) -> ChangeoverEngine:
        """An engine on the copy for `version` (copied there first when it is not, e.g. a
        trial's Draft: it was just read from the plant database)."""
        if not self.cache.holds(version.recipe_id, version.version):
            self.cache.refresh(self._plant, also=[(version.recipe_id, version.version)])
        return self.changeovers.engine(io, status, **options)

    def signatures(self, plant: Security) -> SignaturesWithCopy:
        """The signature service for a runtime's Security (hmi.app: replace(security,
        signatures=...)): changeover signatures fall back on the copy's users."""
        audit = AuditTrail(self.cache.db, self._clock)
        users = UserStore(self.cache.db, audit, plant.permissions, plant.config,
                          clock=self._clock)
        copy = SignatureService(self.cache.db, users, audit, self._clock)
        return SignaturesWithCopy(self._plant, plant.users, plant.audit, copy,
                                  lambda: self._link.status().online, self._clock,
                                  refresh=lambda: self.cache.refresh(self._plant))

    def cached_at(self, version: RecipeVersion) -> datetime | None:
        """For the changeover wizard (GUI thread: no database): when `version` was copied
        here, if what is offered now comes from the copy; None when from the server."""
        if self._link.status().online and not self.recipes.from_copy:
            return None
        return self.cache.cached_at(version.recipe_id, version.version)

    def offered(self) -> list[CachedVersion]:
        """What the changeover wizard offers while the plant database is away, each with
        its `label()` ("… cached at HH:MM (plant database offline)")."""
        return self.cache.versions()

    def link_status(self) -> LinkStatus:
        """The link's status with the open conflicts' count (the header's, read on the GUI
        thread once a second: neither waits for the database)."""
        return replace(self._link.status(), conflicts=self.conflicts.count)

    def stop(self) -> None:
        self.conflicts.stop()
        self._keeper.stop()
        self.changeovers.close()
        self.cache.close()
