"""`lineside run` builds the panel while the PLC process spawns (issue 11: the GUI thread
waited ~1.8 s for it first): LineRuntime.start(wait_for_plc=False) returns with the PLC
service still starting, wait_for_plc() then returns once it runs and values flow."""

from __future__ import annotations

import time
from pathlib import Path

from hmi.app import LineRuntime


def test_start_returns_while_the_plc_process_spawns_and_wait_for_plc_waits(
        tmp_path: Path) -> None:
    runtime = LineRuntime(plc_process=True, data_dir=tmp_path)
    try:
        runtime.start(wait_for_plc=False)
        assert runtime.plc_starting  # a spawned interpreter takes far longer than this
        runtime.wait_for_plc()
        assert not runtime.plc_starting and runtime.service is not None
        assert runtime.service.pid is not None  # type: ignore[union-attr]
        runtime.wait_for_plc()  # twice: nothing more to wait for
        store = runtime.store
        assert store is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                v.quality.is_live for v in store.snapshot().values()):
            time.sleep(0.1)
        assert any(v.quality.is_live for v in store.snapshot().values())
    finally:
        runtime.stop()
