"""I/O checkout: check every tag of a station against the field, one signed point at a time.

Pick a station (each shows its latest checkout's progress), start or resume its checkout:
a row per tag with what to expect or do, the live value, the result, the note and who
signed. For a writable tag, "Write test value" writes through the command service (role
check, reason, read-back, audit) and the value read back is the evidence; for a read-only
tag the technician compares the live value with the field. Pass or Fail opens the
signature dialog (user id and password again, 21 CFR 11.200): the point is signed
"checked". The report (PDF and CSV) lists every point with its signature.

Database and PLC work run on the screen's worker (hmi.ui.worker); answers come back queued.
This module lays the screen out and shows the checkout; what its buttons do is in
hmi.ui.io_checkout_actions (a mixin), the selected point's panel in hmi.ui.io_checkout_point.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.io_checkout import (
    Checkout,
    CheckoutRefused,
    CheckPoint,
    IoCheckoutStore,
    Progress,
)
from hmi.config import LineConfig
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.tagstore import TagStore
from hmi.ui.admin_widgets import StatusLine, big_button, touch_combo
from hmi.ui.io_checkout_actions import OBSERVED, IoCheckoutActions
from hmi.ui.io_checkout_point import PointPanel, fmt_value
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.flow_layout import FlowLayout
from widgets.retranslating import Retranslating
from widgets.signature_dialog import SignatureDialog
from widgets.theme import metrics, palette

LIVE_MS = 500  # the observed column: twice a second is what an eye on a gauge compares
RESULT = 3


def columns() -> list[str]:
    return [QCoreApplication.translate("IoCheckoutScreen", "Tag"),
            QCoreApplication.translate("IoCheckoutScreen", "Expected / action"),
            QCoreApplication.translate("IoCheckoutScreen", "Live value"),
            QCoreApplication.translate("IoCheckoutScreen", "Result"),
            QCoreApplication.translate("IoCheckoutScreen", "Note"),
            QCoreApplication.translate("IoCheckoutScreen", "Signed")]


def progress_text(p: Progress) -> str:
    """Progress.__str__ in the language shown: "2/16 checked, 1 pass, 1 fail"."""
    return QCoreApplication.translate(
        "IoCheckoutScreen", "{0}/{1} checked, {2} pass, {3} fail").format(
            p.checked, p.total, p.passed, p.failed)


class IoCheckoutScreen(IoCheckoutActions, Retranslating, QWidget):
    said = Signal(str)

    def __init__(self, config: LineConfig, store: TagStore, checkouts: IoCheckoutStore,
                 io: IoThread, commands: CommandService | None = None, *,
                 gate: Gate | None = None, acting_user: Callable[[], str] | None = None,
                 export_dir: Path | None = None, client_host: str = "",
                 parent: QWidget | None = None) -> None:
        """``commands``: the one write path (None: no test writes, confirm points only);
        ``gate``: the workbench role check and the signed-in user; ``export_dir``: where
        reports go (None: the current folder)."""
        super().__init__(parent)
        self._config, self._store, self._checkouts = config, store, checkouts
        self._io, self._commands, self._gate = io, commands, gate
        self._acting_user = acting_user
        self._export_dir = export_dir or Path.cwd()
        self._client_host = client_host
        self._worker = Worker("io-checkout", self)
        self._closed = False
        self.checkout: Checkout | None = None
        self.points: list[CheckPoint] = []
        self.progress: dict[str, Progress | None] = {}
        self.signature_dialog: SignatureDialog | None = None
        self.last_report: tuple[Path, Path] | None = None
        self._build()
        self.retranslate()
        self._timer = QTimer(self)
        self._timer.setInterval(LIVE_MS)
        self._timer.timeout.connect(self._show_live)
        self._timer.start()
        self._run(lambda: checkouts.station_progress(config), self._on_progress)

    def _build(self) -> None:
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        outer.setSpacing(gap)
        # The station and the checkout's actions: one row on a laptop, two on a 1024 px
        # panel in German (a box row would make the screen wider than the glass).
        top = FlowLayout(spacing=gap)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.station_combo = touch_combo(self, 60)
        for station in self._config.stations:
            self.station_combo.addItem(station.id, station.id)
        # As wide as its longest "station  (progress)" at least: the row wraps, never cuts it.
        self.station_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.station_combo.setMinimumWidth(0)
        self.start_button = big_button("", self, 2.2, bold=True)
        self.start_button.clicked.connect(self.start)
        self.pdf_button = big_button("", self, 1.8)
        self.csv_button = big_button("", self, 1.8)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.close_button = big_button("", self, 2.0)
        self.close_button.clicked.connect(self.finish)
        top.addWidget(self.title)
        top.addWidget(self.station_combo, 1)
        for button in (self.start_button, self.close_button, self.pdf_button, self.csv_button):
            top.addWidget(button)
        outer.addLayout(top)
        bar = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)  # "coater: 2/16 checked, …, started by …"
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(m.px(60, self))
        bar.addWidget(self.progress_label, 1)
        bar.addWidget(self.progress_bar)
        outer.addLayout(bar)
        self.table = QTableWidget(0, len(columns()))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(round(m.text_px(self) * 2.4))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # Set before the first row: an empty checkout's headers read whole in any language.
        fit = QHeaderView.ResizeMode.ResizeToContents
        for column, mode in enumerate((fit, QHeaderView.ResizeMode.Stretch, fit, fit,
                                       QHeaderView.ResizeMode.Interactive, fit)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(4, m.px(35, self))
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        outer.addWidget(self.table, 1)
        self.point_panel = PointPanel(self)
        panel = self.point_panel
        self.point_label, self.test_value, self.note = panel.label, panel.test_value, panel.note
        self.write_button, self.keypad_button = panel.write_button, panel.keypad_button
        self.pass_button, self.fail_button = panel.pass_button, panel.fail_button
        panel.keypad_button.clicked.connect(self._on_keypad_clicked)
        panel.write_button.clicked.connect(self.write_point)
        panel.pass_button.clicked.connect(lambda: self.sign_point(True))
        panel.fail_button.clicked.connect(lambda: self.sign_point(False))
        outer.addWidget(panel)
        self.status = StatusLine("")
        outer.addWidget(self.status)
        self._enable()

    def retranslate(self) -> None:
        self.title.setText(self.tr("I/O checkout"))
        self.start_button.setText(self.tr("Start / resume"))
        self.pdf_button.setText(self.tr("Report PDF"))
        self.csv_button.setText(self.tr("Report CSV"))
        self.close_button.setText(self.tr("Close checkout"))
        self.table.setHorizontalHeaderLabels(columns())
        if self.checkout is None:
            self.progress_label.setText(self.tr("Pick a station and start its checkout"))
        self._show_progress()
        if self.points:
            for row, point in enumerate(self.points):
                item = self.table.item(row, RESULT)
                if item is not None:
                    item.setText(self._result_text(point))
            self._show_live(force=True)
            self._say_point(self.current_point())

    def _result_text(self, point: CheckPoint) -> str:
        return {"pass": "✓ " + self.tr("pass"), "fail": "✗ " + self.tr("FAIL")}.get(
            point.result, "—")

    # ---- checkout ----------------------------------------------------------------------
    @property
    def station(self) -> str:
        return str(self.station_combo.currentData())

    def select_station(self, station: str) -> None:
        self.station_combo.setCurrentIndex(self.station_combo.findData(station))

    def start(self) -> None:
        refusal = workbench_refusal(self._gate, self.tr("I/O checkout"))
        if refusal:
            self.status.show_refusal(refusal)
            return
        config, station, user = self._config, self.station, self._user()
        checkouts = self._checkouts
        self._run(lambda: (checkouts.start(config, station, user),
                                  checkouts.station_progress(config)), self._on_started)

    def _on_started(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, tuple)
        self.checkout, self.progress = result
        self._reload()

    def _reload(self) -> None:
        checkout = self.checkout
        if checkout is None:
            return
        checkouts = self._checkouts
        self._run(lambda: (checkouts.points(checkout.id),
                                  checkouts.station_progress(self._config)), self._on_points)

    def _on_points(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, tuple)
        self.points, self.progress = result
        row = max(0, self.table.currentRow())
        self.table.setRowCount(len(self.points))
        for index, point in enumerate(self.points):
            signed = f"{point.checked_by} {(point.checked_at or '')[:19]}" \
                if point.signature_id else ""
            cells = (point.tag_id, point.expected, "", self._result_text(point), point.note,
                     signed)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == RESULT and point.result == "fail":
                    item.setBackground(QColor(palette().p2))  # with ✗ and FAIL: not colour alone
                self.table.setItem(index, column, item)
        if self.points:
            self.table.setCurrentCell(min(row, len(self.points) - 1), 0)
        self._show_live()
        self._show_progress()
        self._show_point()

    def _on_progress(self, result: object) -> None:
        if isinstance(result, dict):
            self.progress = result
            self._show_progress()

    def _show_progress(self) -> None:
        for index in range(self.station_combo.count()):
            station = str(self.station_combo.itemData(index))
            progress = self.progress.get(station)
            said = (f"{progress.checked}/{progress.total}" if progress
                    else self.tr("not started"))
            self.station_combo.setItemText(index, f"{station}  ({said})")
        if self.checkout is None:
            return
        progress = self.progress.get(self.checkout.station)
        if progress is not None:
            state = self.tr("closed") if self.checkout.finished_at else self.tr("open")
            self.progress_label.setText(self.tr("{0}: {1} ({2}, started by {3})").format(
                self.checkout.station, progress_text(progress), state,
                self.checkout.started_by))
            self.progress_bar.setMaximum(max(1, progress.total))
            self.progress_bar.setValue(progress.checked)
        self._enable()

    def _show_live(self, *, force: bool = False) -> None:
        for index, point in enumerate(self.points):
            value = self._store.get(point.tag_id)
            if value is None:
                text = self.tr("no value yet")
            elif value.quality.is_live:
                text = fmt_value(value.value)
            else:  # never shown as live when it is not
                text = f"{fmt_value(value.value)} ({value.quality.value})"
            item = self.table.item(index, OBSERVED)
            if item is not None and (force or item.text() != text):
                item.setText(text)

    def current_point(self) -> CheckPoint | None:
        row = self.table.currentRow()
        return self.points[row] if 0 <= row < len(self.points) else None

    def select_point(self, tag_id: str) -> None:
        for index, point in enumerate(self.points):
            if point.tag_id == tag_id:
                self.table.setCurrentCell(index, 0)

    def _on_table_current_changed(self, *_args: int) -> None:
        self._show_point()

    def _show_point(self) -> None:
        point = self.current_point()
        self._say_point(point)
        if point is not None:
            self.test_value.setText("" if point.test_value is None else fmt_value(point.test_value))
            self.note.setText(point.note)
        self._enable()

    def _say_point(self, point: CheckPoint | None) -> None:
        """The point's line (again on a language switch: what is typed stays)."""
        if point is None:
            self.point_label.setText("")
            return
        tag = self._config.tag(point.tag_id)
        what = (self.tr("write a test value and see it read back") if point.kind == "write"
                else self.tr("compare the live value with the field"))
        last = ("; " + self.tr("last write: {0}").format(point.write_message)
                if point.write_message else "")
        self.point_label.setText(f"{point.tag_id} — {tag.description or tag.signal} "
                                 f"({what}): {point.expected}{last}")

    # ---- helpers -----------------------------------------------------------------------
    def _run(self, call: Callable[[], object], done: Callable[[object], None]) -> None:
        if not self._closed:  # an answer arriving after close() starts nothing new
            self._worker.run(call, done)

    def _refused(self, result: object) -> bool:
        if isinstance(result, Exception):
            self.status.show_refusal(str(result) if isinstance(result, CheckoutRefused)
                                     or str(result) else type(result).__name__)
            return True
        return False

    def _user(self) -> str:
        user = self._gate.user() if self._gate is not None else None
        if user is not None:
            return user.username
        return self._acting_user() if self._acting_user is not None else "unknown"

    def _enable(self) -> None:
        point = self.current_point()
        open_checkout = self.checkout is not None and self.checkout.finished_at is None
        writes = open_checkout and point is not None and point.kind == "write"
        for widget in (self.test_value, self.keypad_button, self.write_button):
            widget.setEnabled(writes and self._commands is not None)
        for widget in (self.pass_button, self.fail_button, self.note):
            widget.setEnabled(open_checkout and point is not None)
        self.close_button.setEnabled(open_checkout)
        for widget in (self.pdf_button, self.csv_button):
            widget.setEnabled(self.checkout is not None)

    def close(self) -> bool:  # Qt slot override: timer and worker end with the screen
        self._closed = True
        self._timer.stop()
        self._worker.close()
        return super().close()

