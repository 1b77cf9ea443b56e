"""LiveHistory on a big line: rings only for tags shown; a demo line keeps every tag."""

from __future__ import annotations

import numpy as np

from hmi.config import LineConfig
from hmi.core.tags import Quality, TagValue
from hmi.ui.live_history import LiveHistory
from hmi.ui.trend_screen import POPUP_WINDOW_S


def _tv(tag_id: str, value: float) -> TagValue:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return TagValue(tag_id, value, Quality.GOOD, now, now)


def test_twenty_thousand_tags_none_trended_hold_little() -> None:
    ids = [f"s{n // 100}.t{n}" for n in range(20_160)]
    history = LiveHistory(ids, POPUP_WINDOW_S)
    assert not history.keeps_all
    # The rings of all tags were 20,160 x 3000 float32 = 242 MB; now the live column only.
    assert history.nbytes < 2_000_000, history.nbytes
    history.update({tag_id: _tv(tag_id, 1.0) for tag_id in ids[:500]})
    for second in range(50):
        column = history.sample(float(second))
        assert column.size == len(ids) and column[0] == 1.0  # the live column: every tag
    assert history.nbytes < 2_000_000
    assert history.series(ids[0])[0].size == 0  # never shown: nothing stored


def test_a_tag_shown_keeps_its_minutes_from_then_on() -> None:
    ids = [f"s.t{n}" for n in range(20_160)]
    history = LiveHistory(ids, window_s=10.0, store_hz=1.0, keep_all_bytes=1000)
    for second in range(5):
        history.update({"s.t7": _tv("s.t7", float(second))})
        history.sample(float(second))
    history.keep("s.t7", 4.5)  # shown now: its past is the historian's, not stored here
    for n in range(40):  # and more popups than the first rows: they grow, the first stays
        history.keep(f"s.t{100 + n}", 4.5)
    for second in range(5, 20):
        history.update({"s.t7": _tv("s.t7", float(second))})
        history.sample(float(second))
    times, values = history.series("s.t7")
    assert times.tolist() == [float(s) for s in range(10, 20)]  # the ring's 10 s window
    assert values.tolist() == times.tolist()
    assert history.series("s.t7", since_s=17.5)[1].tolist() == [18.0, 19.0]
    assert np.isnan(history.series("s.t100")[1]).all()  # kept, never live: gaps
    assert history.series("s.t8")[0].size == 0
    assert history.nbytes < 41 * 10 * 4 * 2 + 20_160 * 8 + 10_000


def test_a_demo_line_keeps_every_tag_from_the_start(demo_config: LineConfig) -> None:
    ids = [t.id for t in demo_config.tags]
    history = LiveHistory(ids, POPUP_WINDOW_S)
    assert history.keeps_all
    history.update({ids[0]: _tv(ids[0], 3.0)})
    history.sample(1.0)
    history.sample(2.0)
    assert history.series(ids[0])[1].tolist() == [3.0, 3.0]  # never kept explicitly
    # Same ring as before: one float32 row of 3000 per tag, nothing more.
    assert history.nbytes <= len(ids) * (3000 * 4 + 8 + 8 + 8) + 3000 * 8


def test_a_popup_keeps_its_tag_for_the_next_time(qtbot, demo_config: LineConfig) -> None:  # type: ignore[no-untyped-def]
    from hmi.ui.trend_screen import TagTrendDialog

    ids = [t.id for t in demo_config.tags]
    history = LiveHistory(ids, POPUP_WINDOW_S, keep_all_bytes=0)  # as on a big line
    tag = demo_config.tags[0]
    dialog = TagTrendDialog(tag, history, 100.0)
    qtbot.addWidget(dialog)
    assert history.kept(tag.id) and not history.kept(ids[1])
    for second in range(101, 104):
        history.update({tag.id: _tv(tag.id, float(second))})
        dialog.add_sample(float(second), history.sample(float(second)))
    dialog.close()
    again = TagTrendDialog(tag, history, 104.0)  # reopened: its last minutes are there
    qtbot.addWidget(again)
    assert history.series(tag.id, since_s=104.0 - POPUP_WINDOW_S)[1].tolist() == [
        101.0, 102.0, 103.0]
    again.close()
