"""RecipeChanges: tell an HMI, within seconds, that a recipe version changed status on the
plant database (approved, made Effective or Obsolete on another HMI).

Polling, not LISTEN/NOTIFY: one indexed MAX(id) of the status log every interval works the
same on SQLite and PostgreSQL and through a plant network's proxies, costs one tiny query
per HMI per interval, and needs no connection held open (which a NOTIFY listener does, and
loses silently when the server restarts). The stores keep no cache: whatever a screen
reads after the callback (or when it is shown) is the plant database's state now, and a
changeover re-checks its version inside its own transaction anyway
(recipes.changeover.version_guard).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from hmi.plantdb.database import PlantDb
from hmi.plantdb.polling import PollingThread
from recipes.tables import recipe_status_log

log = logging.getLogger(__name__)
INTERVAL_S = 2.0


class RecipeChanges:
    def __init__(self, db: PlantDb, on_change: Callable[[], None],
                 interval_s: float = INTERVAL_S) -> None:
        self._db, self._on_change, self._interval_s = db, on_change, interval_s
        self._poller = PollingThread("recipe-changes", self.poll)
        self._seen = self.latest()

    def latest(self) -> int:
        """The newest status change's id (0: none yet)."""
        with self._db.engine.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.max(recipe_status_log.c.id),
                                                          0))).scalar_one())

    def poll(self) -> bool:
        """True (and the callback called) when something changed since the last look."""
        try:
            latest = self.latest()
        except DBAPIError as exc:  # the plant database away: look again next time
            log.debug("recipe change poll failed: %s", exc)
            return False
        if latest == self._seen:
            return False
        self._seen = latest
        self._on_change()
        return True

    def start(self) -> None:
        self._poller.start(self._interval_s)

    def stop(self) -> None:
        self._poller.stop()
