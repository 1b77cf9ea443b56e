"""L4 trends: pen groups from the line config, and the 10-minute trend of any one value."""

from __future__ import annotations

import concurrent.futures
import time
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.config.schema import LineConfig, TagConfig
from hmi.ui import presenters
from hmi.ui.history_source import HistorySource
from hmi.ui.live_history import FloatArray, LiveHistory
from hmi.ui.trend_range import CompareDialog, RangePickerDialog
from widgets.theme import metrics
from widgets.trend_history import HistoryLayer
from widgets.trend_plot import JUMP_FRACTION, TrendPlot
from widgets.trend_toolbar import HISTORY_WINDOWS_S

SAMPLE_HZ = 10  # trends are sampled (see live_history): 10 Hz, 1 h = 36,000 points per pen
POPUP_WINDOW_S = 600.0
HISTORY_MAX_S = 30 * 86400.0  # the range picker's longest: a month of production
# The long curves take in the live segments once these hold half of this (54 s), on a frame
# that does not jump (a re-set redraws only each pen's newest history tile, see
# widgets/trend_tiles); the rest is room for a jump's frame to pass without one.
LIVE_SAMPLES = int(1.5 * SAMPLE_HZ * JUMP_FRACTION * 3600)


def add_tag_pen(plot: TrendPlot, tag: TagConfig) -> None:
    # Several stations share signal names (web tension): the legend names the station.
    station = tag.station.replace("_", " ").capitalize()
    plot.add_pen(
        tag.id,
        f"{station}: {tag.description or tag.signal}",
        tag.unit,
        decimals=presenters.decimals_for(tag),
        max_gap_s=2.0,
    )
    if tag.alarm is not None:
        plot.set_limits(tag.id, tag.alarm.l, tag.alarm.h)


class TrendScreen(QWidget):
    _export_done = Signal(str)  # emitted on the export worker, delivered queued

    """One plot per pen group, all fed continuously, so switching groups shows history.

    With a historian (``source``) each plot reaches back up to 30 days: drag into the past,
    pick a range, compare with an earlier window, export PNG and CSV to ``export_dir``."""

    exported = Signal(str)  # one line for the feedback strip: what was written where

    def __init__(
        self,
        config: LineConfig,
        history: LiveHistory,
        parent: QWidget | None = None,
        source: HistorySource | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._source = source
        self._export_dir = export_dir
        self.layers: dict[str, HistoryLayer] = {}
        self._actions: dict[str, list[QPushButton]] = {}  # Range, Compare, Export per group
        self._exports = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="ThreadPoolExecutor-export"
        )
        self._export_done.connect(self.exported)
        box = QVBoxLayout(self)
        gap = metrics().gap_px(self)
        box.setContentsMargins(gap, gap, gap, gap)
        groups = QHBoxLayout()
        box.addLayout(groups)
        self.stack = QStackedWidget()
        box.addWidget(self.stack, 1)
        self._choice = QButtonGroup(self)
        self.plots: dict[str, TrendPlot] = {}
        self._rows: dict[str, list[tuple[str, int]]] = {}
        for index, group in enumerate(config.trends):
            button = QPushButton(group.title)
            button.setCheckable(True)
            button.setChecked(index == 0)
            self._choice.addButton(button, index)
            groups.addWidget(button)
            if source is None:
                plot = TrendPlot(window_s=600.0, capacity=SAMPLE_HZ * 3600, refresh_ms=0,
                                 max_live_samples=LIVE_SAMPLES)
            else:
                plot = TrendPlot(window_s=600.0, capacity=SAMPLE_HZ * 3600, refresh_ms=0,
                                 max_live_samples=LIVE_SAMPLES, max_window_s=HISTORY_MAX_S,
                                 windows=HISTORY_WINDOWS_S)
            for pen in group.pens:
                add_tag_pen(plot, config.tag(pen))
            self.plots[group.id] = plot
            if source is not None:
                self._add_history(group.id, plot, source)
            self._rows[group.id] = [(pen, history.row(pen)) for pen in group.pens]
            self.stack.addWidget(plot)
        groups.addStretch(1)
        self._choice.idClicked.connect(self.stack.setCurrentIndex)

    # -- history ----------------------------------------------------------------------------
    def _add_history(self, group_id: str, plot: TrendPlot, source: HistorySource) -> None:
        self.layers[group_id] = HistoryLayer(plot, source.fetch)
        actions = [plot.toolbar.add_action("") for _ in range(3)]
        actions[0].clicked.connect(lambda: self.pick_range(group_id))
        actions[1].clicked.connect(lambda: self.pick_compare(group_id))
        actions[2].clicked.connect(lambda: self.export(group_id))
        self._actions[group_id] = actions
        self._retitle_actions(group_id)

    def _retitle_actions(self, group_id: str) -> None:
        toolbar = self.plots[group_id].toolbar
        for button, text in zip(self._actions[group_id],
                                (self.tr("Range…"), self.tr("Compare…"), self.tr("Export")),
                                strict=True):
            toolbar.set_action_text(button, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for group_id in self._actions:
                self._retitle_actions(group_id)
        super().changeEvent(event)

    def pick_range(self, group_id: str) -> RangePickerDialog:
        plot = self.plots[group_id]
        dialog = RangePickerDialog(self)
        dialog.last_chosen.connect(lambda s: (plot.set_following(True), plot.set_window_s(s)))
        dialog.range_chosen.connect(plot.show_range)
        dialog.open()
        return dialog

    def pick_compare(self, group_id: str) -> CompareDialog:
        dialog = CompareDialog(self)
        dialog.offset_chosen.connect(self.layers[group_id].set_compare)
        dialog.open()
        return dialog

    def export(self, group_id: str) -> Path | None:
        """The plot as PNG now; its range's samples as CSV on a worker thread (said through
        `exported` when written). Returns the PNG path."""
        if self._export_dir is None or self._source is None:
            return None
        plot = self.plots[group_id]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        png = self._export_dir / f"trend-{group_id}-{stamp}.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        if not plot.grab().save(str(png)):
            self.exported.emit(
                self.tr("Could not write {0}: check the folder is writable").format(png))
            return None
        x0, x1 = plot.x_range()
        x1 = min(x1, time.time())
        keys, source = plot.pen_keys(), self._source
        csv_path = png.with_suffix(".csv")
        saved = self.tr("Trend saved: {0} and {1} samples in {2}")  # in the language of now
        partly = self.tr("Trend saved: {0}; CSV not written: {1}")

        def write_csv() -> None:
            try:
                rows = source.export_csv(keys, x0, x1, csv_path)
                self._export_done.emit(saved.format(png, rows, csv_path))
            except Exception as exc:  # said in the strip; the screen goes on
                self._export_done.emit(partly.format(png, exc))

        self._exports.submit(write_csv)
        return png

    def close_history(self) -> None:
        for layer in self.layers.values():
            layer.close()
        self._exports.shutdown(wait=True)
        if self._source is not None:
            self._source.close()

    def show_group(self, group_id: str) -> None:
        self.stack.setCurrentWidget(self.plots[group_id])
        button = self._choice.button(list(self.plots).index(group_id))
        button.setChecked(True)

    def add_sample(self, now_s: float, column: FloatArray) -> None:
        """Every group collects; only the one on screen draws (it is the only one seen)."""
        for group_id, plot in self.plots.items():
            for pen, row in self._rows[group_id]:
                plot.append_sample(pen, now_s, float(column[row]))
        self._refresh_shown()

    def show_news(self, now_s: float, column: FloatArray) -> None:
        """Between samples: show the newest values as the tips of the group on screen."""
        shown = self.stack.currentWidget()
        if not (isinstance(shown, TrendPlot) and self.isVisible()):
            return
        group_id = next(g for g, plot in self.plots.items() if plot is shown)
        for pen, row in self._rows[group_id]:
            shown.set_tip(pen, now_s, float(column[row]))
        shown.refresh()

    def _refresh_shown(self) -> None:
        shown = self.stack.currentWidget()
        if isinstance(shown, TrendPlot) and self.isVisible():
            shown.refresh()


class TagTrendDialog(QDialog):
    """The last 10 minutes of one tag, live; opened by a long press or double click."""

    def __init__(
        self, tag: TagConfig, history: LiveHistory, now_s: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tag = tag
        self.setWindowTitle(self.tr("Trend: {0}").format(tag.description or tag.id))
        self.setModal(False)
        m = metrics()
        self.resize(m.px(220, self), m.px(130, self))
        box = QVBoxLayout(self)
        self.plot = TrendPlot(window_s=POPUP_WINDOW_S, capacity=int(POPUP_WINDOW_S * SAMPLE_HZ),
                              refresh_ms=0)
        add_tag_pen(self.plot, tag)
        box.addWidget(self.plot, 1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        box.addWidget(close)
        # Kept from now on: reopened, it shows its last minutes (on a big line a tag is
        # stored only once shown; its earlier past is the historian's).
        history.keep(tag.id, now_s)
        times, values = history.series(tag.id, since_s=now_s - POPUP_WINDOW_S)
        if times.size:
            self.plot.append(tag.id, times, values, np.isfinite(values))
        self._row = history.row(tag.id)

    def add_sample(self, now_s: float, column: FloatArray) -> None:
        value = column[self._row : self._row + 1]
        self.plot.append(self.tag.id, np.array([now_s]), value, np.isfinite(value))
        self.plot.refresh()
