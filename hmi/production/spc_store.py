"""SPC in the plant database: every charted subgroup and every set of control limits
(migration 0009_spc, the same schema), so a restart keeps the charts and their limits and
`lineside spc` reads what the HMI charted.

Both tables are append-only: the limits in force are a characteristic's newest row, the
older rows say which limits judged the points of their time. Every call is a short
blocking database call (the SPC monitor makes them on its worker thread).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, insert, select

from hmi.core.user_text import loaded, stored
from hmi.plantdb import PlantDb
from hmi.production.capability import Limits
from hmi.production.oee_store import parse_ts, ts
from hmi.production.subgroups import Point

log = logging.getLogger(__name__)
metadata = MetaData()

spc_points = Table(
    "spc_points", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("characteristic", String(100), nullable=False),
    Column("at", String(40), nullable=False),
    Column("vals", Text, nullable=False),
)
spc_limits = Table(
    "spc_limits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("characteristic", String(100), nullable=False),
    Column("set_at", String(40), nullable=False),
    Column("set_by", String(64), nullable=False),
    Column("baseline", Text, nullable=False),
    Column("chart", String(10), nullable=False),
    Column("n", Integer, nullable=False),
    Column("center", Float, nullable=False),
    Column("ucl", Float, nullable=False),
    Column("lcl", Float, nullable=False),
    Column("spread_center", Float, nullable=False),
    Column("spread_ucl", Float, nullable=False),
    Column("spread_lcl", Float, nullable=False),
    Column("sigma_within", Float, nullable=False),
)
LIMIT_FIELDS = ("chart", "n", "center", "ucl", "lcl", "spread_center", "spread_ucl",
                "spread_lcl", "sigma_within")


@dataclass(frozen=True, slots=True)
class StoredLimits:
    characteristic: str
    limits: Limits
    baseline: str
    set_at: datetime
    set_by: str


class SpcStore:
    def __init__(self, db: PlantDb) -> None:
        self.db = db

    def add_points(self, rows: Sequence[tuple[str, Point]]) -> None:
        if not rows:
            return
        with self.db.writing() as conn:
            conn.execute(insert(spc_points), [
                {"characteristic": char, "at": ts(p.at), "vals": json.dumps(list(p.values))}
                for char, p in rows])

    def add_limits(self, characteristic: str, limits: Limits, baseline: str, set_at: datetime,
                   set_by: str) -> None:
        with self.db.writing() as conn:
            conn.execute(insert(spc_limits).values(
                characteristic=characteristic, set_at=ts(set_at), set_by=set_by,
                baseline=stored(baseline), **{f: getattr(limits, f) for f in LIMIT_FIELDS}))

    def recent_points(self, characteristic: str, count: int) -> list[Point]:
        """The newest `count` points, oldest first."""
        query = (select(spc_points.c.at, spc_points.c.vals)
                 .where(spc_points.c.characteristic == characteristic)
                 .order_by(spc_points.c.at.desc(), spc_points.c.id.desc()).limit(count))
        with self.db.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_point(at, vals) for at, vals in reversed(rows)]

    def points(self, characteristic: str, start: datetime, end: datetime) -> list[Point]:
        query = (select(spc_points.c.at, spc_points.c.vals)
                 .where(spc_points.c.characteristic == characteristic,
                        spc_points.c.at >= ts(start), spc_points.c.at < ts(end))
                 .order_by(spc_points.c.at, spc_points.c.id))
        with self.db.engine.connect() as conn:
            return [_point(at, vals) for at, vals in conn.execute(query)]

    def latest_limits(self, characteristics: Iterable[str] | None = None
                      ) -> dict[str, StoredLimits]:
        newest = (select(func.max(spc_limits.c.id))
                  .group_by(spc_limits.c.characteristic).scalar_subquery())
        query = select(spc_limits).where(spc_limits.c.id.in_(newest))
        if characteristics is not None:
            query = query.where(spc_limits.c.characteristic.in_(list(characteristics)))
        with self.db.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return {r["characteristic"]: StoredLimits(
            r["characteristic"], Limits(**{f: r[f] for f in LIMIT_FIELDS}), loaded(r["baseline"]),
            parse_ts(r["set_at"]), r["set_by"]) for r in rows}


def _point(at: str, vals: str) -> Point:
    return Point(parse_ts(at), tuple(float(v) for v in json.loads(vals)))


class SpcRecorder:
    """What the SPC monitor has charted but not stored yet. `add_*` return True when the
    buffer was empty (the caller queues one `flush` on its worker, however many follow)."""

    def __init__(self, store: SpcStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._points: list[tuple[str, Point]] = []
        self._limits: list[tuple[str, Limits, str, datetime, str]] = []

    def add_point(self, characteristic: str, point: Point) -> bool:
        with self._lock:
            self._points.append((characteristic, point))
            return len(self._points) + len(self._limits) == 1

    def add_limits(self, characteristic: str, limits: Limits, baseline: str, at: datetime,
                   by: str) -> bool:
        with self._lock:
            self._limits.append((characteristic, limits, baseline, at, by))
            return len(self._points) + len(self._limits) == 1

    def flush(self) -> None:
        with self._lock:
            points, self._points = self._points, []
            limits, self._limits = self._limits, []
        try:
            self.store.add_points(points)
            for row in limits:
                self.store.add_limits(*row)
        except Exception:  # the chart goes on in memory; the gap is in the log
            log.exception("SPC record: %d points and %d limit sets could not be stored",
                          len(points), len(limits))

    def restore(self, characteristics: Sequence[str], count: int
                ) -> tuple[dict[str, list[Point]], dict[str, StoredLimits]]:
        """The newest `count` points and the limits in force, per characteristic."""
        points = {c: self.store.recent_points(c, count) for c in characteristics}
        return points, self.store.latest_limits(characteristics)
