"""The page where an operator says why (and, to shelve, for how long) before an alarm
action: a full page with the touch keyboard, never a small dialog a glove misses."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.retranslating import Retranslating
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

# Shelving times offered (s); the alarm's own maximum closes the list (DOMAIN.md 3.1 rule 1).
SHELVE_CHOICES_S = (15 * 60.0, 3600.0, 4 * 3600.0, 8 * 3600.0)


def duration_text(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:g} min"
    return f"{seconds / 3600:g} h"


class ReasonPanel(Retranslating, QWidget):
    confirmed = Signal(str, object, bool)  # reason, duration_s (None: not a shelve), one-shot
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        m = metrics()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # every pixel of a 600 px panel is needed here
        box.setSpacing(max(2, m.gap_px(self) // 2))
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        # The question beside its answer: one row fewer above the keyboard.
        self.title.setMaximumWidth(m.px(70, self))
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        self.reason_edit = QLineEdit()

        row.addWidget(self.reason_edit, 1)
        self.confirm_button = QPushButton()
        self.cancel_button = QPushButton()
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.cancel_button.clicked.connect(self.cancelled)
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        box.addLayout(row)
        # The shelving times stand beside the keyboard, not under it: a 600 px panel has
        # no room for both rows and the keyboard's five.
        under = QHBoxLayout()
        self.keyboard = TouchKeyboard(self)
        self.keyboard.attach(self.reason_edit)
        under.addWidget(self.keyboard, 1)
        self.durations = QWidget()
        durations = QVBoxLayout(self.durations)
        durations.setContentsMargins(0, 0, 0, 0)
        durations.setSpacing(max(2, m.gap_px(self) // 2))
        self._group = QButtonGroup(self)
        self.duration_buttons: dict[float, QPushButton] = {}
        for seconds in SHELVE_CHOICES_S:
            button = QPushButton(duration_text(seconds))
            button.setCheckable(True)
            self._group.addButton(button)
            self.duration_buttons[seconds] = button
            durations.addWidget(button)
        self.one_shot_button = QPushButton()
        self.one_shot_button.setCheckable(True)
        durations.addWidget(self.one_shot_button)
        durations.addStretch(1)
        under.addWidget(self.durations)
        box.addLayout(under)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """The panel's own words (the question and its button come with ask())."""
        self.reason_edit.setPlaceholderText(self.tr("reason (journal and audit trail)"))
        self.confirm_button.setText(self.tr("Confirm"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.one_shot_button.setText(self.tr("One-shot"))
        self.one_shot_button.setToolTip(self.tr("Also ends when the alarm next clears"))

    def ask(self, title: str, confirm: str, shelve_max_s: float | None = None,
            choices: Sequence[float] = SHELVE_CHOICES_S) -> None:
        """Ask for a reason; with `shelve_max_s` also for a shelving time up to that."""
        self.title.setText(title)
        self.confirm_button.setText(confirm)
        self.reason_edit.clear()
        self.one_shot_button.setChecked(False)
        self.durations.setVisible(shelve_max_s is not None)
        if shelve_max_s is not None:
            allowed = [s for s in choices if s <= shelve_max_s]
            for seconds, button in self.duration_buttons.items():
                button.setEnabled(seconds in allowed)
            if allowed:  # the longest allowed is the usual answer: to the end of the shift
                self.duration_buttons[max(allowed)].setChecked(True)
        self.reason_edit.setFocus()

    def duration_s(self) -> float | None:
        """The shelving time chosen (None: none chosen)."""
        checked = self._group.checkedButton()
        return next((s for s, b in self.duration_buttons.items() if b is checked), None)

    def _on_confirm_clicked(self) -> None:
        shelving = not self.durations.isHidden()
        self.confirmed.emit(self.reason_edit.text().strip(),
                            self.duration_s() if shelving else None,
                            shelving and self.one_shot_button.isChecked())
