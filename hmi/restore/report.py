"""Restore times per fault kind over a period: how fast control comes back (DESIGN.md Q3)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hmi.plantdb import PlantDb
from hmi.restore.record import RunState
from hmi.restore.tables import restore_runs


@dataclass(frozen=True, slots=True)
class FaultKindTimes:
    fault_kind: str
    runs: int  # verified runs in the period
    median_s: float
    p90_s: float
    worst_s: float
    downtime_reasons: tuple[str, ...]


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), on a sorted copy."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = fraction * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def restore_times(db: PlantDb, since: datetime, until: datetime) -> list[FaultKindTimes]:
    """Verified runs whose fault began in [since, until), grouped by fault kind (MTTR =
    fault to verified running); kinds sorted by their median, slowest first."""
    query = select(restore_runs.c.fault_kind, restore_runs.c.fault_at, restore_runs.c.mttr_s,
                   restore_runs.c.downtime_reason).where(
        restore_runs.c.state == RunState.VERIFIED.value, restore_runs.c.mttr_s.is_not(None))
    by_kind: dict[str, list[float]] = {}
    reasons: dict[str, set[str]] = {}
    with db.engine.connect() as conn:
        for row in conn.execute(query):
            at = datetime.fromisoformat(row.fault_at)
            if not since <= at < until:
                continue  # ISO strings with offsets do not compare as text: compare here
            by_kind.setdefault(row.fault_kind, []).append(float(row.mttr_s))
            reasons.setdefault(row.fault_kind, set()).add(row.downtime_reason)
    result = [FaultKindTimes(kind, len(times), percentile(times, 0.5), percentile(times, 0.9),
                             max(times), tuple(sorted(reasons[kind])))
              for kind, times in by_kind.items()]
    return sorted(result, key=lambda r: -r.median_s)
