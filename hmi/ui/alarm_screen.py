"""The alarm list (ISA-18.2, DOMAIN.md 3.1): what is annunciated now, and what is shelved,
suppressed by design or out of service (rule 2: those have a list of their own).

An operator selects an alarm by touch and reads its rationalisation (cause, consequence,
action, time to respond) beside the list; acknowledges it or the page of alarms in view;
shelves it with a reason and a time (the engine enforces the alarm's maximum); takes it
out of service or back (authorised roles only: the engine asks the command service);
resets a latched alarm; and, when the alarm names a restore procedure, opens it with the
fault context. Every engine call runs on the screen's worker; refusals come back as one
line on the screen and in the feedback strip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.alarms import AlarmEngine, AlarmSummary, AlarmView
from hmi.config.alarms import AlarmDef
from hmi.config.schema import LineConfig
from hmi.ui.admin_widgets import big_button
from hmi.ui.alarm_feed import AlarmFeed
from hmi.ui.alarm_reason_panel import ReasonPanel, duration_text
from hmi.ui.alarm_table import (
    ID_ROLE,
    alarm_table,
    fit_columns,
    selected_id,
    show_alarms,
    visible_ids,
)
from hmi.ui.security_gate import SecurityGate
from hmi.ui.worker import WorkerScreen
from widgets.theme import metrics

LISTS = ("active", "shelved", "suppressed", "out_of_service")


def list_titles() -> dict[str, str]:
    """The four lists' names, in the language now installed."""
    return {
        "active": QCoreApplication.translate("AlarmScreen", "Active"),
        "shelved": QCoreApplication.translate("AlarmScreen", "Shelved"),
        "suppressed": QCoreApplication.translate("AlarmScreen", "Suppressed"),
        "out_of_service": QCoreApplication.translate("AlarmScreen", "Out of service"),
    }


def done_words() -> dict[str, str]:
    """What an action did to alarms ("3 alarms acknowledged"), in the installed language."""
    return {
        "acknowledged": QCoreApplication.translate("AlarmScreen", "acknowledged"),
        "reset": QCoreApplication.translate("AlarmScreen", "reset", "alarms were reset"),
        "shelved": QCoreApplication.translate("AlarmScreen", "shelved"),
        "unshelved": QCoreApplication.translate("AlarmScreen", "unshelved"),
        "taken out of service": QCoreApplication.translate(
            "AlarmScreen", "taken out of service"),
        "returned to service": QCoreApplication.translate("AlarmScreen", "returned to service"),
    }


@dataclass(frozen=True, slots=True)
class RestoreRequest:
    """What the restore wizard needs to open a procedure for an alarm's fault."""

    procedure: str
    alarm_id: str
    station: str
    first_out: str | None  # the first-out alarm of its trip group (None: no trip group)
    fault_at: datetime  # when the alarm became active


class AlarmScreen(WorkerScreen):
    restore_requested = Signal(object)  # RestoreRequest
    station_requested = Signal(str)  # the selected alarm's tag: show its station

    def __init__(self, engine: AlarmEngine, feed: AlarmFeed, gate: SecurityGate,
                 config: LineConfig, parent: QWidget | None = None) -> None:
        super().__init__("alarms", parent)
        self.engine, self.feed, self._gate = engine, feed, gate
        self._defs: dict[str, AlarmDef] = {d.id: d for d in config.alarms}
        self.summary: AlarmSummary = feed.latest()
        self.list_name = "active"
        self.restore_enabled = False  # a restore wizard is wired (the window says so)
        self._asking: Callable[[str, float | None, bool], None] | None = None
        m = metrics()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, m.gap_px(self) // 2, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_list_page())
        self.reason_panel = ReasonPanel()
        self.reason_panel.confirmed.connect(self._on_reason_panel_confirmed)
        self.reason_panel.cancelled.connect(lambda: self.pages.setCurrentIndex(0))
        self.pages.addWidget(self.reason_panel)
        feed.summary_changed.connect(self.show_summary)
        self.show_summary(self.summary)

    # -- layout -----------------------------------------------------------------------------
    def _build_list_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        tabs = QHBoxLayout()
        self._list_group = QButtonGroup(self)
        self.list_buttons: dict[str, QPushButton] = {}
        for name in LISTS:
            button = QPushButton()
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=name: self.show_list(n))
            self._list_group.addButton(button)
            self.list_buttons[name] = button
            tabs.addWidget(button)
        tabs.addStretch(1)
        self.list_buttons["active"].setChecked(True)
        box.addLayout(tabs)
        body = QHBoxLayout()
        self.table = alarm_table()
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.viewport().installEventFilter(self)
        body.addWidget(self.table, 5)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Its own scroll area: a long rationalisation must not push the buttons off a panel.
        details = QScrollArea()
        details.setWidget(self.details_label)
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details.setMinimumWidth(metrics().px(55, self))
        # "Go to station" under the details, not in the action row (a 1024 px panel has
        # room there for six touch buttons): the alarm's place on the line, one touch away.
        side = QVBoxLayout()
        side.addWidget(details, 1)
        self.station_button = big_button("", self, 2.6)
        self.station_button.clicked.connect(self.go_to_station)
        side.addWidget(self.station_button)
        body.addLayout(side, 2)
        box.addLayout(body, 1)
        # One row, only the actions that apply to the list shown (a 1024 px panel has room
        # for six touch buttons, not for all eight).
        actions = QHBoxLayout()
        self.ack_button = QPushButton()
        self.ack_page_button = QPushButton()
        self.reset_button = QPushButton()
        self.shelve_button = QPushButton()
        self.unshelve_button = QPushButton()
        self.oos_button = QPushButton()
        self.in_service_button = QPushButton()
        self.restore_button = QPushButton()
        self._retranslate_actions()
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.ack_page_button.clicked.connect(self.acknowledge_page)
        self.reset_button.clicked.connect(self.reset_selected)
        self.shelve_button.clicked.connect(self.ask_shelve)
        self.unshelve_button.clicked.connect(self.ask_unshelve)
        self.oos_button.clicked.connect(self.ask_out_of_service)
        self.in_service_button.clicked.connect(self.ask_return_to_service)
        self.restore_button.clicked.connect(self.request_restore)
        self._actions_of: dict[str, tuple[QPushButton, ...]] = {
            "active": (self.ack_button, self.ack_page_button, self.reset_button,
                       self.shelve_button, self.oos_button, self.restore_button),
            "shelved": (self.unshelve_button, self.oos_button),
            "suppressed": (self.oos_button,),
            "out_of_service": (self.in_service_button,),
        }
        for button in (self.ack_button, self.ack_page_button, self.reset_button,
                       self.shelve_button, self.unshelve_button, self.oos_button,
                       self.in_service_button, self.restore_button):
            # Narrow side padding: six German words fit a 1024 px panel's row this way
            # (the touch height stays).
            button.setStyleSheet("padding-left: 3px; padding-right: 3px;")
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        self._show_actions()
        return page

    def _retranslate_actions(self) -> None:
        self.ack_button.setText(self.tr("Acknowledge"))
        self.ack_page_button.setText(self.tr("Ack page"))
        self.reset_button.setText(self.tr("Reset", "reset a latched alarm"))
        self.shelve_button.setText(self.tr("Shelve…"))
        self.unshelve_button.setText(self.tr("Unshelve…"))
        self.oos_button.setText(self.tr("Out of service…"))
        self.in_service_button.setText(self.tr("Return to service…"))
        self.restore_button.setText(self.tr("Restore…"))
        self.station_button.setText(self.tr("Go to station"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_actions()
            self.show_summary(self.summary)  # list names, table headers, details
        super().changeEvent(event)

    def _show_actions(self) -> None:
        shown = self._actions_of[self.list_name]
        for buttons in self._actions_of.values():
            for button in buttons:
                button.setVisible(button in shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            fit_columns(self.table)  # the columns' share of the width changes with it
        return False

    # -- showing ----------------------------------------------------------------------------
    def show_summary(self, summary: AlarmSummary) -> None:
        self.summary = summary
        counts = {"active": len(summary.active), "shelved": len(summary.shelved),
                  "suppressed": len(summary.suppressed),
                  "out_of_service": len(summary.out_of_service)}
        titles = list_titles()
        for name, button in self.list_buttons.items():
            button.setText(f"{titles[name]} ({counts[name]})")
        show_alarms(self.table, self.views(), selected_id(self.table))
        self._show_details()

    def views(self) -> tuple[AlarmView, ...]:
        """The alarms of the list shown."""
        return tuple(getattr(self.summary, self.list_name))

    def show_list(self, name: str) -> None:
        self.list_name = name
        self._show_actions()
        self.list_buttons[name].setChecked(True)
        self.pages.setCurrentIndex(0)
        show_alarms(self.table, self.views(), selected_id(self.table))
        self._show_details()

    def select(self, alarm_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == alarm_id:
                self.table.selectRow(row)
                return
        raise KeyError(f"alarm {alarm_id} is not in the {self.list_name} list")

    def selected(self) -> AlarmView | None:
        alarm_id = selected_id(self.table)
        return next((v for v in self.views() if v.id == alarm_id), None)

    def _show_details(self) -> None:
        view = self.selected()
        self.restore_button.setEnabled(
            view is not None and view.procedure is not None and self.restore_enabled)
        self.ack_button.setEnabled(view is not None and view.unacked)
        self.shelve_button.setEnabled(view is not None and view.shelving is None)
        self.oos_button.setEnabled(view is not None and view.out_of_service is None)
        self.reset_button.setEnabled(view is not None and view.state == "LATCHED")
        self.unshelve_button.setEnabled(view is not None and view.shelving is not None)
        self.in_service_button.setEnabled(view is not None and view.out_of_service is not None)
        self.station_button.setEnabled(view is not None and view.tag is not None)
        if view is None:
            self.details_label.setText(self.tr("Touch an alarm to see its cause and what to do."))
            return
        # The rationalisation (cause, consequence, action) is the alarm's own text, as
        # the line config has it; the words around it are the screen's.
        lines = [f"<b>P{view.priority} {view.description}</b>"
                 + (" — <b>" + self.tr("FIRST OUT") + "</b>" if view.first_out else ""),
                 self.tr("{0} at {1}", "alarm id at station").format(view.id, view.station),
                 self.tr("<b>Cause:</b> {0}").format(view.cause),
                 self.tr("<b>Consequence:</b> {0}").format(view.consequence),
                 self.tr("<b>Action:</b> {0}").format(view.action),
                 self.tr("<b>Respond within:</b> {0}").format(_seconds(view.respond_within_s))]
        if view.shelving is not None:
            lines.append(self.tr("Shelved by {0} until {1}: {2}").format(
                view.shelving.by, f"{view.shelving.until.astimezone():%H:%M}",
                view.shelving.reason))
        if view.out_of_service is not None:
            oos = view.out_of_service
            lines.append(self.tr("Out of service by {0} since {1}: {2}").format(
                oos.by, f"{oos.since.astimezone():%H:%M}", oos.reason))
        if view.procedure is not None:
            lines.append(self.tr("Restore procedure: {0}").format(view.procedure))
        self.details_label.setText("<br>".join(lines))

    def go_to_station(self) -> None:
        """Show the station of the selected alarm's tag (the window switches screens)."""
        view = self.selected()
        if view is not None and view.tag is not None:
            self.station_requested.emit(view.tag)

    # -- actions (engine calls on the worker) ------------------------------------------------
    def acknowledge_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self._act("acknowledged", lambda user, host: self.engine.acknowledge(
                user, [view.id], client_host=host))

    def acknowledge_page(self) -> None:
        """The alarms on the rows in view, as the operator sees them (not the whole list)."""
        ids = visible_ids(self.table) if self.list_name == "active" else []
        if ids:
            self._act("acknowledged", lambda user, host: self.engine.acknowledge(
                user, ids, client_host=host))

    def reset_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self._act("reset", lambda user, host: self.engine.reset(
                user, [view.id], client_host=host))

    def ask_shelve(self) -> None:
        view = self.selected()
        if view is None:
            return
        definition = self._defs.get(view.id)
        max_s = definition.max_shelve_s if definition is not None else 8 * 3600.0
        self._ask(self.tr("Shelve {0} (at most {1}): why, and for how long?").format(
                  view.description, duration_text(max_s)), self.tr("Shelve"), max_s,
                  lambda reason, duration, one_shot: self._act(
                      "shelved", lambda user, host: self.engine.shelve(
                          user, view.id, reason=reason, duration_s=duration,
                          one_shot=one_shot, client_host=host)))

    def ask_unshelve(self) -> None:
        view = self.selected()
        if view is not None:
            self._ask(self.tr("Unshelve {0}: why?").format(view.description),
                      self.tr("Unshelve"), None,
                      lambda reason, _d, _o: self._act(
                          "unshelved", lambda user, host: self.engine.unshelve(
                              user, view.id, reason=reason, client_host=host)))

    def ask_out_of_service(self) -> None:
        view = self.selected()
        if view is not None:
            self._ask(self.tr("Out of service: {0}. Why (permit)?").format(view.description),
                      self.tr("Out of service"), None,
                      lambda reason, _d, _o: self._act(
                          "taken out of service", lambda user, host:
                          self.engine.remove_from_service(user, view.id, reason=reason,
                                                          client_host=host)))

    def ask_return_to_service(self) -> None:
        view = self.selected()
        if view is not None:
            self._ask(self.tr("Return {0} to service: why?").format(view.description),
                      self.tr("Return to service"), None,
                      lambda reason, _d, _o: self._act(
                          "returned to service", lambda user, host:
                          self.engine.return_to_service(user, view.id, reason=reason,
                                                        client_host=host)))

    def request_restore(self) -> None:
        view = self.selected()
        if view is None or view.procedure is None:
            return
        definition = self._defs.get(view.id)
        group = None if definition is None else (definition.trip_group
                                                  or definition.consequence_of)
        first_out = self.summary.first_out.get(group) if group is not None else None
        fault_at = view.since or view.changed_at or self.summary.at
        self.restore_requested.emit(RestoreRequest(
            view.procedure, view.id, view.station, first_out, fault_at))

    def _ask(self, title: str, confirm: str, shelve_max_s: float | None,
             then: Callable[[str, float | None, bool], None]) -> None:
        self._asking = then
        self.reason_panel.ask(title, confirm, shelve_max_s)
        self.pages.setCurrentWidget(self.reason_panel)

    def _on_reason_panel_confirmed(self, reason: str, duration: object, one_shot: bool) -> None:
        then, self._asking = self._asking, None
        self.pages.setCurrentIndex(0)
        if then is not None:
            then(reason, duration if isinstance(duration, float) else None, one_shot)

    def _act(self, done_word: str, call: Callable[[str, str], object]) -> None:
        try:
            user = self._gate.acting_user()
        except Exception as exc:  # locked or nobody signed in: said, nothing sent
            self._say(f"✗ {exc}")
            return
        host = self._gate.client_host
        self._run(lambda: call(user, host), lambda result: self._after(done_word, result))

    def _after(self, done_word: str, result: object) -> None:
        if self._refused(result):
            return
        word = done_words().get(done_word, done_word)
        if isinstance(result, list):
            text = (self.tr("✓ %n alarm(s) {0}", "", len(result)).format(word)
                    if result else self.tr("Nothing to do: no alarm there needed it"))
        elif isinstance(result, AlarmView):
            text = self.tr("✓ {0} ({1}) {2}").format(result.description, result.id, word)
        else:
            text = f"✓ {word}"
        self._say(text)


def _seconds(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds < 7200:
        return f"{seconds / 60:g} min"
    return f"{seconds / 3600:g} h"
