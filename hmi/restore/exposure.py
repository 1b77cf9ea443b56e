"""Lot exposure accounting during a dew-point excursion (DOMAIN.md 4.4-C step 4).

Every lot open in the dry room when the excursion began takes the minutes the dew point
stays above the limit against its exposure budget (minutes it may spend there in all, less
what it used before). From the fault until the run starts the room is counted as above the
limit (the alarm that started the run says so); from then on the live value decides. A lot
whose total passes its budget is held: in the lot-hold store when one is given, else the
hold is recorded in this run's own exposure rows (say so to QA).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.restore.procedure import ExposureRule
from hmi.restore.record import LotExposure, OpenLot

SOURCE = "restore:dew_point"
NO_STORE = "recorded in the restore run (no lot-hold store configured)"


class HoldPlaced(Protocol):
    @property
    def id(self) -> int: ...


class LotHolds(Protocol):
    """What the engine needs of hmi.production.holds.LotHoldStore."""

    def place(self, lot_id: str, stations: str | Sequence[str], reason: str, source: str,
              actor: str) -> HoldPlaced: ...


class ExposureMeter:
    """Integrates time above the limit from the TagStore's batches (driver thread)."""

    def __init__(self, rule: ExposureRule, lots: Sequence[OpenLot], store: TagStore,
                 clock: Callable[[], float], already_min: float,
                 done: Sequence[LotExposure] = ()) -> None:
        self.rule = rule
        self.lots = tuple(lots)
        self._clock = clock
        self._lock = threading.Lock()
        self._minutes = already_min
        self._last = clock()
        self._above = True  # the alarm that started the run: above until a value says not
        self._held = {e.lot_id: e.hold_ref for e in done if e.held}
        self._store = store
        self._seen: TagValue | None = None
        current = store.get(rule.tag)
        if current is not None:
            self._judge(current)
        self._unsubscribe = store.subscribe(self._on_batch)

    def close(self) -> None:
        self._unsubscribe()

    def _judge(self, value: TagValue) -> None:
        self._seen = value
        if value.quality.is_live and isinstance(value.value, int | float) \
                and not isinstance(value.value, bool):
            self._above = float(value.value) > self.rule.above
        # A value that is not live keeps the last judgement: lost is not dry.

    def _on_batch(self, batch: Sequence[TagValue]) -> None:
        for value in batch:
            if value.tag_id == self.rule.tag:
                with self._lock:
                    self._accumulate()
                    self._judge(value)

    def _accumulate(self) -> None:
        now = self._clock()
        if self._above:
            self._minutes += max(0.0, now - self._last) / 60.0
        self._last = now

    @property
    def minutes_above(self) -> float:
        with self._lock:
            self._accumulate()
            # Also judge what the store holds now, should a batch not have reached us.
            current = self._store.get(self.rule.tag)
            if current is not None and current is not self._seen:
                self._judge(current)
            return self._minutes

    def settle(self, holds: LotHolds | None, actor: str, run_id: str) -> list[LotExposure]:
        """The exposure of every lot now; lots over budget get held (once)."""
        minutes = self.minutes_above
        result: list[LotExposure] = []
        for lot in self.lots:
            total = lot.used_min + minutes
            if lot.lot_id not in self._held and total > lot.budget_min:
                reason = (f"dew point above {self.rule.above:g} °C for {minutes:.1f} min "
                          f"(restore run {run_id}); exposure {total:.1f} min > budget "
                          f"{lot.budget_min:g} min: QA disposition needed (Karl-Fischer)")
                if holds is not None:
                    hold = holds.place(lot.lot_id, list(self.rule.hold_stations), reason,
                                       SOURCE, actor)
                    self._held[lot.lot_id] = f"lot_holds #{hold.id}"
                else:
                    self._held[lot.lot_id] = NO_STORE
            held = self._held.get(lot.lot_id)
            result.append(LotExposure(lot.lot_id, lot.budget_min, lot.used_min, minutes,
                                      held is not None, held or ""))
        return result
