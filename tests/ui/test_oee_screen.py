"""The OEE screen on a real OeeTracker and plant database, fed scripted PackML states
through a TagStore: factors per station, the waterfall, and the reason prompt, which
assigns a reason as the signed-in user and then goes away."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLState as S
from hmi.core.roles import Role
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.build import build_oee_tracker
from hmi.production.oee_tracker import OeeTracker
from hmi.security import Security
from hmi.ui.oee_screen import OeeScreen
from hmi.ui.security_gate import SecurityGate
from tests.security.conftest import PASSWORD, FakeClock, add
from tests.ui.production_shots import grab_sizes

CONFIG = load_line_config(DEMO_LINE)


def _put(store: TagStore, clock: FakeClock, **values: float) -> None:
    store.update([TagValue(t.replace("__", "."), v, Quality.GOOD, clock.now, clock.now)
                  for t, v in values.items()])


def tracker_after_a_long_stop(db: PlantDb, security: Security, clock: FakeClock) -> OeeTracker:
    """A started tracker on the coater: 5 minutes producing, then 5 stopped (a long stop
    that waits for its reason)."""
    store = TagStore(CONFIG.expected_periods_s())
    _put(store, clock, coater__state=S.EXECUTE, coater__reason_code=0)
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, clock=clock)
    tracker.start(thread=False)
    clock.advance(minutes=5)
    _put(store, clock, coater__state=S.STOPPED)
    clock.advance(minutes=5)
    return tracker


def test_a_long_stop_prompts_and_a_touch_assigns_the_reason(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock,
        tmp_path: Path) -> None:
    admin = security.users.create_first_administrator("admin", "Ada Admin",
                                                      "correct horse battery")
    add(security, admin, "olga", Role.OPERATOR)
    gate = SecurityGate(security, idle_lock_s=900)
    gate.session.login("olga", PASSWORD)
    store = TagStore(CONFIG.expected_periods_s())
    _put(store, clock, coater__state=S.EXECUTE, coater__reason_code=0,
         coater__roll_length_m=0.0, calender__state=S.EXECUTE)
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, clock=clock)
    tracker.start(thread=False)
    clock.advance(minutes=20)
    _put(store, clock, coater__roll_length_m=540.0)
    _put(store, clock, coater__reason_code=202, coater__state=S.ABORTED)  # a web break
    clock.advance(minutes=4)

    screen = OeeScreen(tracker, gate, clock=clock, refresh_ms=60_000)
    qtbot.addWidget(screen)
    counts: list[int] = []
    screen.reason_needed.connect(counts.append)
    with qtbot.waitSignal(screen.refreshed, timeout=5000):
        screen.refresh()
    snapshot = screen.snapshot
    assert snapshot is not None and counts == [1]
    coater = next(f for f in snapshot.stations if f.station == "coater")
    assert coater.availability is not None and 0.80 < coater.availability < 0.85  # 20 of 24
    line_row = screen.table.item(len(snapshot.stations), 0)
    assert line_row is not None and line_row.text() == "LINE"
    # The waterfall shows the station with the lowest OEE (the coater) until a row is touched.
    assert snapshot.focus == "coater" and screen.waterfall.title == "Losses: coater"
    bars = {label: end - start for label, start, end in screen.waterfall.bars()}
    assert bars["planned production time"] == pytest.approx(24 * 60, abs=0.1)
    assert bars["downtime, no reason yet"] == pytest.approx(4 * 60, abs=0.1)

    panel = screen.reason_panel
    assert panel.isVisibleTo(screen) and "coater Aborted" in panel.title.text()
    codes = list(panel.buttons)
    assert codes[0] == "web_break"  # the PLC's reason 202 names it: suggested, first
    assert panel.buttons["web_break"].text().startswith("★")
    assert "web break" in panel.hint.text().lower()
    assert panel.buttons["web_break"].minimumHeight() >= 40  # a gloved finger's target
    grab_sizes(screen, tmp_path, "oee_screen")

    with qtbot.waitSignal(screen.reason_needed, timeout=5000) as after:
        panel.buttons[codes[1]].click()  # the operator knows better than the hint
    assert after.args == [0]
    assert not panel.isVisibleTo(screen)
    event = next(e for e in tracker.db.stops(clock.now.replace(hour=0), clock.now)
                 if e.station == "coater")
    assert (event.reason_code, event.assigned_by) == (codes[1], "olga")
    entry = security.audit.entries(action="assign_downtime_reason")[-1]
    assert (entry.username, entry.sent_value) == ("olga", codes[1])
    screen.close()
    tracker.stop()


def test_signed_out_the_prompt_says_sign_in_and_assigns_nothing(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock) -> None:
    gate = SecurityGate(security, idle_lock_s=900)  # nobody signed in
    tracker = tracker_after_a_long_stop(db, security, clock)
    screen = OeeScreen(tracker, gate, clock=clock, refresh_ms=60_000)
    qtbot.addWidget(screen)
    said: list[str] = []
    screen.said.connect(said.append)
    with qtbot.waitSignal(screen.refreshed, timeout=5000):
        screen.refresh()
    button = next(iter(screen.reason_panel.buttons.values()))
    button.click()
    assert said and said[-1].startswith("✗") and "log in" in said[-1]
    assert len(tracker.pending_reasons()) == 1
    screen.close()
    tracker.stop()
