"""The changeover wizard's people's part: the automatic checks (with the checklist reloaded
while they hold), a manual item confirmed with a note, the two signatures, the release with a
trial's lot hold, and the abort (a rollback to the snapshot, before release).

A mixin of ChangeoverScreen (hmi.ui.changeover_screen), which builds the pages and shows the
engine's record; what the buttons do is here. Its words keep the screen's translation context
("ChangeoverScreen"): the catalogues hold them there.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget

from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text
from hmi.production.changeover_glue import hold_trial_lot
from hmi.production.holds import LotHoldStore
from hmi.production.variance import VarianceMonitor
from hmi.security import Meaning, Signature
from hmi.ui.changeover_progress import ChangeoverChecklistPage
from hmi.ui.changeover_signing import ChangeoverSignPage, sign_changeover
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import settle_dialog, show
from recipes.changeover import ChangeoverEngine, ChangeoverJournal, ChangeoverRecord
from recipes.changeover import ChangeoverState as St
from widgets.signature_dialog import SignatureDialog
from widgets.step_wizard import StepWizard

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")
RELEASE = 4  # the wizard's last step (changeover_screen's step numbers)
# Why a changeover was rolled back, as the engine stores it (its failure and state line):
# templates, not English, so the step list and the state line say them in the panel's
# language after a reload while the audit trail and the CLI keep reading English.
ABORTED = QT_TRANSLATE_NOOP("ChangeoverScreen", "aborted by the operator")
INTERRUPTED = QT_TRANSLATE_NOOP("ChangeoverScreen", "rolled back after an interruption")


class ChangeoverActions:
    """What ChangeoverScreen's check, confirm, sign and abort buttons do."""

    if TYPE_CHECKING:  # the screen's, set in its __init__
        engine: ChangeoverEngine | None
        record: ChangeoverRecord | None
        performed: Signature | None
        signature_dialog: SignatureDialog
        wizard: StepWizard
        check_list: QListWidget
        note_edit: QLineEdit
        checklist_page: ChangeoverChecklistPage
        sign_page: ChangeoverSignPage
        _gate: SecurityGate
        _journal: ChangeoverJournal
        _holds: LotHoldStore | None
        _variance: VarianceMonitor | None
        _check_poll: QTimer

        def _say(self, text: str) -> None: ...
        def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None: ...
        def _on_io(self, coro: Coroutine[Any, Any, object],
                   done: Callable[[object], None]) -> None: ...
        def _on_record(self, result: object) -> None: ...

    def run_checks(self) -> None:
        if self.engine is not None and self.record is not None:
            self._say(translate("ChangeoverScreen",
                                "Automatic checks: holding each condition for its time …"))
            self._check_poll.start()
            self._on_io(self.engine.run_checks(self.record.id), self._on_checks_done)

    def _on_checks_done(self, result: object) -> None:
        self._check_poll.stop()
        self._on_record(result)

    def _on_check_poll_timeout(self) -> None:
        if self.record is None:
            return
        journal, co_id = self._journal, self.record.id
        self._run(lambda: journal.load(co_id), self._on_checks_polled)

    def _on_checks_polled(self, result: object) -> None:
        # A reload that returns after the checks ended would show an older record.
        if self._check_poll.isActive() and isinstance(result, ChangeoverRecord):
            self.checklist_page.show_checks(result)

    def confirm_selected(self) -> None:
        if self.engine is None or self.record is None:
            return
        row = self.check_list.currentRow()
        checks = self.record.checks
        if not (0 <= row < len(checks)):
            self._say(translate("ChangeoverScreen", "✗ Touch the checklist item you confirm."))
            return
        item, note, engine, co_id = checks[row], self.note_edit.text(), self.engine, self.record.id
        try:
            user = self._gate.acting_user()
        except Exception as exc:
            self._say(f"✗ {show(exc)}")
            return
        self.note_edit.clear()
        self._run(lambda: engine.confirm(co_id, item.item_id, user, note), self._on_record)

    def sign(self, meaning: Meaning) -> SignatureDialog | None:
        record = self.record
        if record is None or record.control_hash is None or self.engine is None:
            return None
        user = self._gate.user()
        dialog = self.sign_page.dialog(record, meaning, user.username if user else "")
        security, engine, host = self._gate.security, self.engine, self._gate.client_host
        performed = self.performed

        def signed(username: str, password: str, reason: str) -> None:
            def settle(result: object) -> None:
                settle_dialog(dialog, result)
                if isinstance(result, Signature):
                    self.performed = result
                    self.sign_page.show_performed(result)
                elif not isinstance(result, Exception):
                    self._on_record(result)
                    self._release()

            self._run(lambda: sign_changeover(security, engine, record, meaning, performed,
                                              username, password, reason, host), settle)

        dialog.sign_requested.connect(signed)
        dialog.open()
        self.signature_dialog = dialog
        return dialog

    def _release(self) -> None:
        if self.engine is None or self.record is None:
            return
        engine, co_id, user = self.engine, self.record.id, self._gate.user()
        by = user.username if user is not None else "?"
        holds, variance = self._holds, self._variance

        def release() -> ChangeoverRecord:
            record = engine.release(co_id, by)
            if holds is not None:
                hold_trial_lot(holds, record)  # before the page shows it: it is held now
            if variance is not None:
                variance.refresh()
            return record

        self._run(release, self._on_record)
        self.wizard.show_step(RELEASE)

    def abort(self) -> None:
        """Roll back to the snapshot (only before release)."""
        if self.engine is None or self.record is None or self.record.state in (
                St.RELEASED, St.REFUSED, St.ROLLED_BACK, St.ROLLBACK_FAILED):
            return
        self._on_io(self.engine.roll_back(self.record.id, user_text(ABORTED)),
                    self._on_record)
