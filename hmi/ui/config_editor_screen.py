"""Line config editor: edit the TOML, see the checker's problems at their lines as you type,
see what changed against the running line, save with a backup, apply without restarting
the links that did not change.

The check is `lineside config check`'s own (hmi.config loader: `file:line: field: message`),
run on a worker thread DEBOUNCE_MS after the last keystroke; each problem marks its line in
the gutter and is listed below, a touch on it puts the cursor there. "Changes" is the
semantic diff against the running config (hmi.config.diff) with what an apply restarts.

Save writes the file in one rename after a backup of the previous version; a text the
checker refuses is saved only as `<name>.draft.toml` beside it. Apply saves, then applies
through hmi.reconfigure (only changed connections restart in process; a PLC process is
restarted whole, and the screen says which before you press), audited as the signed-in user.
Save and apply are in hmi.ui.config_editor_apply (a mixin); this module lays the screen
out, checks the text and shows the problems, the diff and the structure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.config_edit import Checked, check_text
from hmi.commission.output import endpoint_text
from hmi.config import LineConfig
from hmi.config.diff import ConfigDiff
from hmi.config.toml_locator import TomlLocator
from hmi.reconfigure import ApplyRefused, plan, restart_scope
from hmi.ui.admin_widgets import StatusLine, big_button
from hmi.ui.config_editor_apply import ConfigSaveApply
from hmi.ui.workbench_access import Gate
from hmi.ui.worker import Worker
from widgets.code_editor import CodeEditor
from widgets.flow_layout import FlowLayout
from widgets.retranslating import Retranslating
from widgets.theme import metrics, palette

if TYPE_CHECKING:
    from hmi.app import LineRuntime

DEBOUNCE_MS = 400  # after the last keystroke: checking every key would lag a 2000-line file
LINE_ROLE = Qt.ItemDataRole.UserRole


class ConfigEditorScreen(ConfigSaveApply, Retranslating, QWidget):
    said = Signal(str)  # one line for the window's feedback bar
    checked = Signal(object)  # Checked, after each check of the current text

    def __init__(self, path: Path | None, runtime: LineRuntime | None = None, *,
                 gate: Gate | None = None, acting_user: Callable[[], str] | None = None,
                 client_host: str = "", lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        """``path``: the config file to open (the running line's, usually); ``runtime``:
        the running line, for the diff and apply (None: edit and save only); ``gate``: the
        workbench role check and the signed-in user; ``acting_user``: the user's name
        without a gate (tools, tests); ``lazy``: open ``path`` when the screen is first
        shown, not now (the panel: a 20,000-tag file's text, check and structure held the
        GUI thread seconds at start for a screen few open, issue 11)."""
        super().__init__(parent)
        self._runtime = runtime
        self._gate = gate
        self._acting_user = acting_user
        self._client_host = client_host
        self._path: Path | None = None
        self._generation = 0
        self._checked_generation = -1
        self._busy = False
        self.last_check: Checked | None = None
        self.diff: ConfigDiff | None = None
        self._shown_diff: tuple[ConfigDiff | None, str] | None = None  # for a retranslate
        self._worker = Worker("config-editor", self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check_now)
        self._build()
        self.retranslate()
        self._pending_path = path if lazy else None  # opened by the first showEvent
        if path is not None and not lazy:
            self.open_file(path)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Line config"))
        if self._path is None:
            self.file_label.setText(self.tr("no file open"))
        self.open_button.setText(self.tr("Open…"))
        self.save_button.setText(self.tr("Save"))
        self.apply_button.setText(self.tr("Save and apply"))
        self.revert_button.setText(self.tr("Revert"))
        self._retranslate_tabs()
        if self.last_check is not None:
            self._show_verdict(self.last_check)
            self._show_structure(self.last_check.config)
        if self._shown_diff is not None:
            self._show_diff(*self._shown_diff)

    def _retranslate_tabs(self) -> None:
        problems = self.last_check.issues if self.last_check is not None else None
        self.tabs.setTabText(0, self.tr("Problems") if problems is None else
                             self.tr("Problems ({0})").format(len(problems)))
        self.tabs.setTabText(1, self.tr("Changes") if self.diff is None else
                             self.tr("Changes ({0})").format(len(self.diff.changes)))
        self.tabs.setTabText(2, self.tr("Structure"))

    # ---- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        outer.setSpacing(gap)
        # Title, file and buttons: one row on a laptop; on a 1024 px panel the buttons wrap
        # below (a box row would make the screen wider than the glass).
        top = FlowLayout(spacing=gap)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path gives way (its tooltip has it whole); the buttons never do.
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_button = big_button("", self, 1.4)
        self.save_button = big_button("", self, 1.4)
        self.apply_button = big_button("", self, 2.4, bold=True)
        self.revert_button = big_button("", self, 1.4)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.save_button.clicked.connect(self.save)
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(self.revert)
        top.addWidget(self.title)
        top.addWidget(self.file_label, 1)
        for button in (self.open_button, self.revert_button, self.save_button,
                       self.apply_button):
            top.addWidget(button)
        outer.addLayout(top)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        outer.addWidget(self.verdict)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.editor = CodeEditor(split)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.tabs = QTabWidget(split)
        # Every tab shown whole (a touch user would not find one scrolled out of sight):
        # the splitter gives the pane at least its tabs' width.
        self.tabs.setUsesScrollButtons(False)
        self.problems = self._list()
        self.problems.itemClicked.connect(self._on_line_item_clicked)
        self.changes = self._list()
        self.structure = QTreeWidget()
        self.structure.setHeaderHidden(True)
        self.structure.setStyleSheet(
            f"QTreeWidget::item {{ min-height: {round(m.text_px(self) * 2)}px; }}")
        self.structure.itemClicked.connect(self._on_structure_item_clicked)
        self.tabs.addTab(self.problems, "")
        self.tabs.addTab(self.changes, "")
        self.tabs.addTab(self.structure, "")
        split.addWidget(self.editor)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.scope = QLabel("")
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet(f"color: {palette().text_muted};")
        outer.addWidget(self.scope)
        self.status = StatusLine("")
        outer.addWidget(self.status)
        self._enable()

    def _list(self) -> QListWidget:
        widget = QListWidget()
        widget.setWordWrap(True)
        # Wrapped, never scrolled sideways: a message is read whole.
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setResizeMode(QListWidget.ResizeMode.Adjust)
        widget.setUniformItemSizes(False)
        row = round(metrics().text_px(self) * 2.2)
        widget.setStyleSheet(f"QListWidget::item {{ min-height: {row}px; }}")
        return widget

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending, self._pending_path = self._pending_path, None
        if pending is not None and self._path is None:
            self.open_file(pending)

    # ---- file --------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self._path if self._path is not None else self._pending_path

    def open_file(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.status.show_refusal(self.tr("{0}: cannot read ({1})").format(path, exc))
            return
        self._path = path
        self.file_label.setText(str(path))
        self.file_label.setToolTip(str(path))
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.check_now()

    def revert(self) -> None:
        if self._path is not None:
            self.open_file(self._path)
            self.status.show_note(self.tr("{0}: reverted to the file on disk").format(
                self._path.name))

    def _on_open_clicked(self) -> None:
        start = str(self._path.parent) if self._path else ""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a line config"), start,
                                              self.tr("Line config (*.toml)"))
        if name:
            self.open_file(Path(name))

    # ---- checking ----------------------------------------------------------------------
    def _on_editor_text_changed(self) -> None:
        self._generation += 1
        self._debounce.start()
        self._enable()

    def check_now(self) -> None:
        """Check the current text now (the debounce timer calls this)."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        text = self.editor.toPlainText()
        source = str(self._path) if self._path else "<unsaved>"
        runtime = self._runtime

        def work() -> tuple[int, Checked, ConfigDiff | None, str]:
            result = check_text(text, source)
            diff, scope = None, ""
            if result.config is not None and runtime is not None and runtime.config:
                try:
                    diff = plan(runtime, result.config)
                    scope = restart_scope(runtime, diff)
                except ApplyRefused as exc:
                    scope = str(exc)
            return generation, result, diff, scope

        self._worker.run(work, self._on_checked)

    def _on_checked(self, result: object) -> None:
        if isinstance(result, Exception):  # our bug: say it short, the log has it whole
            self.status.show_refusal(self.tr("the check failed: {0}").format(result))
            return
        assert isinstance(result, tuple)
        generation, checked, diff, scope = result
        if generation != self._generation:
            return  # the text changed meanwhile: a newer check is on its way
        self.last_check, self.diff = checked, diff
        self._checked_generation = generation
        markers: dict[int, str] = {}
        self.problems.clear()
        for issue in checked.issues:
            line = issue.line or 1
            markers[line] = "\n".join(filter(None, (markers.get(line), str(issue))))
            item = QListWidgetItem(f"✗ {issue}")
            item.setData(LINE_ROLE, issue.line)
            item.setToolTip(str(issue))
            self.problems.addItem(item)
        self.editor.set_markers(markers)
        self._show_verdict(checked)
        self._show_diff(diff, scope)
        self._show_structure(checked.config)
        self._enable()
        self.checked.emit(checked)

    def _show_verdict(self, checked: Checked) -> None:
        self._retranslate_tabs()
        if checked.ok:
            self.verdict.setText("✓ " + self.tr("the checker accepts this config"))
            self.verdict.setStyleSheet("")
        else:
            self.verdict.setText("✗ " + self.tr("problems: {0}; it can be saved only as a draft "
                                                "and cannot be applied").format(
                                                    len(checked.issues)))
            self.verdict.setStyleSheet(f"background: {palette().p2}; font-weight: bold;")

    def _show_diff(self, diff: ConfigDiff | None, scope: str) -> None:
        """The diff's lines and the restart scope are hmi.config's and hmi.reconfigure's
        words (the same as `lineside config diff` prints): only this screen's own are
        translated."""
        self._shown_diff = (diff, scope)
        self.changes.clear()
        if self._runtime is None:
            self.changes.addItem(self.tr("no running line to compare with"))
            self.scope.setText("")
            return
        if diff is None:
            self.changes.addItem(self.tr("fix the problems first: only a config the checker "
                                         "accepts is compared"))
            self.scope.setText(scope)
            return
        for line in diff.lines():
            self.changes.addItem(line)
        self._retranslate_tabs()
        process = "the PLC process restarts" in scope
        self.scope.setText(self.tr("Apply: nothing to apply") if diff.empty else
                           self.tr("Apply: {0}").format(scope)
                           + ("" if process else "; " + self.tr(
                               "screens and alarms use the new config after the HMI "
                               "restarts")))

    def _show_structure(self, config: LineConfig | None) -> None:
        self.structure.clear()
        if config is None:
            return
        locator = TomlLocator(self.editor.toPlainText())
        index = {s.id: i for i, s in enumerate(config.stations)}
        conn_index = {c.id: i for i, c in enumerate(config.connections)}
        # Counted once: a count per station over every tag held the GUI thread 24 s at
        # 1,120 stations x 20,000 tags (issue 11, hmi/diag/sampler.py).
        tags_per_station = Counter(t.station for t in config.tags)
        for conn in config.connections:
            item = QTreeWidgetItem([f"{conn.id}: {endpoint_text(conn)} " + self.tr(
                "({0} tags)").format(len(config.tags_of_connection(conn.id)))])
            item.setData(0, LINE_ROLE, locator.line_of(("connections", conn_index[conn.id])))
            for station in config.stations:
                if station.connection != conn.id:
                    continue
                count = tags_per_station[station.id]
                child = QTreeWidgetItem([self.tr("{0} ({1}): {2} tags").format(
                    station.id, station.kind, count)])
                child.setData(0, LINE_ROLE, locator.line_of(("stations", index[station.id])))
                item.addChild(child)
            self.structure.addTopLevelItem(item)
            item.setExpanded(True)
        alarms = QTreeWidgetItem([self.tr("alarms: {0}; loops: {1}; trends: {2}").format(
            len(config.alarms), len(config.loops), len(config.trends))])
        self.structure.addTopLevelItem(alarms)

    def _on_line_item_clicked(self, item: QListWidgetItem) -> None:
        line = item.data(LINE_ROLE)
        if isinstance(line, int):
            self.editor.go_to_line(line)

    def _on_structure_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        line = item.data(0, LINE_ROLE)
        if isinstance(line, int):
            self.editor.go_to_line(line)

    def _enable(self) -> None:
        has_file = self._path is not None
        self.save_button.setEnabled(has_file and not self._busy)
        self.revert_button.setEnabled(has_file and not self._busy)
        self.apply_button.setEnabled(has_file and not self._busy
                                     and self._runtime is not None)

    def close(self) -> bool:  # Qt slot override: the worker ends with the screen
        self._debounce.stop()
        self._worker.close()
        return super().close()
