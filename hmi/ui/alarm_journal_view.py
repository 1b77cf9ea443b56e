"""The alarm journal viewer: every state change of every alarm, filtered by period,
priority, station, console and text (who acknowledged what, when, and why it was shelved).

The query runs on the owner's worker; this widget only builds the filter and shows rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.alarms import AlarmJournal, JournalRow
from hmi.core.tags import utc_now
from hmi.ui.user_text_qt import show
from widgets.retranslating import Retranslating
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

PERIODS_S = {"1 h": 3600.0, "8 h": 8 * 3600.0, "24 h": 86_400.0, "7 d": 7 * 86_400.0,
             "30 d": 30 * 86_400.0}
COLUMNS = ("Time", "Pri", "Alarm", "Station", "Event", "State", "Value", "User", "Reason")
ALL = "All"  # the choice's id; the button and lists say it in the language installed


def column_titles() -> list[str]:
    """COLUMNS in the language now installed."""
    return [QCoreApplication.translate("AlarmJournalView", "Time"),
            QCoreApplication.translate("AlarmJournalView", "Pri", "priority"),
            QCoreApplication.translate("AlarmJournalView", "Alarm"),
            QCoreApplication.translate("AlarmJournalView", "Station"),
            QCoreApplication.translate("AlarmJournalView", "Event"),
            QCoreApplication.translate("AlarmJournalView", "State"),
            QCoreApplication.translate("AlarmJournalView", "Value"),
            QCoreApplication.translate("AlarmJournalView", "User"),
            QCoreApplication.translate("AlarmJournalView", "Reason")]
MAX_ROWS = 5000  # a screen of rows an operator can scroll; the CLI exports the rest


@dataclass(frozen=True, slots=True)
class JournalFilter:
    period_s: float
    priority: int | None = None
    station: str | None = None
    console: str | None = None
    text: str = ""

    def rows(self, journal: AlarmJournal, stations: Mapping[str, str],
             now: datetime | None = None) -> list[JournalRow]:
        """The journal's rows in the period that pass the filter, newest first."""
        now = now or utc_now()
        rows = journal.rows(now - timedelta(seconds=self.period_s), console=self.console)
        needle = self.text.strip().lower()
        kept = [r for r in rows
                if (self.priority is None or r.priority == self.priority)
                and (self.station is None or stations.get(r.alarm_id) == self.station)
                and (not needle or needle in _haystack(r))]
        kept.reverse()
        return kept[:MAX_ROWS]


class AlarmJournalView(Retranslating, QWidget):
    search_requested = Signal(object)  # JournalFilter

    def __init__(self, stations: Sequence[str], consoles: Sequence[str],
                 station_of: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._station_of = station_of
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        # Three short rows, not one long one: a 1024 px panel less the navigation column.
        self.filter_rows = [QWidget(), QWidget()]
        periods = QHBoxLayout(self.filter_rows[0])
        periods.setContentsMargins(0, 0, 0, 0)
        self._period_label, self._priority_label = QLabel(), QLabel()
        self._station_label, self._console_label = QLabel(), QLabel()
        self._shown = 0  # rows in the table (the count line is re-said in another language)
        periods.addWidget(self._period_label)
        self.period_buttons = _choice_row(periods, list(PERIODS_S), "8 h", self)
        periods.addStretch(1)
        priorities = QHBoxLayout(self.filter_rows[1])
        priorities.setContentsMargins(0, 0, 0, 0)
        priorities.addWidget(self._priority_label)
        self.priority_buttons = _choice_row(priorities, [ALL, "P1", "P2", "P3", "P4"], ALL,
                                            self)
        priorities.addSpacing(metrics().gap_px(self))
        self.station_combo = QComboBox()
        self.station_combo.addItem(ALL, None)
        for station in stations:
            self.station_combo.addItem(station, station)
        priorities.addWidget(self._station_label)
        priorities.addWidget(self.station_combo)
        priorities.addStretch(1)
        for row in self.filter_rows:
            box.addWidget(row)
        third = QHBoxLayout()
        self.console_combo = QComboBox()
        self.console_combo.addItem(ALL, None)
        for console in consoles:
            self.console_combo.addItem(console, console)
        self.text_edit = QLineEdit()
        self.keyboard_button = QPushButton()
        self.keyboard_button.setCheckable(True)
        self.search_button = QPushButton()
        third.addWidget(self._console_label)
        third.addWidget(self.console_combo)
        third.addWidget(self.text_edit, 1)
        third.addWidget(self.keyboard_button)
        third.addWidget(self.search_button)
        box.addLayout(third)
        self.keyboard = TouchKeyboard(self)
        self.keyboard.attach(self.text_edit)
        self.keyboard.hide()
        self.keyboard_button.toggled.connect(self._on_keyboard_button_toggled)
        box.addWidget(self.keyboard)
        self.count_label = QLabel()
        box.addWidget(self.count_label)
        self.table = QTableWidget(0, len(COLUMNS))

        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(round(metrics().button_px(self) * 0.7))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        box.addWidget(self.table, 1)
        self.search_button.clicked.connect(self.search)
        for group in (self.period_buttons, self.priority_buttons):
            group.buttonClicked.connect(lambda _b: self.search())
        self.station_combo.currentIndexChanged.connect(lambda _i: self.search())
        self.console_combo.currentIndexChanged.connect(lambda _i: self.search())
        self.retranslate()

    def retranslate(self) -> None:
        self._period_label.setText(self.tr("Period"))
        self._priority_label.setText(self.tr("Priority"))
        self._station_label.setText(self.tr("Station"))
        self._console_label.setText(self.tr("Console"))
        all_text = self.tr("All")
        for combo in (self.station_combo, self.console_combo):
            combo.setItemText(0, all_text)
        for button in self.priority_buttons.buttons():
            if button.property("choice") == ALL:
                button.setText(all_text)
        self.text_edit.setPlaceholderText(self.tr("text in alarm, user or reason"))
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.search_button.setText(self.tr("Show"))
        self.table.setHorizontalHeaderLabels(column_titles())
        self._show_count()

    def _show_count(self) -> None:
        count = self.tr("%n journal entries, newest first", "", self._shown)
        if self._shown >= MAX_ROWS:
            count += " " + self.tr("(the first {0})").format(MAX_ROWS)
        self.count_label.setText(count)

    def _on_keyboard_button_toggled(self, typing: bool) -> None:
        # While typing the keyboard takes the place of the other filters and the rows.
        self.keyboard.setVisible(typing)
        for widget in (*self.filter_rows, self.count_label, self.table):
            widget.setVisible(not typing)

    def current_filter(self) -> JournalFilter:
        period = _checked(self.period_buttons, "8 h")
        priority = _checked(self.priority_buttons, ALL)
        return JournalFilter(
            PERIODS_S[period], None if priority == ALL else int(priority[1:]),
            self.station_combo.currentData(), self.console_combo.currentData(),
            self.text_edit.text())

    def search(self) -> None:
        self.keyboard_button.setChecked(False)
        self.search_requested.emit(self.current_filter())

    def show_rows(self, rows: Sequence[JournalRow]) -> None:
        self._shown = len(rows)
        self._show_count()
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            change = (str(row.after) if row.before == row.after
                      else f"{row.before} → {row.after}")
            cells = (f"{row.at.astimezone():%Y-%m-%d %H:%M:%S}", f"P{row.priority}",
                     row.alarm_id, self._station_of.get(row.alarm_id, ""), str(row.event),
                     change, "—" if row.value is None else show(row.value),
                     row.username or self.tr("(engine)"), show(row.reason))
            for column, text in enumerate(cells):
                table.setItem(index, column, QTableWidgetItem(text))
        table.setUpdatesEnabled(True)

    def texts(self, column: str) -> list[str]:
        """A column's texts top to bottom (what the operator reads)."""
        index = COLUMNS.index(column)
        items = (self.table.item(r, index) for r in range(self.table.rowCount()))
        return [item.text() if item is not None else "" for item in items]


def _choice_row(box: QHBoxLayout, names: Sequence[str], checked: str,
                owner: QWidget) -> QButtonGroup:
    group = QButtonGroup(owner)
    for name in names:
        button = QPushButton(name)
        button.setProperty("choice", name)  # what it means, whatever language it says it in
        button.setCheckable(True)
        button.setChecked(name == checked)
        group.addButton(button)
        box.addWidget(button)
    return group


def _checked(group: QButtonGroup, default: str) -> str:
    button = group.checkedButton()
    return default if button is None else str(button.property("choice"))


def _haystack(row: JournalRow) -> str:
    return " ".join((row.alarm_id, str(row.event), row.username, row.reason,
                     row.shelving.reason if row.shelving else "")).lower()

