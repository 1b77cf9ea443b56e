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
from PySide6.QtWidgets import QVBoxLayout, QWidget

from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.roles import Action
from hmi.core.user_text import user_text
from hmi.production.holds import LotHoldStore
from hmi.production.variance import VarianceMonitor
from hmi.security import Meaning, Signature
from hmi.ui.changeover_actions import INTERRUPTED, ChangeoverActions
from hmi.ui.changeover_audit import download_ended, download_events
from hmi.ui.changeover_choose import (
    ChangeoverChoosePage,
    interrupted_changeovers,
    newest_released,
    runnable_versions,
)
from hmi.ui.changeover_progress import (  # noqa: F401  (re-exported: the screen's names)
    PARAM_COLUMNS,
    ChangeoverChecklistPage,
    ChangeoverDownloadPage,
    param_columns,
)
from hmi.ui.changeover_result import ChangeoverResult
from hmi.ui.changeover_signing import ChangeoverSignPage
from hmi.ui.changeover_words import state_word
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import show
from hmi.ui.worker import WorkerScreen
from recipes import RecipeStore, RecipeVersion
from recipes.changeover import (
    ChangeoverEngine,
    ChangeoverJournal,
    ChangeoverRecord,
    ChangeoverState,
)
from widgets.retranslating import Retranslating
from widgets.step_wizard import StepState, StepWizard

EngineFactory = Callable[[RecipeVersion], ChangeoverEngine]
St = ChangeoverState
CHOOSE, DOWNLOAD, CHECKLIST, SIGN, RELEASE = range(5)
FAILED = (St.REFUSED, St.ROLLED_BACK, St.ROLLBACK_FAILED)
STEP_LIST_MM = 54  # the wizard's step list (its lines wrap)
CHECK_POLL_MS = 1000  # while the checks run: the checklist's live status reloaded


class ChangeoverScreen(ChangeoverActions, Retranslating, WorkerScreen):

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
        self._recovered: str | None = None  # the changeover resumed or rolled back here
        box = QVBoxLayout(self)
        # The step list narrow: a 1024 px panel leaves the pages ~800 px beside the side bar.
        self.wizard = StepWizard("", step_width_mm=STEP_LIST_MM)
        box.addWidget(self.wizard)
        self.choose_page = choose = ChangeoverChoosePage()
        self.download_page = download = ChangeoverDownloadPage()
        self.checklist_page = checklist = ChangeoverChecklistPage()
        self.sign_page = signing = ChangeoverSignPage()
        self.result = ChangeoverResult(self._run, self._say, self._gate, self._store,
                                       self._journal, self._holds)
        for page in (choose, download, checklist, signing, self.result):
            self.wizard.add_step("", page)
        # The pages' widgets by the names the rest of the HMI and the tests use.
        self.interrupted_label = choose.interrupted_label
        self.resume_button, self.rollback_button = choose.resume_button, choose.rollback_button
        self.versions_label, self.version_list = choose.versions_label, choose.version_list
        self.trial_button, self.trial_banner = choose.trial_button, choose.trial_banner
        self.active_button, self.start_button = choose.active_button, choose.start_button
        self.lot_edit = choose.lot_edit
        self.state_label, self.param_table = download.state_label, download.param_table
        self.check_list, self.note_edit = checklist.check_list, checklist.note_edit
        self.auto_button, self.confirm_button = checklist.auto_button, checklist.confirm_button
        self.signature_label = signing.signature_label
        self.perform_button, self.verify_button = signing.perform_button, signing.verify_button
        self.result_label = self.result.result_label
        self.resume_button.clicked.connect(lambda: self.recover(resume=True))
        self.rollback_button.clicked.connect(lambda: self.recover(resume=False))
        self.trial_button.toggled.connect(self._on_trial_button_toggled)
        self.active_button.clicked.connect(lambda: self.wizard.show_step(RELEASE))
        self.start_button.clicked.connect(self.start)
        self.auto_button.clicked.connect(self.run_checks)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.perform_button.clicked.connect(lambda: self.sign(Meaning.PERFORMED))
        self.verify_button.clicked.connect(lambda: self.sign(Meaning.VERIFIED))
        # While the engine holds conditions and waits for the first article, the checklist
        # is reloaded from the journal (the engine writes each item's status there).
        self._check_poll = QTimer(self)
        self._check_poll.setInterval(CHECK_POLL_MS)
        self._check_poll.timeout.connect(self._on_check_poll_timeout)
        # A touch keyboard up takes the step list's width; any step change puts it away.
        for toggle in (choose.keyboard_button, checklist.keyboard_button):
            toggle.toggled.connect(self._on_keyboard_toggled)
        self.wizard.step_shown.connect(self._on_wizard_step_shown)
        self.wizard.next_requested.connect(self._on_wizard_next_requested)
        self.wizard.back_requested.connect(lambda i: self.wizard.show_step(max(i - 1, 0)))
        self.wizard.abort_requested.connect(self.abort)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's own words in the language now installed; what the engine reported
        is said in it from its next report on. (Each page says its own words.)"""
        self.wizard.set_titles(self.tr("Changeover"), [
            self.tr("Recipe and lot"), self.tr("Download and verify"), self.tr("Checklist"),
            self.tr("Signatures"), self.tr("Release")])
        if self.record is None:
            self.state_label.setText(self.tr("Not started."))
        else:  # the engine's report, its states and phases in the new language
            failed = [i for i in range(self.wizard.count())
                      if self.wizard.state(i) is StepState.FAILED]
            self._show_record(self.record, failed[0] if failed else DOWNLOAD)

    # -- choosing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        journal, store, trial = self._journal, self._store, self.trial_button.isChecked()
        self._run(lambda: interrupted_changeovers(journal), self._on_interrupted_loaded)
        self._run(lambda: newest_released(journal), self._on_active_loaded)
        self.choose_page.show_versions_title(trial)
        self._run(lambda: runnable_versions(store, trial), self._on_versions_loaded)

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
        self.choose_page.show_versions(result, self._cached_at)
        self.wizard.set_complete(CHOOSE, False)

    def _on_active_loaded(self, result: object) -> None:
        if self._refused(result) or result is None or self.record is not None:
            return
        assert isinstance(result, ChangeoverRecord)
        self.result.show_record(result, self.choose_page.active_text(result))
        self.active_button.show()

    def _on_interrupted_loaded(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.interrupted = result
        self._show_interrupted()

    def _show_interrupted(self) -> None:
        self.choose_page.show_interrupted(self.interrupted[0] if self.interrupted else None)

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
            self._recovered = record.id
            self.interrupted = self.interrupted[1:]
            self._show_interrupted()
            self.wizard.set_state(CHOOSE, StepState.DONE, self.tr(
                "{0} v{1}, lot {2} (recovered)").format(
                    record.recipe_id, record.version, record.lot_id))
            self.wizard.show_step(DOWNLOAD)
            work = (result.resume(record.id) if resume else
                    result.roll_back(record.id, user_text(INTERRUPTED)))
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
        self._audit_writes(record)
        if record.state in FAILED:
            step = DOWNLOAD if self.wizard.current() <= DOWNLOAD else self.wizard.current()
            self._say(f"✗ {self._show_record(record, step)}")
        else:
            self._say(self._show_record(record))

    def _show_record(self, record: ChangeoverRecord, failed_step: int = DOWNLOAD) -> str:
        """The record on every page and in the step list, in the language now installed
        (again after a language switch); returns the state line said."""
        self.download_page.show_parameters(record)
        text = self.state_line(record)
        self.state_label.setText(text)
        if record.id == self._recovered:
            self.wizard.set_state(CHOOSE, StepState.DONE, self.tr(
                "{0} v{1}, lot {2} (recovered)").format(
                    record.recipe_id, record.version, record.lot_id))
        else:
            self.wizard.set_state(CHOOSE, StepState.DONE, self.tr("{0} v{1}, lot {2}").format(
                record.recipe_id, record.version, record.lot_id))
        if record.state in FAILED:
            self.wizard.set_state(failed_step, StepState.FAILED,
                                  show(record.failure) or state_word(record.state))
            self.result.show_record(record, text)
            return text
        done_upto = {St.VERIFIED: DOWNLOAD, St.CHECKED: CHECKLIST, St.SIGNED: SIGN,
                     St.RELEASED: RELEASE}.get(record.state)
        if done_upto is not None:
            for step in range(DOWNLOAD, done_upto + 1):
                self.wizard.set_state(step, StepState.DONE, self._step_detail(record, step))
        self.checklist_page.show_checks(record)
        if record.trial and record.state is St.RELEASED:
            text = self.tr("{0} — TRIAL: the lot is held until QA releases it (below)").format(
                text)
        self.result.show_record(record, text)
        return text

    def _audit_writes(self, record: ChangeoverRecord) -> None:
        """Once the download has ended, each parameter sent goes into the audit trail
        (changeover_audit), once per changeover."""
        if record.id in self._audited or not download_ended(record):
            return
        self._audited.add(record.id)
        security, host = self._gate.security, self._gate.client_host

        def write() -> None:
            events = download_events(record, security.users, host)
            if events:
                security.audit.append_many(events)

        self._run(write, self._said_if_refused)

    def _said_if_refused(self, result: object) -> None:
        self._refused(result)

    def state_line(self, record: ChangeoverRecord) -> str:
        """The changeover state line (changeover_progress.ChangeoverDownloadPage)."""
        return self.download_page.state_line(record)

    def _on_keyboard_toggled(self, on: bool) -> None:
        self.wizard.show_steps(not on)

    def _on_wizard_step_shown(self, _step: int) -> None:
        for toggle in (self.choose_page.keyboard_button, self.checklist_page.keyboard_button):
            toggle.setChecked(False)

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
        # The release: its step says "done" and its page the outcome; a line more would not
        # fit the step list of a 768 px panel in German.
        return ""

    def close(self) -> bool:  # Qt slot override: the result page's reload timer ends too
        self._check_poll.stop()
        self.result.stop()
        return super().close()

