"""History on the trend screen, recorded from the twin over real sockets into a real file."""

from __future__ import annotations

import time

import numpy as np
import pytest

from hmi.app import LineRuntime
from hmi.core.tags import Quality
from hmi.ui.history_source import HistorySource
from hmi.ui.live_history import LiveHistory
from hmi.ui.trend_screen import POPUP_WINDOW_S, TrendScreen

TAG = "coater.web_tension_n"


def wait_for(predicate, timeout_s: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def recording(tmp_path):  # type: ignore[no-untyped-def]
    runtime = LineRuntime(data_dir=tmp_path, history=True)
    runtime.start()
    try:
        yield runtime
    finally:
        runtime.stop()


def test_the_trend_shows_a_gap_where_the_plc_was_away(qtbot, recording, tmp_path) -> None:  # type: ignore[no-untyped-def]
    runtime = recording
    store = runtime.store
    assert store is not None and runtime.historian is not None

    def quality() -> Quality | None:
        value = store.get(TAG)
        return value.quality if value is not None else None

    wait_for(lambda: quality() is Quality.GOOD, 20, "a live tension")
    time.sleep(1.5)
    runtime.inject_fault("comm_loss", duration_s=3.0)
    wait_for(lambda: quality() is Quality.COMM_LOST, 10, "the loss")
    lost_at = time.time()
    wait_for(lambda: quality() is Quality.GOOD, 20, "the link back")
    back_at = time.time()
    time.sleep(1.5)
    assert runtime.historian.flush(10)
    end = time.time()

    url = runtime.history_url()
    assert url is not None
    source = HistorySource(url)
    tags = [t.id for t in runtime.config.tags]  # type: ignore[union-attr]
    screen = TrendScreen(runtime.config, LiveHistory(tags, POPUP_WINDOW_S),  # type: ignore[arg-type]
                         source=source, export_dir=tmp_path / "exports")
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    group = next(g.id for g in runtime.config.trends if TAG in g.pens)  # type: ignore[union-attr]
    screen.show_group(group)
    plot, layer = screen.plots[group], screen.layers[group]
    with qtbot.waitSignal(layer.loaded, timeout=5000):
        plot.show_range(end - 60, end + 1)
    x, y = plot.pen(TAG).past_data()
    finite = np.isfinite(y)
    before = (x > lost_at - 4) & (x < lost_at - 1.5)
    during = (x > lost_at + 0.5) & (x < back_at - 1.0)
    after = (x > back_at + 0.5) & (x < end - 0.2)
    assert finite[before].any() and finite[after].any()
    assert not finite[during].any()  # nothing drawn while the PLC was away
    # ... and the line is broken there (NaN), never bridged from before to after.
    assert np.isnan(y[(x >= lost_at - 2) & (x <= back_at)]).any()

    png = screen.export(group)
    assert png is not None and png.exists() and png.stat().st_size > 1000
    with qtbot.waitSignal(screen.exported, timeout=5000) as said:
        pass
    csv_text = png.with_suffix(".csv").read_text(encoding="utf-8")
    assert TAG in csv_text and "COMM_LOST" in csv_text
    assert "samples in" in said.args[0]
    screen.close_history()
