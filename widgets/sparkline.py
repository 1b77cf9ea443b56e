"""Sparkline: the last minutes of one value, small enough to sit in a tile (ISA-101: trend,
not just a number). Bad samples are gaps; a line is never drawn across them."""

from __future__ import annotations

import math
import time

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.ring_buffer import RingBuffer, finite_runs
from widgets.theme import TouchMetrics, metrics, palette


class Sparkline(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        capacity: int = 300,
        window_s: float | None = 300.0,
        m: TouchMetrics | None = None,
    ) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self._ring = RingBuffer(capacity)
        self._window_s = window_s
        self._live = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._m.px(self._m.text_mm * 2.5, self))

    @property
    def ring(self) -> RingBuffer:
        return self._ring

    def append(self, t: float | None, value: float | None, good: bool = True) -> None:
        """One sample. Samples closer than window/capacity to the last kept one are dropped
        (so a 10 Hz feed still fills the whole window), except the first bad one: a gap must
        never be thinned away."""
        t = time.time() if t is None else t
        v = value if good and value is not None and math.isfinite(value) else math.nan
        ring = self._ring
        min_dt = 0.0 if self._window_s is None else self._window_s / ring.capacity
        if len(ring) and t - ring.last_time < min_dt:
            last_is_gap = math.isnan(float(ring.view(1)[1][0]))
            if not math.isnan(v) or last_is_gap:
                return
        ring.append(t, v)
        self.update()

    def extend(
        self, t: npt.ArrayLike, values: npt.ArrayLike, good: npt.ArrayLike | None = None
    ) -> None:
        v = np.asarray(values, dtype=np.float64)
        if good is not None:
            v = np.where(np.asarray(good, dtype=bool), v, np.nan)
        self._ring.extend(t, v)
        self.update()

    def set_live(self, live: bool) -> None:
        """A non-live line is drawn dashed and pale: it shows history, not the present."""
        self._live = live
        self.update()

    def visible(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        t, v = self._ring.view()
        if self._window_s is not None and t.size:
            start = int(np.searchsorted(t, t[-1] - self._window_s, side="left"))
            t, v = t[start:], v[start:]
        return t, v

    def sizeHint(self) -> QSize:
        return QSize(self._m.px(40, self), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        t, v = self.visible()
        runs = finite_runs(v)
        if not runs or t.size < 2:
            return
        p = palette()
        finite = v[np.isfinite(v)]
        lo, hi = float(finite.min()), float(finite.max())
        if hi - lo < 1e-12:
            lo, hi = lo - 1.0, hi + 1.0
        t0, t1 = float(t[0]), float(t[-1]) if t[-1] > t[0] else float(t[0]) + 1.0
        pad = 2.0
        w, h = self.width() - 2 * pad, self.height() - 2 * pad
        xs = pad + (t - t0) / (t1 - t0) * w
        ys = pad + (1.0 - (v - lo) / (hi - lo)) * h
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(p.process if self._live else p.old_text), 2.0)
        if not self._live:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for start, stop in runs:
            if stop - start == 1:  # a lone sample between gaps is still data: draw a dot
                painter.drawPoint(QPointF(xs[start], ys[start]))
                continue
            painter.drawPolyline(QPolygonF([
                QPointF(x, y) for x, y in zip(xs[start:stop], ys[start:stop], strict=True)
            ]))
        painter.end()
