"""The audit viewer (21 CFR 11.10(e)): who did what, when, to which object, with which value
sent and read back, and why; the hash chain checked on demand; the rows shown exported.

Every database call (load, verify, export) runs on a worker, never on the GUI thread: a
verify walks the whole trail. Results come back through a signal emitted on the worker,
which Qt delivers queued on the GUI thread. The time range is a database query; user,
action and object narrow the loaded rows in memory, so a touch on a combo answers at once
and each combo offers only what the chosen time range holds.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.core.tags import utc_now
from hmi.security import AuditEntry, ChainCheck
from hmi.ui.admin_widgets import StatusLine, big_button, field_label, touch_combo, touch_table
from hmi.ui.audit_filter import (
    DEFAULT_RANGE_S,
    TIME_RANGES,
    AuditFilter,
    AuditSource,
    ensure_choice,
    write_csv,
)
from hmi.ui.audit_table import COLUMNS, AuditTableModel, entry_text, header_text
from hmi.ui.worker import ScreenRunner
from widgets.retranslating import Retranslating
from widgets.theme import metrics

log = logging.getLogger(__name__)
__all__ = ["AuditFilter", "AuditScreen", "AuditSource"]


class AuditScreen(Retranslating, QWidget):
    entries_loaded = Signal(int)  # rows shown after a load
    chain_checked = Signal(bool)  # intact?
    exported = Signal(str)  # one line: what was written where, or why not

    # Emitted on the worker; Qt queues them to the GUI thread.
    _entries_arrived = Signal(int, object)  # request number, list of entries or the exception
    _chain_arrived = Signal(object)  # ChainCheck or the exception
    _export_arrived = Signal(object)  # (path, rows written, or the OSError)

    def __init__(
        self,
        trail: AuditSource,
        export_dir: Path,
        parent: QWidget | None = None,
        *,
        runner: concurrent.futures.Executor | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """`runner` runs the database calls; without one the screen owns a single worker
        thread, which `close()` ends."""
        super().__init__(parent)
        self._trail = trail
        self._export_dir = export_dir
        self._clock = clock
        self._runner = ScreenRunner("audit", runner)
        self._request = 0  # only the newest load is shown (a runner may finish out of order)
        self._range_s: float | None = DEFAULT_RANGE_S
        self._loaded: list[AuditEntry] = []
        self.shown: list[AuditEntry] = []  # the filtered rows, oldest first (as exported)
        self.model = AuditTableModel()
        self._entries_arrived.connect(self._on_worker_entries_arrived)
        self._chain_arrived.connect(self._on_worker_chain_arrived)
        self._export_arrived.connect(self._on_worker_export_arrived)
        self._build()
        self.retranslate()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        box = QVBoxLayout(self)
        gap = self._gap()
        box.setContentsMargins(gap, gap, gap, gap)
        box.setSpacing(gap)
        box.addLayout(self._filter_row())
        box.addLayout(self._range_row())
        box.addWidget(self.summary_label)  # a line of its own: the rows above are full
        self.table = touch_table(self)
        self.table.setModel(self.model)
        box.addWidget(self.table, 1)
        # No hover to reveal a cut-off cell: a touch on a row spells the whole entry out here.
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setMinimumHeight(metrics().button_px(self))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        box.addWidget(self.detail_label)
        box.addLayout(self._result_rows())

    def _gap(self) -> int:
        return metrics().gap_px(self)

    def retranslate(self) -> None:
        """The screen's words in the language installed; the records stay as written."""
        for label, text in zip(self._field_labels, (self.tr("User"), self.tr("Action"),
                                                     self.tr("Object"), self.tr("Time")),
                               strict=True):
            label.setText(text)
        for combo, everything in ((self.user_combo, self.tr("All users")),
                                  (self.action_combo, self.tr("All actions")),
                                  (self.object_combo, self.tr("All objects"))):
            combo.setItemText(0, everything)
        self.refresh_button.setText(self.tr("Refresh"))
        for index, (label, _, _) in enumerate(TIME_RANGES):
            button = self._range_group.button(index)
            button.setText(QCoreApplication.translate("AuditScreen", label))
        self.verify_button.setText(self.tr("Verify chain"))
        self.export_button.setText(self.tr("Export CSV"))
        self.model.retranslate()
        self._size_columns()
        self._show_detail()
        self._show_summary()

    def _size_columns(self) -> None:
        """Each column as wide as its typical content, and never narrower than its header
        in the language shown. Widths from the touch text size (not the font's metrics):
        the table's font comes from its stylesheet, which is only resolved once shown."""
        gap = self._gap()
        text_px = metrics().text_px(self)
        bold = QFont(self.font())
        bold.setPixelSize(text_px)
        bold.setBold(True)  # headers are bold (touch_table's stylesheet)
        header = QFontMetrics(bold)
        for column, (_, chars, _) in enumerate(COLUMNS):
            self.table.setColumnWidth(column, max(
                round(chars * text_px * 0.55), header.horizontalAdvance(header_text(column))
            ) + 2 * gap)

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(self._gap() // 2)  # the labels are right-aligned to their combos
        # Narrow at least, wider when there is room: the three fit a 1024 px panel beside
        # the side bar in German, and a long action or object id does not widen them.
        self.user_combo = touch_combo(self, width_mm=30.0)
        self.action_combo = touch_combo(self, width_mm=30.0)
        self.object_combo = touch_combo(self, width_mm=30.0)
        self._field_labels = [field_label("", self) for _ in range(4)]
        for label, combo in zip(self._field_labels[:3],
                                (self.user_combo, self.action_combo, self.object_combo),
                                strict=True):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.addItem("", None)  # "all": worded in retranslate
            combo.currentIndexChanged.connect(self._on_filter_combo_changed)
            row.addWidget(label)
            row.addWidget(combo, 1)
        self.refresh_button = big_button("", self, width_factor=1.6)
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        return row

    def _range_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self._field_labels[3])
        self._range_group = QButtonGroup(self)
        self.range_buttons: dict[float | None, QPushButton] = {}
        for index, (_, _, seconds) in enumerate(TIME_RANGES):
            button = big_button("", self, width_factor=1.0)
            button.setCheckable(True)
            button.setChecked(seconds == self._range_s)
            self._range_group.addButton(button, index)
            self.range_buttons[seconds] = button
            row.addWidget(button)
        self._range_group.idClicked.connect(self._on_range_buttons_clicked)
        row.addStretch(1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self._loading: bool | None = True  # None: the load failed
        return row

    def _result_rows(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(self._gap())
        self.verify_button = big_button("", self, width_factor=3.2)
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_line = StatusLine(lambda: self.tr(
            "Verify chain: checks every entry's hash against the one before it (a changed, "
            "deleted or inserted entry shows)."))
        self.export_button = big_button("", self, width_factor=3.2)
        self.export_button.clicked.connect(self.export_csv)
        self.export_line = StatusLine(
            lambda: self.tr("Export CSV saves the rows shown in {0}").format(self._export_dir))
        grid.addWidget(self.verify_button, 0, 0)
        grid.addWidget(self.chain_line, 0, 1)
        grid.addWidget(self.export_button, 1, 0)
        grid.addWidget(self.export_line, 1, 1)
        grid.setColumnStretch(1, 1)
        return grid

    # -- public -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the chosen time range from the database (on the worker)."""
        self._request += 1
        request = self._request
        since = None if self._range_s is None else self._clock() - timedelta(seconds=self._range_s)
        trail = self._trail

        def load() -> None:
            try:
                result: object = list(trail.entries(since))
            except Exception as exc:  # shown in words; the screen stays usable
                log.exception("audit trail could not be read")
                result = exc
            self._entries_arrived.emit(request, result)

        self._loading = True
        self._show_summary()
        self._runner.submit(load)

    def set_range(self, seconds: float | None) -> None:
        """Show the last `seconds` (None: the whole trail)."""
        self._range_s = seconds
        self.range_buttons[seconds].setChecked(True)
        self.refresh()

    def set_filter(self, chosen: AuditFilter) -> None:
        for combo, value in (
            (self.user_combo, chosen.username),
            (self.action_combo, chosen.action),
            (self.object_combo, chosen.object_type),
        ):
            ensure_choice(combo, value)
            combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
        self._apply_filter()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            username=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            object_type=self.object_combo.currentData(),
        )

    def verify_chain(self) -> None:
        trail = self._trail

        def verify() -> None:
            try:
                result: object = trail.verify_chain()
            except Exception as exc:
                log.exception("audit chain could not be verified")
                result = exc
            self._chain_arrived.emit(result)

        self.verify_button.setEnabled(False)
        self.chain_line.show_note(lambda: self.tr("Verifying every entry of the audit trail…"))
        self._runner.submit(verify)

    def export_csv(self) -> Path:
        """Write the rows shown (oldest first) to a new CSV in the export folder; said in
        the export line and through `exported` once written. Returns the file's path."""
        rows = list(self.shown)
        path = self._export_dir / f"audit-{self._clock().strftime('%Y%m%d-%H%M%S')}.csv"

        def write() -> None:  # worded on the GUI thread, in the language of the moment
            try:
                write_csv(rows, path)
            except OSError as exc:
                self._export_arrived.emit((path, exc))
                return
            self._export_arrived.emit((path, len(rows)))

        self.export_button.setEnabled(False)
        self.export_line.show_note(
            lambda: self.tr("Writing %n entries to {0}…", "", len(rows)).format(path))
        self._runner.submit(write)
        return path

    def close(self) -> bool:  # Qt slot override
        """End the worker (waits for a running call); later results are dropped."""
        self._runner.close()
        return super().close()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        # Each visit shows the trail as it is now: entries arrive while the screen is away.
        super().showEvent(event)
        self.refresh()

    # -- handlers -----------------------------------------------------------------------------
    def _on_range_buttons_clicked(self, index: int) -> None:
        self.set_range(TIME_RANGES[index][2])

    def _on_filter_combo_changed(self, _index: int) -> None:
        self._apply_filter()

    def _on_table_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        current = self.table.selectionModel().currentIndex()
        self.detail_label.setText(
            entry_text(self.model.entry(current.row())) if current.isValid()
            else self.tr("Touch a row to read the whole entry here."))

    def _on_worker_entries_arrived(self, request: int, result: object) -> None:
        if self._runner.closed or request != self._request:
            return
        if isinstance(result, BaseException):
            self._loading = None
            self._show_summary()
            self.chain_line.show_refusal(
                lambda: self.tr("The audit trail could not be read: {0}").format(result))
            return
        self._loading = False
        assert isinstance(result, list)
        self._loaded = result
        chosen = self.current_filter()
        self._fill_choices()
        self.set_filter(chosen)
        self.entries_loaded.emit(len(self.shown))

    def _on_worker_chain_arrived(self, result: object) -> None:
        if self._runner.closed:
            return
        self.verify_button.setEnabled(True)
        checked = f"{self._clock():%H:%M:%S}"
        if isinstance(result, ChainCheck) and result.intact:
            self.chain_line.show_ok(lambda: self.tr(
                "Audit trail intact: %n entries, each matches its hash (head {0}); "
                "checked {1} UTC", "", result.entries).format(result.head_hash[:16], checked))
        elif isinstance(result, ChainCheck):
            self.chain_line.show_refusal(lambda: self.tr(
                "Audit trail BROKEN at entry {0}: {1}. %n entries before it verify. Keep this "
                "record; tell QA.", "", result.entries).format(result.broken_seq, result.problem))
        else:
            self.chain_line.show_refusal(
                lambda: self.tr("The audit trail could not be verified: {0}").format(result))
        self.chain_checked.emit(isinstance(result, ChainCheck) and result.intact)

    def _on_worker_export_arrived(self, outcome: tuple[Path, int | OSError]) -> None:
        if self._runner.closed:
            return
        path, written = outcome
        self.export_button.setEnabled(True)
        if isinstance(written, OSError):
            def words() -> str:
                return self.tr("{0} not written: {1}. Check the folder exists and is "
                               "writable.").format(path, written.strerror or written)
            self.export_line.show_refusal(words)
        else:
            def words() -> str:
                return self.tr("%n entries written to {0}", "", written).format(path)
            self.export_line.show_ok(words)
        self.exported.emit(words())

    # -- helpers ------------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        for combo, values in (
            (self.user_combo, {e.username for e in self._loaded}),
            (self.action_combo, {e.action for e in self._loaded}),
            (self.object_combo, {e.object_type for e in self._loaded}),
        ):
            combo.blockSignals(True)  # one filter pass after all three are refilled
            while combo.count() > 1:
                combo.removeItem(1)
            for value in sorted(values):
                combo.addItem(value, value)
            combo.blockSignals(False)

    def _apply_filter(self) -> None:
        chosen = self.current_filter()
        self.shown = [e for e in self._loaded if chosen.keeps(e)]
        self.model.set_entries(self.shown)
        self._show_summary()

    def _show_summary(self) -> None:
        if self._loading:
            self.summary_label.setText(self.tr("Loading…"))
        elif self._loading is None:
            self.summary_label.setText(self.tr("Not loaded"))
        else:
            line = next(words for _, words, s in TIME_RANGES if s == self._range_s)
            self.summary_label.setText(QCoreApplication.translate("AuditScreen", line).format(
                len(self.shown), len(self._loaded)))
