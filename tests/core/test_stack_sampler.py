"""The developer's stack sampler (hmi/diag/sampler.py) names where a thread spends time."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from hmi.diag.sampler import StackSampler


def _busy_until(stop: threading.Event) -> None:
    while not stop.is_set():
        sum(range(2000))


def test_sampler_reports_the_busy_function_of_a_named_thread(tmp_path: Path) -> None:
    out = tmp_path / "samples.txt"
    stop = threading.Event()
    worker = threading.Thread(target=_busy_until, args=(stop,), name="busy-worker")
    sampler = StackSampler(out, interval_s=0.005)
    sampler.start()
    worker.start()
    try:
        time.sleep(0.4)
    finally:
        stop.set()
        worker.join()
        sampler.stop()
    report = out.read_text()
    section = report.split("== thread busy-worker:", 1)[1].split("== thread", 1)[0]
    inclusive = section.split("-- inclusive", 1)[1]
    assert "_busy_until" in inclusive
    assert "stack-sampler" not in report  # it does not sample itself
