"""SPC gates on a real plant database: a rule violation is an event; Cpk below 1.33 on a
critical characteristic holds the current lot (real LotHoldStore) until QA releases it;
the first-article check a changeover asks."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from hmi.config.production import Characteristic
from hmi.core.roles import Role
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.capability import LimitsError
from hmi.production.holds import LotHoldStore
from hmi.production.spc import SpcEvent, SpcMonitor
from hmi.security import Security, User
from tests.security.conftest import PASSWORD, FakeClock, add

FILL = Characteristic(id="fill_mass", station="filler", chart="imr",
                      tags=("filler.fill_mass_g",), lsl=64.7, usl=65.3, critical=True,
                      unit="g", description="Electrolyte fill mass")


def feed(store: TagStore, clock: FakeClock, tag: str, values: list[float]) -> None:
    for value in values:
        clock.advance(seconds=4)
        store.update([TagValue(tag, value, Quality.GOOD, clock.now, clock.now)])


def gauss(mean: float, sigma: float, n: int, seed: int = 5) -> list[float]:
    rng = random.Random(seed)
    return [rng.gauss(mean, sigma) for _ in range(n)]


def test_low_cpk_holds_the_lot_with_containment_until_qa_releases(
        db: PlantDb, security: Security, admin: User, clock: FakeClock) -> None:
    holds = LotHoldStore(db, security.audit, security.signatures, clock)
    store = TagStore({"filler.fill_mass_g": 4.0})
    spc = SpcMonitor([FILL], store=store, holds=holds, lot_of=lambda s: "LOT-77", clock=clock)
    events: list[SpcEvent] = []
    spc.add_listener(events.append)
    spc.start()
    try:
        # Stable but too wide for +-0.3 g: sigma 0.1 gives Cpk about 1.0.
        feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.1, 40))
        spc.drain()
    finally:
        spc.stop()
    view = spc.chart("fill_mass")
    assert view.capability is not None and view.capability.cpk is not None
    assert view.capability.cpk < 1.33, view.capability
    assert [e.kind for e in events] == ["capability"]  # once per lot, not on every point
    (hold,) = holds.active()
    assert events[0].rule == "Cpk" and events[0].hold == hold
    assert (hold.lot_id, hold.stations, hold.source) == ("LOT-77", ("filler",), "spc:fill_mass")
    assert "Containment: 100 % inspection of lot LOT-77" in hold.reason
    assert "corrective action record" in hold.reason
    assert security.audit.entries(action="hold_lot")[-1].username == "spc-monitor"
    add(security, admin, "quinn", Role.QA)
    released = holds.release("LOT-77", "quinn", PASSWORD, "100 % check-weighed: all in spec")
    assert [h.id for h in released] == [hold.id] and not holds.is_held("LOT-77")


def test_a_capable_process_holds_nothing_and_a_shift_raises_rule_events(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    holds = LotHoldStore(db, security.audit, security.signatures, clock)
    store = TagStore({"filler.fill_mass_g": 4.0})
    spc = SpcMonitor([FILL], store=store, holds=holds, lot_of=lambda s: "LOT-1", clock=clock)
    events: list[SpcEvent] = []
    spc.add_listener(events.append)
    spc.start()
    try:
        feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.04, 30))
        spc.drain()
        assert spc.chart("fill_mass").capability.cpk > 1.67  # type: ignore[union-attr,operator]
        assert events == [] and holds.active() == []
        feed(store, clock, "filler.fill_mass_g", [65.5])  # far beyond 3 sigma (and USL)
        spc.drain()
    finally:
        spc.stop()
    assert {e.rule for e in events} >= {"WE1", "N1"}
    assert "fill_mass at filler: WE1 1 point beyond 3 sigma (65.5 g)" in events[0].message
    assert holds.active() == []  # not in control: capability is not computed, so no hold
    view = spc.chart("fill_mass")
    assert view.capability is not None and view.capability.cpk is None
    assert "not in control" in view.capability.refused[0]


def test_first_article_passes_only_on_enough_good_points(clock: FakeClock) -> None:
    store = TagStore({"filler.fill_mass_g": 4.0})
    spc = SpcMonitor([FILL], store=store, clock=clock)
    spc.start()
    try:
        feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.04, 25))
        since = clock()
        status = spc.first_article_status("filler", since, 5)
        assert (status.verdict, status.text) == (
            "waiting", "waiting for first article on filler: 0/5 subgroups (fill_mass)")
        feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.04, 5, seed=105))
        assert spc.first_article_status("filler", since, 5).verdict == "passed"
        later = clock()
        feed(store, clock, "filler.fill_mass_g", [65.4])
        status = spc.first_article_status("filler", later, 1)
        assert (status.verdict, status.text) == ("failed", "fill_mass 65.4 g above USL 65.3")
        assert spc.first_article_status("coater", since).verdict == "passed"  # none charted
    finally:
        spc.stop()


def test_baseline_period_sets_the_limits(clock: FakeClock) -> None:
    spc = SpcMonitor([FILL.model_copy(update={"baseline_subgroups": 10})], clock=clock)
    store = TagStore({"filler.fill_mass_g": 4.0})
    store.subscribe(spc.on_values)
    start = clock.now
    feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.05, 12))
    with pytest.raises(LimitsError, match="3 subgroups in the baseline period, at least 10"):
        spc.set_baseline("fill_mass", start, start + timedelta(seconds=13))
    limits = spc.set_baseline("fill_mass", start + timedelta(seconds=8), clock.now
                              + timedelta(seconds=1))
    assert spc.chart("fill_mass").limits == limits
    assert spc.chart("fill_mass").baseline.endswith("UTC")
    with pytest.raises(KeyError, match="no SPC characteristic 'nope'"):
        spc.chart("nope")


def test_low_cpk_without_a_lot_is_said_once(clock: FakeClock) -> None:
    store = TagStore({"filler.fill_mass_g": 4.0})
    spc = SpcMonitor([FILL], store=store, lot_of=lambda s: None, clock=clock)
    events: list[SpcEvent] = []
    spc.add_listener(events.append)
    spc.start()
    try:
        feed(store, clock, "filler.fill_mass_g", gauss(65.0, 0.1, 40))
        spc.drain()
    finally:
        spc.stop()
    (event,) = events
    assert event.hold is None and "no current lot known at filler, nothing held" in event.message
