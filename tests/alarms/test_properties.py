"""Hypothesis: random process values, time steps and operator actions against the engine.

After every step: each journal row is a legal ISA-18.2 transition and follows on from the
alarm's previous row; the debounced condition equals a reference model of the deadband
and the on/off delays; a timed shelve is gone once its time is up; a trip group has at
most one first-out; and what is annunciated is exactly what is not NORMAL and not hidden.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmi.alarms import AlarmEngine, AlarmJournal, AlarmState, JournalRow
from hmi.alarms.model import legal
from hmi.core.commands import CommandRefused, CommandService
from hmi.core.roles import Role
from hmi.core.tagstore import TagStore
from hmi.plantdb import PLANT_DB_FILE, default_url, open_plant_db
from hmi.plc.service import PlcService
from hmi.security import Hasher, build_security

from .conftest import add
from .helpers import ABORTED, EXECUTE, FakeClock, line_config, value

CONFIG = line_config()
TENSION = "coater.web_tension_n"
# tension_h: H 68, deadband 2, on 2 s, off 1 s; tension_ll: LL 12, deadband 1, on 0.5 s.
REFERENCE = {"tension_h": (True, 68.0, 2.0, 2.0, 1.0), "tension_ll": (False, 12.0, 1.0, 0.5, 0.0)}


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """A migrated plant database with the users, copied for every example."""
    folder = Path(tempfile.mkdtemp(prefix="alarm-props-"))
    db = open_plant_db(default_url(folder))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    admin = security.users.create_first_administrator("admin", "Ada", "correct horse battery")
    add(security, admin, "lena", Role.LEAD)
    add(security, admin, "max", Role.MAINTENANCE)
    db.close()
    yield folder / PLANT_DB_FILE
    shutil.rmtree(folder)


@dataclass
class Reference:
    """The documented condition semantics, written out plainly for one limit alarm."""

    high: bool
    limit: float
    deadband: float
    on_s: float
    off_s: float
    raw: bool = False
    raw_since: datetime | None = None
    active: bool = False

    def value(self, v: float, now: datetime) -> None:
        if self.high:
            raw = v > self.limit - self.deadband if self.raw else v > self.limit
        else:
            raw = v < self.limit + self.deadband if self.raw else v < self.limit
        if raw != self.raw:
            self.raw, self.raw_since = raw, now

    def settle(self, now: datetime) -> None:
        if self.raw_since is None or self.raw == self.active:
            return
        delay = self.on_s if self.raw else self.off_s
        if now - self.raw_since >= timedelta(seconds=delay):
            self.active = self.raw


# Mostly near the limits and their deadbands, where the rules bite; sometimes anywhere.
NEAR = [11.0, 12.0, 12.5, 13.0, 13.5, 62.0, 66.0, 67.0, 68.0, 70.0]
tension = st.integers(0, 4).flatmap(
    lambda i: st.floats(min_value=0, max_value=100).map(lambda x: round(x, 1)) if i == 0
    else st.sampled_from(NEAR))
process = st.one_of(
    st.tuples(st.just("value"), tension),
    st.tuples(st.just("wait"), st.sampled_from([0.3, 1.0, 2.5, 30.0])),
)
action = st.one_of(
    st.tuples(st.just("estop"), st.booleans()),
    st.tuples(st.just("state"), st.sampled_from([EXECUTE, ABORTED])),
    st.tuples(st.just("ack"), st.none()),
    st.tuples(st.just("reset"), st.none()),
    st.tuples(st.just("shelve"), st.sampled_from(["tension_h", "tension_ll", "estop"])),
    st.tuples(st.just("one_shot"), st.sampled_from(["tension_h", "tension_ll"])),
    st.tuples(st.just("unshelve"), st.sampled_from(["tension_h", "tension_ll"])),
    st.tuples(st.just("oos"), st.sampled_from(["tension_h", "tension_ll", "estop"])),
    st.tuples(st.just("rts"), st.sampled_from(["tension_h", "tension_ll", "estop"])),
)
# Three process steps to one operator step: values and time are what the rules are about
# (st.one_of flattens nested one_ofs into equal weights, hence the explicit draw).
step = st.integers(0, 3).flatmap(lambda i: action if i == 0 else process)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=4, max_size=50))
def test_random_sequences_keep_the_state_machine_legal(
    template: Path, steps: list[tuple[str, object]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(template, Path(folder) / PLANT_DB_FILE)
        db = open_plant_db(default_url(Path(folder)))
        try:
            run(db, steps)
        finally:
            db.close()


def run(db: object, steps: list[tuple[str, object]]) -> None:
    from hmi.plantdb import PlantDb
    assert isinstance(db, PlantDb)
    clock = FakeClock()
    security = build_security(db, clock=clock)
    commands = CommandService(PlcService(CONFIG, TagStore({})), security.policy,
                              security.audit)
    engine = AlarmEngine(CONFIG, AlarmJournal(db, security.audit), authorizer=commands,
                         clock=clock)
    refs = {a: Reference(*args) for a, args in REFERENCE.items()}
    engine.process([value("coater.state", EXECUTE, clock.now),
                    value("coater.estop", False, clock.now)])
    for kind, arg in steps:
        now = clock.now
        try:
            if kind == "value":
                assert isinstance(arg, float)
                for ref in refs.values():
                    ref.value(arg, now)
                engine.process([value(TENSION, arg, now)])
            elif kind == "wait":
                assert isinstance(arg, float)
                clock.advance(arg)
                engine.tick()
            elif kind == "estop":
                engine.process([value("coater.estop", arg, now)])
            elif kind == "state":
                engine.process([value("coater.state", arg, now)])
            elif kind == "ack":
                engine.acknowledge("lena", list(engine.alarm_ids))
            elif kind == "reset":
                engine.reset("lena", list(engine.alarm_ids))
            elif kind in ("shelve", "one_shot"):
                engine.shelve("lena", str(arg), reason="test", duration_s=20,
                              one_shot=kind == "one_shot")
            elif kind == "unshelve":
                engine.unshelve("lena", str(arg), reason="test")
            elif kind == "oos":
                engine.remove_from_service("max", str(arg), reason="test")
            elif kind == "rts":
                engine.return_to_service("max", str(arg), reason="test")
        except CommandRefused as exc:  # only refusals that say why are acceptable
            assert str(exc)
        for ref in refs.values():
            ref.settle(clock.now)
        check(engine, refs, clock)
    check_journal(AlarmJournal(db).rows())


def check(engine: AlarmEngine, refs: dict[str, Reference], clock: FakeClock) -> None:
    for alarm_id, ref in refs.items():
        assert engine.view(alarm_id).active is ref.active, alarm_id
    first_outs = [a for a in engine.alarm_ids if engine.view(a).first_out]
    assert len(first_outs) <= 1
    for alarm_id in engine.alarm_ids:
        view = engine.view(alarm_id)
        if view.shelving is not None:
            assert view.shelving.until > clock.now  # expired ones are gone after the step
        hidden = view.suppressed or view.out_of_service is not None
        assert view.annunciated == (view.state is not AlarmState.NORMAL and not hidden
                                    and view.shelving is None)
        if hidden:  # suppression starts only in NORMAL, and nothing raises a hidden alarm
            assert view.state is AlarmState.NORMAL
        if view.state is AlarmState.ACKED or (view.state is AlarmState.UNACK
                                              and not view.latched):
            assert view.active  # only a latched alarm is held Unack after it cleared
        if view.state in (AlarmState.RTN_UNACK, AlarmState.LATCHED):
            assert not view.active
    summary = engine.summary()
    assert all(v.annunciated for v in summary.active)
    assert [v.priority for v in summary.active] == sorted(v.priority for v in summary.active)


def check_journal(rows: list[JournalRow]) -> None:
    last: dict[str, AlarmState] = {}
    for row in rows:
        assert legal(row.event, row.before, row.after, row.hidden), row
        assert row.before is last.get(row.alarm_id, AlarmState.NORMAL), row
        last[row.alarm_id] = row.after
