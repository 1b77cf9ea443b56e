"""What the running recipe says, per station: the lot it runs and its ideal rate.

The active recipe of a station is the newest RELEASED changeover that names one of its
parameters (the PLC holds its values); its lot id is the station's current lot and, when
the station's OEE names an `ideal_rate_param`, that parameter's downloaded target is the
ideal rate. Read from the plant database, cached for `refresh_s` (a screen asks often).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

from sqlalchemy import Engine

from recipes.changeover import ChangeoverJournal, ChangeoverRecord, ChangeoverState


class ActiveRecipes:
    def __init__(self, engine: Engine, rate_params: Mapping[str, str] | None = None, *,
                 refresh_s: float = 5.0, monotonic: Callable[[], float] = time.monotonic
                 ) -> None:
        self._journal = ChangeoverJournal(engine)
        self._rate_params = dict(rate_params or {})
        self._refresh_s = refresh_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._read_at: float | None = None
        self._active: dict[str, ChangeoverRecord] = {}

    def refresh(self) -> None:
        """Read again now (after a release on this HMI)."""
        with self._lock:
            self._read_at = None

    def active(self) -> dict[str, ChangeoverRecord]:
        with self._lock:
            now = self._monotonic()
            if self._read_at is None or now - self._read_at >= self._refresh_s:
                self._active = self._read()
                self._read_at = now
            return dict(self._active)

    def lot_of(self, station: str) -> str | None:
        record = self.active().get(station)
        return record.lot_id if record is not None else None

    def ideal_rate(self, station: str) -> float | None:
        param = self._rate_params.get(station)
        record = self.active().get(station)
        if param is None or record is None:
            return None
        value = record.targets.get(param)
        return float(value) if isinstance(value, int | float) and value > 0 else None

    def _read(self) -> dict[str, ChangeoverRecord]:
        found: dict[str, str] = {}
        for co_id, state, tags in self._journal.latest():  # newest first
            if state is not ChangeoverState.RELEASED:
                continue
            for station in {t.split(".", 1)[0] for t in tags}:
                found.setdefault(station, co_id)
        records = {co_id: self._journal.load(co_id) for co_id in set(found.values())}
        return {station: records[co_id] for station, co_id in found.items()}

