"""SignatureDialog: an electronic signature, given by re-authenticating (21 CFR 11.200).

It shows what is signed and what the signature means (performed, verified, approved,
released), the record's hash (so the signer sees exactly which content they sign), and asks
for the user id, password and reason. It does not judge the password: the owner connects
``sign_requested`` to its security service and then calls ``accept()`` or ``refuse(text)``.
A refusal keeps the user id and reason and clears only the password.

It fits a 1024 x 768 touch panel with its keyboard up (DOMAIN.md touch sizes: five rows of
15 mm keys are ~320 px): user id and password share a row, and while the keyboard is up the
big meaning title gives way (the meaning stays in the window title and on the Sign button;
the record and its hash stay, being what is signed). "⌨ Keyboard" puts the keyboard away to
read the record at ease, as the changeover wizard's entry does.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
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
QPushButton#sign, QPushButton#cancel, QPushButton#keyboard {{ font-size: {text}px;
    min-height: {m.button_px(self)}px; min-width: {m.button_px(self) * 3}px; }}
QPushButton#sign {{ font-weight: bold; border: 3px solid {p.text}; }}
""")
        box = QVBoxLayout(self)
        box.setSpacing(gap)
        self.meaning_label = QLabel(meaning.capitalize())
        self.meaning_label.setObjectName("meaning")
        box.addWidget(self.meaning_label)
        self.record_label = QLabel(record)
        self.record_label.setWordWrap(True)  # a long record name wraps, never widens the dialog
        box.addWidget(self.record_label)
        self.hash_label = QLabel(
            self.tr("Record hash {0}").format(f"{record_hash[:16]}…{record_hash[-8:]}"))
        self.hash_label.setObjectName("hash")
        self.hash_label.setToolTip(record_hash)
        box.addWidget(self.hash_label)
        form = QGridLayout()
        form.setSpacing(gap)
        self.user_edit = QLineEdit(user_id)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_edit = QLineEdit(reason)
        # User id and password side by side: one touch row less, which the keyboard needs.
        form.addWidget(QLabel(self.tr("User id")), 0, 0)
        form.addWidget(self.user_edit, 0, 1)
        form.addWidget(QLabel(self.tr("Password")), 0, 2)
        form.addWidget(self.password_edit, 0, 3)
        form.addWidget(QLabel(self.tr("Reason")), 1, 0)
        form.addWidget(self.reason_edit, 1, 1, 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        box.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        box.addWidget(self.error_label)
        self.keyboard: TouchKeyboard | None = None
        self.keyboard_button: QPushButton | None = None
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        if keyboard:
            self.keyboard = TouchKeyboard(self, m)
            self.keyboard.attach(self.password_edit, self.user_edit, self.reason_edit)
            box.addWidget(self.keyboard)
            # Up from the start: the panel has no other keyboard, and a password is always
            # typed. The toggle sits in the button row, so it costs no height.
            self.keyboard_button = QPushButton(self.tr("⌨ Keyboard"))
            self.keyboard_button.setObjectName("keyboard")
            self.keyboard_button.setCheckable(True)
            self.keyboard_button.setChecked(True)
            self.keyboard_button.setAutoDefault(False)
            self.keyboard_button.toggled.connect(self.show_keyboard)
            buttons.addWidget(self.keyboard_button)
            self.meaning_label.hide()
        self.sign_button = QPushButton(self.tr("Sign: {0}").format(meaning))
        self.sign_button.setObjectName("sign")
        self.sign_button.clicked.connect(self.request_signature)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        box.addLayout(buttons)
        (self.password_edit if user_id else self.user_edit).setFocus()

    def show_keyboard(self, on: bool) -> None:
        """Keyboard up: the meaning title gives way (still on the title and the Sign button);
        away: the dialog shrinks back to its details."""
        if self.keyboard is None:
            return
        self.keyboard.setVisible(on)
        self.meaning_label.setVisible(not on)
        if self.keyboard_button is not None and self.keyboard_button.isChecked() != on:
            self.keyboard_button.setChecked(on)
        self.adjustSize()

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
