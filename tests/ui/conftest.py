"""Fixtures for the HMI: a config-only window model, and a whole line on the twin."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmi.config import DEMO_LINE, LineConfig, load_line_config
from hmi.core.tags import Quality, Scalar, TagValue, utc_now


@pytest.fixture(scope="session")
def demo_config() -> LineConfig:
    return load_line_config(DEMO_LINE)


def tv(
    tag_id: str,
    value: Scalar,
    quality: Quality = Quality.GOOD,
    age_s: float = 0.0,
    status: str = "Good",
) -> TagValue:
    now = utc_now()
    return TagValue(tag_id, value, quality, now - timedelta(seconds=age_s), now, status)


@pytest.fixture
def running_line(qtbot):  # type: ignore[no-untyped-def]
    """The demo line on the embedded twin, the PLC service and the main window, for real."""
    from hmi.app import LineRuntime
    from hmi.ui.bridge import PlcBridge
    from hmi.ui.main_window import MainWindow

    runtime = LineRuntime()
    runtime.start()
    bridge = PlcBridge(runtime.store, runtime.service, runtime.io)  # type: ignore[arg-type]
    window = MainWindow(runtime.config, bridge)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    try:
        yield runtime, window
    finally:
        bridge.close()
        window.close()
        runtime.stop()
