"""The changeover wizard's middle pages: the download (each parameter's target, rollback value,
read-back and phase, under the engine's state line) and the checklist (automatic items held
on live values, manual items confirmed with a note).

The pages show what the engine's record says; the screen (changeover_screen) runs the engine
and wires the buttons.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.ui.changeover_choose import text_entry
from hmi.ui.changeover_words import check_word, phase_word, state_word
from hmi.ui.user_text_qt import show
from recipes.changeover import ChangeoverRecord
from widgets.retranslating import Retranslating
from widgets.theme import metrics

PARAM_COLUMNS = ("Tag", "Target", "Before (rollback)", "Read back", "Phase", "Message")
MESSAGE = PARAM_COLUMNS.index("Message")


def param_columns() -> list[str]:
    """PARAM_COLUMNS in the language now installed."""
    return [QCoreApplication.translate("ChangeoverScreen", "Tag"),
            QCoreApplication.translate("ChangeoverScreen", "Target"),
            QCoreApplication.translate("ChangeoverScreen", "Before (rollback)"),
            QCoreApplication.translate("ChangeoverScreen", "Read back"),
            QCoreApplication.translate("ChangeoverScreen", "Phase"),
            QCoreApplication.translate("ChangeoverScreen", "Message")]


class StationOverName(QStyledItemDelegate):
    """A tag ("coater.web_tension_sp_n") that does not fit its cell is drawn on two lines,
    station over name, rather than shortened; the item's text stays the tag."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        text = option.text
        # (the cell's padding and the wrap's own margin: a few characters' worth)
        room = option.rect.width() - 4 * option.fontMetrics.averageCharWidth()
        if "." in text and option.fontMetrics.horizontalAdvance(text) > room:
            option.text = text.replace(".", ".\n", 1)


class ChangeoverDownloadPage(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # the wizard has its margins
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        box.addWidget(self.state_label)
        self.param_table = table = QTableWidget(0, len(PARAM_COLUMNS))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # ~500 px beside the step list on a 1024 px panel: the values keep their width, the
        # tag takes what is left (on two lines, station over name, when that is too little)
        # and a message wraps in its row; nothing scrolls sideways.
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(metrics().button_px(self))
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.setItemDelegateForColumn(0, StationOverName(table))
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.param_table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        # A header in words wraps before its bracket: "Before (rollback)" on two lines.
        self.param_table.setHorizontalHeaderLabels(
            [re.sub(r"\s*([(（])", r"\n\1", text, count=1) for text in param_columns()])

    def show_parameters(self, record: ChangeoverRecord) -> None:
        self.param_table.setRowCount(len(record.parameters))
        for row, p in enumerate(record.parameters):
            for col, cell in enumerate((p.tag, p.target, p.snapshot, p.read_back,
                                        phase_word(p.phase), show(p.message))):
                self.param_table.setItem(row, col,
                                         QTableWidgetItem("" if cell is None else str(cell)))
        # The message column only when a parameter has one (a refusal, a mismatch).
        self.param_table.setColumnHidden(MESSAGE, not any(p.message for p in record.parameters))

    def state_line(self, record: ChangeoverRecord) -> str:
        """The changeover state line: what, which lot, the state; and why it stopped. The
        reason is the engine's record, said in the panel's language when the journal kept its
        template (recipes.user_text.stored; an older row's English as it is)."""
        if record.failure:
            return self.tr("{0} v{1}, lot {2}: {3} — {4}").format(
                record.recipe_id, record.version, record.lot_id, state_word(record.state),
                show(record.failure))
        return self.tr("{0} v{1}, lot {2}: {3}").format(
            record.recipe_id, record.version, record.lot_id, state_word(record.state))


class ChangeoverChecklistPage(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # the wizard has its margins
        touch = metrics().button_px(self)
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)  # an item's live status is its line's end
        self.check_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.check_list.setMinimumHeight(touch * 2)
        self.check_list.setStyleSheet(f"QListWidget::item {{ min-height: {touch}px; }}")
        box.addWidget(self.check_list, 1)
        self.auto_button = QPushButton()
        self.auto_button.setMinimumHeight(touch)
        box.addWidget(self.auto_button)
        self.confirm_button = QPushButton()
        self.confirm_button.setMinimumHeight(touch)
        self.note_edit, self.note_label, self.keyboard_button, self.keyboard = text_entry(
            self, box, self.confirm_button, hides=[self.check_list, self.auto_button])
        self.retranslate()

    def retranslate(self) -> None:
        self.auto_button.setText(self.tr("Run the automatic checks"))
        self.confirm_button.setText(self.tr("Confirm the selected item"))
        self.note_label.setText(self.tr("Note"))
        self.keyboard_button.setText(self.tr("⌨ Keyboard"))

    def _kind_word(self, kind: str) -> str:
        """An item's kind in the panel's language (a kind the screen does not know, from a
        newer checklist file, is shown as written)."""
        words = {"auto": self.tr("auto"), "manual": self.tr("manual"), "spc": self.tr("SPC")}
        return words.get(kind, kind)

    def show_checks(self, record: ChangeoverRecord) -> None:
        row = self.check_list.currentRow()  # a live reload keeps the operator's choice
        self.check_list.clear()
        glyph = {"open": "○", "passed": "✓", "failed": "✗"}
        for check in record.checks:
            kind = self._kind_word(check.kind)
            status = check_word(check.status)
            line = (self.tr("{0} {1} ({2}, {3} by {4})").format(
                        glyph.get(check.status, "?"), show(check.text), kind, status, check.by)
                    if check.by else self.tr("{0} {1} ({2}, {3})").format(
                        glyph.get(check.status, "?"), show(check.text), kind, status))
            self.check_list.addItem(f"{line}: {show(check.note)}" if check.note else line)
        if 0 <= row < self.check_list.count():
            self.check_list.setCurrentRow(row)
