from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from hmi.core.tags import Quality
from widgets.quality import DisplayQuality, format_age, quality_caption
from widgets.theme import AlarmPriority, TouchMetrics, app_stylesheet, mm_to_px, screen_dpi


def test_mm_to_px_uses_the_given_dpi() -> None:
    assert mm_to_px(20, dpi=141) == 111  # 15.6" FHD: DOMAIN.md 6.2
    assert mm_to_px(20, dpi=102) == 80  # 21.5" FHD
    assert mm_to_px(25.4, dpi=96) == 96


def test_mm_to_px_from_the_screen_is_sane_offscreen(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    dpi = screen_dpi(widget)
    assert 40 <= dpi <= 600
    assert mm_to_px(15, widget) == round(15 * dpi / 25.4)
    assert mm_to_px(15) == mm_to_px(15, widget.screen())


def test_touch_metrics_sizes() -> None:
    touch, laptop = TouchMetrics.touch(dpi=141), TouchMetrics.laptop(dpi=141)
    assert touch.key_px() == 111 and touch.button_px() == 83 and touch.gap_px() == 17
    assert laptop.key_px() < touch.key_px() and laptop.button_px() < touch.button_px()
    qss = app_stylesheet(m=touch)
    assert "min-height: 83px" in qss


def test_priorities_have_distinct_colour_shape_and_text() -> None:
    prios = list(AlarmPriority)
    assert len({p.shape for p in prios}) == len(prios)
    assert len({p.color().name() for p in prios}) == len(prios)
    assert [p.label for p in prios] == ["P1", "P2", "P3", "P4"]


def test_display_quality_converts_from_the_app_by_value() -> None:
    for q in Quality:
        shown = DisplayQuality(q.value)
        assert shown.is_live == q.is_live


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (12.7, "12 s"), (65, "1 min 5 s"), (120, "2 min"), (3720, "1 h 2 min"),
     (90000, "1 d 1 h")],
)
def test_format_age(seconds: float, text: str) -> None:
    assert format_age(seconds) == text


def test_quality_captions() -> None:
    assert quality_caption(DisplayQuality.STALE, 12) == "stale 12 s"
    assert quality_caption(DisplayQuality.COMM_LOST, 65) == "lost 1 min 5 s"
    assert quality_caption(DisplayQuality.BAD, None, "BadSensorFailure") == "BAD: BadSensorFailure"
    assert quality_caption(DisplayQuality.GOOD, None) == ""


def test_void_qpainter_calls_do_not_leak_none_references(qapp) -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None per void call until the
    interpreter died (DESIGN.md facts). Our pin must keep this flat."""
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        painter.setPen(pen)
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 10, f"None refcount fell by {before - after}"
