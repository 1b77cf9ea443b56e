"""UserFormDialog: one touch form for every user-administration step (add, disable, set
role, reset password, badge + PIN), with the on-screen keyboard under it.

It checks only what it can see (a field left empty, two passwords that differ); the rules
(password policy, last administrator, duplicate names) are the user store's. The owner
connects ``submitted`` to a worker and then calls ``finish()`` or ``refuse(text)``; a
refusal keeps what was typed except the secrets. Modal, so built in the language of the
moment: the owner passes title, labels and intro already translated.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hmi.core.roles import Role
from hmi.ui.admin_widgets import StatusLine, big_button, field_label, touch_combo
from hmi.ui.i18n import SOURCE_LANGUAGE, translations
from hmi.ui.users_table import role_text
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

_PAIRS_PER_ROW = 3
_MIN_WIDTH_MM = 260.0  # a refusal fits on one line beside the buttons


class FieldKind(enum.Enum):
    TEXT = "text"
    SECRET = "secret"  # a password or PIN: shown as dots, cleared after a refusal
    ROLE = "role"


@dataclass(frozen=True, slots=True)
class FormField:
    key: str
    label: str  # as shown: in the language of the moment
    kind: FieldKind = FieldKind.TEXT
    value: str = ""
    required: bool = True
    same_as: str | None = None  # the key of the field this one repeats
    wide: bool = False  # a row of its own (a reason is a sentence)


class UserFormDialog(QDialog):
    submitted = Signal(dict)  # key -> text, once the form is complete

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        confirm: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        keyboard: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        m = metrics()
        gap = m.gap_px(self)
        self._fields = tuple(fields)
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.setMinimumWidth(m.px(_MIN_WIDTH_MM, self))
        box = QVBoxLayout(self)
        box.setSpacing(gap)
        box.setContentsMargins(gap * 2, gap, gap * 2, gap * 2)
        heading = QLabel(title)
        heading.setStyleSheet(f"font-size: {round(m.text_px(self) * 1.4)}px; font-weight: bold;")
        box.addWidget(heading)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            box.addWidget(note)
        box.addLayout(self._form(gap))
        self.keyboard: TouchKeyboard | None = None
        if keyboard and self.edits:
            self.keyboard = TouchKeyboard(self)
            self.keyboard.attach(*self.edits.values())
            box.addWidget(self.keyboard)
        row = QHBoxLayout()
        row.setSpacing(gap)
        self.cancel_button = big_button(self.tr("Cancel"), self, width_factor=2.6)
        self.cancel_button.clicked.connect(self.reject)
        self.message_line = StatusLine("", self)
        self.confirm_button = big_button(confirm, self, width_factor=3.2, bold=True)
        self.confirm_button.clicked.connect(self.submit)
        row.addWidget(self.cancel_button)
        row.addWidget(self.message_line, 1)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        first = next(iter(self.edits.values()), None)
        if first is not None:
            first.setFocus()

    def _form(self, gap: int) -> QGridLayout:
        """Three label-field pairs a row, a wide field alone: the keyboard below needs the
        height on a 800-pixel panel, the width is there."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(gap)
        grid.setVerticalSpacing(gap)
        last = 2 * (_PAIRS_PER_ROW - 1)  # the column of the last pair's label
        row, col = 0, 0
        for spec in self._fields:
            if spec.wide and col:
                row, col = row + 1, 0
            widget = self._field_widget(spec)
            grid.addWidget(field_label(spec.label, self), row, col)
            grid.addWidget(widget, row, col + 1, 1, last + 1 if spec.wide else 1)
            if spec.wide or col == last:
                row, col = row + 1, 0
            else:
                col += 2
        for pair in range(_PAIRS_PER_ROW):
            grid.setColumnStretch(2 * pair + 1, 1)
        return grid

    def _field_widget(self, spec: FormField) -> QWidget:
        if spec.kind is FieldKind.ROLE:
            combo = touch_combo(self, width_mm=45.0)
            for role in Role:  # the role's name in this language; its value is the data
                combo.addItem(role_text(role.value), role.value)
            combo.setCurrentIndex(max(0, combo.findData(spec.value)))
            self.combos[spec.key] = combo
            return combo
        edit = QLineEdit(spec.value, self)
        edit.setMinimumHeight(metrics().button_px(self))
        edit.setMinimumWidth(metrics().px(45.0, self))
        if spec.kind is FieldKind.SECRET:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edits[spec.key] = edit
        return edit

    def values(self) -> dict[str, str]:
        texts = {key: edit.text() for key, edit in self.edits.items()}
        texts.update({key: str(combo.currentData()) for key, combo in self.combos.items()})
        return texts

    def fill(self, **texts: str) -> None:
        """Type into the fields (what a user does with the keyboard; tests use it too)."""
        for key, text in texts.items():
            if key in self.combos:  # a role by its value (or by its name as shown)
                combo = self.combos[key]
                index = combo.findData(text)
                combo.setCurrentIndex(index if index >= 0 else combo.findText(text))
            else:
                self.edits[key].setText(text)

    def problem(self) -> str:
        """What is missing or mistyped before the request can go ("" when nothing)."""
        return self._check()[0]

    def _check(self) -> tuple[str, bool]:
        """(what is wrong, whether it is a repeat that differs)."""
        texts = self.values()
        for spec in self._fields:
            text = texts[spec.key]
            if spec.required and not text.strip():
                return self.tr("Enter the {0}.").format(_in_sentence(spec.label)), False
            if spec.same_as is not None and text != texts[spec.same_as]:
                return self.tr("The {0} differs: type both again.").format(
                    _in_sentence(spec.label)), True
        return "", False

    def submit(self) -> None:
        missing, differs = self._check()
        if missing:
            if differs:
                self._clear_secrets()
            self.message_line.show_refusal(missing)
            return
        self.set_busy(True)
        self.message_line.show_note(self.tr("Working…"))
        self.submitted.emit(self.values())

    def set_busy(self, busy: bool) -> None:
        """While the store works, a second touch must not send the request twice."""
        self.confirm_button.setEnabled(not busy)

    def refuse(self, message: str) -> None:
        """The store said no: say why, clear the secrets, stay open for a correction."""
        self.set_busy(False)
        self.message_line.show_refusal(message)
        self._clear_secrets()

    def finish(self) -> None:
        self.set_busy(False)
        self.accept()

    def _clear_secrets(self) -> None:
        secrets = [self.edits[s.key] for s in self._fields if s.kind is FieldKind.SECRET]
        for edit in secrets:
            edit.clear()
        if secrets:
            secrets[0].setFocus()


def _in_sentence(label: str) -> str:
    """A field's name inside a sentence: English lower-cases it ("Enter the reason."); German
    keeps its nouns capitalised, and Chinese has no case."""
    return label.lower() if translations().shown == SOURCE_LANGUAGE else label
