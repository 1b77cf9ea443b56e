"""AddToConfigPanel: turn what the browser or scanner found into a [[tags]] entry.

The screen says what was picked (a node, or a register read as a type and word order);
the engineer names the tag (station.name), picks the connection and the config file, and
adds it. The entry is checked with the whole file by the same checker as `lineside config
check` and written in one step, or refused with the checker's file:line message and the
file left as it was (hmi.commission.config_snippet). File work runs on a worker thread.

The file's connections are read when the panel is first shown, on the worker: building the
panel reads nothing (a 20,000-tag file took seconds to load and check, twice at start, for a
panel the workbench may never open). Adding still checks the file as it is on disk then.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.config_snippet import SnippetRefused, TagEntry, append_tag
from hmi.config import ConfigError, LineConfig, ModbusConnection, load_line_config
from hmi.ui.admin_widgets import StatusLine, big_button, field_label, touch_combo
from hmi.ui.worker import Worker
from widgets.flow_layout import FlowLayout, labelled
from widgets.retranslating import Retranslating
from widgets.theme import metrics

Refusal = Callable[[str], str | None]  # what -> None if allowed, else why not
Loaded = LineConfig | Exception  # what loading the file gave
LOAD_WAIT_S = 30.0  # a pick before the file is read waits for it (seconds for 20k tags)


class AddToConfigPanel(Retranslating, QWidget):
    added = Signal(str)  # the tag id written to the file

    def __init__(self, config_path: Path | None, protocol: str,
                 refusal: Refusal | None = None, parent: QWidget | None = None) -> None:
        """``protocol``: "opcua" or "modbus" (the connections offered); ``refusal``: the
        workbench role check (None: open)."""
        super().__init__(parent)
        self._protocol = protocol
        self._refusal = refusal
        self._entry: TagEntry | None = None
        self._config: LineConfig | None = None
        # The load under way (read on the worker), or None; a connection to select once read.
        self._loading: concurrent.futures.Future[Loaded] | None = None
        self._loaded_once = False  # the first show reads the file
        self._prefer: Callable[[object], bool] | None = None
        self._worker = Worker("add-to-config", self)
        gap = metrics().gap_px(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(max(2, gap // 2))
        self.picked = QLabel()
        self.picked.setWordWrap(True)
        self._picked_yet = False  # until the screen says what was picked, the panel asks
        box.addWidget(self.picked)
        self.file_field = QLineEdit(str(config_path) if config_path else "")
        self.file_field.editingFinished.connect(self._start_load)
        self.choose_button = QPushButton()
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.file_label = field_label("")
        file_row = QHBoxLayout()
        file_row.setSpacing(gap)
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_field, 1)
        file_row.addWidget(self.choose_button)
        box.addLayout(file_row)
        self.tag_field = QLineEdit()
        # Room for "dry_room.dew_point_c"; the placeholder's example may elide.
        self.tag_field.setMinimumWidth(metrics().px(45, self))
        self.connection_combo = touch_combo(self, width_mm=45)
        # Modbus tags are polled in one of the connection's poll groups (its first: usually
        # the fast one); OPC UA tags come by subscription and need none.
        self.poll_combo = touch_combo(self, width_mm=25)
        self.poll_combo.setVisible(protocol == "modbus")
        self.connection_combo.currentIndexChanged.connect(self._on_connection_changed)
        self.writable_box = QCheckBox()
        self.add_button = big_button("", self, 2.6)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_button.setEnabled(False)
        self.tag_label, self.connection_label = field_label(""), field_label("")
        # One row on a laptop; on a 1024 px panel (German, touch sizes) it wraps, a label
        # staying with its field, and "Add to line config" is never cut.
        entry_row = FlowLayout(spacing=gap)
        entry_row.addWidget(labelled(self.tag_label, self.tag_field, gap), 2)
        entry_row.addWidget(labelled(self.connection_label, self.connection_combo, gap), 1)
        options = QWidget()
        options_row = QHBoxLayout(options)
        options_row.setContentsMargins(0, 0, 0, 0)
        options_row.addWidget(self.poll_combo)
        options_row.addWidget(self.writable_box)
        entry_row.addWidget(options)
        entry_row.addWidget(self.add_button)
        box.addLayout(entry_row)
        self.status = StatusLine()
        self.status.setVisible(False)  # shown with the first message: no empty box below
        box.addWidget(self.status)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: read the file when seen
        super().showEvent(event)
        if not self._loaded_once:
            self._start_load()

    def retranslate(self) -> None:
        if not self._picked_yet:
            self.picked.setText(self.tr("Pick a value above to add it to the line config"))
        self.file_field.setPlaceholderText(self.tr("line config file (TOML)"))
        self.choose_button.setText(self.tr("Choose…"))
        self.file_label.setText(self.tr("Config file"))
        self.tag_field.setPlaceholderText(self.tr("station.name_unit, e.g. "
                                                  "dry_room.dew_point_c"))
        self.writable_box.setText(self.tr("writable"))
        self.add_button.setText(self.tr("Add to line config"))
        self.tag_label.setText(self.tr("Tag id"))
        self.connection_label.setText(self.tr("Connection"))

    # -- what the screen picked -------------------------------------------------------------
    def set_pick(self, summary: str, entry: TagEntry | None) -> None:
        """`entry` without tag id and connection (the panel fills those), or None."""
        self._entry = entry
        self._picked_yet = True
        self.picked.setText(summary)
        self.add_button.setEnabled(entry is not None)

    def prefer_connection(self, match: Callable[[ModbusConnection], bool]) -> None:
        """Select the first Modbus connection of the file that `match`es (the scanned one)."""
        self._select(lambda conn: isinstance(conn, ModbusConnection) and match(conn))

    def prefer_opcua_endpoint(self, endpoint: str) -> None:
        self._select(lambda conn: getattr(conn, "endpoint", None) == endpoint)

    def _select(self, match: Callable[[object], bool]) -> None:
        self._prefer = match
        self._settle()  # a pick needs the connections: wait for a read under way
        if self._config is not None:
            self._apply_preference()

    def _apply_preference(self) -> None:
        if self._config is None or self._prefer is None:
            return
        for index in range(self.connection_combo.count()):
            conn = self._config.connection(self.connection_combo.itemData(index))
            if self._prefer(conn):
                self.connection_combo.setCurrentIndex(index)
                return

    # -- the file ---------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Line config"),
                                              self.file_field.text(),
                                              self.tr("Line config (*.toml)"))
        if name:
            self.file_field.setText(name)
            self._start_load()

    def _start_load(self) -> None:
        """Read the file's connections on the worker; `_on_loaded` fills the choices."""
        self._loaded_once = True
        self.connection_combo.clear()
        self._config = None
        text = self.file_field.text().strip()
        if not text:
            self._loading = None
            return
        loading: concurrent.futures.Future[Loaded] = concurrent.futures.Future()

        def load() -> Loaded:
            try:
                result: Loaded = load_line_config(text)
            except Exception as exc:  # said on the panel by _show_loaded
                result = exc
            loading.set_result(result)
            return result

        self._loading = loading
        self._worker.run(load, lambda _result: self._settle(loading))

    def _settle(self, loading: concurrent.futures.Future[Loaded] | None = None) -> None:
        """Show the load's outcome once: when it arrives, or now if a pick needs it (the
        GUI waits for the rest of the read). A load replaced by a newer one is dropped."""
        if self._loading is None or (loading is not None and loading is not self._loading):
            return
        loading, self._loading = self._loading, None
        try:
            result = loading.result(timeout=LOAD_WAIT_S)
        except concurrent.futures.TimeoutError:
            self._loading = loading  # still reading: the answer fills the choices later
            return
        self._show_loaded(result)

    def _show_loaded(self, result: Loaded) -> None:
        text = self.file_field.text().strip()
        if isinstance(result, Exception):
            issue = (result.issues[0] if isinstance(result, ConfigError)
                     else f"{text}: {type(result).__name__}: {result}")
            self._status().show_refusal(self.tr("{0} (fix it first: `lineside config check "
                                                "{1}`)").format(issue, text))
            return
        self._config = result
        for conn in self._config.connections:
            if conn.protocol == self._protocol:
                self.connection_combo.addItem(f"{conn.id}  ({_where(conn)})", conn.id)
        if self.connection_combo.count() == 0:
            self._status().show_note(self.tr("{0} has no {1} connection: add one first").format(
                text, {"opcua": "OPC UA", "modbus": "Modbus"}.get(self._protocol,
                                                                  self._protocol)))
        self._apply_preference()

    def _on_connection_changed(self) -> None:
        self.poll_combo.clear()
        conn_id = self.connection_combo.currentData()
        if self._config is None or conn_id is None:
            return
        conn = self._config.connection(conn_id)
        if isinstance(conn, ModbusConnection):
            for group in conn.poll_groups:
                self.poll_combo.addItem(f"{group.id} ({group.rate_ms} ms)", group.id)

    # -- adding -----------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        what = self.tr("Add to the line config")  # the action a refusal names
        refusal = self._refusal(what) if self._refusal else None
        if refusal:
            self._status().show_refusal(refusal)
            return
        if self._entry is None:
            return
        path = self.file_field.text().strip()
        tag_id = self.tag_field.text().strip()
        if not path:
            self._status().show_refusal(self.tr("choose the line config file to add the tag to"))
            return
        if not tag_id:
            self._status().show_refusal(self.tr("name the tag: station.name_unit (the station "
                                                "must exist in the file)"))
            return
        self._settle()  # the connections of a read under way (the station's own is implied)
        connection = self.connection_combo.currentData() or ""
        station = tag_id.split(".", 1)[0]
        if self._config is not None:
            # The station's own connection needs no `connection =` line.
            own = next((s.connection for s in self._config.stations if s.id == station), None)
            if own == connection:
                connection = ""
        poll_group = self.poll_combo.currentData() if self._protocol == "modbus" else None
        entry = dataclasses.replace(self._entry, tag_id=tag_id, connection=connection,
                                    writable=self.writable_box.isChecked(),
                                    poll_group="" if poll_group in (None, "default")
                                    else poll_group)
        self.add_button.setEnabled(False)
        self._worker.run(lambda: append_tag(path, entry), self._on_added)

    def _on_added(self, result: object) -> None:
        self.add_button.setEnabled(self._entry is not None)
        if isinstance(result, SnippetRefused):
            self._status().show_refusal(str(result))
            return
        if isinstance(result, Exception):
            self._status().show_refusal(self.tr("not added: {0}: {1}").format(
                type(result).__name__, result))
            return
        assert isinstance(result, LineConfig)
        self._config = result
        tag_id = self.tag_field.text().strip()
        self._status().show_ok(self.tr("{0} added to {1} (checked: {2} tags)").format(
            tag_id, self.file_field.text().strip(), len(result.tags)))
        self.added.emit(tag_id)

    def _status(self) -> StatusLine:
        self.status.setVisible(True)
        return self.status

    def close(self) -> bool:  # Qt slot override: the worker ends with the panel
        self._worker.close()
        return super().close()


def _where(conn: object) -> str:
    if isinstance(conn, ModbusConnection):
        return f"{conn.host}:{conn.port} unit {conn.unit_id}"
    return str(getattr(conn, "endpoint", ""))
