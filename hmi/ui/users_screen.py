"""User administration for administrators: the user list and the steps that change it.

Every step goes to hmi.security.UserStore as the administrator acting at this panel (the
store re-checks that they are one, asks for the reason, and audits the change in the same
transaction). Store calls run on a worker: an argon2 hash takes tens of milliseconds by
design. A refusal (policy, last administrator, a locked panel) is said in one line, in the
form and in the screen's message line, never as a traceback. The screen's words follow a
language switch; a form is built in the language of the moment (it is modal), and what a
step did is worded on the GUI thread, so it too is said again after a switch.
"""

from __future__ import annotations

import concurrent.futures
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from hmi.core.commands import CommandRefused
from hmi.core.roles import ALL_STATIONS, Role
from hmi.core.tags import utc_now
from hmi.security import SecurityError, User, UserStore
from hmi.ui.admin_widgets import StatusLine, Words, big_button, touch_table
from hmi.ui.user_form import FieldKind, FormField, UserFormDialog
from hmi.ui.user_text_qt import show
from hmi.ui.users_table import UsersTableModel, stations_text
from hmi.ui.worker import ScreenRunner
from widgets.retranslating import Retranslating
from widgets.theme import metrics

log = logging.getLogger(__name__)

# Runs as the acting administrator on the worker; returns what was done, as a function that
# words it (called on the GUI thread, and again after a language switch).
AdminStep = Callable[[User], Words]


def parse_stations(text: str) -> tuple[str, ...]:
    """Stations as typed: separated by spaces or commas; none typed is every station (the
    on-screen keyboard has no * or comma)."""
    names = tuple(s for s in re.split(r"[\s,]+", text.strip()) if s)
    return names or (ALL_STATIONS,)


@dataclass(frozen=True, slots=True)
class _Outcome:
    ok: bool
    message: Words
    users: list[User] | None  # the list after the step (None: it could not be read)
    dialog: UserFormDialog | None


class UsersScreen(Retranslating, QWidget):
    users_loaded = Signal(int)  # how many users are listed
    step_finished = Signal(bool, str)  # ok, the message shown

    _worker_finished = Signal(object)  # an _Outcome, emitted on the worker, delivered queued

    def __init__(
        self,
        users: UserStore,
        acting_admin: Callable[[], str],
        parent: QWidget | None = None,
        *,
        client_host: str = "",
        runner: concurrent.futures.Executor | None = None,
        clock: Callable[[], datetime] = utc_now,
        keyboard: bool = True,
    ) -> None:
        """`acting_admin` names who acts (Session.acting_user: it raises SessionLocked when
        the panel is locked); `runner` runs the store calls, else the screen owns one
        worker thread that `close()` ends."""
        super().__init__(parent)
        self._users = users
        self._acting_admin = acting_admin
        self._host = client_host
        self._keyboard = keyboard
        self._runner = ScreenRunner("users", runner)
        self._form: UserFormDialog | None = None
        self.model = UsersTableModel(clock)
        self._worker_finished.connect(self._on_worker_finished)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        m = metrics()
        gap = m.gap_px(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(gap, gap, gap, gap)
        box.setSpacing(gap)
        self.table = touch_table(self, row_mm=m.button_mm * 0.8)  # a row is a touch target
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        box.addWidget(self.table, 1)
        # Two rows of three: one row of six is wider than a 1024 px panel in German.
        row = QGridLayout()
        row.setSpacing(gap)
        self.add_button = big_button("", self, width_factor=2.4)
        self.enable_button = big_button("", self, width_factor=2.4)
        self.role_button = big_button("", self, width_factor=2.4)
        self.password_button = big_button("", self, width_factor=2.4)
        self.badge_button = big_button("", self, width_factor=2.4)
        self.refresh_button = big_button("", self, width_factor=2.4)
        for index, (button, handler) in enumerate((
            (self.add_button, self.add_user),
            (self.enable_button, self.toggle_enabled),
            (self.role_button, self.set_role),
            (self.password_button, self.reset_password),
            (self.badge_button, self.set_badge),
            (self.refresh_button, self.refresh),
        )):
            button.clicked.connect(handler)
            row.addWidget(button, index // 3, index % 3)
        row.setColumnStretch(3, 1)
        box.addLayout(row)
        self.message_line = StatusLine(lambda: self.tr(
            "Touch a user, then a step. Every change asks for a reason and is audited."), self)
        box.addWidget(self.message_line)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add user…"))
        self.role_button.setText(self.tr("Set role…"))
        self.password_button.setText(self.tr("Reset password…"))
        self.badge_button.setText(self.tr("Badge + PIN…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self._on_selection_changed()  # Enable… or Disable…
        self.model.retranslate()
        self._size_columns()

    def _size_columns(self) -> None:
        """Each column as wide as its typical content and never narrower than its header in
        the language shown (touch text size: the stylesheet's font is not resolved yet)."""
        m = metrics()
        gap, text_px = m.gap_px(self), m.text_px(self)
        bold = QFont(self.font())
        bold.setPixelSize(text_px)
        bold.setBold(True)
        header = QFontMetrics(bold)
        for column, chars in enumerate(self.model.widths_chars()):
            self.table.setColumnWidth(column, max(
                round(chars * text_px * 0.55),
                header.horizontalAdvance(self.model.header_text(column))) + 2 * gap)

    # Fields of the forms, in the language of the moment (a form is modal).
    def _reason(self) -> FormField:
        return FormField("reason", self.tr("Reason"), wide=True)

    def _passwords(self) -> tuple[FormField, FormField]:
        return (FormField("password", self.tr("Password"), FieldKind.SECRET),
                FormField("repeat", self.tr("Repeat password"), FieldKind.SECRET,
                          same_as="password"))

    # -- public -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._submit(None, None)

    def selected(self) -> User | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.user(index.row()) if index.isValid() else None

    def select(self, username: str) -> None:
        row = self.model.row_of(username)
        if row is not None:
            self.table.selectRow(row)

    def add_user(self) -> UserFormDialog:
        dialog = self._dialog(self.tr("Add user"), self.tr("Add user"), [
            FormField("username", self.tr("User id")),
            FormField("full_name", self.tr("Full name")),
            FormField("role", self.tr("Role"), FieldKind.ROLE, Role.OPERATOR.value),
            FormField("stations", self.tr("Stations"), required=False),
            *self._passwords(), self._reason(),
        ], intro=self.tr("Stations: names with spaces between; leave empty for every station."))

        def step(values: dict[str, str]) -> AdminStep:
            def add(admin: User) -> str:
                user = self._users.add_user(
                    admin, values["username"].strip(), values["full_name"].strip(),
                    values["password"], Role(values["role"]), parse_stations(values["stations"]),
                    reason=values["reason"].strip(), client_host=self._host,
                )
                return lambda: self.tr("Added {0} ({1}): {2}").format(
                    user.username, user.full_name, user.grants_text)
            return add

        return self._open(dialog, step)

    def toggle_enabled(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            self._no_selection()
            return None
        if user.disabled:
            title, verb = self.tr("Enable {0}").format(user.username), self.tr("Enable")
            intro = self.tr("{0} may log in and sign again.").format(user.full_name)
        else:
            title, verb = self.tr("Disable {0}").format(user.username), self.tr("Disable")
            intro = self.tr("{0} can no longer log in or sign; the history keeps the "
                            "name.").format(user.full_name)
        dialog = self._dialog(title, verb, [self._reason()], intro=intro)

        def step(values: dict[str, str]) -> AdminStep:
            def toggle(admin: User) -> str:
                change = self._users.enable if user.disabled else self._users.disable
                after = change(admin, user.username, reason=values["reason"].strip(),
                               client_host=self._host)
                if after.disabled:
                    return lambda: self.tr("{0} disabled").format(after.username)
                return lambda: self.tr("{0} enabled").format(after.username)
            return toggle

        return self._open(dialog, step)

    def set_role(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            self._no_selection()
            return None
        current = user.grants[0].role if user.grants else Role.VIEWER.value
        dialog = self._dialog(self.tr("Set role of {0}").format(user.username),
                              self.tr("Set role"), [
            FormField("role", self.tr("Role"), FieldKind.ROLE, current),
            FormField("stations", self.tr("Stations"), value=stations_text(user, typed=True),
                      required=False),
            self._reason(),
        ], intro=self.tr("Now: {0}. The new role replaces it (empty stations: all).").format(
            user.grants_text))

        def step(values: dict[str, str]) -> AdminStep:
            def change(admin: User) -> str:
                after = self._users.set_role(
                    admin, user.username, Role(values["role"]),
                    parse_stations(values["stations"]), reason=values["reason"].strip(),
                    client_host=self._host,
                )
                return lambda: self.tr("{0} is now {1}").format(after.username,
                                                                after.grants_text)
            return change

        return self._open(dialog, step)

    def reset_password(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            self._no_selection()
            return None
        dialog = self._dialog(self.tr("New password for {0}").format(user.username),
                              self.tr("Set password"), [*self._passwords(), self._reason()],
                              intro=self.tr("Also lifts a lockout. Tell the user to change it "
                                            "soon."))

        def step(values: dict[str, str]) -> AdminStep:
            def reset(admin: User) -> str:
                self._users.reset_password(admin, user.username, values["password"],
                                           reason=values["reason"].strip(),
                                           client_host=self._host)
                return lambda: self.tr("New password set for {0}").format(user.username)
            return reset

        return self._open(dialog, step)

    def set_badge(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            self._no_selection()
            return None
        dialog = self._dialog(self.tr("Badge + PIN for {0}").format(user.username),
                              self.tr("Set badge"), [
            FormField("badge", self.tr("Badge id"), value=user.badge_id or ""),
            FormField("pin", self.tr("PIN"), FieldKind.SECRET),
            FormField("pin_repeat", self.tr("Repeat PIN"), FieldKind.SECRET, same_as="pin"),
            self._reason(),
        ], intro=self.tr("For the fast user switch: the badge is held, the PIN (digits) is "
                         "known."))

        def step(values: dict[str, str]) -> AdminStep:
            def badge(admin: User) -> str:
                self._users.set_badge(admin, user.username, values["badge"].strip(),
                                      values["pin"], reason=values["reason"].strip(),
                                      client_host=self._host)
                badge_id = values["badge"].strip()
                return lambda: self.tr("Badge {0} and PIN set for {1}").format(
                    badge_id, user.username)
            return badge

        return self._open(dialog, step)

    def close(self) -> bool:  # Qt slot override
        """End the worker (waits for a running step); later results are dropped."""
        self._runner.close()
        return super().close()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        # Each visit lists the accounts as they are now (lockouts happen elsewhere).
        super().showEvent(event)
        self.refresh()

    # -- handlers -----------------------------------------------------------------------------
    def _on_table_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        user = self.selected()
        for button in (self.enable_button, self.role_button, self.password_button,
                       self.badge_button):
            button.setEnabled(user is not None)
        self.enable_button.setText(self.tr("Enable…") if user is not None and user.disabled
                                   else self.tr("Disable…"))

    def _on_worker_finished(self, outcome: _Outcome) -> None:
        if self._runner.closed:
            return
        if outcome.users is not None:
            chosen = self.selected()
            self.model.set_users(outcome.users)
            if chosen is not None:
                self.select(chosen.username)
            self._on_selection_changed()
            self.users_loaded.emit(len(outcome.users))
        # A form replaced meanwhile is gone; only the current one hears the answer.
        dialog = outcome.dialog if outcome.dialog is self._form else None
        if dialog is not None and outcome.ok:
            dialog.finish()
        elif dialog is not None:
            dialog.refuse(outcome.message() if callable(outcome.message) else outcome.message)
        message = outcome.message() if callable(outcome.message) else outcome.message
        if message:
            (self.message_line.show_ok if outcome.ok else self.message_line.show_refusal)(
                outcome.message
            )
            self.step_finished.emit(outcome.ok, message)

    # -- helpers ------------------------------------------------------------------------------
    def _dialog(
        self, title: str, confirm: str, fields: Sequence[FormField], intro: str = ""
    ) -> UserFormDialog:
        return UserFormDialog(title, fields, confirm, self, intro=intro,
                              keyboard=self._keyboard)

    def _open(
        self, dialog: UserFormDialog, step: Callable[[dict[str, str]], AdminStep]
    ) -> UserFormDialog:
        if self._form is not None:
            # One form at a time is kept: the previous one (closed by now) goes.
            self._form.close()
            self._form.deleteLater()
        self._form = dialog
        dialog.submitted.connect(lambda values: self._submit(step(values), dialog))
        dialog.open()
        return dialog

    def _no_selection(self) -> None:
        self.message_line.show_note(lambda: self.tr("Touch a user in the list first."))

    def _submit(self, step: AdminStep | None, dialog: UserFormDialog | None) -> None:
        """Run `step` as the acting administrator on the worker, then re-read the list."""
        if self._runner.closed:
            return
        admin_name = ""
        if step is not None:
            try:
                admin_name = self._acting_admin()  # who acts at the moment of the touch
            except (SecurityError, CommandRefused) as exc:
                self._on_worker_finished(_Outcome(False, _refusal(exc), None, dialog))
                return
        users = self._users
        self._runner.submit(self._work, users, step, admin_name, dialog)

    def _work(
        self, users: UserStore, step: AdminStep | None, admin_name: str,
        dialog: UserFormDialog | None,
    ) -> None:
        ok: bool = True
        message: Words = ""
        if step is not None:
            try:
                admin = users.get(admin_name)
                if admin is None:
                    ok, message = False, lambda: self.tr(
                        "{0} is not in the user list: log in again").format(admin_name)
                else:
                    message = step(admin)
            except (SecurityError, CommandRefused) as exc:
                ok, message = False, _refusal(exc)
            except Exception as exc:  # a database failure: said in words, logged in full
                log.exception("user administration step failed")
                ok, message = False, lambda e=exc: self.tr("not done: {0}").format(e)
        listing: list[User] | None
        try:
            listing = users.list_users()
        except Exception as exc:
            log.exception("user list could not be read")
            listing = None
            if ok:
                ok, message = False, lambda e=exc: self.tr(
                    "the user list could not be read: {0}").format(e)
        self._worker_finished.emit(_Outcome(ok, message, listing, dialog))


def _refusal(exc: Exception) -> Words:
    """What the store or the session refused, in the operator's language where the message
    carries its translation (hmi.core.user_text), else as the store said it; said again
    after a language switch."""
    return lambda: show(exc)
