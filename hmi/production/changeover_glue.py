"""What the hmi side does around a changeover's release (the `recipes` package may not
import hmi): a released trial changeover holds its lot, and the variance monitor follows
every released changeover while it is the active one of its stations.

For the composition root (hmi/app.py, LineRuntime.start, after the plant database and the
security services exist and the TagStore is made):

    self.holds = LotHoldStore(self.plant_db, self.security.audit, self.security.signatures)
    self.variance = attach_variance_monitor(self.store, self.plant_db, self.security.audit,
                                            holds=self.holds)
and in stop(), before the plant database closes: `self.variance.stop()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.holds import LotHold, LotHoldStore
from hmi.production.spc import SpcMonitor
from hmi.production.variance import RecordVariances, VarianceMonitor
from hmi.security.audit import AuditTrail
from recipes.changeover import ChangeoverRecord, ChangeoverState
from recipes.changeover.transfer import station_of
from recipes.checklists import ChecklistItem
from recipes.first_article import KIND, first_article_items


def with_first_articles(items: Sequence[ChecklistItem], stations: Iterable[str],
                        spc: SpcMonitor | None) -> tuple[ChecklistItem, ...]:
    """The checklist plus a first-article item for each station of the changeover that has
    SPC characteristics (unless a checklist file already lists an spc item for it): the
    changeover completes only once its first subgroup after the download passes."""
    if spc is None:
        return tuple(items)
    listed = {i.station for i in items if i.kind == KIND}
    charted = {c.station for c in spc.characteristics} - listed
    return (*items, *first_article_items(sorted(set(stations)), charted))


def trial_hold_source(record: ChangeoverRecord) -> str:
    return f"changeover:{record.id}"


def hold_trial_lot(holds: LotHoldStore, record: ChangeoverRecord) -> LotHold | None:
    """Hold the lot of a released trial changeover (once: a hold QA has released stays
    released). Returns its hold, or None for a production changeover."""
    if not record.trial or record.state is not ChangeoverState.RELEASED:
        return None
    source = trial_hold_source(record)
    for hold in holds.of_lot(record.lot_id):
        if hold.source == source:
            return hold
    stations = list(dict.fromkeys(station_of(p.tag) for p in record.parameters))
    return holds.place(
        record.lot_id, stations,
        f"trial changeover to {record.recipe_id} v{record.version} (not an Effective "
        "version): the lot waits for QA", source, record.started_by)


def attach_variance_monitor(store: TagStore, plant_db: PlantDb, audit: AuditTrail, *,
                            holds: LotHoldStore | None = None,
                            refresh_s: float = 5.0,
                            record: RecordVariances | None = None) -> VarianceMonitor:
    """A started variance monitor on the TagStore; with `holds`, a released trial
    changeover it finds (released here or by another HMI) gets its lot held. Stop it
    before the plant database closes. A line that changes over on its copy (hmi.forward.
    offline_line) passes the copy as `plant_db` and the copy's `record` (its
    OfflineChangeovers.record_variances): its changeovers are there, and variances logged
    while the server is away reach the plant through the link."""

    def on_release(record: ChangeoverRecord) -> None:
        if holds is not None:
            hold_trial_lot(holds, record)

    monitor = VarianceMonitor(store, plant_db.engine, audit, on_release=on_release,
                              refresh_s=refresh_s, record=record)
    monitor.start()
    return monitor
