"""Retention per tier, in small deletes that leave the writer free between them.

A pass walks every (tier, tag) whose oldest rows are due and deletes them `chunk_rows` at
a time, each delete its own short transaction through the primary key (tag, t): no scan
of the table, and a batch of new samples never waits behind more than one chunk. The
writer calls `step` between batches with a time budget; a pass spans as many steps as it
needs.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, text

from hmi.historian.tables import TIERS, Tier

DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class RetentionWork:
    tier: Tier
    tag: int
    cutoff_ms: int  # rows with t < cutoff_ms are due


def cutoffs(now_ms: int, keep_days: Mapping[str, float]) -> dict[str, int]:
    """Per tier name, the time before which rows are due."""
    return {name: now_ms - round(days * DAY_MS) for name, days in keep_days.items()}


@dataclass(frozen=True, slots=True)
class ChunkResult:
    deleted: int
    more: bool  # due rows remain
    oldest_ms: int | None  # the oldest row left when nothing is due (None: none, or unknown)


def delete_chunk(conn: Connection, work: RetentionWork, chunk_rows: int) -> ChunkResult:
    """Delete up to chunk_rows due rows of one tag in one tier, in its own transaction."""
    table = work.tier.table
    with conn.begin():
        oldest = conn.execute(
            text(f"SELECT t FROM {table} WHERE tag = :tag ORDER BY t LIMIT 1"), {"tag": work.tag}
        ).scalar()
        if oldest is None or oldest >= work.cutoff_ms:
            # Nothing due: a read through the key, and SQLite begins no write transaction
            # for a SELECT, so the commit costs nothing.
            return ChunkResult(0, False, None if oldest is None else int(oldest))
        # The chunk's last due row bounds the delete: an index seek, then a range delete.
        last = conn.execute(
            text(
                f"SELECT t FROM {table} WHERE tag = :tag AND t < :cutoff "
                "ORDER BY t LIMIT 1 OFFSET :skip"
            ),
            {"tag": work.tag, "cutoff": work.cutoff_ms, "skip": chunk_rows - 1},
        ).scalar()
        bound, more = (work.cutoff_ms, False) if last is None else (int(last) + 1, True)
        deleted = conn.execute(
            text(f"DELETE FROM {table} WHERE tag = :tag AND t < :bound"),
            {"tag": work.tag, "bound": bound},
        ).rowcount
    return ChunkResult(deleted, more, None)


def apply_retention(
    conn: Connection, tag_keys: Iterable[int], cutoff_ms: Mapping[str, int], chunk_rows: int
) -> dict[str, int]:
    """One whole pass at once (tests, the CLI): rows deleted per tier name."""
    sweeper = RetentionSweeper(chunk_rows)
    sweeper.plan(tag_keys, cutoff_ms)
    while sweeper.busy:
        sweeper.step(conn, budget_s=float("inf"))
    return sweeper.deleted


class RetentionSweeper:
    """Remembers each (tier, tag)'s oldest row when nothing was due, so later passes skip
    it until the cutoff reaches that row: a pass visits only tags with something to do
    (new rows are always newer, so the oldest row only moves forward)."""

    def __init__(self, chunk_rows: int, clock: Callable[[], float] = time.perf_counter) -> None:
        self._chunk_rows = chunk_rows
        self._clock = clock
        self._work: deque[RetentionWork] = deque()
        self._oldest: dict[tuple[str, int], int] = {}
        self.deleted: dict[str, int] = {tier.name: 0 for tier in TIERS}

    @property
    def busy(self) -> bool:
        return bool(self._work)

    def plan(self, tag_keys: Iterable[int], cutoff_ms: Mapping[str, int]) -> None:
        """Start a pass (unless one is still going: it finishes first)."""
        if self._work:
            return
        keys = list(tag_keys)
        for tier in TIERS:
            cutoff = cutoff_ms.get(tier.name)
            if cutoff is not None:
                self._work.extend(
                    RetentionWork(tier, key, cutoff)
                    for key in keys
                    if self._oldest.get((tier.name, key), cutoff - 1) < cutoff
                )

    def step(self, conn: Connection, budget_s: float) -> int:
        """Delete chunks until the budget is spent or the pass is done; rows deleted."""
        deadline = self._clock() + budget_s
        total = 0
        while self._work and self._clock() < deadline:
            work = self._work[0]
            result = delete_chunk(conn, work, self._chunk_rows)
            total += result.deleted
            self.deleted[work.tier.name] += result.deleted
            if result.oldest_ms is not None:
                self._oldest[(work.tier.name, work.tag)] = result.oldest_ms
            if not result.more:
                self._work.popleft()
        return total
