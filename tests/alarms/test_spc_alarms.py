"""SPC run rules raise defined alarms: a real SpcMonitor fed constructed points through a
TagStore drives the alarm engine (real plant database, journal, audit), which takes them
through the same ISA-18.2 states as every alarm."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

from hmi.alarms import AlarmEngine, AlarmJournal, AlarmState, Event
from hmi.alarms.external import spc_alarm_defs, spc_alarm_id, spc_alarm_sink
from hmi.config.production import characteristics
from hmi.config.schema import LineConfig
from hmi.core.commands import CommandService
from hmi.core.roles import Role
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.capability import Limits
from hmi.production.spc import SpcMonitor
from hmi.security import Security, User

from .conftest import add
from .helpers import ALARMS, FakeClock, line_config

S = AlarmState
TAG = "coater.web_tension_n"
SPC = """
[production]
[[production.characteristics]]
id = "tension_mean"
station = "coater"
chart = "imr"
tags = ["coater.web_tension_n"]
lsl = 40.0
usl = 80.0
baseline_subgroups = 25
"""


def spc_config() -> LineConfig:
    return line_config(ALARMS + SPC)


def feed(store: TagStore, clock: FakeClock, values: list[float]) -> None:
    for v in values:
        clock.advance(4)
        store.update([TagValue(TAG, v, Quality.GOOD, clock.now, clock.now)])


@contextmanager
def spc_past_its_baseline(config: LineConfig, engine: AlarmEngine, clock: FakeClock
                          ) -> Iterator[tuple[TagStore, SpcMonitor, Limits]]:
    """A started SpcMonitor on the config's characteristics raising its run-rule alarms in
    `engine`, its tension fed 25 baseline subgroups around 60 N (seed 7): yields the store
    to feed, the monitor and the limits it set. Stopped afterwards."""
    store = TagStore({TAG: 4.0})
    spc = SpcMonitor(characteristics(config), store=store, clock=clock,
                     alarm_sink=spc_alarm_sink(engine))
    spc.start()
    try:
        rng = random.Random(7)
        feed(store, clock, [rng.gauss(60.0, 1.0) for _ in range(25)])  # the baseline
        limits = spc.chart("tension_mean").limits
        assert limits is not None
        yield store, spc, limits
    finally:
        spc.stop()


def test_spc_alarms_are_defined_and_rationalised_per_characteristic() -> None:
    config = spc_config()
    (definition,) = spc_alarm_defs(config)
    assert (definition.id, definition.kind, definition.tag) == (
        "spc_tension_mean", "discrete", "coater.spc.tension_mean")
    assert definition.cause and definition.consequence and definition.action
    assert "tension_mean" in definition.action
    assert definition.off_delay_s == 60.0  # a rule flickering at a run's edge: no chatter
    # The station's other alarms go to console "line" (one to "other"): the majority wins.
    assert definition.console == "line"


def test_a_run_rule_raises_the_alarm_it_clears_and_is_acknowledged(
        db: PlantDb, security: Security, admin: User, clock: FakeClock,
        commands: CommandService) -> None:
    config = spc_config()
    add(security, admin, "olga", Role.OPERATOR)
    engine = AlarmEngine(config, AlarmJournal(db, security.audit), authorizer=commands,
                         clock=clock, external=spc_alarm_defs(config))
    alarm = spc_alarm_id("tension_mean")
    with spc_past_its_baseline(config, engine, clock) as (store, spc, limits):
        center, sigma = limits.center, limits.sigma_chart
        feed(store, clock, [center])
        spc.drain()
        assert engine.view(alarm).state is S.NORMAL

        feed(store, clock, [center + 3.2 * sigma])  # N1: one point beyond 3 sigma
        spc.drain()
        view = engine.view(alarm)
        assert view.state is S.UNACK and view.active
        assert isinstance(view.value, str) and "N1 1 point beyond 3 sigma" in view.value
        assert engine.summary().worst_unacked() == view  # on the banner

        feed(store, clock, [center])  # the newest point breaks no rule: back to normal ...
        spc.drain()
        assert engine.view(alarm).state is S.UNACK  # ... after its off-delay (chatter)
        clock.advance(60)
        engine.tick()
        assert engine.view(alarm).state is S.RTN_UNACK
        assert "back in control" in str(engine.view(alarm).value)
        assert engine.acknowledge("olga", [alarm]) == [alarm]
        assert engine.view(alarm).state is S.NORMAL

        # N2: nine in a row on one side (WE4 fires at the eighth): the message follows
        # the rules that fire, the alarm stays one activation until a point crosses over.
        feed(store, clock, [center + 0.5 * sigma] * 8)
        spc.drain()
        assert engine.view(alarm).state is S.UNACK
        assert "WE4" in str(engine.view(alarm).value) and "N2" not in str(
            engine.view(alarm).value)
        feed(store, clock, [center + 0.5 * sigma])
        spc.drain()
        assert "N2 9 points in a row on one side" in str(engine.view(alarm).value)
        feed(store, clock, [center - 0.5 * sigma])
        spc.drain()
        clock.advance(60)
        engine.tick()
        assert engine.view(alarm).state is S.RTN_UNACK
    rows = AlarmJournal(db).rows(alarm_id=alarm)
    assert [(r.event, r.after) for r in rows] == [
        (Event.ACTIVATE, S.UNACK), (Event.RETURN, S.RTN_UNACK), (Event.ACK, S.NORMAL),
        (Event.ACTIVATE, S.UNACK), (Event.RETURN, S.RTN_UNACK)]
    assert "N1" in str(rows[0].value)
    trail = [e for e in security.audit.entries() if e.object_id == alarm]
    assert [e.username for e in trail if e.action == "alarm_ack"] == ["olga"]
    # A restart rebuilds the state from the journal, the SPC alarm included.
    again = AlarmEngine(config, AlarmJournal(db), external=spc_alarm_defs(config))
    assert again.view(alarm).state is S.RTN_UNACK


def test_raise_external_ignores_ids_that_are_not_external(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    config = spc_config()
    engine = AlarmEngine(config, AlarmJournal(db, security.audit), clock=clock,
                         external=spc_alarm_defs(config))
    assert engine.raise_external("tension_h", True, "not mine") is False
    assert engine.view("tension_h").state is S.NORMAL
    assert engine.raise_external("spc_tension_mean", True, "N3 6 points trending") is True
    assert engine.view("spc_tension_mean").state is S.UNACK
