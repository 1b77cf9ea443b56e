"""A touch-sized confirmation for commands that move a machine (no tiny message boxes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.theme import metrics


class ConfirmDialog(QDialog):
    def __init__(self, question: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setWindowTitle(action)
        m = metrics()
        box = QVBoxLayout(self)
        gap = m.gap_px(self)
        box.setSpacing(gap * 2)
        box.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        label = QLabel(question)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(label)
        row = QHBoxLayout()
        row.setSpacing(gap * 2)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.confirm_button = QPushButton(action)
        for button in (self.cancel_button, self.confirm_button):
            button.setMinimumSize(m.px(40, self), m.button_px(self))
            row.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        box.addLayout(row)
