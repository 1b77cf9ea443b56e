"""The alarm tables: one row per alarm, the priority drawn as its badge (shape + colour +
number, ISA-101), rows as tall as a touch target so a gloved finger selects one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hmi.alarms import AlarmState, AlarmView
from hmi.core.tags import Scalar
from hmi.ui.user_text_qt import show
from widgets.painting import draw_priority_badge
from widgets.theme import AlarmPriority, metrics, palette

COLUMNS = ("Pri", "Time", "Station / tag", "Message", "State", "Value")
PRIORITY, TIME, SOURCE, MESSAGE, STATE, VALUE = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole
PRIORITY_ROLE = Qt.ItemDataRole.UserRole + 1



def column_titles() -> list[str]:
    """The table's headings in the language now installed (COLUMNS is their English)."""
    return [QCoreApplication.translate("alarm_table", "Pri", "priority"),
            QCoreApplication.translate("alarm_table", "Time"),
            QCoreApplication.translate("alarm_table", "Station / tag"),
            QCoreApplication.translate("alarm_table", "Message"),
            QCoreApplication.translate("alarm_table", "State"),
            QCoreApplication.translate("alarm_table", "Value")]


def state_words() -> dict[AlarmState, str]:
    """ISA-18.2 states as the list says them, in the language now installed."""
    return {
        AlarmState.NORMAL: QCoreApplication.translate("alarm_table", "Normal"),
        AlarmState.UNACK: QCoreApplication.translate("alarm_table", "UNACK"),
        AlarmState.ACKED: QCoreApplication.translate("alarm_table", "Acked"),
        AlarmState.RTN_UNACK: QCoreApplication.translate("alarm_table", "Cleared, UNACK"),
        AlarmState.LATCHED: QCoreApplication.translate("alarm_table", "Latched: reset"),
    }


class PriorityDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        priority = index.data(PRIORITY_ROLE)
        if not isinstance(priority, int) or not 1 <= priority <= 4:
            return
        rect = QRectF(option.rect)
        side = min(rect.width(), rect.height()) * 0.8
        badge = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
        draw_priority_badge(painter, badge, AlarmPriority(priority))


def alarm_table(parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS), parent)
    table.setStyleSheet(selection_style())
    table.setHorizontalHeaderLabels(column_titles())
    table.verticalHeader().setVisible(False)
    row_px = metrics().button_px(table)
    table.verticalHeader().setDefaultSectionSize(row_px)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in (PRIORITY, TIME, VALUE):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    # The message reads best whole; tag and state give way (elided, the details say all).
    header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
    for column, mm in ((SOURCE, 30), (STATE, 28)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, metrics().px(mm, table))
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setColumnWidth(PRIORITY, row_px)
    table.setItemDelegateForColumn(PRIORITY, PriorityDelegate(table))
    return table


def selection_style() -> str:
    """A selected row in a darker grey: blue would read as a state (ISA-101)."""
    p = palette()
    return (f"QTableWidget {{ selection-background-color: {p.button_pressed}; "
            f"selection-color: {p.text}; gridline-color: {p.track}; }}")


def state_text(view: AlarmView) -> str:
    parts = [state_words()[view.state]]
    if view.first_out:
        parts.insert(0, QCoreApplication.translate("alarm_table", "1st OUT"))
    if view.shelving is not None:
        until = f"{view.shelving.until.astimezone():%H:%M}"
        if view.shelving.kind == "one_shot":
            parts.append(QCoreApplication.translate("alarm_table", "one-shot until {0}")
                         .format(until))
        else:
            parts.append(QCoreApplication.translate("alarm_table", "shelved until {0}")
                         .format(until))
    if view.suppressed:
        parts.append(QCoreApplication.translate("alarm_table", "suppressed"))
    if view.out_of_service is not None:
        parts.append(QCoreApplication.translate("alarm_table", "out of service ({0})")
                     .format(view.out_of_service.by))
    return ", ".join(parts)


def show_alarms(table: QTableWidget, views: Sequence[AlarmView], selected: str | None) -> None:
    """Fill the table; the alarm that was selected stays selected where it is still listed."""
    table.setUpdatesEnabled(False)
    titles = column_titles()  # another language since the last fill: new headings
    heading = table.horizontalHeaderItem(TIME)
    if heading is None or heading.text() != titles[TIME]:
        table.setHorizontalHeaderLabels(titles)
    table.setRowCount(len(views))
    for row, view in enumerate(views):
        since = view.since or view.changed_at
        cells = (
            "", "" if since is None else f"{since.astimezone():%H:%M:%S}",
            view.station if view.tag is None else view.tag,
            view.description, state_text(view), _value(view.value),
        )
        for column, text in enumerate(cells):
            item = table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                table.setItem(row, column, item)
            item.setText(text)
            item.setData(ID_ROLE, view.id)
            bold = view.unacked
            if item.font().bold() != bold:
                font = item.font()
                font.setBold(bold)
                item.setFont(font)
        badge = table.item(row, PRIORITY)
        assert badge is not None  # made above
        badge.setData(PRIORITY_ROLE, view.priority)
        badge.setToolTip(
            QCoreApplication.translate("alarm_table", "Priority {0}").format(view.priority))
        if view.id == selected:
            table.selectRow(row)
    if selected not in {v.id for v in views}:
        table.clearSelection()
    fit_columns(table)
    table.setUpdatesEnabled(True)


def fit_columns(table: QTableWidget) -> None:
    """Tag and state as wide as their text where the screen allows (a 1920 px console),
    each at most a fifth of the table on a 1024 px panel (elided; the details say all)."""
    most = max(metrics().px(25, table), table.viewport().width() // 5)
    for column in (SOURCE, STATE):
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(table.columnWidth(column), most))


def selected_id(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else str(item.data(ID_ROLE))


def visible_ids(table: QTableWidget) -> list[str]:
    """The alarms on the rows the operator can see now: what "acknowledge page" means."""
    if table.rowCount() == 0:
        return []
    first = max(0, table.rowAt(0))
    last = table.rowAt(table.viewport().height() - 1)
    if last < 0:
        last = table.rowCount() - 1
    items = (table.item(r, 0) for r in range(first, last + 1))
    return [str(item.data(ID_ROLE)) for item in items if item is not None]


def _value(value: Scalar) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return show(value) if isinstance(value, str) else str(value)  # an SPC rule line: said
