"""The soak bench's stall watchdog names what blocked the watched thread."""

from __future__ import annotations

import io
import threading
import time

from tests.bench.soak_watchdog import StallWatch


def _read_the_plant_database_for_too_long(event: threading.Event) -> None:
    event.wait(1.5)  # a blocking call on the UI thread (a lock, a socket, a query)


def _beat_for(watch: StallWatch, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        watch.beat()
        time.sleep(0.02)


def test_the_longest_stall_is_measured_and_names_the_blocking_call() -> None:
    report = io.StringIO()
    watch = StallWatch(hang_s=1.0, sample_after_s=0.3, sample_s=0.05, report=report)
    watch.start()
    try:
        _beat_for(watch, 0.3)
        _read_the_plant_database_for_too_long(threading.Event())
        _beat_for(watch, 0.3)  # the stall is over: the watchdog judges it
    finally:
        watch.stop()
    figures = watch.figures()
    assert 1.4 <= watch.longest_s < 5.0, figures
    cause = "\n".join(watch.longest_cause)
    assert "in _read_the_plant_database_for_too_long: event.wait(1.5)" in cause, cause
    assert watch.hangs == 1 and watch.stalls_over_1s == 1, figures
    # Blocked, not busy: the thread hardly ran during its stall.
    on_cpu = figures["ui_stall_on_cpu_s"]
    assert isinstance(on_cpu, float) and on_cpu < 0.5, figures
    assert "silent for" in report.getvalue()  # a hang's stacks are written at once
    assert "_read_the_plant_database_for_too_long" in report.getvalue()


def test_a_thread_that_keeps_beating_has_no_stall() -> None:
    watch = StallWatch(hang_s=1.0, sample_after_s=0.3, sample_s=0.05)
    watch.start()
    try:
        _beat_for(watch, 0.6)
    finally:
        watch.stop()
    assert watch.longest_s == 0.0 and watch.longest_cause == () and watch.hangs == 0
