"""Touch pickers for the trend screen: which range to show, and what to compare it with.

Big buttons only (gloves, no hover): the last N, or a range of N ending at a time the
operator steps to with -1 d ... +1 d, never typed. Modal, so built in the language of the
moment (the header's language picker cannot be touched while one is open).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hmi.ui.period_buttons import period_text
from widgets.theme import metrics
from widgets.trend_toolbar import HISTORY_WINDOWS_S

END_STEPS_S: tuple[tuple[str, float], ...] = (
    (QT_TRANSLATE_NOOP("RangePickerDialog", "−1 d"), -86400.0),
    (QT_TRANSLATE_NOOP("RangePickerDialog", "−1 h"), -3600.0),
    (QT_TRANSLATE_NOOP("RangePickerDialog", "−10 min"), -600.0),
    (QT_TRANSLATE_NOOP("RangePickerDialog", "+10 min"), 600.0),
    (QT_TRANSLATE_NOOP("RangePickerDialog", "+1 h"), 3600.0),
    (QT_TRANSLATE_NOOP("RangePickerDialog", "+1 d"), 86400.0),
)
COMPARE_OFFSETS_S: tuple[tuple[str, float | None], ...] = (
    (QT_TRANSLATE_NOOP("CompareDialog", "1 hour earlier"), 3600.0),
    (QT_TRANSLATE_NOOP("CompareDialog", "1 day earlier"), 86400.0),
    (QT_TRANSLATE_NOOP("CompareDialog", "1 week earlier"), 7 * 86400.0),
    (QT_TRANSLATE_NOOP("CompareDialog", "No comparison"), None),
)


def _when(epoch_s: float) -> str:
    """A range end as the operator's language writes it (weekday and month names too)."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(round(epoch_s)), "ddd dd MMM HH:mm")


def _big_button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    m = metrics()
    button.setMinimumSize(round(m.button_px(parent) * 1.6), m.button_px(parent))
    return button


class RangePickerDialog(QDialog):
    last_chosen = Signal(float)  # follow the last N seconds
    range_chosen = Signal(float, float)  # show start..end (epoch s), paused

    def __init__(self, parent: QWidget | None = None, now_s: float | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trend range"))
        self._now_s = time.time() if now_s is None else now_s
        self.end_s = self._now_s
        self.span_s = 3600.0
        self._grids: list[QGridLayout] = []
        box = QVBoxLayout(self)
        windows = tuple((period_text(name), s) for name, s in HISTORY_WINDOWS_S)
        box.addWidget(QLabel(self.tr("Show the last")))
        self._row(box, windows, self._choose_last)
        box.addWidget(QLabel(self.tr("Or a range of")))
        self.span_buttons = self._row(box, windows, self._set_span, checkable=True)
        self.end_label = QLabel()
        self.end_label.setStyleSheet("font-weight: bold; font-size: 130%;")
        box.addWidget(self.end_label)
        steps = tuple((QCoreApplication.translate("RangePickerDialog", name), s)
                      for name, s in END_STEPS_S)
        self._row(box, steps, self.step_end)
        now = _big_button(self.tr("Now"), self)
        now.clicked.connect(lambda: self.step_end(self._now_s - self.end_s))
        self._grids[-1].addWidget(now, 0, len(END_STEPS_S))  # beside the steps
        actions = QGridLayout()
        box.addLayout(actions)
        show = _big_button(self.tr("Show this range"), self)
        show.clicked.connect(self._choose_range)
        cancel = _big_button(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        actions.addWidget(show, 0, 0)
        actions.addWidget(cancel, 0, 1)
        self._set_span(self.span_s)

    def _row(
        self,
        box: QVBoxLayout,
        choices: tuple[tuple[str, float], ...],
        chosen: Callable[[float], None],
        checkable: bool = False,
    ) -> dict[float, QPushButton]:
        """One row of big buttons, one per (label, seconds); a touch calls chosen(seconds)."""
        grid = QGridLayout()
        box.addLayout(grid)
        self._grids.append(grid)
        buttons: dict[float, QPushButton] = {}
        for i, (text, seconds) in enumerate(choices):
            button = _big_button(text, self)
            button.setCheckable(checkable)
            button.clicked.connect(lambda _=False, s=seconds: chosen(s))
            buttons[seconds] = button
            grid.addWidget(button, 0, i)
        return buttons

    def step_end(self, seconds: float) -> None:
        """Move the range's end; never past now (there is no history of the future)."""
        self.end_s = min(self._now_s, self.end_s + seconds)
        self._show_choice()

    def _set_span(self, seconds: float) -> None:
        self.span_s = seconds
        for value, button in self.span_buttons.items():
            button.setChecked(value == seconds)
        self._show_choice()

    def _show_choice(self) -> None:
        self.end_label.setText(self.tr("{0}  to  {1}", "a time range").format(
            _when(self.end_s - self.span_s), _when(self.end_s)))

    def _choose_last(self, seconds: float) -> None:
        self.last_chosen.emit(seconds)
        self.accept()

    def _choose_range(self) -> None:
        self.range_chosen.emit(self.end_s - self.span_s, self.end_s)
        self.accept()


class CompareDialog(QDialog):
    offset_chosen = Signal(object)  # seconds earlier, or None for no comparison

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with"))
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("Draw the same window, from")))
        self.buttons: dict[float | None, QPushButton] = {}
        for text, offset in COMPARE_OFFSETS_S:
            button = _big_button(QCoreApplication.translate("CompareDialog", text), self)
            button.clicked.connect(lambda _=False, o=offset: self._choose(o))
            self.buttons[offset] = button
            box.addWidget(button)

    def _choose(self, offset: float | None) -> None:
        self.offset_chosen.emit(offset)
        self.accept()
