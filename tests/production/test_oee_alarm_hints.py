"""The reason prompt pre-filled from the real alarm engine's first-out alarm: a coater stop
that came with the web-break alarm offers "web break" first, even though the PLC's reason
code says E-stop."""

from __future__ import annotations

import time

from hmi.alarms import build_alarm_engine
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLState as S
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.production.alarm_hints import alarm_hints
from hmi.production.build import build_oee_tracker
from hmi.security import Security
from tests.security.conftest import FakeClock

CONFIG = load_line_config(DEMO_LINE)


def test_the_first_out_alarm_comes_first(db: PlantDb, security: Security,
                                         clock: FakeClock) -> None:
    store = TagStore(CONFIG.expected_periods_s())

    def put(**values: float) -> None:
        store.update([TagValue(t.replace("__", "."), v, Quality.GOOD, clock.now, clock.now)
                      for t, v in values.items()])

    put(coater__state=S.EXECUTE, coater__web_break=False, coater__estop=False,
        coater__reason_code=0)
    engine = build_alarm_engine(CONFIG, store, db, security.audit, clock=clock, tick_s=0.05)
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, clock=clock,
                                hint_source=alarm_hints(engine.summary))
    tracker.start(thread=False)
    try:
        clock.advance(minutes=1)
        put(coater__web_break=True)
        deadline = time.monotonic() + 5
        while not any(a.id == "coater_web_break" for a in engine.summary().active):
            assert time.monotonic() < deadline, "the web-break alarm never came"
            time.sleep(0.02)
        put(coater__reason_code=201, coater__state=S.ABORTED)  # the PLC blames the E-stop
        clock.advance(minutes=3)
        (pending,) = tracker.pending_reasons()
        assert pending.event.hints[:2] == ("alarm:coater_web_break",
                                           "procedure:coater_web_break")
        assert "plc:201" in pending.event.hints
        assert pending.candidates[0].code == "web_break"
        assert pending.prefill is not None and pending.prefill.code == "web_break"
    finally:
        engine.stop()
        tracker.stop()
