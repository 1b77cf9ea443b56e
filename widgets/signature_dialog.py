"""SignatureDialog: an electronic signature, given by re-authenticating (21 CFR 11.200).

It shows what is signed and what the signature means (performed, verified, approved,
released), the record's hash (so the signer sees exactly which content they sign), and asks
for the user id, password and reason. It does not judge the password: the owner connects
``sign_requested`` to its security service and then calls ``accept()`` or ``refuse(text)``.
A refusal keeps the user id and reason and clears only the password.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.theme import TouchMetrics, metrics, palette
from widgets.touch_keyboard import TouchKeyboard


class SignatureDialog(QDialog):
    sign_requested = Signal(str, str, str)  # user id, password, reason

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        meaning: str,
        record: str,
        record_hash: str,
        user_id: str = "",
        reason: str = "",
        reason_required: bool = True,
        keyboard: bool = True,
        m: TouchMetrics | None = None,
    ) -> None:
        """``record`` names what is signed ("Recipe NMC811-coat v4"); ``user_id`` pre-fills
        the signed-in user (another user may still sign: a verifier at the same panel)."""
        super().__init__(parent)
        m = m or metrics()
        p = palette()
        self.setWindowTitle(self.tr("Electronic signature: {0}").format(meaning))
        self.setModal(True)
        self._reason_required = reason_required
        text, gap = m.text_px(self), m.gap_px(self)
        self.setStyleSheet(f"""
QLabel {{ font-size: {text}px; color: {p.text}; }}
QLabel#meaning {{ font-size: {round(text * 1.5)}px; font-weight: bold; }}
QLabel#hash {{ font-family: monospace; color: {p.text_muted}; }}
QLabel#error {{ font-weight: bold; }}
QLineEdit {{ font-size: {text}px; min-height: {m.button_px(self)}px; padding: 0 {gap}px; }}
QPushButton#sign, QPushButton#cancel {{ font-size: {text}px; min-height: {m.button_px(self)}px;
    min-width: {m.button_px(self) * 3}px; }}
QPushButton#sign {{ font-weight: bold; border: 3px solid {p.text}; }}
""")
        box = QVBoxLayout(self)
        box.setSpacing(gap)
        self.meaning_label = QLabel(meaning.capitalize())
        self.meaning_label.setObjectName("meaning")
        box.addWidget(self.meaning_label)
        box.addWidget(QLabel(record))
        self.hash_label = QLabel(
            self.tr("Record hash {0}").format(f"{record_hash[:16]}…{record_hash[-8:]}"))
        self.hash_label.setObjectName("hash")
        self.hash_label.setToolTip(record_hash)
        box.addWidget(self.hash_label)
        form = QFormLayout()
        self.user_edit = QLineEdit(user_id)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_edit = QLineEdit(reason)
        form.addRow(self.tr("User id"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Reason"), self.reason_edit)
        box.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        box.addWidget(self.error_label)
        self.keyboard: TouchKeyboard | None = None
        if keyboard:
            self.keyboard = TouchKeyboard(self, m)
            self.keyboard.attach(self.password_edit, self.user_edit, self.reason_edit)
            box.addWidget(self.keyboard)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.sign_button = QPushButton(self.tr("Sign: {0}").format(meaning))
        self.sign_button.setObjectName("sign")
        self.sign_button.clicked.connect(self.request_signature)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        box.addLayout(buttons)
        (self.password_edit if user_id else self.user_edit).setFocus()

    def problem(self) -> str:
        """What is missing before signing can be asked for ("" when nothing)."""
        if not self.user_edit.text().strip():
            return self.tr("Enter your user id.")
        if not self.password_edit.text():
            return self.tr("Enter your password: a signature needs it every time.")
        if self._reason_required and not self.reason_edit.text().strip():
            return self.tr("Give a reason: it is stored with the signature.")
        return ""

    def request_signature(self) -> None:
        missing = self.problem()
        if missing:
            self.error_label.setText(missing)
            return
        self.error_label.clear()
        self.sign_requested.emit(
            self.user_edit.text().strip(), self.password_edit.text(),
            self.reason_edit.text().strip(),
        )

    def refuse(self, message: str) -> None:
        """The security service said no: say why, clear the password, stay open."""
        self.error_label.setText(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def settle(self, result: object) -> None:
        """The owner's answer: an exception is a refusal (said, dialog stays), else done."""
        if isinstance(result, Exception):
            self.refuse(str(result))
        else:
            self.accept()
