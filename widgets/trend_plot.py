"""TrendPlot: a rolling multi-pen trend with real timestamps, gaps, limits, a cursor and
per-unit axes, fast enough for 16 pens x 1 hour at 10 Hz (see trend_pen for how).

Data in, through ``append`` (batches of arrays); the plot redraws on its own timer, so a
burst of appends costs one redraw.
"""

from __future__ import annotations

import math
import time
import weakref
from datetime import datetime

import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor, QPixmapCache, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from widgets.age_clock import Clock
from widgets.theme import Palette, TouchMetrics, metrics, on_palette_changed, palette
from widgets.touch_pan_zoom import TouchPanZoom
from widgets.trend_axes import UnitAxes, style_axis
from widgets.trend_limit import TrendGrid, tick_positions
from widgets.trend_pen import TrendPen
from widgets.trend_toolbar import WINDOWS_S, TrendToolbar

MIN_WINDOW_S = 60.0
MAX_WINDOW_S = 3600.0
JUMP_FRACTION = 0.02  # a following window moves by 2 % of its span at a time


class _SteadyHeight(QWidget):
    """Holds the plot at a height that does not follow every small change of the room it
    gets. A banner in the header (a PLC link lost and back) took and gave back a text
    line's height several times a minute on the UI benchmark, and each new plot height is
    a new y scale: every history tile drawn again, 20-30 ms of CPU per change. The plot
    keeps its height while it fits and wastes at most SLACK_PX; the rest stays blank."""

    SLACK_PX = 64

    def __init__(self, child: QWidget) -> None:
        super().__init__()
        self._child = child
        child.setParent(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.height()
        height = self._child.height()
        # Too tall: shrink to fit (the room may then grow back by SLACK_PX unnoticed);
        # far too short: take the room.
        if not room - self.SLACK_PX <= height <= room:
            height = room
        self._child.setGeometry(0, 0, self.width(), height)


class TrendPlot(QWidget):
    following_changed = Signal(bool)
    window_changed = Signal(float)
    cursor_moved = Signal(float)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        window_s: float = 600.0,
        capacity: int = 36_000,
        refresh_ms: int = 100,
        pen_width: float = 1.0,
        history_interval_s: float = 5.0,
        max_live_samples: int = 600,
        show_toolbar: bool = True,
        m: TouchMetrics | None = None,
        clock: Clock = time.time,
        max_window_s: float = MAX_WINDOW_S,
        windows: tuple[tuple[str, float], ...] = WINDOWS_S,
    ) -> None:
        """``capacity`` is samples per pen (1 h at 10 Hz by default); ``clock`` is what
        "now" means for a following window (injectable for tests). ``history_interval_s``
        and ``max_live_samples`` bound how long the cheap live segments grow before the
        long history curves are re-set (see ``refresh``). ``max_window_s`` and ``windows``
        (the toolbar's choices) go beyond the ring's hour when a historian fills the rest
        (see trend_history)."""
        super().__init__(parent)
        p = palette()
        self._m = m or metrics()
        self._clock = clock
        self._capacity = capacity
        self._pen_width = pen_width
        self._history_interval_s = history_interval_s
        self._max_live_samples = max_live_samples
        self._last_history_refresh = -math.inf
        self._pens: dict[str, TrendPen] = {}
        self._max_window_s = max_window_s
        self._window_s = self._clamp_window(window_s)
        self._following = True
        self._setting_range = False
        self._cursor_t: float | None = None

        self._plot_widget = pg.PlotWidget(
            background=p.plot_background, axisItems={"bottom": pg.DateAxisItem()}
        )
        self.plot_item: pg.PlotItem = self._plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()  # the "A" autoscale button is too small to touch
        self.view_box: pg.ViewBox = self.plot_item.getViewBox()
        # Opaque grid lines in a pale grey (a translucent grid is blended over the whole
        # plot area on every frame: 5 ms of a 7 ms empty frame here), drawn by a Qt item at
        # the axes' ticks rather than by the axes, whose Python paint every strip repaint
        # would call (see trend_limit).
        self._grid = TrendGrid(QColor(p.plot_grid))
        self.view_box.addItem(self._grid, ignoreBounds=True)
        self.view_box.sigYRangeChanged.connect(self._update_grid)
        self.view_box.setMouseEnabled(x=True, y=False)  # drag pans time; y scales itself
        self.view_box.sigXRangeChanged.connect(self._on_view_box_x_range_changed)
        self.view_box.sigRangeChangedManually.connect(self._on_view_box_range_changed_manually)
        self._axis_font = self.font()
        self._axis_font.setPixelSize(self._m.px(self._m.text_mm * 0.8, self))
        for name in ("left", "bottom", "right"):
            style_axis(self.plot_item.getAxis(name), self._axis_font)
        self._axes = UnitAxes(self.plot_item, self._axis_font)
        self.legend = self.plot_item.addLegend(
            offset=(10, 10), labelTextColor=p.text, labelTextSize=f"{self._axis_font.pixelSize()}px"
        )
        self.legend.setBrush(pg.mkBrush(QColor(p.panel)))
        self.legend.setZValue(1000)  # above limit lines and curves of every axis
        # Qt walks every item on each repaint, asking pyqtgraph's (Python) items for their
        # bounds: with this promise it skips the legend's 2 x pens entries when the strip
        # being repainted is clear of the legend (one call instead of 33 for 16 pens).
        self.legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, True)
        # A tap on a legend sample hides its history curve: the pen's other curves follow.
        self.legend.sigSampleClicked.connect(self._on_legend_sample_clicked)
        # The long curves are decimated for the range on screen: again when it changes.
        self.view_box.sigResized.connect(self._on_view_box_resized)

        self.cursor_line = pg.InfiniteLine(
            angle=90, movable=True, pen=pg.mkPen(p.text, width=2),
            hoverPen=pg.mkPen(p.text, width=4),
        )
        self.cursor_line.setVisible(False)
        self.view_box.addItem(self.cursor_line, ignoreBounds=True)
        self.cursor_line.sigPositionChanged.connect(self._on_cursor_position_changed)
        self._plot_widget.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)

        self._readout = QLabel()
        self._readout.setWordWrap(True)
        # Says what the plot cannot show (history unavailable); hidden when all is well.
        self._notice = QLabel()
        self._notice.setWordWrap(True)
        self._style_labels(p)
        self._notice.hide()
        self.toolbar = TrendToolbar(self, self._m, windows)
        self.toolbar.setVisible(show_toolbar)
        self.toolbar.window_chosen.connect(self.set_window_s)
        self.toolbar.following_toggled.connect(self.set_following)
        self.toolbar.cursor_toggled.connect(self._on_toolbar_cursor_toggled)
        self.toolbar.sync(self._window_s, self._following, False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._m.gap_px(self))
        layout.addWidget(self.toolbar)
        layout.addWidget(self._notice)
        self._plot_holder = _SteadyHeight(self._plot_widget)
        layout.addWidget(self._plot_holder, 1)
        layout.addWidget(self._readout)
        self._touch = TouchPanZoom(self._plot_widget)
        self._touch.pan_moved.connect(self._on_touch_pan_moved)
        self._touch.pinched.connect(self.pinch_zoom)
        self._touch.tapped.connect(self._place_cursor)

        # refresh_ms=0: no timer of its own; the owner calls refresh() on its own clock
        # (an HMI that samples and draws on one frame clock adds no timer-phase lag).
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        if refresh_ms > 0:
            self._timer.start()
        self._apply_window(force=True)
        self._follow_theme()

    # --- theme -----------------------------------------------------------------------------
    def _follow_theme(self) -> None:
        """Re-colour at every day/night switch. pyqtgraph and the Qt items keep the colours
        they were given, so the plot re-applies them; the listener holds the plot weakly
        and goes when the plot does."""
        ref = weakref.ref(self)

        def listener(new: Palette) -> None:
            plot = ref()
            if plot is not None:
                plot.apply_palette(new)

        self.destroyed.connect(on_palette_changed(listener))

    def apply_palette(self, p: Palette) -> None:
        """Background, grid, axes, legend, cursor, texts and every pen in ``p``'s colours
        (a pen given its own colour keeps it)."""
        self._plot_widget.setBackground(p.plot_background)
        self._grid.set_color(QColor(p.plot_grid))
        for name in ("left", "bottom", "right"):
            style_axis(self.plot_item.getAxis(name), self._axis_font)
        self._axes.restyle()  # the units' axes and their labels
        self.legend.setBrush(pg.mkBrush(QColor(p.panel)))
        self.legend.opts["labelTextColor"] = pg.mkColor(p.text)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=p.text)
        self.cursor_line.setPen(pg.mkPen(p.text, width=2))
        self.cursor_line.setHoverPen(pg.mkPen(p.text, width=4))
        self._style_labels(p)
        self.toolbar.restyle()
        for pen in self._pens.values():
            if pen.palette_index is not None:
                pen.set_color(p.pen_color(pen.palette_index))
            else:
                pen.set_color(pen.color)  # its own colour; its marks follow the theme
        for sample, _label in self.legend.items:
            sample.update()

    def _style_labels(self, p: Palette) -> None:
        self._readout.setStyleSheet(
            f"color: {p.text}; font-size: {self._m.text_px(self)}px; background: transparent;"
            f" padding: 0 {self._m.gap_px(self)}px;"
        )
        self._notice.setStyleSheet(
            f"color: {p.text}; background: {p.panel}; font-size: {self._m.text_px(self)}px;"
            f" padding: {self._m.gap_px(self) // 2}px; border: 2px solid {p.panel_border};"
        )

    # --- pens ------------------------------------------------------------------------------
    def add_pen(
        self,
        key: str,
        label: str,
        unit: str = "",
        color: QColor | str | None = None,
        max_gap_s: float | None = 5.0,
        decimals: int | None = None,
        width: float | None = None,
    ) -> None:
        """A new pen. The first unit seen uses the left axis; each other unit gets its own
        right-hand axis. ``max_gap_s``: silence longer than this is drawn as a gap (None: only
        bad samples make gaps, for feeds that send changes only and mark staleness themselves).
        ``decimals`` formats the cursor readout (default: 4 significant digits)."""
        if key in self._pens:
            raise ValueError(f"trend pen {key!r} exists already")
        qcolor = QColor(color) if color is not None else palette().pen_color(len(self._pens))
        pen = TrendPen(
            key, label, unit, qcolor, self._capacity, max_gap_s, self._axes.view(unit),
            width=self._pen_width if width is None else width, decimals=decimals,
        )
        pen.palette_index = len(self._pens) if color is None else None
        self._pens[key] = pen
        self.legend.addItem(pen.history, pen.title)
        self._cache_legend()
        pen.set_view(*self._curve_view())
        self._reserve_pixmap_cache()

    def remove_pen(self, key: str) -> None:
        """Take a pen off the trend (its unit's axis stays until the plot is rebuilt)."""
        pen = self.pen(key)
        pen.detach()
        self.legend.removeItem(pen.history)
        del self._pens[key]
        self._update_readout()

    def pen_keys(self) -> list[str]:
        return list(self._pens)

    def pen(self, key: str) -> TrendPen:
        try:
            return self._pens[key]
        except KeyError:
            raise KeyError(f"no trend pen {key!r}; pens are {sorted(self._pens)}") from None

    def append(
        self,
        key: str,
        timestamps: npt.ArrayLike,
        values: npt.ArrayLike,
        good_mask: npt.ArrayLike | None = None,
    ) -> None:
        """A batch for one pen: epoch seconds, values, and which samples are good (the rest
        are gaps). Drawn at the next refresh."""
        self.pen(key).append(timestamps, values, good_mask)

    def append_sample(self, key: str, t: float, value: float) -> None:
        """One sample for one pen (NaN: a gap), as ``append`` with one-element arrays."""
        self.pen(key).append_sample(t, value)

    def set_tip(self, key: str, t: float, value: float) -> None:
        """The newest value of a pen, drawn at the end of its live curve at the next refresh
        but not stored: a fixed-rate feed shows news between its samples."""
        self.pen(key).set_tip(t, value)

    def set_limits(self, key: str, low: float | None, high: float | None) -> None:
        """Dashed horizontal limit lines in the pen's colour and axis (None: no line)."""
        self.pen(key).set_limits(low, high, self._axis_font)
        self._fit_y(shrink=False)

    def clear(self) -> None:
        for pen in self._pens.values():
            pen.clear()

    # --- window and following --------------------------------------------------------------
    def _clamp_window(self, seconds: float) -> float:
        return min(self._max_window_s, max(MIN_WINDOW_S, float(seconds)))

    def window_s(self) -> float:
        return self._window_s

    def set_window_s(self, seconds: float) -> None:
        self._window_s = self._clamp_window(seconds)
        self.toolbar.sync(self._window_s, self._following, self.cursor_line.isVisible())
        self._apply_window(force=True)
        self.window_changed.emit(self._window_s)

    def is_following(self) -> bool:
        return self._following

    def set_following(self, following: bool) -> None:
        if following == self._following:
            return
        self._following = following
        self.toolbar.sync(self._window_s, following, self.cursor_line.isVisible())
        if following:
            self._apply_window(force=True)
        self.following_changed.emit(following)

    def show_range(self, x0: float, x1: float) -> None:
        """Show x0..x1 (epoch s) and stop following: a range picked to look at."""
        self.set_following(False)
        self._window_s = self._clamp_window(x1 - x0)
        self.toolbar.sync(self._window_s, self._following, self.cursor_line.isVisible())
        mid = (x0 + x1) / 2
        self._set_x_range(mid - self._window_s / 2, mid + self._window_s / 2)
        self._fit_y(shrink=True)
        self.window_changed.emit(self._window_s)

    def set_notice(self, text: str) -> None:
        """A line above the plot saying what it cannot show ("" hides it)."""
        self._notice.setText(text)
        self._notice.setVisible(bool(text))

    def notice_text(self) -> str:
        return self._notice.text() if self._notice.isVisibleTo(self) else ""

    def oldest_live_time(self) -> float | None:
        """The oldest sample any pen's ring still holds (None: no samples yet)."""
        firsts = [pen.ring.view()[0][0] for pen in self._pens.values() if len(pen.ring)]
        return float(min(firsts)) if firsts else None

    def fit_y(self) -> None:
        """Rescale y to what the window shows now (after new history arrived)."""
        self._fit_y(shrink=True)

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    def _apply_window(self, force: bool = False) -> bool:
        """Place the x range; while following, only when it moved a whole pixel (or force).
        Returns whether the range changed."""
        if self._following:
            now = self._clock()
            x0, x1 = self.x_range()
            width_px = self.view_box.width()
            s_per_px = self._window_s / width_px if width_px >= 2 else 0.0  # 0: not laid out
            span_ok = abs((x1 - x0) - self._window_s) <= s_per_px
            # Jump scrolling: the right edge runs up to JUMP_FRACTION of the window ahead of
            # now and the view moves in one jump when the newest sample reaches it. Each move
            # repaints the whole plot (grid, axes, every long curve); between moves only the
            # cheap live strips repaint. A 1-hour window jumps every 72 s, not every pixel.
            lead = max(s_per_px, JUMP_FRACTION * self._window_s)
            if not force and span_ok and now <= x1 <= now + lead + s_per_px:
                return False
            right = now + lead
            if s_per_px > 0:
                # On a grid of whole pixels in absolute time: a jump then moves everything by
                # whole pixels, and the history tiles' cached pixmaps are only moved, not
                # rendered again (see trend_tiles).
                right = math.floor(right / s_per_px) * s_per_px
            self._set_x_range(right - self._window_s, right)
        else:  # keep the centre, change the span
            x0, x1 = self.x_range()
            mid = (x0 + x1) / 2
            self._set_x_range(mid - self._window_s / 2, mid + self._window_s / 2)
        return True

    def _set_x_range(self, x0: float, x1: float) -> None:
        self._setting_range = True
        try:
            self.view_box.setXRange(x0, x1, padding=0)
        finally:
            self._setting_range = False

    def _on_view_box_range_changed_manually(self, _mask: object) -> None:
        # The operator dragged or zoomed: they are looking at something, stop scrolling it away.
        if not self._setting_range:
            self.set_following(False)

    # --- refresh ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw what changed, as cheaply as a moving 1-hour trend allows. Called by the
        timer; public for tests.

        What costs is repainting the whole plot area (grid, axes, 16 long curves), which a
        move of the window, a y rescale or a resize does. So a following window moves in
        jumps of JUMP_FRACTION of its span, on a grid of whole pixels (the history tiles'
        pixmaps then only move); the live segments repaint only their own strip; and the
        long curves take in the live samples (redrawing each pen's newest tile, a strip of
        its own) on a frame that does not jump, once the live segments hold half of
        ``max_live_samples`` and at most every ``history_interval_s`` - on a jump's frame
        only if they are full, so the two costs do not add up in one frame.
        """
        scrolled = self._apply_window() if self._following else False
        now = time.monotonic()
        pens = list(self._pens.values())
        longest = max((p.pending for p in pens), default=0)
        history_due = longest > self._max_live_samples or (
            not scrolled
            and longest > self._max_live_samples // 2
            and now - self._last_history_refresh >= self._history_interval_s
        )
        if history_due:
            for pen in pens:
                if pen.pending:
                    pen.refresh_history()
            self._last_history_refresh = now
            self._fit_y(shrink=True)
        else:
            for pen in pens:
                pen.refresh_live()
            self._axes.fit_live(self._pens.values())
        if self.cursor_line.isVisible():
            self._update_readout()

    def _on_timer_timeout(self) -> None:
        # A trend screen behind another screen keeps collecting (append) but draws nothing.
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- y scaling -------------------------------------------------------------------------
    def _fit_y(self, shrink: bool) -> None:
        x0, x1 = self.x_range()
        self._axes.fit(self._pens.values(), x0, x1, shrink)

    def _on_view_box_x_range_changed(self, *_args: object) -> None:
        self._update_curve_views()
        if not self._setting_range:  # a drag or zoom by the operator: fit what they look at
            self._fit_y(shrink=True)

    # --- curves ----------------------------------------------------------------------------
    def _curve_view(self) -> tuple[float, float, int]:
        x0, x1 = self.x_range()
        return x0, x1, int(self.view_box.width())

    def _cache_legend(self) -> None:
        """The legend (pyqtgraph paints it in Python: a box, a sample and a text per pen)
        kept as pixmaps: a full repaint blits it (3 ms of a 16-pen repaint otherwise)."""
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        self.legend.setCacheMode(cache)
        for sample, label in self.legend.items:
            sample.setCacheMode(cache)
            label.setCacheMode(cache)

    def _reserve_pixmap_cache(self) -> None:
        """Room in Qt's pixmap cache for every pen's history tiles at full plot height (the
        worst case), so none is evicted and rendered again on every repaint: the default
        10 MB held only half of 16 noisy pens' tiles and made each repaint slower than with
        no cache at all."""
        rect = self.view_box.boundingRect()
        area = max(rect.width(), 1.0) * max(rect.height(), 1.0)
        need_kb = int((len(self._pens) + 2) * area * 4 * 1.25 / 1024)  # ARGB32, tiles overhang
        if QPixmapCache.cacheLimit() < need_kb:
            QPixmapCache.setCacheLimit(need_kb)

    def _on_view_box_resized(self) -> None:
        self._reserve_pixmap_cache()
        self._update_curve_views()

    def _update_curve_views(self, *_args: object) -> None:
        view = self._curve_view()
        for pen in self._pens.values():
            pen.set_view(*view)
        self._update_grid()

    def _update_grid(self, *_args: object) -> None:
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        xs = tick_positions(self.plot_item.getAxis("bottom"), x0, x1, self.view_box.width())
        ys = tick_positions(self.plot_item.getAxis("left"), y0, y1, self.view_box.height())
        self._grid.set_lines(xs, ys, (x0, x1), (y0, y1))

    def _on_legend_sample_clicked(self, item: object) -> None:
        for pen in self._pens.values():
            if item is pen.history:
                pen.set_visible(pen.history.isVisible())

    # --- cursor ----------------------------------------------------------------------------
    def set_cursor(self, t: float | None) -> None:
        """Show the vertical cursor at t (epoch s), or hide it with None."""
        if t is None:
            self.cursor_line.setVisible(False)
            self._cursor_t = None
            self._readout.clear()
        else:
            self.cursor_line.setVisible(True)
            self.cursor_line.setValue(t)  # fires _on_cursor_position_changed
        self.toolbar.sync(self._window_s, self._following, self.cursor_line.isVisible())

    def cursor_time(self) -> float | None:
        return self._cursor_t

    def cursor_values(self, t: float) -> dict[str, float | None]:
        """Every pen's value at t; None where the pen has a gap or no data."""
        return {key: pen.value_at(t) for key, pen in self._pens.items()}

    def readout_text(self) -> str:
        return self._readout.text()

    def _on_cursor_position_changed(self, line: pg.InfiniteLine) -> None:
        self._cursor_t = float(line.value())
        self._update_readout()
        self.cursor_moved.emit(self._cursor_t)

    def _update_readout(self) -> None:
        if self._cursor_t is None:
            return
        t = self._cursor_t
        parts = [datetime.fromtimestamp(t).strftime("%H:%M:%S")]
        for key, value in self.cursor_values(t).items():
            pen = self._pens[key]
            parts.append(f"{pen.label} {pen.format(value)}")
        self._readout.setText("    ".join(parts))

    def _on_scene_mouse_clicked(self, event: object) -> None:
        self._place_cursor(event.scenePos())  # type: ignore[attr-defined]

    def _place_cursor(self, scene_pos: QPointF) -> None:
        # A click or tap on the plot puts the cursor there (touch has no hover to read by).
        if self.view_box.sceneBoundingRect().contains(scene_pos):
            self.set_cursor(float(self.view_box.mapSceneToView(scene_pos).x()))

    def _on_toolbar_cursor_toggled(self, shown: bool) -> None:
        if shown:
            x0, x1 = self.x_range()
            self.set_cursor(self._cursor_t if self._cursor_t else (x0 + x1) / 2)
        else:
            self.set_cursor(None)

    # --- units and axes --------------------------------------------------------------------
    def axis_for_unit(self, unit: str) -> pg.AxisItem:
        return self._axes.axis(unit)

    def units(self) -> list[str]:
        """Units in axis order: the first is the left axis, the others are on the right."""
        return self._axes.units()

    # --- touch ---------------------------------------------------------------------------
    def _on_touch_pan_moved(self, start: QPointF, end: QPointF) -> None:
        self.set_following(False)
        dx = self.view_box.mapSceneToView(end).x() - self.view_box.mapSceneToView(start).x()
        self.view_box.translateBy(x=-dx)

    def pinch_zoom(self, scale: float, scene_center: QPointF | None = None) -> None:
        """Zoom time by a pinch factor (>1 spreads the fingers: zoom in) and stop following."""
        if scale <= 0 or not math.isfinite(scale):
            return
        center = (
            self.view_box.mapSceneToView(scene_center) if scene_center is not None else None
        )
        self.set_following(False)
        self.view_box.scaleBy(x=1.0 / scale, y=None, center=center)
