"""The Modbus scanner: read a range of a device, see every interpretation side by side.

Which word order does this device use for floats (ANCHORS, pain 7)? Each register is shown
raw (hex, uint16, int16) and each pair starting at it as float32 and int32 in both word
orders (ABCD = high word first, CDAB = low word first): the right reading is the column
that looks like a process value. A tap on that cell picks the type and order for "Add to
line config". A bus log beside it lists every request, response and exception, timed.

The scan itself is `lineside modbus-scan`'s (hmi.plc.scan), run on the IoThread; unmapped
addresses are read around (shown as --) rather than failing the whole range.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.config_snippet import TagEntry
from hmi.commission.modbus_scan import TABLES, UNMAPPED, register_views
from hmi.config.schema import ModbusTable, ModbusType, WordOrder
from hmi.core.iothread import IoThread
from hmi.plc.scan import TableRead
from hmi.plc.scan_log import BusEvent, LoggedScan, scan_logged
from hmi.ui.add_to_config import AddToConfigPanel
from hmi.ui.admin_widgets import StatusLine, big_button, field_label, touch_combo, touch_table
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.flow_layout import FlowLayout, labelled
from widgets.number_field import NumberField
from widgets.retranslating import Retranslating
from widgets.theme import metrics

# Column title -> (view key of register_views, type, word order) for register tables.
REGISTER_COLUMNS: tuple[tuple[str, str, ModbusType, WordOrder], ...] = (
    ("Address", "", "uint16", "big"),
    ("Hex", "", "uint16", "big"),
    ("uint16", "uint16", "uint16", "big"),
    ("int16", "int16", "int16", "big"),
    ("float32 ABCD", "float32_big", "float32", "big"),
    ("float32 CDAB", "float32_little", "float32", "little"),
    ("int32 ABCD", "int32_big", "int32", "big"),
    ("int32 CDAB", "int32_little", "int32", "little"),
)
BIT_COLUMNS = ("Address", "Value")
# The decoded columns are named by type and word order (what goes into the config): only
# these words are translated.


def column_title(title: str) -> str:
    said = {"Address": QCoreApplication.translate("ModbusScreen", "Address"),
            "Value": QCoreApplication.translate("ModbusScreen", "Value")}
    return said.get(title, title)
SCAN_TIMEOUT_S = 2.0
LOG_LINES = 2000  # the bus log keeps the last this many lines


class RegisterTableModel(QAbstractTableModel):
    """One row per address of a scan; register tables get the decoded views as columns."""

    def __init__(self) -> None:
        super().__init__()
        self.read: TableRead | None = None
        self._views: dict[str, dict[int, float | int]] = {}

    def show_read(self, read: TableRead | None) -> None:
        self.beginResetModel()
        self.read = read
        self._views = register_views(read) if read is not None and not read.is_bits else {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if self.read is None or parent.isValid() else len(self.read.values)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        if self.read is None or self.read.is_bits:
            return len(BIT_COLUMNS)
        return len(REGISTER_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if self.read is None or self.read.is_bits:
            return column_title(BIT_COLUMNS[section])
        return column_title(REGISTER_COLUMNS[section][0])

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.read is None or not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell_text(index.row(), index.column())

    def cell_text(self, row: int, column: int) -> str:
        assert self.read is not None
        address = self.read.start + row
        raw = self.read.values[row]
        if column == 0:
            return str(address)
        if raw is None:
            return UNMAPPED
        if self.read.is_bits:
            return str(raw)
        if column == 1:
            return f"0x{raw:04X}"
        value = self._views[REGISTER_COLUMNS[column][1]].get(address)
        if value is None:
            return ""  # the last register has no pair
        return f"{value:.7g}" if isinstance(value, float) else str(value)


class ModbusScreen(Retranslating, QWidget):
    def __init__(self, io: IoThread, config_path: Path | None = None, *,
                 gate: Gate | None = None, host: str = "127.0.0.1", port: int = 502,
                 parent: QWidget | None = None) -> None:
        """``io``: the app's IoThread (scans run there); ``config_path``: the line config
        "Add to line config" offers first; ``gate``: the panel's sign-in (workbench roles)."""
        super().__init__(parent)
        self._io = io
        self._gate = gate
        self._worker = Worker("modbus-scanner", self)
        self._scanning = False
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        outer.setSpacing(gap)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.title)
        # The device (where), the range (what), Scan: one row on a wide screen; on a 1024 px
        # panel the range and Scan wrap below the device (a label stays with its field).
        form = FlowLayout(spacing=gap)
        self.host_field = QLineEdit(host)
        self.host_field.setMinimumWidth(m.px(35, self))
        self.port_field = NumberField("port", 1, 65535, port)
        self.unit_field = NumberField("unit id", 0, 255, 1)
        self.table_combo = touch_combo(self, width_mm=35)
        for table in TABLES:
            self.table_combo.addItem(table, table)
        # Never narrower than "discrete" and its drop-down button: the row may squeeze it.
        self.table_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.table_combo.setMinimumWidth(0)
        self.start_field = NumberField("start address", 0, 65535, 0)
        self.count_field = NumberField("count", 1, 2000, 20)
        rows = ((self.host_field, self.port_field, self.unit_field),
                (self.table_combo, self.start_field, self.count_field))
        self.field_labels: list[QLabel] = []
        for fields in rows:
            group = QWidget()
            group_row = QHBoxLayout(group)
            group_row.setContentsMargins(0, 0, 0, 0)
            group_row.setSpacing(gap)
            for widget in fields:
                label = field_label("")
                self.field_labels.append(label)
                group_row.addWidget(labelled(label, widget, max(2, gap // 2)), 1)
            form.addWidget(group, 1)
        self.scan_button = big_button("", self, 1.6, bold=True)
        self.scan_button.clicked.connect(self.scan)
        form.addWidget(self.scan_button)
        outer.addLayout(form)
        self.status = StatusLine()
        outer.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)  # a drag never hides the readings or the log
        self.model = RegisterTableModel()
        self.table = touch_table(self)
        # Address, hex and a reading or two; the other readings scroll sideways.
        self.table.setMinimumWidth(m.px(60, self))
        self.table.setModel(self.model)
        self.table.clicked.connect(self._on_table_clicked)
        split.addWidget(self.table)
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        self.log_title = QLabel()
        log_layout.addWidget(self.log_title)
        self.bus_log = QPlainTextEdit()
        self.bus_log.setMinimumWidth(m.px(30, self))
        self.bus_log.setReadOnly(True)
        self.bus_log.setMaximumBlockCount(LOG_LINES)
        # One event per line (scroll sideways for a long exception text): the times align.
        self.bus_log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("Monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.bus_log.setFont(mono)
        log_layout.addWidget(self.bus_log)
        split.addWidget(log_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # The eight readings side by side matter most; the log may scroll sideways.
        split.setSizes([m.px(230, self), m.px(110, self)])
        outer.addWidget(split, 1)
        self.add_panel = AddToConfigPanel(config_path, "modbus",
                                          lambda what: workbench_refusal(self._gate, what))
        outer.addWidget(self.add_panel)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Modbus scanner"))
        for label, text in zip(self.field_labels, (
                self.tr("Host"), self.tr("Port"), self.tr("Unit", "Modbus unit id"),
                self.tr("Table", "Modbus table"), self.tr("Start", "first address"),
                self.tr("Count", "how many addresses")), strict=True):
            label.setText(text)
        self.scan_button.setText(self.tr("Scan"))
        self.log_title.setText(self.tr("Bus log"))
        # The keypad's title when a field is entered by touch.
        self.port_field.set_name(self.tr("port"))
        self.unit_field.set_name(self.tr("unit id"))
        self.start_field.set_name(self.tr("start address"))
        self.count_field.set_name(self.tr("count", "how many addresses to read"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          max(0, self.model.columnCount() - 1))

    # -- scanning ---------------------------------------------------------------------------
    def scan(self) -> None:
        refusal = workbench_refusal(self._gate, self.tr("Scan"))
        if refusal:
            self.status.show_refusal(refusal)
            return
        if self._scanning:
            return
        host = self.host_field.text().strip()
        start, count = self.start_field.value(), self.count_field.value()
        if not host:
            self.status.show_refusal(self.tr("enter the device's host name or IP address"))
            return
        if start + count > 65536:
            self.status.show_refusal(self.tr("start {0} + count {1} runs past address "
                                             "65535").format(start, count))
            return
        table: ModbusTable = self.table_combo.currentData()
        port, unit = self.port_field.value(), self.unit_field.value()
        self._scanning = True
        self.scan_button.setEnabled(False)
        self.status.show_note(self.tr("Scanning {0} {1}..{2} of unit {3} at {4}:{5}…").format(
            table, start, start + count - 1, unit, host, port))
        self._worker.await_on(
            self._io, scan_logged(host, port, table, start, count, unit, SCAN_TIMEOUT_S),
            self._on_scanned)

    def _on_scanned(self, result: object) -> None:
        self._scanning = False
        self.scan_button.setEnabled(True)
        if isinstance(result, Exception):  # a bug, not the device: say it in one line
            self.status.show_refusal(self.tr("scan failed: {0}: {1}").format(
                type(result).__name__, result))
            return
        assert isinstance(result, LoggedScan)
        for event in result.events:
            self.bus_log.appendPlainText(log_line(event))
        if result.read is None:
            self.status.show_refusal(result.problem)
            return
        self.model.show_read(result.read)
        self.table.resizeColumnsToContents()
        holes = sum(1 for v in result.read.values if v is None)
        unmapped = self.tr(", {0} unmapped (--)").format(holes) if holes else ""
        read = result.read
        said = (self.tr("{0} {1} bits from {2} of unit {3}{4}.") if read.is_bits else
                self.tr("{0} {1} registers from {2} of unit {3}{4}."))
        self.status.show_ok(said.format(len(read.values), read.table, read.start, read.unit,
                                        unmapped) + " "
                            + self.tr("Tap the reading that looks right to add it."))
        self.add_panel.set_pick(self.tr("Pick a value above to add it to the line config"), None)
        host, port, unit = self.host_field.text().strip(), self.port_field.value(), result.read.unit
        self.add_panel.prefer_connection(
            lambda c: c.host == host and c.port == port and c.unit_id == unit)

    # -- picking ----------------------------------------------------------------------------
    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.pick(index.row(), index.column())

    def pick(self, row: int, column: int) -> None:
        """Choose the reading at (row, column) as the tag to add."""
        read = self.model.read
        if read is None or read.values[row] is None:
            return
        address = read.start + row
        if not read.is_bits and column < 2:  # the address or hex: the raw register
            column = 2
        shown = self.model.cell_text(row, column)
        self.table.setCurrentIndex(self.model.index(row, column))
        if read.is_bits:
            entry = TagEntry("", "bool", modbus_table=read.table, modbus_address=address,
                             modbus_type="bool")
            summary = self.tr("{0} {1} of unit {2} as {3} = {4}").format(
                read.table, address, read.unit, "bool", shown)
        else:
            title, _, kind, order = REGISTER_COLUMNS[column]
            if not shown:
                return
            data_type = "float" if kind == "float32" else "int"
            entry = TagEntry("", data_type, modbus_table=read.table, modbus_address=address,
                             modbus_type=kind, word_order=order)
            summary = self.tr("{0} {1} of unit {2} as {3} = {4}").format(
                read.table, address, read.unit, title, shown)
        self.add_panel.set_pick(summary, entry)

    def close(self) -> bool:  # Qt slot override: workers end with the screen
        self._worker.close()
        self.add_panel.close()
        return super().close()


def log_line(event: BusEvent) -> str:
    """`12:00:01.234  →  FC3 read holding 0..9 (10) unit 1`, answers with their time."""
    clock = event.at.astimezone().strftime("%H:%M:%S.%f")[:-3]
    arrow = {"request": "→", "response": "←", "exception": "✗", "no answer": "✗",
             "error": "✗"}[event.kind]
    took = f"  ({event.duration_ms:.1f} ms)" if event.duration_ms is not None else ""
    label = "" if event.kind in ("request", "response") else f"{event.kind.upper()}: "
    return f"{clock}  {arrow} {label}{event.text}{took}"
