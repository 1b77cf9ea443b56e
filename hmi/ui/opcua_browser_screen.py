"""The OPC UA browser: endpoints, address space, a node's attributes, references and live value.

The commissioning engineer's UaExpert, inside the HMI: connect to an endpoint and see the
security each of its endpoints offers; walk the address space one level at a time (a
level is browsed when it is opened: a PLC's space can hold thousands of nodes); select a
node for its attributes, its references, and its value and status live (a subscription
while it is selected). "Add to trend" hands a node that is a tag of the running line to
the trend screen; "Add to line config" writes a checked [[tags]] entry for it.

Every call runs on the IoThread (hmi.plc.ua_browser.BrowserSession); answers come back
queued to the GUI thread.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.config_snippet import TagEntry
from hmi.commission.write import _OPCUA_TYPES
from hmi.config import LineConfig
from hmi.core.iothread import IoThread
from hmi.core.tags import utc_now
from hmi.plc.browse import OBJECTS, NodeInfo
from hmi.plc.ua_browser import BrowserSession, EndpointInfo, LiveValue, NodeDetails
from hmi.ui.add_to_config import AddToConfigPanel
from hmi.ui.admin_widgets import StatusLine, big_button, field_label
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.retranslating import Retranslating
from widgets.theme import metrics, palette

NODE_ROLE = Qt.ItemDataRole.UserRole  # the NodeInfo of a tree item
LOADING = "…"


class OpcUaBrowserScreen(Retranslating, QWidget):
    trend_requested = Signal(str)  # a tag id of the running line (MainWindow.open_trend)
    _live_arrived = Signal(object)  # LiveValue, emitted on the IoThread, queued to the GUI

    def __init__(self, io: IoThread, config_path: Path | None = None, *,
                 line_config: LineConfig | None = None, gate: Gate | None = None,
                 endpoint: str = "", parent: QWidget | None = None) -> None:
        """``io``: the app's IoThread; ``config_path``: the line config "Add to line config"
        offers first; ``line_config``: the running line (node ids -> tag ids for "Add to
        trend", and its first OPC UA endpoint as the default); ``gate``: the panel's sign-in."""
        super().__init__(parent)
        self._io = io
        self._gate = gate
        self._session = BrowserSession()
        self._worker = Worker("opcua-browser", self)
        self._selected: NodeInfo | None = None
        self._tags_by_node: dict[str, str] = {}
        if line_config is not None:
            self._tags_by_node = {t.opcua.node_id: t.id for t in line_config.tags
                                  if t.opcua is not None}
            endpoint = endpoint or next((str(getattr(c, "endpoint", "")) for c in
                                         line_config.connections if c.protocol == "opcua"), "")
        self._live_arrived.connect(self._on_live_arrived)
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        outer.setSpacing(gap)
        row = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        row.addWidget(self.title)
        row.addSpacing(gap * 2)
        self.endpoint_field = QLineEdit(endpoint)
        self.endpoint_field.setPlaceholderText("opc.tcp://192.168.0.10:4840")
        self.connect_button = big_button("", self, 1.8, bold=True)
        self.connect_button.clicked.connect(self.connect_endpoint)
        self.endpoint_label = field_label("")
        row.addWidget(self.endpoint_label)
        row.addWidget(self.endpoint_field, 1)
        row.addWidget(self.connect_button)
        outer.addLayout(row)
        self.status = StatusLine()
        outer.addWidget(self.status)
        self.endpoints = _table(5)
        self.endpoints.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.endpoints.horizontalHeader().setStretchLastSection(True)
        # Most servers offer one to six endpoints: a few rows, scrolling beyond.
        self.endpoints.setMaximumHeight(round(m.text_px(self) * 6))
        outer.addWidget(self.endpoints)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)  # a drag never hides the tree or the node
        self.tree = QTreeWidget()
        self.tree.setMinimumWidth(m.px(40, self))
        self.tree.setColumnCount(3)
        self.tree.setColumnWidth(0, m.px(60, self))
        self.tree.setColumnWidth(1, m.px(22, self))
        self.tree.itemExpanded.connect(self._on_tree_item_expanded)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        split.addWidget(self.tree)
        split.addWidget(self._build_node_pane())
        split.setSizes([m.px(150, self), m.px(190, self)])
        outer.addWidget(split, 1)
        self.add_panel = AddToConfigPanel(config_path, "opcua",
                                          lambda what: workbench_refusal(self._gate, what))
        outer.addWidget(self.add_panel)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("OPC UA browser"))
        self.connect_button.setText(self.tr("Connect"))
        self.endpoint_label.setText(self.tr("Endpoint"))
        self.endpoints.setHorizontalHeaderLabels([
            self.tr("Endpoint"), self.tr("Security mode"), self.tr("Security policy"),
            self.tr("User tokens"), self.tr("Level", "security level")])
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Class", "node class"),
                                   self.tr("Data type")])
        self.trend_button.setText(self.tr("Add to trend"))
        self.attributes.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.references.setHorizontalHeaderLabels([
            self.tr("Reference"), self.tr("Direction"), self.tr("Target"),
            self.tr("Target node id")])
        for row in range(self.references.rowCount()):
            item = self.references.item(row, 1)
            if item is not None:
                item.setText(_direction(item.data(Qt.ItemDataRole.UserRole)))
        if self._selected is None or self._selected.node_class != "Variable":
            self.live_status.setText(self.tr("Select a variable to see its value live"))
        self._say_pick(self._selected)

    def _build_node_pane(self) -> QWidget:
        pane = QWidget()
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 0, 0, 0)
        live_row = QHBoxLayout()
        self.live_value = QLabel("-")
        self.live_value.setStyleSheet(f"font-size: {metrics().value_text_px(self)}px;")
        # Room for a float's seven digits and sign, so a new value never waits for a relayout.
        self.live_value.setMinimumWidth(metrics().value_text_px(self) * 5)
        self.live_status = QLabel()
        self.live_status.setWordWrap(True)
        self.trend_button = big_button("", self, 2.2)
        self.trend_button.setEnabled(False)
        self.trend_button.clicked.connect(self._on_trend_clicked)
        live_row.addWidget(self.live_value)
        live_row.addStretch(1)
        live_row.addWidget(self.trend_button)
        box.addLayout(live_row)
        # Under the value, the pane's whole width: beside it on a 1024 px panel it was a
        # column one word wide.
        box.addWidget(self.live_status)
        tables = QSplitter(Qt.Orientation.Vertical)
        self.attributes = _table(2)
        self.references = _table(4)
        for column in range(3):  # type, direction and target name read whole
            self.references.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        tables.addWidget(self.attributes)
        tables.addWidget(self.references)
        box.addWidget(tables, 1)
        return pane

    # -- connecting ---------------------------------------------------------------------
    def connect_endpoint(self) -> None:
        refusal = workbench_refusal(self._gate, self.tr("Browse"))
        if refusal:
            self.status.show_refusal(refusal)
            return
        endpoint = self.endpoint_field.text().strip()
        if not endpoint.startswith("opc.tcp://"):
            self.status.show_refusal(self.tr("{0} is not an OPC UA endpoint like "
                                             "opc.tcp://192.168.0.10:4840").format(
                                                 repr(endpoint)))
            return
        self.connect_button.setEnabled(False)
        self.tree.clear()
        self._select(None)
        self.status.show_note(self.tr("Connecting to {0}…").format(endpoint))
        self._worker.await_on(self._io, self._session.open(endpoint), self._on_opened)
        self.add_panel.prefer_opcua_endpoint(endpoint)

    def _on_opened(self, result: object) -> None:
        self.connect_button.setEnabled(True)
        if isinstance(result, Exception):
            self.status.show_refusal(str(result))
            return
        assert isinstance(result, tuple)
        endpoints: list[EndpointInfo] = result[0]
        problem: str = result[1]
        self.endpoints.setRowCount(len(endpoints))
        for row, e in enumerate(endpoints):
            for column, text in enumerate((e.url, e.security_mode, e.security_policy,
                                           ", ".join(e.user_tokens), str(e.security_level))):
                self.endpoints.setItem(row, column, QTableWidgetItem(text))
        self.endpoints.resizeColumnsToContents()
        if problem:  # the endpoints are worth seeing even when no session opens
            self.status.show_refusal(self.tr("endpoints listed: {0}; no session: {1}").format(
                len(endpoints), problem))
            return
        insecure = sum(1 for e in endpoints if e.security_mode == "None")
        note = (self.tr("; without security: {0} (browsing uses one)").format(insecure)
                if insecure else "")
        self.status.show_ok(self.tr("Connected: endpoints: {0}{1}. Open a folder to browse it; "
                                    "select a node for its details.").format(len(endpoints),
                                                                            note))
        root = QTreeWidgetItem(["Objects", "Object", ""])
        root.setData(0, NODE_ROLE, NodeInfo(OBJECTS, "Objects", 0, "Objects", "Object",
                                            "", 0))
        root.addChild(QTreeWidgetItem([LOADING]))
        self.tree.addTopLevelItem(root)
        root.setExpanded(True)

    # -- the tree, one level at a time ---------------------------------------------------
    def _on_tree_item_expanded(self, item: QTreeWidgetItem) -> None:
        if item.childCount() != 1 or item.child(0).data(0, NODE_ROLE) is not None:
            return  # already loaded
        node: NodeInfo = item.data(0, NODE_ROLE)
        self._worker.await_on(self._io, self._session.children(node.node_id),
                              lambda result, item=item: self._on_children(item, result))

    def _on_children(self, item: QTreeWidgetItem, result: object) -> None:
        item.takeChildren()
        if isinstance(result, Exception):
            item.addChild(QTreeWidgetItem([LOADING]))
            item.setExpanded(False)
            self.status.show_refusal(str(result))
            return
        assert isinstance(result, list)
        for node in result:
            child = QTreeWidgetItem([node.display_name, node.node_class, node.data_type or ""])
            child.setData(0, NODE_ROLE, node)
            child.setToolTip(0, node.node_id)
            child.addChild(QTreeWidgetItem([LOADING]))  # children are looked for on opening
            item.addChild(child)

    def find_item(self, *names: str) -> QTreeWidgetItem | None:
        """The loaded item at this path of display names under Objects (for tests)."""
        item = self.tree.topLevelItem(0)
        for name in names:
            if item is None:
                return None
            item = next((item.child(i) for i in range(item.childCount())
                         if item.child(i).text(0) == name), None)
        return item

    # -- the selected node ----------------------------------------------------------------
    def _on_tree_current_changed(self, current: QTreeWidgetItem | None,
                                 _previous: QTreeWidgetItem | None) -> None:
        node = current.data(0, NODE_ROLE) if current is not None else None
        self._select(node if isinstance(node, NodeInfo) else None)

    def _select(self, node: NodeInfo | None) -> None:
        self._selected = node
        self.attributes.setRowCount(0)
        self.references.setRowCount(0)
        self.live_value.setText("-")
        self.live_status.setText(self.tr("Select a variable to see its value live"))
        self.trend_button.setEnabled(False)
        self._say_pick(node)
        if node is None:
            if self._session.connected:
                self._worker.await_on(self._io, self._session.unwatch(), lambda _r: None)
            return
        self._worker.await_on(self._io, self._session.details(node.node_id),
                              lambda result, n=node: self._on_details(n, result))
        if node.node_class != "Variable":
            self._worker.await_on(self._io, self._session.unwatch(), lambda _r: None)
            return
        self.live_status.setText(self.tr("subscribing…"))
        self._worker.await_on(self._io, self._session.watch(node.node_id,
                                                            self._live_arrived.emit),
                              self._on_watch_started)
        self.add_panel.writable_box.setChecked(bool(node.writable))
        tag_id = self._tags_by_node.get(node.node_id)
        self.trend_button.setEnabled(tag_id is not None)

    def _say_pick(self, node: NodeInfo | None) -> None:
        """What "Add to line config" would add, and the trend button's tip, in the
        language shown (again on a switch: the pick itself stays)."""
        if node is None:
            self.add_panel.set_pick(self.tr("Select a variable to add it to the line config"),
                                    None)
            return
        if node.node_class != "Variable":
            self.add_panel.set_pick(self.tr("{0} is an {1}: select a variable to add it").format(
                node.display_name, node.node_class), None)
            return
        data_type = _OPCUA_TYPES.get(node.data_type or "", "string")
        self.add_panel.set_pick(
            f"{node.node_id} ({node.data_type or self.tr('unknown type')}, "
            f"{self.tr('writable') if node.writable else self.tr('read-only')})",
            TagEntry("", data_type, node_id=node.node_id))
        tag_id = self._tags_by_node.get(node.node_id)
        self.trend_button.setToolTip(self.tr("Trend {0}").format(tag_id) if tag_id else
                                     self.tr("Not a tag of the running line: add it to the "
                                             "line config first"))

    def _on_details(self, node: NodeInfo, result: object) -> None:
        if node is not self._selected:
            return  # an answer for a node no longer selected
        if isinstance(result, Exception):
            self.status.show_refusal(str(result))
            return
        assert isinstance(result, NodeDetails)
        self.attributes.setRowCount(len(result.attributes))
        for row, (name, text) in enumerate(result.attributes):
            self.attributes.setItem(row, 0, QTableWidgetItem(name))
            self.attributes.setItem(row, 1, QTableWidgetItem(text))
        self.references.setRowCount(len(result.references))
        for row, ref in enumerate(result.references):
            for column, text in enumerate((ref.reference_type, _direction(ref.forward),
                                           ref.target_name, ref.target_id)):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setData(Qt.ItemDataRole.UserRole, ref.forward)  # for a retranslate
                self.references.setItem(row, column, item)
        self.attributes.resizeColumnToContents(0)
        self.references.resizeColumnsToContents()

    def _on_watch_started(self, result: object) -> None:
        if isinstance(result, Exception):
            self.live_status.setText("✗ " + self.tr("cannot subscribe: {0}").format(result))

    def _on_live_arrived(self, live: LiveValue) -> None:
        node = self._selected
        if node is None or live.node_id != node.node_id:
            return
        value = live.value
        self.live_value.setText(f"{value:.7g}" if isinstance(value, float) else str(value))
        when = ""
        if live.source_ts is not None:
            age_s = (utc_now() - live.source_ts).total_seconds()
            stamp = f"{live.source_ts.astimezone():%H:%M:%S.%f}"[:-3]
            when = "  " + self.tr("source {0}  (age {1} s)").format(stamp, f"{age_s:.1f}")
        good = live.status == "Good"
        # A value that is not Good is drawn old-grey with its status in words, never colour.
        self.live_value.setStyleSheet(
            f"font-size: {metrics().value_text_px(self)}px; color: "
            f"{palette().text if good else palette().old_text};")
        self.live_status.setText(f"{'✓' if good else '✗'} {live.status}{when}")

    def _on_trend_clicked(self) -> None:
        node = self._selected
        tag_id = self._tags_by_node.get(node.node_id) if node is not None else None
        if tag_id is not None:
            self.trend_requested.emit(tag_id)

    def close(self) -> bool:  # Qt slot override: the session and workers end with the screen
        if self._io.running:
            # Closing a lost session may fail or hang: nothing is left to save then.
            with contextlib.suppress(Exception):
                self._io.run(self._session.close(), timeout=5.0)
        self._worker.close()
        self.add_panel.close()
        return super().close()


def _direction(forward: object) -> str:
    return (QCoreApplication.translate("OpcUaBrowserScreen", "forward", "reference direction")
            if forward else
            QCoreApplication.translate("OpcUaBrowserScreen", "inverse", "reference direction"))


def _table(columns: int) -> QTableWidget:
    """Worded by the screen's retranslate()."""
    table = QTableWidget(0, columns)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    return table
