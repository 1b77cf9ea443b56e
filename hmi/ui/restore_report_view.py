"""Restore times per fault kind over a period (median, p90, worst): how fast control comes
back after each kind of fault (DESIGN.md question 3). The query runs on the owner's worker."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.restore import FaultKindTimes
from hmi.ui.alarm_table import selection_style
from hmi.ui.period_buttons import add_period_buttons, checked_period
from widgets.quality import format_age

PERIODS_S = {"24 h": 86_400.0, "7 d": 7 * 86_400.0, "30 d": 30 * 86_400.0,
             "90 d": 90 * 86_400.0}
COLUMNS = ("Fault kind", "Runs", "Median", "p90", "Worst", "Downtime booked to")


class RestoreReportView(QWidget):
    period_requested = Signal(float)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.back_button = QPushButton("◀ Procedures")
        self.back_button.clicked.connect(self.back_requested)
        row.addWidget(self.back_button)
        row.addWidget(QLabel("Fault to verified running, over"))
        self._group = add_period_buttons(row, self, PERIODS_S, "30 d",
                                         self.period_requested.emit)
        row.addStretch(1)
        box.addLayout(row)
        self.count_label = QLabel()
        box.addWidget(self.count_label)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setStyleSheet(selection_style())
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.table, 1)

    def period_s(self) -> float:
        return PERIODS_S[checked_period(self._group, "30 d")]  # the text is translated

    def show_times(self, times: Sequence[FaultKindTimes]) -> None:
        runs = sum(t.runs for t in times)
        self.count_label.setText(
            f"{runs} verified restore{'s' if runs != 1 else ''}, slowest fault kind first"
            if times else "No verified restore in the period.")
        self.table.setRowCount(len(times))
        for row, t in enumerate(times):
            cells = (t.fault_kind, str(t.runs), format_age(t.median_s), format_age(t.p90_s),
                     format_age(t.worst_s), ", ".join(t.downtime_reasons))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def texts(self, column: str) -> list[str]:
        index = COLUMNS.index(column)
        items = (self.table.item(r, index) for r in range(self.table.rowCount()))
        return [item.text() if item is not None else "" for item in items]
