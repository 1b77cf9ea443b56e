"""One- and two-finger touch on a plot: drag pans, pinch zooms, a tap is a tap.

Qt only keeps sending a touch sequence to a widget that accepted its TouchBegin, and once
it is accepted Qt no longer turns the touch into mouse events. So pinching needs the whole
sequence handled here, panning and tapping included; mouse and wheel stay with pyqtgraph.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QTouchEvent
from PySide6.QtWidgets import QGraphicsView

from widgets.theme import mm_to_px


class TouchPanZoom(QObject):
    """Install on a QGraphicsView; positions in the signals are scene coordinates."""

    pan_moved = Signal(QPointF, QPointF)  # from, to
    pinched = Signal(float, QPointF)  # scale step (> 1: fingers spread), centre
    tapped = Signal(QPointF)

    def __init__(self, view: QGraphicsView, tap_slop_mm: float = 4.0) -> None:
        super().__init__(view)
        self._view = view
        self._slop_px = mm_to_px(tap_slop_mm, view)
        self._last: dict[int, QPointF] = {}
        self._start = QPointF()
        self._moved_far = False
        view.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(event, QTouchEvent) or kind not in (
            QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            return False
        now = {p.id(): p.position() for p in event.points()
               if p.state() != p.State.Released}
        if kind == QEvent.Type.TouchBegin:
            self._last, self._moved_far = {}, False
            self._start = next(iter(now.values()), QPointF())
        if len(now) >= 2:
            self._moved_far = True  # a pinch is never a tap
            self._pinch(now)
        elif len(now) == 1 and len(self._last) == 1 and now.keys() == self._last.keys():
            (key, pos), = now.items()
            if (pos - self._start).manhattanLength() > self._slop_px:
                self._moved_far = True
            if self._moved_far:
                self.pan_moved.emit(self._scene(self._last[key]), self._scene(pos))
        if kind == QEvent.Type.TouchEnd and not self._moved_far:
            self.tapped.emit(self._scene(self._start))
        self._last = {} if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) else now
        event.accept()
        return True

    def _pinch(self, now: dict[int, QPointF]) -> None:
        ids = [i for i in now if i in self._last][:2]
        if len(ids) < 2:
            return
        a0, b0 = self._last[ids[0]], self._last[ids[1]]
        a1, b1 = now[ids[0]], now[ids[1]]
        before = math.dist((a0.x(), a0.y()), (b0.x(), b0.y()))
        after = math.dist((a1.x(), a1.y()), (b1.x(), b1.y()))
        if before > 1.0 and after > 1.0:
            self.pinched.emit(after / before, self._scene((a1 + b1) / 2))

    def _scene(self, viewport_pos: QPointF) -> QPointF:
        return self._view.mapToScene(viewport_pos.toPoint())
