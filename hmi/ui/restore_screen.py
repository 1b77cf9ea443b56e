"""The loop-restore wizard (DOMAIN.md 4.4): from a fault to verified running, step by step.

Opened from an alarm's Restore button with the fault context (alarm, first-out of its trip
group, time), or from the list of procedures. An interrupted run (the app stopped mid
procedure) is offered first, to resume at its step. Each step's page shows its text, the
live state of every condition it judges and, while the engine performs it, the engine's
progress (hold countdown, ramp position). "Do step" asks the engine (hmi.restore, on the
IoThread: its writes go through the CommandService); a confirm step takes the note typed
on the touch keyboard, and an e-signature where the step asks. A refused step stays with
its reason; a step whose condition stopped holding sends the run back, said in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.core.iothread import IoThread
from hmi.core.tags import TagValue, utc_now
from hmi.plantdb import PlantDb
from hmi.restore import (
    FaultContext,
    Procedure,
    RestoreEngine,
    RunState,
    RunView,
    StepKind,
    StepOutcome,
    StepStatus,
    restore_times,
)
from hmi.restore.engine import run_hash  # what a step's e-signature signs (shown to the signer)
from hmi.restore.record import OpenLot
from hmi.ui.alarm_screen import RestoreRequest
from hmi.ui.restore_report_view import RestoreReportView
from hmi.ui.restore_step_page import RestoreStepPage
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import said_meaning, settle_dialog, show
from hmi.ui.worker import WorkerScreen
from widgets.quality import format_age
from widgets.retranslating import Retranslating
from widgets.signature_dialog import SignatureDialog
from widgets.step_wizard import StepState, StepWizard
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

CHOOSE, RUN, REPORT = range(3)
PROGRESS_MS = 250
STEPS_AROUND = (1, 3)  # steps listed before and after the current one (a panel is short)


class RestoreScreen(Retranslating, WorkerScreen):
    def __init__(self, engine: RestoreEngine, gate: SecurityGate, io: IoThread,
                 plant_db: PlantDb, parent: QWidget | None = None, *,
                 open_lots: Callable[[], tuple[OpenLot, ...]] = tuple) -> None:
        """``open_lots``: the lots running when a run starts (their exposure is counted)."""
        super().__init__("restore", parent)
        self.engine, self._gate, self._io, self._db = engine, gate, io, plant_db
        self._open_lots = open_lots
        self.fault: FaultContext | None = None  # from an alarm, until a run starts
        self.run: RunView | None = None
        self.interrupted: list[RunView] = []
        self.performing = False
        self.latest: dict[str, TagValue] = {}
        self.step_pages: list[RestoreStepPage] = []
        self.wizard: StepWizard | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        box.addWidget(self.pages)
        self.pages.addWidget(self._build_choose())
        self.pages.addWidget(self._build_run())
        self.report_view = RestoreReportView()
        self.report_view.back_requested.connect(lambda: self.pages.setCurrentIndex(CHOOSE))
        self.report_view.period_requested.connect(self.load_report)
        self.pages.addWidget(self.report_view)
        self._ticker = QTimer(self)
        self._ticker.setInterval(PROGRESS_MS)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's own words again; procedures' titles and steps are their files'."""
        self.resume_button.setText(self.tr("Resume it"))
        for row in range(self.procedure_list.count()):
            item = self.procedure_list.item(row)
            procedure = self.engine.procedures.get(str(item.data(Qt.ItemDataRole.UserRole)))
            if procedure is not None:
                item.setText(self.tr("{0}  ({1}, %n step(s))", "", len(procedure.steps)).format(
                    procedure.title, ", ".join(procedure.faults)))
        self.start_button.setText(self.tr("Start restore"))
        self.report_button.setText(self.tr("Restore times…"))
        self.note_edit.setPlaceholderText(self.tr("note: what was done (or why abandoned)"))
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.do_button.setText(self.tr("Do step"))
        self.close_button.setText(self.tr("Procedures"))
        self.abandon_button.setText(self.tr("Abandon…"))
        self._show_fault()
        self._show_interrupted()
        if self.run is not None and self.wizard is not None:
            self.show_run(self.run)

    # -- pages ------------------------------------------------------------------------------
    def _build_choose(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        # A run cut short comes first: the line is somewhere in the middle of a restore.
        row = QHBoxLayout()
        self.interrupted_label = QLabel()
        self.interrupted_label.setWordWrap(True)
        self.interrupted_label.setStyleSheet("font-weight: bold;")
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self.resume)
        row.addWidget(self.interrupted_label, 1)
        row.addWidget(self.resume_button)
        box.addLayout(row)
        self.fault_label = QLabel()
        self.fault_label.setWordWrap(True)
        box.addWidget(self.fault_label)
        self.procedure_list = QListWidget()
        for procedure in sorted(self.engine.procedures.values(), key=lambda p: p.title):
            item = QListWidgetItem()  # its text: retranslate()
            item.setData(Qt.ItemDataRole.UserRole, procedure.id)
            self.procedure_list.addItem(item)
        self.procedure_list.setStyleSheet("QListWidget::item { min-height: 2.6em; }")
        box.addWidget(self.procedure_list, 1)
        buttons = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.show_report)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        box.addLayout(buttons)
        self._show_fault()
        self._show_interrupted()
        return page

    def _build_run(self) -> QWidget:
        page = QWidget()
        self._run_box = QVBoxLayout(page)
        self._run_box.setContentsMargins(0, 0, 0, 0)
        self.head_label = QLabel()
        self.head_label.setWordWrap(True)
        self._run_box.addWidget(self.head_label)
        self.banner = QLabel()
        self.banner.setObjectName("lostBanner")  # the header's abnormal-banner look
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._run_box.addWidget(self.banner)
        self._wizard_slot = QVBoxLayout()
        self._run_box.addLayout(self._wizard_slot, 1)
        row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.keyboard_button = QPushButton()
        self.keyboard_button.setCheckable(True)
        self.do_button = QPushButton()
        self.do_button.setStyleSheet("font-weight: bold;")  # the one action that moves on
        self.do_button.setMinimumWidth(metrics().button_px(self) * 3)
        self.do_button.clicked.connect(self.do_step)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.leave_run)
        self.abandon_button = QPushButton()
        self.abandon_button.clicked.connect(self.abandon)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.keyboard_button)
        row.addWidget(self.do_button)
        row.addWidget(self.abandon_button)
        row.addWidget(self.close_button)
        self._run_box.addLayout(row)
        self.keyboard = TouchKeyboard(page)
        self.keyboard.attach(self.note_edit)
        self.keyboard.hide()
        self.keyboard_button.toggled.connect(self._on_keyboard_button_toggled)
        self._run_box.addWidget(self.keyboard)
        return page

    # -- choosing ---------------------------------------------------------------------------
    def open_for_fault(self, request: RestoreRequest) -> None:
        """The alarm's procedure, preselected, with the fault it answers (not yet started:
        starting records the run, and the operator does that with one touch)."""
        procedure = self.procedure_named(request.procedure)
        if procedure is None:
            self._say(self.tr("✗ alarm {0} names procedure '{1}', which is not among the "
                              "loaded procedures ({2})").format(
                request.alarm_id, request.procedure, ", ".join(sorted(self.engine.procedures))))
            return
        kind = request.procedure if request.procedure in procedure.faults else \
            procedure.faults[0]
        self.fault = FaultContext(kind, request.station, first_out=request.first_out or "",
                                  detail=f"alarm {request.alarm_id}", at=request.fault_at)
        self.select_procedure(procedure.id)
        self._show_fault()
        self.pages.setCurrentIndex(CHOOSE)

    def open_procedure(self, procedure_id: str) -> None:
        """A procedure chosen without an alarm (from help, as from the list): preselected,
        with no fault context, so an earlier alarm's fault time is not carried over.
        KeyError: no such procedure loaded."""
        self.fault = None
        self._show_fault()
        self.select_procedure(procedure_id)
        self.pages.setCurrentIndex(CHOOSE)

    def procedure_named(self, name: str) -> Procedure | None:
        """A procedure by id, or the one serving a fault kind of that name."""
        return self.engine.procedures.get(name) or self.engine.procedure_for(name)

    def select_procedure(self, procedure_id: str) -> None:
        for row in range(self.procedure_list.count()):
            item = self.procedure_list.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == procedure_id:
                self.procedure_list.setCurrentRow(row)
                return
        raise KeyError(procedure_id)

    def _selected_procedure(self) -> Procedure | None:
        item = self.procedure_list.currentItem()
        return None if item is None else self.engine.procedures.get(
            str(item.data(Qt.ItemDataRole.UserRole)))

    def _show_fault(self) -> None:
        fault = self.fault
        if fault is None:
            self.fault_label.setText(self.tr("No fault context: choose a procedure and start "
                                             "it (the fault time is then the start)."))
            return
        first = ", " + self.tr("first out {0}").format(fault.first_out) if fault.first_out \
            else ""
        where = (self.tr("{0} at {1}", "station at time").format(
            fault.station, f"{fault.at.astimezone():%H:%M:%S}") if fault.at else fault.station)
        self.fault_label.setText(self.tr("Fault {0} at {1} ({2}).").format(
            fault.kind, where, f"{fault.detail}{first}"))

    def refresh(self) -> None:
        """Look for runs left unfinished (an app restart mid procedure)."""
        engine = self.engine
        self._run(engine.unfinished, self._on_unfinished)

    def _on_unfinished(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.interrupted = result
        self._show_interrupted()

    def _show_interrupted(self) -> None:
        runs = self.interrupted
        if runs:
            run = runs[0]
            self.interrupted_label.setText(self.tr(
                "Unfinished restore: {0} for {1}, at step {2} of {3}, started by {4} {5}."
            ).format(run.title, run.fault.kind, run.step_index + 1, run.step_count,
                     run.started_by, f"{run.started_at.astimezone():%H:%M}"))
        self.interrupted_label.setVisible(bool(runs))
        self.resume_button.setVisible(bool(runs))

    def start(self) -> None:
        procedure = self._selected_procedure()
        if procedure is None:
            self._say(self.tr("✗ choose a procedure first"))
            return
        user = self._user()
        if user is None:
            return
        fault = self.fault or FaultContext(procedure.faults[0], procedure.station,
                                           detail="started from the procedure list")
        if not fault.open_lots:
            fault = replace(fault, open_lots=self._open_lots())
        self._await(self._io, self.engine.start(procedure.id, fault, user), self._on_started)

    def _on_started(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, RunView)
        self.fault = None
        self._say(self.tr("✓ restore started: {0}").format(result.title))
        self.open_run(result)

    def resume(self) -> None:
        if self.interrupted:
            run = self.interrupted.pop(0)
            self._show_interrupted()
            self._say(self.tr("✓ resumed at step {0}: {1}").format(run.step_index + 1, run.title))
            self.open_run(run)

    def show_report(self) -> None:
        self.pages.setCurrentIndex(REPORT)
        self.load_report(self.report_view.period_s())

    def load_report(self, period_s: float) -> None:
        db = self._db

        def times() -> object:
            until = utc_now()
            return restore_times(db, datetime.fromtimestamp(until.timestamp() - period_s,
                                                            until.tzinfo), until)

        self._run(times, lambda r: None if self._refused(r) else self.report_view.show_times(
            r))  # type: ignore[arg-type]

    # -- running ----------------------------------------------------------------------------
    def open_run(self, run: RunView) -> None:
        """Show a run: a wizard of its procedure's steps, at the step it stands."""
        procedure = self.engine.procedures[run.procedure_id]
        if self.wizard is not None:
            self._wizard_slot.removeWidget(self.wizard)
            self.wizard.deleteLater()
        self.wizard = StepWizard(f"{run.title}")
        # The engine moves the run, never the operator; its buttons live in one row below
        # with the note (a 600 px panel has room for one row of them), its title above.
        for button in (self.wizard.back_button, self.wizard.next_button,
                       self.wizard.abort_button):
            button.hide()
        self.wizard.title_label.hide()
        self.step_pages = []
        for step in procedure.steps:
            page = RestoreStepPage(step)
            self.step_pages.append(page)
            self.wizard.add_step(step.id.replace("_", " "), page)
        self._wizard_slot.addWidget(self.wizard)
        self.pages.setCurrentIndex(RUN)
        self.show_run(run)

    def show_run(self, run: RunView) -> None:
        self.run = run
        wizard = self.wizard
        assert wizard is not None
        # What each done step found (its result as journalled), in the panel's language.
        done = {r.position: r.message for r in run.steps if r.outcome is StepOutcome.DONE}
        for index in range(wizard.count()):
            if run.state is RunState.VERIFIED or (index in done and index < run.step_index):
                wizard.set_state(index, StepState.DONE, show(done.get(index, "")))
            elif index > run.step_index:
                wizard.set_state(index, StepState.PENDING)
        current = min(run.step_index, wizard.count() - 1)
        wizard.show_step(current)
        if run.status is StepStatus.SENT_BACK:
            self._banner(self.tr("Sent back to step {0}: {1}").format(current + 1,
                                                                      show(run.message)))
        elif run.status is StepStatus.REFUSED:
            wizard.set_state(current, StepState.FAILED, show(run.message))
            self._banner(self.tr("Step {0} refused: {1}").format(current + 1,
                                                                 show(run.message)))
        else:
            self._banner("")
        if run.state is RunState.VERIFIED:
            if run.mttr_s is not None:
                self._banner(self.tr(
                    "✓ Verified running in {0} after the fault; downtime booked to {1}."
                ).format(format_age(run.mttr_s), run.downtime_reason))
            else:
                self._banner(self.tr(
                    "✓ Verified running after the fault; downtime booked to {0}."
                ).format(run.downtime_reason))
        elif run.state is RunState.ABANDONED:
            self._banner(self.tr("Abandoned: {0}").format(show(run.message)))
        running = run.state is RunState.RUNNING
        self.do_button.setEnabled(running and not self.performing)
        self.abandon_button.setEnabled(running)
        self._show_current_page()
        self._show_head()

    def do_step(self) -> None:
        run = self.run
        if run is None or run.step is None or self.performing:
            return
        user = self._user()
        if user is None:
            return
        note = self.note_edit.text().strip()
        if run.step.kind is StepKind.CONFIRM and run.step.signature:
            self.open_signature(run, note)
            return
        self._perform(user, note, None, None)

    def open_signature(self, run: RunView, note: str) -> SignatureDialog:
        assert run.step is not None and run.step.signature is not None
        signed_in = self._gate.user()
        dialog = SignatureDialog(
            self, meaning=said_meaning(run.step.signature),
            record=self.tr("Restore run: {0} — step {1} {2}").format(
                run.title, run.step_index + 1, run.step.id),
            record_hash=run_hash(run), user_id=signed_in.username if signed_in else "",
            reason=note, reason_required=False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sign_requested.connect(
            lambda username, password, reason: self._perform(
                username, note or reason, password, dialog))
        dialog.open()
        self.signature_dialog = dialog
        return dialog

    def _perform(self, user: str, note: str, password: str | None,
                 dialog: SignatureDialog | None) -> None:
        run = self.run
        assert run is not None
        self.performing = True
        self.do_button.setEnabled(False)
        self._banner("")

        def done(result: object) -> None:
            self.performing = False
            if dialog is not None:
                settle_dialog(dialog, result)
            self._on_performed(result)

        self._await(self._io, self.engine.perform(run.id, user, note=note, password=password),
                    done)

    def _on_performed(self, result: object) -> None:
        if isinstance(result, Exception):
            self._refused(result)
            run = self.run
            if run is not None and self.wizard is not None:
                said = show(result)  # in the operator's language
                self.wizard.set_state(run.step_index, StepState.FAILED, said)
                self._banner(self.tr("Step {0} refused: {1}").format(run.step_index + 1, said))
            self.do_button.setEnabled(True)
            return
        assert isinstance(result, RunView)
        previous = self.run
        if previous is not None and result.step_index > previous.step_index:
            self.note_edit.clear()
        self.show_run(result)

    def abandon(self) -> None:
        run = self.run
        user = self._user()
        if run is None or user is None or run.state is not RunState.RUNNING:
            return
        reason = self.note_edit.text().strip()
        if not reason:
            self._say(self.tr("✗ say why the restore is abandoned in the note, then Abandon "
                              "again"))
            return
        engine = self.engine
        self._run(lambda: engine.abandon(run.id, user, reason), self._on_performed)

    def leave_run(self) -> None:
        self.pages.setCurrentIndex(CHOOSE)
        self.refresh()

    # -- live -------------------------------------------------------------------------------
    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue]
                    ) -> None:
        """The bridge's frame (the main window calls this while the screen is shown)."""
        self.latest = dict(latest)
        page = self._current_page()
        if page is not None and not page.tags().isdisjoint(changed):
            page.show_live(self.latest)

    def _current_page(self) -> RestoreStepPage | None:
        if self.wizard is None or not self.step_pages:
            return None
        index = self.wizard.current()
        return self.step_pages[index] if 0 <= index < len(self.step_pages) else None

    def _show_current_page(self) -> None:
        page = self._current_page()
        if page is not None:
            page.show_live(self.latest)
            page.show_progress("")
        self._trim_step_list()

    def _trim_step_list(self) -> None:
        # Seventeen steps do not fit a 600 px panel: the list shows the ones around now.
        if self.wizard is None:
            return
        current = self.wizard.current()
        labels = self.wizard.findChildren(QLabel, "step")
        # As many as the height holds (a step label takes up to two lines), at least 5.
        m = metrics()
        fits = int((self.height() - 3 * m.button_px(self)) / (m.text_px(self) * 3.2))
        shown = max(sum(STEPS_AROUND) + 1, fits)
        before = max(STEPS_AROUND[0], shown // 4)
        after = shown - before - 1
        for index, label in enumerate(labels):
            label.setVisible(current - before <= index <= current + after)

    def _on_ticker_timeout(self) -> None:
        run = self.run
        if run is None or self.pages.currentIndex() != RUN:
            return
        if self.performing:
            page = self._current_page()
            if page is not None:
                page.show_progress(show(self.engine.progress(run.id)) or self.tr("working…"))
        self._show_head()

    def _show_head(self) -> None:
        run = self.run
        if run is None:
            return
        fault = run.fault
        since = ""
        if fault.at is not None:
            end = run.verified_at if run.verified_at is not None else utc_now()
            since = " · " + self.tr("{0} since the fault").format(
                format_age((end - fault.at).total_seconds()))
        first = ", " + self.tr("first out {0}").format(fault.first_out) if fault.first_out \
            else ""
        self.head_label.setText(f"<b>{run.title}</b> — " + self.tr(
            "fault {0} at {1}{2} · step {3} of {4}{5}").format(
                fault.kind, fault.station, first, min(run.step_index + 1, run.step_count),
                run.step_count, since))

    def _banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _on_keyboard_button_toggled(self, typing: bool) -> None:
        # While typing, the keyboard takes the wizard's place: a panel has no room for both.
        self.keyboard.setVisible(typing)
        if self.wizard is not None:
            self.wizard.setVisible(not typing)

    def _user(self) -> str | None:
        try:
            return self._gate.acting_user()
        except Exception as exc:  # locked or nobody signed in: said, nothing done
            self._say(f"✗ {show(exc)}")
            return None

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._trim_step_list()
