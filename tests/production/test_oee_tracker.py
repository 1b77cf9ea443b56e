"""OeeTracker on a real plant database, fed through a real TagStore with a scripted
clock: states and counts persisted, the reason prompt after the threshold, the audited
assignment, and the screen's queries."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLState as S
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.build import build_oee_tracker
from hmi.production.oee_store import counts, downtime_events, state_events
from hmi.production.oee_tracker import OeeTracker, ReasonError
from hmi.security import Security
from tests.security.conftest import FakeClock

CONFIG = load_line_config(DEMO_LINE)


class Line:
    """Scripted PLC values through a TagStore, on the test's clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.store = TagStore(CONFIG.expected_periods_s())

    def put(self, **values: float) -> None:
        self.store.update([TagValue(tag.replace("__", "."), value, Quality.GOOD,
                                    self.clock.now, self.clock.now)
                           for tag, value in values.items()])

    def lose(self, tag: str) -> None:
        self.store.mark([tag], Quality.COMM_LOST, "connection lost")


def tracker_for(line: Line, db: PlantDb, security: Security) -> OeeTracker:
    tracker = build_oee_tracker(CONFIG, line.store, db, security.audit, clock=line.clock)
    tracker.start(thread=False)
    return tracker


def test_tables_match_the_migration(db: PlantDb) -> None:
    inspector = inspect(db.engine)
    for table in (state_events, counts, downtime_events):
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys())
    assert db.has_applied("0006_production")


def test_a_long_stop_asks_for_a_reason_a_short_one_is_a_minor_stop(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    line = Line(clock)
    line.put(coater__state=S.EXECUTE, coater__reason_code=0, coater__roll_length_m=0.0)
    tracker = tracker_for(line, db, security)
    start = clock.now
    clock.advance(minutes=10)
    line.put(coater__roll_length_m=270.0)  # 27 m/min against an ideal 30
    line.put(coater__reason_code=202)
    line.put(coater__state=S.ABORTING)
    line.put(coater__state=S.ABORTED)
    clock.advance(seconds=119)
    assert tracker.pending_reasons() == []  # not yet past the 2 min threshold
    clock.advance(seconds=2)
    (pending,) = tracker.pending_reasons()
    assert pending.event.end is None and pending.event.plc_reason == 202
    assert pending.candidates[0].code == "web_break"  # PLC reason 202 names it
    assert pending.prefill is not None and pending.prefill.code == "web_break"
    tracker.add_hints("coater", ["alarm:coater_estop"])  # the first-out alarm says E-stop
    (pending,) = tracker.pending_reasons()
    assert pending.event.hints[0] == "alarm:coater_estop"
    assert pending.candidates[0].code == "estop"
    clock.advance(minutes=5)
    line.put(coater__reason_code=0, coater__state=S.EXECUTE)
    clock.advance(minutes=10)
    line.put(coater__roll_length_m=540.0)
    line.put(coater__state=S.SUSPENDED)  # 30 s: a minor stop
    clock.advance(seconds=30)
    line.put(coater__state=S.EXECUTE)
    clock.advance(minutes=5)
    end = clock.now

    f = tracker.factors("coater", start, end)
    down_s = 121 + 300.0
    assert f.downtime_s == pytest.approx(down_s, abs=0.01)
    assert f.minor_stops == 1 and f.minor_stop_s == pytest.approx(30, abs=0.01)
    assert f.availability == pytest.approx(1 - down_s / f.planned_s, abs=1e-6)
    assert f.total == 540.0 and f.quality == 1.0
    assert f.performance == pytest.approx(540 / 30 / (f.operating_s / 60), abs=1e-6)

    event = tracker.pending_reasons()[0].event
    assert event.end is not None
    with pytest.raises(ReasonError, match="no downtime reason"):
        tracker.assign_reason(event.id, "splice", "otto")
    with pytest.raises(ReasonError, match="does not apply to a coater"):
        tracker.assign_reason(event.id, "knife_change", "otto")
    assigned = tracker.assign_reason(event.id, "estop", "otto", note="guard door")
    assert assigned.reason_code == "estop" and assigned.assigned_by == "otto"
    assert tracker.pending_reasons() == []
    entry = security.audit.entries(action="assign_downtime_reason")[-1]
    assert (entry.username, entry.object_id, entry.sent_value) == ("otto", str(event.id),
                                                                    "estop")
    assert "E-stop (guard door)" in entry.reason
    (top,) = tracker.top_reasons(start, end)
    assert (top.code, top.count) == ("estop", 1)
    assert top.seconds == pytest.approx(down_s, abs=0.01)
    assert tracker.micro_stops(start, end)["coater"] == (1, pytest.approx(30, abs=0.01))
    steps = tracker.waterfall("coater", start, end)
    assert steps[1].label == "Equipment failure (unplanned stop)"
    assert steps[1].seconds == pytest.approx(down_s, abs=0.01)
    assert sum(s.seconds for s in steps[1:]) == pytest.approx(f.planned_s)
    tracker.stop()


def test_history_survives_a_restart_and_unknown_time_is_not_a_loss(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    line = Line(clock)
    line.put(filler__state=S.EXECUTE, filler__cells_filled=100)
    tracker = tracker_for(line, db, security)
    start = clock.now
    clock.advance(minutes=30)
    line.put(filler__cells_filled=550)  # 15 cells/min: the ideal rate
    line.lose("filler.state")
    clock.advance(minutes=30)  # the PLC unreachable: unknown, not downtime
    line.put(filler__state=S.EXECUTE)
    clock.advance(minutes=30)
    tracker.stop()  # the HMI stops: unknown from here
    clock.advance(minutes=30)
    again = tracker_for(line, db, security)
    f = again.factors("filler", start, clock.now)
    assert f.unknown_s == pytest.approx(60 * 60, abs=0.01)
    assert f.planned_s == pytest.approx(60 * 60, abs=0.01)
    assert f.availability == 1.0
    assert f.total == 450 and f.performance == pytest.approx(450 / 15 / 60, abs=1e-6)
    line_f = again.factors(None, start, clock.now)
    assert line_f.oee == pytest.approx(
        line_f.availability * line_f.performance * line_f.quality)  # type: ignore[operator]
    trend = again.shift_trend(3)
    assert [label.split()[0] for label, _ in trend] == ["late", "night", "early"]
    assert trend[-1][1].planned_s > 0
    again.stop()


def test_counts_of_a_welder_are_ok_plus_nok_and_counter_resets_count_from_zero(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    line = Line(clock)
    line.put(tab_welder__state=S.EXECUTE, tab_welder__welds_ok=10, tab_welder__welds_nok=1,
             coater__state=S.EXECUTE, coater__roll_length_m=2990.0)
    tracker = tracker_for(line, db, security)
    start = clock.now
    clock.advance(minutes=1)
    line.put(tab_welder__welds_ok=38, tab_welder__welds_nok=3, coater__roll_length_m=20.0)
    clock.advance(minutes=1)
    welder = tracker.factors("tab_welder", start, clock.now)
    assert (welder.total, welder.good) == (30, 28)
    assert welder.quality == pytest.approx(28 / 30)
    assert tracker.factors("coater", start, clock.now).total == 20.0  # new roll
    with pytest.raises(KeyError, match="no OEE for station 'dry_room'"):
        tracker.factors("dry_room", start, clock.now)
    tracker.stop()


def test_after_a_crash_the_gap_is_unknown_and_the_open_stop_is_closed(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    line = Line(clock)
    line.put(winder__state=S.EXECUTE)
    crashed = tracker_for(line, db, security)
    start = clock.now
    clock.advance(minutes=5)
    crashed.flush()  # the heartbeat: still Execute at 5 min
    line.put(winder__state=S.HELD)
    clock.advance(minutes=3)
    assert len(crashed.pending_reasons()) == 1  # an open downtime event
    clock.advance(seconds=70)
    crashed.flush()  # a heartbeat (60 s after the last), then the process dies: no stop()
    clock.advance(minutes=30)
    again = tracker_for(Line(clock), db, security)  # a fresh HMI, nothing received yet
    f = again.factors("winder", start, clock.now)
    assert f.planned_s == pytest.approx(8 * 60 + 70, abs=0.01)  # known up to the last record
    assert f.downtime_s == pytest.approx(3 * 60 + 70, abs=0.01)
    (event,) = again.db.stops(start, clock.now, station="winder")
    assert event.end is not None and (event.end - event.start).total_seconds() == pytest.approx(
        250, abs=0.01)
    again.stop()


def test_a_stop_under_way_at_the_period_start_is_judged_by_its_whole_length(
        db: PlantDb, security: Security, clock: FakeClock) -> None:
    line = Line(clock)
    line.put(winder__state=S.EXECUTE, slitter__state=S.EXECUTE)
    tracker = tracker_for(line, db, security)
    clock.advance(minutes=10)
    line.put(winder__state=S.HELD, slitter__state=S.SUSPENDED)
    clock.advance(seconds=60)
    period_start = clock.now
    clock.advance(seconds=30)
    line.put(slitter__state=S.EXECUTE)  # 90 s in all: a minor stop, 30 s of it inside
    clock.advance(seconds=150)
    line.put(winder__state=S.EXECUTE)  # 240 s in all: downtime, 180 s of it inside
    clock.advance(minutes=5)
    winder = tracker.factors("winder", period_start, clock.now)
    assert winder.downtime_s == pytest.approx(180, abs=0.01) and winder.minor_stop_s == 0
    slitter = tracker.factors("slitter", period_start, clock.now)
    assert slitter.minor_stop_s == pytest.approx(30, abs=0.01) and slitter.downtime_s == 0
    tracker.stop()
