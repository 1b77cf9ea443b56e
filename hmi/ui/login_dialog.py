"""Sign-in at the panel, and the first start that creates the plant's first users.

Touch first: big fields, the on-screen keyboard, badge + PIN for a quick operator switch
(two components: the badge held and the PIN known). The dialogs only collect; the
SecurityGate checks, off the GUI thread, and says yes (accept) or why not (refuse).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.ui.user_text_qt import show
from widgets.theme import metrics, palette
from widgets.touch_keyboard import TouchKeyboard


def _style(dialog: QDialog) -> None:
    m, p = metrics(), palette()
    text, button = m.text_px(dialog), m.button_px(dialog)
    dialog.setStyleSheet(f"""
QLabel {{ font-size: {text}px; color: {p.text}; }}
QLabel#title {{ font-size: {round(text * 1.4)}px; font-weight: bold; }}
QLabel#error {{ font-weight: bold; }}
QLineEdit {{ font-size: {text}px; min-height: {button}px; padding: 0 {m.gap_px(dialog)}px; }}
QPushButton#action {{ font-size: {text}px; min-height: {button}px; min-width: {button * 3}px; }}
QPushButton#primary {{ font-size: {text}px; min-height: {button}px; min-width: {button * 3}px;
    font-weight: bold; border: 3px solid {p.text}; }}
""")


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _button(text: str, name: str = "action") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


class _GateDialog(QDialog):
    """Shared frame: title, form, message line, keyboard, buttons; refuse() says why."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        _style(self)
        self.setWindowTitle(title)
        self.setModal(True)
        self.box = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("title")
        self.box.addWidget(heading)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.keyboard = TouchKeyboard(self)
        self.buttons = QHBoxLayout()

    def finish_layout(self, *edits: QLineEdit) -> None:
        self.box.addWidget(self.error_label)
        self.keyboard.attach(*edits)
        self.box.addWidget(self.keyboard)
        self.box.addLayout(self.buttons)

    def refuse(self, message: str) -> None:
        self.error_label.setText(message)
        for edit in self.findChildren(QLineEdit):
            if edit.echoMode() is QLineEdit.EchoMode.Password:
                edit.clear()

    def settle(self, result: object) -> None:
        """The gate's answer: a refusal (an exception) keeps the dialog open."""
        if isinstance(result, Exception):
            self.refuse(show(result))  # in the operator's language
        else:
            self.accept()


class LoginDialog(_GateDialog):
    password_login_requested = Signal(str, str)  # user id, password
    badge_login_requested = Signal(str, str)  # badge id, PIN
    logout_requested = Signal()

    def __init__(self, parent: QWidget | None = None, signed_in: str = "") -> None:
        super().__init__(QCoreApplication.translate("LoginDialog", "Sign in"), parent)
        if signed_in:
            self.box.addWidget(QLabel(self.tr("Signed in now: {0}").format(signed_in)))
        form = QFormLayout()
        self.user_edit, self.password_edit = QLineEdit(), _secret()
        self.badge_edit, self.pin_edit = QLineEdit(), _secret()
        form.addRow(self.tr("User id"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(QLabel(self.tr("or, operators: badge and PIN")))
        form.addRow(self.tr("Badge"), self.badge_edit)
        form.addRow(self.tr("PIN"), self.pin_edit)
        self.box.addLayout(form)
        self.cancel_button = _button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.buttons.addWidget(self.cancel_button)
        if signed_in:
            self.logout_button = _button(self.tr("Sign out"))
            self.logout_button.clicked.connect(self._on_logout_clicked)
            self.buttons.addWidget(self.logout_button)
        self.buttons.addStretch(1)
        self.sign_in_button = _button(self.tr("Sign in"), "primary")
        self.sign_in_button.clicked.connect(self.request_login)
        self.buttons.addWidget(self.sign_in_button)
        self.finish_layout(self.user_edit, self.password_edit, self.badge_edit, self.pin_edit)

    def request_login(self) -> None:
        badge, pin = self.badge_edit.text().strip(), self.pin_edit.text()
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if badge or pin:
            if not (badge and pin):
                self.refuse(self.tr("Give both the badge and the PIN."))
                return
            self.badge_login_requested.emit(badge, pin)
        elif user and password:
            self.password_login_requested.emit(user, password)
        else:
            self.refuse(self.tr("Give your user id and password (or badge and PIN)."))

    def _on_logout_clicked(self) -> None:
        self.logout_requested.emit()
        self.accept()


class FirstStartDialog(_GateDialog):
    """No administrator yet: there is no default password, so the first one is made here,
    with the first operator (an administrator manages users but never writes to the line)."""

    create_requested = Signal(object, object)  # (user, full name, password), same or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("FirstStartDialog", "First start: who runs this line?"),
            parent)
        self.box.addWidget(QLabel(self.tr(
            "Lineside has no default password. Create the administrator (users and "
            "certificates) and the first operator (runs the line)."
        )))
        # Side by side: one column each, so the dialog and its keyboard fit a 1080 px panel.
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        for col, (who, title) in enumerate((("admin", self.tr("Administrator")),
                                            ("operator", self.tr("First operator")))):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, 1 + col)
            for row, (key, label) in enumerate(
                (("user", self.tr("User id")), ("name", self.tr("Full name")),
                 ("password", self.tr("Password")), ("repeat", self.tr("Repeat password"))),
                start=1
            ):
                edit = _secret() if key in ("password", "repeat") else QLineEdit()
                self.fields[f"{who}.{key}"] = edit
                grid.addWidget(QLabel(label), row, 0)
                grid.addWidget(edit, row, 1 + col)
        self.box.addLayout(grid)
        self.buttons.addStretch(1)
        self.create_button = _button(self.tr("Create and sign in"), "primary")
        self.create_button.clicked.connect(self.request_create)
        self.buttons.addWidget(self.create_button)
        self.finish_layout(*self.fields.values())

    def _person(self, who: str) -> tuple[str, str, str] | None:
        user = self.fields[f"{who}.user"].text().strip()
        name = self.fields[f"{who}.name"].text().strip()
        password = self.fields[f"{who}.password"].text()
        if not (user or name or password):
            return None
        whom = self.tr("Administrator") if who == "admin" else self.tr("Operator")
        if not (user and name and password):
            raise ValueError(self.tr("{0}: give the user id, full name and password").format(whom))
        if password != self.fields[f"{who}.repeat"].text():
            raise ValueError(self.tr("{0}: the two passwords differ").format(whom))
        return user, name, password

    def request_create(self) -> None:
        try:
            admin = self._person("admin")
            operator = self._person("operator")
        except ValueError as exc:
            self.refuse(str(exc))
            return
        if admin is None:
            self.refuse(
                self.tr("The administrator is needed: give user id, full name and password."))
            return
        self.create_requested.emit(admin, operator)
