"""HistoryLayer: a TrendPlot's past, fetched off the UI thread for whatever is on screen.

The plot's rings hold the last hour at full rate; anything older (or from before the HMI
started) comes from a historian through ``fetch``, a plain callable so this package stays
free of the application: ``fetch(keys, start_s, end_s, pixels)`` returns per key the x and
y of a line (epoch seconds; NaN where the tag was not live: gaps are never bridged). It
runs on one worker thread, never on the UI thread; a newer view supersedes older answers.

Dragging back in time, picking a range or a longer window all end in a changed x range,
which (debounced) asks for the range on screen; the live curves draw over the newest part.
``set_compare(offset_s)`` overlays the same window ``offset_s`` earlier, shifted onto it.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from widgets.ring_buffer import FloatArray
from widgets.trend_plot import TrendPlot

Line = tuple[FloatArray, FloatArray]
HistoryFetch = Callable[[Sequence[str], float, float, int], Mapping[str, Line]]

DEBOUNCE_MS = 120  # a drag asks once it pauses, not for every pixel it moved
FOLLOW_REFRESH_MS = 30_000  # a following window older than the rings: newest history


class HistoryLayer(QObject):
    fetched = Signal(int, str, object)  # generation, "past" | "compare", lines or an error
    loaded = Signal()  # new history is on the plot (tests, status text)

    def __init__(self, plot: TrendPlot, fetch: HistoryFetch) -> None:
        super().__init__(plot)
        self._plot = plot
        self._fetch = fetch
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="ThreadPoolExecutor-history"
        )
        self._generation = 0
        self.compare_offset_s: float | None = None
        self.last_error = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.request)
        self._follow_timer = QTimer(self)
        self._follow_timer.setInterval(FOLLOW_REFRESH_MS)
        self._follow_timer.timeout.connect(self._on_follow_timer_timeout)
        self._follow_timer.start()
        plot.view_box.sigXRangeChanged.connect(self._on_view_box_x_range_changed)
        self.fetched.connect(self._on_fetched)
        self._closed = False

    def set_compare(self, offset_s: float | None) -> None:
        """Overlay the window offset_s earlier (None: no comparison)."""
        self.compare_offset_s = offset_s
        if offset_s is None:
            for key in self._plot.pen_keys():
                self._plot.pen(key).set_compare(None, None)
        self.request()

    def request(self) -> None:
        """Ask for the range on screen now (the debounce calls this)."""
        if self._closed:
            return
        x0, x1 = self._plot.x_range()
        keys = self._plot.pen_keys()
        pixels = max(int(self._plot.view_box.width()), 1)
        self._generation += 1
        oldest = self._plot.oldest_live_time()
        if keys and (oldest is None or x0 < oldest or self.compare_offset_s is not None):
            self._submit("past", keys, x0, x1, pixels, 0.0)
        offset = self.compare_offset_s
        if keys and offset is not None:
            self._submit("compare", keys, x0 - offset, x1 - offset, pixels, offset)

    def close(self) -> None:
        """Stop asking; waits for a fetch under way (a fetch is short)."""
        self._closed = True
        self._debounce.stop()
        self._follow_timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)

    # --- worker thread ---------------------------------------------------------------------
    def _submit(
        self, kind: str, keys: list[str], x0: float, x1: float, pixels: int, shift: float
    ) -> None:
        generation = self._generation
        self._executor.submit(self._run, generation, kind, keys, x0, x1, pixels, shift)

    def _run(
        self, generation: int, kind: str, keys: list[str], x0: float, x1: float, pixels: int,
        shift: float,
    ) -> None:
        try:
            lines = self._fetch(keys, x0, x1, pixels)
            result: object = {key: (np.asarray(x) + shift, np.asarray(y))
                              for key, (x, y) in lines.items()}
        except Exception as exc:  # shown on the plot; the worker must live on
            result = exc
        if not self._closed:
            self.fetched.emit(generation, kind, result)

    # --- UI thread -------------------------------------------------------------------------
    def _on_fetched(self, generation: int, kind: str, result: object) -> None:
        if generation != self._generation or self._closed:
            return  # the view moved on since this was asked
        if isinstance(result, Exception):
            self.last_error = f"history not available: {result}"
            self._plot.set_notice(self.last_error)
            return
        self.last_error = ""
        self._plot.set_notice("")
        assert isinstance(result, dict)
        for key, (x, y) in result.items():
            if key not in self._plot.pen_keys():
                continue
            pen = self._plot.pen(key)
            if kind == "past":
                pen.set_past(x, y)
            else:
                pen.set_compare(x, y)
        self._plot.fit_y()
        self.loaded.emit()

    def _on_view_box_x_range_changed(self, *_args: object) -> None:
        self._debounce.start()

    def _on_follow_timer_timeout(self) -> None:
        oldest = self._plot.oldest_live_time()
        x0, _x1 = self._plot.x_range()
        if self._plot.is_following() and oldest is not None and x0 < oldest:
            self.request()
