"""SecurityGate: who is at this panel, for the Qt side.

Owns the panel's Session and runs every security call (argon2 checks take ~50 ms by design,
and SQLite may wait on a lock) on a worker thread; results come back to the GUI thread as
queued signals. Any user input (touch, click, key) keeps the session awake; after the idle
time the panel locks: values stay live on screen, and every write is refused until someone
signs in again (the command service refuses it too: the lock is not only a UI state).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from hmi.core.roles import Role
from hmi.security import Security, SecurityError, Session, User
from hmi.security.passwords import check_password
from hmi.ui.worker import Worker

LOCK_CHECK_MS = 1000
_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class SecurityGate(QObject):
    changed = Signal()  # signed in, out, switched, locked or unlocked
    first_start_needed = Signal()  # no administrator yet: the first-start dialog must run

    def __init__(self, security: Security, idle_lock_s: float, parent: QObject | None = None,
                 client_host: str | None = None) -> None:
        super().__init__(parent)
        self.security = security
        self.client_host = client_host or socket.gethostname()  # for the audit trail
        self.session = Session(security.users, idle_lock_s, client_host=self.client_host)
        self._worker = Worker("security", self)
        self._was_locked = self.session.locked
        self._timer = QTimer(self)
        self._timer.setInterval(LOCK_CHECK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    # -- state, on the GUI thread (no database) -------------------------------------------------
    def user(self) -> User | None:
        return self.session.user

    def locked(self) -> bool:
        return self.session.locked

    def acting_user(self) -> str:
        """The user to act as; raises SessionLocked (its text says what to do)."""
        return self.session.acting_user()

    def status_text(self) -> str:
        user = self.session.user
        if user is None:
            return "Not signed in: sign in to act"
        if self.session.locked:
            return f"Locked ({user.username}): sign in to act"
        return f"{user.full_name} ({user.grants_text})"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.session.touch()
        return False

    # -- calls, on the worker ---------------------------------------------------------------------
    def check_first_start(self) -> None:
        """Says first_start_needed when the plant has no administrator yet."""
        self._run(self.security.users.needs_first_administrator,
                  lambda needed: self.first_start_needed.emit() if needed is True else None)

    def login(self, username: str, password: str, done: Callable[[object], None]) -> None:
        self._run(lambda: self.session.login(username, password), self._after(done))

    def switch_badge(self, badge_id: str, pin: str, done: Callable[[object], None]) -> None:
        self._run(lambda: self.session.switch_badge(badge_id, pin), self._after(done))

    def logout(self) -> None:
        self._run(self.session.logout, self._after(lambda _result: None))

    def create_first_users(
        self,
        admin: tuple[str, str, str],
        operator: tuple[str, str, str] | None,
        done: Callable[[object], None],
    ) -> None:
        """The first administrator, and (usually) the first operator, who is then signed
        in: an administrator may not write to the process, an operator may."""
        users = self.security.users
        host = self.client_host

        min_length = self.security.config.min_password_length

        def create() -> User:
            # Both passwords are judged before anything is stored: a refused operator must
            # not leave an administrator behind that the dialog then cannot create again.
            for username, _name, password in (admin, operator or admin):
                check_password(password, min_length, username)
            first = users.create_first_administrator(*admin, client_host=host)
            if operator is None:
                return self.session.login(admin[0], admin[2])
            users.add_user(first, *operator, Role.OPERATOR, reason="first start",
                           client_host=host)
            return self.session.login(operator[0], operator[2])

        self._run(create, self._after(done))

    def close(self) -> None:
        self._timer.stop()
        self._worker.close()

    # -- plumbing ---------------------------------------------------------------------------------
    def _after(self, done: Callable[[object], None]) -> Callable[[object], None]:
        def finish(result: object) -> None:
            self._was_locked = self.session.locked
            self.changed.emit()
            done(result)

        return finish

    def _run(self, call: Callable[[], Any], done: Callable[[object], None]) -> None:
        def said(result: object) -> None:
            if isinstance(result, Exception) and not isinstance(result, SecurityError):
                # A database failure: said too, in one line, never a traceback.
                result = SecurityError(self.tr("security service failed: {0}: {1}").format(
                    type(result).__name__, result))
            done(result)

        self._worker.run(call, said)

    def _on_timer_timeout(self) -> None:
        locked = self.session.locked
        if locked != self._was_locked:
            self._was_locked = locked
            self.changed.emit()
