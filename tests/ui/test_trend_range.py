"""The trend screen's range picker, compare chooser and a missing history file."""

from __future__ import annotations

import pytest

from hmi.config import LineConfig
from hmi.ui.history_source import HistorySource
from hmi.ui.live_history import LiveHistory
from hmi.ui.trend_screen import POPUP_WINDOW_S, TrendScreen


@pytest.fixture
def screen(qtbot, demo_config: LineConfig, tmp_path):  # type: ignore[no-untyped-def]
    source = HistorySource(f"sqlite:///{tmp_path / 'history.sqlite'}")  # nothing recorded
    made = TrendScreen(demo_config, LiveHistory([t.id for t in demo_config.tags], POPUP_WINDOW_S),
                       source=source, export_dir=tmp_path / "exports")
    qtbot.addWidget(made)
    made.resize(1400, 800)
    made.show()
    yield made
    made.close_history()


def test_the_range_picker_follows_the_last_day_or_shows_a_range(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    group = next(iter(screen.plots))
    plot = screen.plots[group]
    dialog = screen.pick_range(group)
    [last_day] = [b for b in dialog.findChildren(type(dialog.span_buttons[3600.0]))
                  if b.text() == "24 h" and b not in dialog.span_buttons.values()]
    last_day.click()
    assert plot.window_s() == 86400 and plot.is_following()

    dialog = screen.pick_range(group)
    now = dialog.end_s
    dialog.step_end(-86400)
    dialog.step_end(+3600)
    dialog.span_buttons[8 * 3600.0].click()
    dialog.step_end(+10 * 86400)  # never past now
    assert dialog.end_s == now
    dialog.step_end(-86400)
    [show] = [b for b in dialog.findChildren(type(last_day)) if b.text() == "Show this range"]
    show.click()
    x0, x1 = plot.x_range()
    assert not plot.is_following()
    assert x1 == pytest.approx(now - 86400, abs=1) and x1 - x0 == pytest.approx(8 * 3600, abs=1)


def test_compare_and_a_missing_history_file_are_said(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    group = next(iter(screen.plots))
    plot, layer = screen.plots[group], screen.layers[group]
    dialog = screen.pick_compare(group)
    dialog.buttons[86400.0].click()
    assert layer.compare_offset_s == 86400.0
    qtbot.waitUntil(lambda: plot.notice_text() != "", timeout=3000)
    assert "no history database" in plot.notice_text()
    screen.pick_compare(group).buttons[None].click()
    assert layer.compare_offset_s is None
