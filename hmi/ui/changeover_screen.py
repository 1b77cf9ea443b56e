"""The changeover wizard: an Effective recipe version into the PLCs as a verified, signed
transaction, or rolled back with the reason (DOMAIN.md 2.2).

The engine (recipes.changeover) does the work and keeps the record; this screen starts it,
shows every parameter's target, rollback value and read-back, runs the checklist (automatic
items on live values, manual items confirmed with a note), takes the two signatures over
the control recipe's hash (performed by, then verified by a different person) and
releases. After the release its result page (changeover_result) shows the lot's holds (a
trial's lot is held at release; QA releases it there with a signature) and the variance
log. PLC steps run on the IoThread, database steps on a worker thread; the screen only
ever waits for signals.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.core.audit_event import AuditEvent
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.roles import Action
from hmi.production.changeover_glue import hold_trial_lot
from hmi.production.holds import LotHoldStore
from hmi.production.variance import VarianceMonitor
from hmi.security import Meaning, Signature
from hmi.ui.changeover_result import ChangeoverResult
from hmi.ui.changeover_words import check_word, phase_word, state_word
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import settle_dialog, show
from hmi.ui.worker import WorkerScreen
from recipes import RecipeStatus, RecipeStore, RecipeVersion
from recipes.changeover import (
    ChangeoverEngine,
    ChangeoverJournal,
    ChangeoverRecord,
    ChangeoverState,
    ParamPhase,
)
from recipes.changeover.journal import owner_alive
from recipes.lifecycle import TRIAL_RUNNABLE
from widgets.retranslating import Retranslating
from widgets.signature_dialog import SignatureDialog
from widgets.step_wizard import StepState, StepWizard
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

EngineFactory = Callable[[RecipeVersion], ChangeoverEngine]
St = ChangeoverState
PARAM_COLUMNS = ("Tag", "Target", "Before (rollback)", "Read back", "Phase", "Message")


def param_columns() -> list[str]:
    """PARAM_COLUMNS in the language now installed."""
    return [QCoreApplication.translate("ChangeoverScreen", "Tag"),
            QCoreApplication.translate("ChangeoverScreen", "Target"),
            QCoreApplication.translate("ChangeoverScreen", "Before (rollback)"),
            QCoreApplication.translate("ChangeoverScreen", "Read back"),
            QCoreApplication.translate("ChangeoverScreen", "Phase"),
            QCoreApplication.translate("ChangeoverScreen", "Message")]
CHOOSE, DOWNLOAD, CHECKLIST, SIGN, RELEASE = range(5)
CHECK_POLL_MS = 1000  # while the checks run: the checklist's live status reloaded


class ChangeoverScreen(Retranslating, WorkerScreen):

    def __init__(
        self,
        store: RecipeStore,
        engine_for: EngineFactory,
        gate: SecurityGate,
        io: IoThread,
        commands: CommandService,
        journal: ChangeoverJournal,
        parent: QWidget | None = None,
        *,
        holds: LotHoldStore | None = None,
        variance: VarianceMonitor | None = None,
        cached_at: Callable[[RecipeVersion], datetime | None] | None = None,
    ) -> None:
        """``journal``: where interrupted changeovers are found at start (resume or roll
        back is offered before anything else). ``holds``: where a released trial's lot is
        held and QA releases it; ``variance``: the running monitor, told at once when a
        changeover is released here (it also finds releases by itself, within seconds).
        ``cached_at``: when a version offered was copied to this HMI, if it comes from
        that copy because the plant database is away (hmi.forward.offline_line)."""
        super().__init__("changeover", parent)
        self._journal = journal
        self._cached_at = cached_at
        self._holds, self._variance = holds, variance
        self.interrupted: list[ChangeoverRecord] = []
        self._store, self._engine_for, self._gate, self._io = store, engine_for, gate, io
        self._commands = commands
        self._audited: set[str] = set()  # changeovers whose writes are in the audit trail
        self.engine: ChangeoverEngine | None = None
        self.record: ChangeoverRecord | None = None
        self.versions: list[RecipeVersion] = []
        self.performed: Signature | None = None
        box = QVBoxLayout(self)
        self.wizard = StepWizard("")
        box.addWidget(self.wizard)
        for page in (self._build_choose(), self._build_download(), self._build_checklist(),
                     self._build_signatures(), self._build_release()):
            self.wizard.add_step("", page)
        self.wizard.next_requested.connect(self._on_wizard_next_requested)
        self.wizard.back_requested.connect(lambda i: self.wizard.show_step(max(i - 1, 0)))
        self.wizard.abort_requested.connect(self.abort)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's own words in the language now installed; what the engine reported
        is said in it from its next report on."""
        self.wizard.set_titles(self.tr("Changeover"), [
            self.tr("Recipe and lot"), self.tr("Download and verify"), self.tr("Checklist"),
            self.tr("Signatures"), self.tr("Release")])
        self.resume_button.setText(self.tr("Resume it"))
        self.rollback_button.setText(self.tr("Roll it back"))
        self.trial_button.setText(self.tr("Trial run (lot held)"))
        self.trial_banner.setText(self.tr(
            "⚠ TRIAL: not an Effective recipe version. The lot of this changeover is held "
            "until QA releases it."))
        self.active_button.setText(self.tr("Active changeover: variances and lot hold"))
        self.start_button.setText(self.tr("Start changeover"))
        self._lot_label.setText(self.tr("Lot id"))
        if self.record is None:
            self.state_label.setText(self.tr("Not started."))
        else:  # the engine's report, its states and phases in the new language
            self.state_label.setText(self.state_line(self.record))
            self._show_parameters(self.record)
            self._show_checks(self.record)
        self.param_table.setHorizontalHeaderLabels(param_columns())
        self.auto_button.setText(self.tr("Run the automatic checks"))
        self.confirm_button.setText(self.tr("Confirm the selected item"))
        self._note_label.setText(self.tr("Note"))
        if self.performed is None:
            self.signature_label.setText(self.tr(
                "Performed by (Operator, Lead or QA), then verified by a second person "
                "(Lead or QA)."))
        self.perform_button.setText(self.tr("Sign: performed…"))
        self.verify_button.setText(self.tr("Sign: verified…"))
        self._show_versions_title()
        self._show_interrupted()

    # -- pages ------------------------------------------------------------------------------
    def _build_choose(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        # A changeover cut short (power, crash, kill) comes first: the PLC may hold part of
        # a recipe, and only a person decides to finish it or put the old values back.
        self.interrupted_label = QLabel()
        self.interrupted_label.setWordWrap(True)
        self.interrupted_label.setStyleSheet("font-weight: bold;")
        self.resume_button = QPushButton()
        self.rollback_button = QPushButton()
        self.resume_button.clicked.connect(lambda: self.recover(resume=True))
        self.rollback_button.clicked.connect(lambda: self.recover(resume=False))
        recovery = QHBoxLayout()
        recovery.addWidget(self.interrupted_label, 1)
        for button in (self.resume_button, self.rollback_button):
            button.setMinimumHeight(metrics().button_px(self))
            recovery.addWidget(button)
        box.addLayout(recovery)
        self._show_interrupted()
        self.versions_label = QLabel()
        box.addWidget(self.versions_label)
        # Trial mode: a Draft or Approved version on the line to try it, never unnoticed:
        # a banner says so all through the changeover, and its lot is held.
        self.trial_button = QPushButton()
        self.trial_button.setCheckable(True)
        self.trial_button.setMinimumHeight(metrics().button_px(self))
        self.trial_button.toggled.connect(self._on_trial_button_toggled)
        box.addWidget(self.trial_button)
        self.trial_banner = QLabel()
        self.trial_banner.setObjectName("lostBanner")  # the header's abnormal-banner style
        self.trial_banner.setWordWrap(True)
        self.trial_banner.hide()
        box.addWidget(self.trial_banner)
        self.version_list = QListWidget()
        self.version_list.setMinimumHeight(metrics().button_px(self) * 3)
        box.addWidget(self.version_list, 1)
        # The released changeover running now (after a restart too): its variances, and
        # its lot's hold for QA to release.
        self.active_button = QPushButton()
        self.active_button.setMinimumHeight(metrics().button_px(self))
        self.active_button.clicked.connect(lambda: self.wizard.show_step(RELEASE))
        self.active_button.hide()
        box.addWidget(self.active_button)
        self.start_button = QPushButton()
        self.start_button.setMinimumHeight(metrics().button_px(self))
        self.start_button.clicked.connect(self.start)
        self.lot_edit, self._lot_label = _text_entry(page, box, self.start_button)
        return page

    def _build_download(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        box.addWidget(self.state_label)
        self.param_table = QTableWidget(0, len(PARAM_COLUMNS))
        self.param_table.verticalHeader().setVisible(False)
        self.param_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.param_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box.addWidget(self.param_table, 1)
        return page

    def _build_checklist(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)  # an item's live status is its line's end
        box.addWidget(self.check_list, 1)
        # While the engine holds conditions and waits for the first article, the checklist
        # is reloaded from the journal (the engine writes each item's status there).
        self._check_poll = QTimer(self)
        self._check_poll.setInterval(CHECK_POLL_MS)
        self._check_poll.timeout.connect(self._on_check_poll_timeout)
        self.auto_button = QPushButton()
        self.auto_button.clicked.connect(self.run_checks)
        box.addWidget(self.auto_button)
        self.confirm_button = QPushButton()
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.note_edit, self._note_label = _text_entry(page, box, self.confirm_button)
        return page

    def _build_signatures(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.signature_label = QLabel()
        self.signature_label.setWordWrap(True)
        box.addWidget(self.signature_label)
        self.perform_button = QPushButton()
        self.verify_button = QPushButton()
        self.perform_button.clicked.connect(lambda: self.sign(Meaning.PERFORMED))
        self.verify_button.clicked.connect(lambda: self.sign(Meaning.VERIFIED))
        for button in (self.perform_button, self.verify_button):
            button.setMinimumHeight(metrics().button_px(self))
            box.addWidget(button)
        box.addStretch(1)
        return page

    def _build_release(self) -> QWidget:
        self.result = ChangeoverResult(self._run, self._say, self._gate, self._store,
                                       self._journal, self._holds)
        self.result_label = self.result.result_label
        return self.result

    # -- choosing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        journal = self._journal
        self._run(lambda: [r for r in journal.unfinished() if not owner_alive(r.owner)],
                   self._on_interrupted_loaded)

        store, trial = self._store, self.trial_button.isChecked()

        def runnable() -> list[RecipeVersion]:
            if not trial:
                return [store.get(s.header.recipe_id, s.effective_version)
                        for s in store.list_recipes() if s.effective_version]
            return [v for s in store.list_recipes() for v in store.versions(s.header.recipe_id)
                    if v.status in TRIAL_RUNNABLE and v.status is not RecipeStatus.EFFECTIVE]

        def newest_released() -> ChangeoverRecord | None:
            released = next((co_id for co_id, st, _ in journal.latest(50)
                              if st is St.RELEASED), None)
            return journal.load(released) if released is not None else None

        self._run(newest_released, self._on_active_loaded)
        self._show_versions_title()
        self._run(runnable, self._on_versions_loaded)

    def _show_versions_title(self) -> None:
        self.versions_label.setText(
            self.tr("Draft and Approved versions, for a trial:") if self.trial() else
            self.tr("Effective recipe versions (only these run in production):"))

    def trial(self) -> bool:
        return self.trial_button.isChecked()

    def _on_trial_button_toggled(self, on: bool) -> None:
        self.trial_banner.setVisible(on)
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.record is None:
            self.refresh()

    def _on_versions_loaded(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.versions = result
        self.version_list.clear()
        for v in result:
            text = self.tr("{0} v{1} ({2}, {3}; %n parameter(s))", "",
                           len(v.parameters)).format(
                v.recipe_id, v.version, v.header.product, v.header.station_group)
            cached = self._cached_at(v) if self._cached_at is not None else None
            if cached is not None:  # the plant database is away: say whose word this is
                text = self.tr("{0}: cached at {1} (plant database offline)").format(
                    text, f"{cached.astimezone():%H:%M}")
            self.version_list.addItem(text)
        if result:
            self.version_list.setCurrentRow(0)
        else:  # say what to do, in the list where the operator looks
            self.version_list.addItem(self.tr(
                "No Effective recipe version yet: an engineer imports and submits one, QA "
                "approves and releases it on the Recipes screen."))
        self.wizard.set_complete(CHOOSE, False)

    def _on_active_loaded(self, result: object) -> None:
        if self._refused(result) or result is None or self.record is not None:
            return
        assert isinstance(result, ChangeoverRecord)
        # Whole sentences per case: a language orders its own words (no glued fragments).
        what = (result.recipe_id, result.version, result.lot_id)
        if result.finished_at is None:
            text = (self.tr("Active: {0} v{1}, lot {2} (TRIAL)") if result.trial else
                    self.tr("Active: {0} v{1}, lot {2}")).format(*what)
        else:
            text = (self.tr("Active: {0} v{1}, lot {2}, released {3} (TRIAL)") if result.trial
                    else self.tr("Active: {0} v{1}, lot {2}, released {3}")).format(
                *what, f"{result.finished_at:%d %b %H:%M}")
        self.result.show_record(result, text)
        self.active_button.show()

    def _on_interrupted_loaded(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.interrupted = result
        self._show_interrupted()

    def _show_interrupted(self) -> None:
        first = self.interrupted[0] if self.interrupted else None
        if first is not None:
            self.interrupted_label.setText(self.tr(
                "⚠ Interrupted changeover: {0} v{1}, lot {2}, stopped at '{3}' ({4}). {5}"
            ).format(first.recipe_id, first.version, first.lot_id, state_word(first.state),
                     f"{first.started_at:%d %b %H:%M}", show(first.plc_holds_said())))
        for widget in (self.interrupted_label, self.resume_button, self.rollback_button):
            widget.setVisible(first is not None)

    def recover(self, resume: bool) -> None:
        """Resume the interrupted changeover from its record, or roll it back."""
        if not self.interrupted:
            return
        record = self.interrupted[0]
        store, engine_for = self._store, self._engine_for

        def engine() -> ChangeoverEngine:
            return engine_for(store.get(record.recipe_id, record.version))

        def go(result: object) -> None:
            if self._refused(result):
                return
            assert isinstance(result, ChangeoverEngine)
            self.engine = result
            self.interrupted = self.interrupted[1:]
            self._show_interrupted()
            self.wizard.set_state(CHOOSE, StepState.DONE, self.tr(
                "{0} v{1}, lot {2} (recovered)").format(
                    record.recipe_id, record.version, record.lot_id))
            self.wizard.show_step(DOWNLOAD)
            work = (result.resume(record.id) if resume else
                    result.roll_back(record.id, "rolled back after an interruption"))
            self._on_io(work, self._on_record)

        self._run(engine, go)

    def start(self) -> None:
        row = self.version_list.currentRow()
        lot = self.lot_edit.text().strip()
        if not (0 <= row < len(self.versions)):
            self._say(self.tr("✗ Choose an Effective recipe version."))
            return
        if not lot:
            self._say(self.tr("✗ Give the lot id (scan or type it)."))
            return
        try:
            user = self._gate.acting_user()  # who starts it; signatures check roles later
        except Exception as exc:
            self._say(f"✗ {show(exc)}")
            return
        version = self.versions[row]
        stations = sorted({p.station for p in version.parameters})
        host = self._gate.client_host

        def authorize() -> RecipeVersion:
            # The same check as any write: a changeover writes to every station it names.
            for station in stations:
                self._commands.authorize(user, station, Action.CHANGEOVER, client_host=host)
            return version

        def go(result: object) -> None:
            if self._refused(result):
                return
            self.engine = engine = self._engine_for(version)
            self.start_button.setEnabled(False)
            self.wizard.set_state(CHOOSE, StepState.DONE, self.tr("{0} v{1}, lot {2}").format(
                version.recipe_id, version.version, lot))
            self.wizard.show_step(DOWNLOAD)
            self.state_label.setText(self.tr("Pre-checks, snapshot, download and read-back …"))
            self.trial_button.setEnabled(False)  # the mode holds for this changeover
            self._on_io(engine.start(version, lot, user, trial=self.trial()), self._on_record)

        self._run(authorize, go)

    # -- the record -------------------------------------------------------------------------
    def _on_record(self, result: object) -> None:
        self.start_button.setEnabled(True)
        if self._refused(result):
            self.wizard.set_state(DOWNLOAD, StepState.FAILED, show(result))
            return
        assert isinstance(result, ChangeoverRecord)
        self.record = record = result
        self._show_parameters(record)
        self._audit_writes(record)
        failed = record.state in (St.REFUSED, St.ROLLED_BACK, St.ROLLBACK_FAILED)
        text = self.state_line(record)
        self.state_label.setText(text)
        done_upto = {St.VERIFIED: DOWNLOAD, St.CHECKED: CHECKLIST, St.SIGNED: SIGN,
                     St.RELEASED: RELEASE}.get(record.state)
        if failed:
            step = DOWNLOAD if self.wizard.current() <= DOWNLOAD else self.wizard.current()
            self.wizard.set_state(step, StepState.FAILED,
                                  show(record.failure) or state_word(record.state))
            self.result.show_record(record, text)
            self._say(f"✗ {text}")
            return
        if done_upto is not None:
            for step in range(DOWNLOAD, done_upto + 1):
                self.wizard.set_state(step, StepState.DONE, self._step_detail(record, step))
        self._show_checks(record)
        if record.trial and record.state is St.RELEASED:
            text = self.tr("{0} — TRIAL: the lot is held until QA releases it (below)").format(
                text)
        self.result.show_record(record, text)
        self._say(text)

    def _show_parameters(self, record: ChangeoverRecord) -> None:
        self.param_table.setRowCount(len(record.parameters))
        for row, p in enumerate(record.parameters):
            for col, cell in enumerate((p.tag, p.target, p.snapshot, p.read_back,
                                        phase_word(p.phase), show(p.message))):
                self.param_table.setItem(row, col,
                                         QTableWidgetItem("" if cell is None else str(cell)))

    def _show_checks(self, record: ChangeoverRecord) -> None:
        row = self.check_list.currentRow()  # a live reload keeps the operator's choice
        self.check_list.clear()
        glyph = {"open": "○", "passed": "✓", "failed": "✗"}
        for check in record.checks:
            kind = self.tr("SPC") if check.kind == "spc" else check.kind
            status = check_word(check.status)
            line = (self.tr("{0} {1} ({2}, {3} by {4})").format(
                        glyph.get(check.status, "?"), show(check.text), kind, status, check.by)
                    if check.by else self.tr("{0} {1} ({2}, {3})").format(
                        glyph.get(check.status, "?"), show(check.text), kind, status))
            self.check_list.addItem(f"{line}: {show(check.note)}" if check.note else line)
        if 0 <= row < self.check_list.count():
            self.check_list.setCurrentRow(row)

    def _audit_writes(self, record: ChangeoverRecord) -> None:
        """Once the download has ended (verified, refused or rolled back), each parameter
        the PLC was sent goes into the audit trail like a write from a screen: who started
        the changeover, the value before (the rollback point), sent, read back, and why."""
        if record.id in self._audited or record.state in (
                St.CREATED, St.PRECHECKED, St.SNAPSHOT, St.DOWNLOADING, St.DOWNLOADED):
            return
        self._audited.add(record.id)
        sent = [p for p in record.parameters if p.phase is not ParamPhase.PENDING]
        if not sent:
            return
        users, audit, host = self._gate.security.users, self._gate.security.audit, \
            self._gate.client_host
        why = (f"changeover {record.id}: {record.recipe_id} v{record.version}, lot "
               f"{record.lot_id} ({record.state.value})")

        def write() -> None:
            user = users.get(record.started_by)
            audit.append_many([AuditEvent(
                username=record.started_by, full_name=user.full_name if user else "",
                role=user.grants_text if user else "", action="recipe_download",
                object_type="tag", object_id=p.tag, field=p.phase.value,
                old_value=p.snapshot, sent_value=p.target, read_back=p.read_back,
                reason=why, client_host=host,
            ) for p in sent])

        self._run(write, self._said_if_refused)

    def _said_if_refused(self, result: object) -> None:
        self._refused(result)

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

    # -- the people's part ------------------------------------------------------------------
    def run_checks(self) -> None:
        if self.engine is not None and self.record is not None:
            self._say(self.tr("Automatic checks: holding each condition for its time …"))
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
            self._show_checks(result)

    def confirm_selected(self) -> None:
        if self.engine is None or self.record is None:
            return
        row = self.check_list.currentRow()
        checks = self.record.checks
        if not (0 <= row < len(checks)):
            self._say(self.tr("✗ Touch the checklist item you confirm."))
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
        dialog = SignatureDialog(
            self, meaning=meaning.value,
            record=self.tr("Changeover {0} v{1}, lot {2} (%n parameter(s) verified)", "",
                           len(record.parameters)).format(
                record.recipe_id, record.version, record.lot_id),
            record_hash=record.control_hash, user_id=user.username if user else "",
        )
        security, engine, co_id = self._gate.security, self.engine, record.id
        action = Action.CHANGEOVER if meaning is Meaning.PERFORMED else Action.RECIPE_VERIFY
        earlier = [self.performed] if self.performed is not None else []

        def signed(username: str, password: str, reason: str) -> None:
            def work() -> object:
                signature = security.signatures.sign(
                    username, password, meaning, "changeover", co_id, record.control_hash or "",
                    reason, required_action=action, distinct_from=earlier,
                    client_host=self._gate.client_host)
                if meaning is Meaning.PERFORMED:
                    return signature
                assert self.performed is not None
                return engine.sign(co_id, self.performed, _role_of(security, self.performed),
                                   signature, _role_of(security, signature))

            def settle(result: object) -> None:
                settle_dialog(dialog, result)
                if isinstance(result, Signature):
                    self.performed = result
                    self.signature_label.setText(self.tr(
                        "Performed by {0}; now verified by a second person.").format(
                            result.printed_name))
                elif not isinstance(result, Exception):
                    self._on_record(result)
                    self._release()

            self._run(work, settle)

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
        self._on_io(self.engine.roll_back(self.record.id, "aborted by the operator"),
                    self._on_record)

    def _on_wizard_next_requested(self, step: int) -> None:
        self.wizard.show_step(min(step + 1, self.wizard.count() - 1))

    def _on_io(self, coro: Coroutine[Any, Any, object], done: Callable[[object], None]) -> None:
        self._await(self._io, coro, done)

    def _step_detail(self, record: ChangeoverRecord, step: int) -> str:
        # self.tr, not QCoreApplication.translate: lupdate reads plurals only from tr().
        if step == DOWNLOAD:
            return self.tr("%n parameter(s) read back equal", "", len(record.parameters))
        if step == CHECKLIST:
            return self.tr("%n item(s) passed", "", len(record.checks))
        if step == SIGN:
            return ", ".join(self.tr("{0} by {1}").format(
                QCoreApplication.translate("SignatureMeaning", s.meaning), s.printed_name)
                for s in record.signatures)
        return state_word(record.state)

    def close(self) -> bool:  # Qt slot override: the result page's reload timer ends too
        self._check_poll.stop()
        self.result.stop()
        return super().close()


def _text_entry(page: QWidget, box: QVBoxLayout,
                button: QPushButton) -> tuple[QLineEdit, QLabel]:
    """A labelled text field with its button beside it and the touch keyboard (no hardware
    keyboard at the panel) under the row; returns the field and its label."""
    row = QHBoxLayout()
    label = QLabel()
    row.addWidget(label)
    edit = QLineEdit()
    row.addWidget(edit, 1)
    row.addWidget(button)
    box.addLayout(row)
    keyboard = TouchKeyboard(page)
    keyboard.attach(edit)
    box.addWidget(keyboard)
    return edit, label


def _role_of(security: Any, signature: Signature) -> str:
    """The signer's role as the engine's role rules name it (operator, lead, qa)."""
    user = security.users.get(signature.username)
    return str(user.grants[0].role).lower() if user and user.grants else ""
