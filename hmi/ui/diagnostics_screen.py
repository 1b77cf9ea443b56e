"""Connection diagnostics: how old is what I see, and how long does a write take to come back?

One row per PLC connection of the running line: its state, the keep-alive round trip the
supervisor measures, a read's round trip (measured on demand, and every READ_EVERY_S at a
low rate), a setpoint's write-to-echo time (on demand, through the command service: the
user's role must allow the write, and it is audited), reconnects, and values per second.
Below, for the selected connection: the age of its values as a histogram, its recent
losses with their causes, and each tag that is not GOOD with the driver's words for why
(a Modbus exception at its address, a type the config does not expect, a PLC clock that is
off), headed by the PLC's clock skew when there is one.

PLC work runs on the IoThread (hmi.ui.worker.Worker.await_on); answers come back queued.
The screen's words (column titles, states, problem lines) are in hmi.ui.diagnostics_words.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.commission.output import endpoint_text
from hmi.config import LineConfig
from hmi.core.iothread import IoThread
from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.plc.access import PlcAccess
from hmi.plc.diagnostics import EchoProbe, NotificationCounter, age_histogram, echo_candidates
from hmi.plc.latency import EchoRun, LatencyStats, read_round_trips
from hmi.plc.supervisor import ConnectionHealth
from hmi.security import Security
from hmi.ui.admin_widgets import StatusLine, big_button, touch_combo
from hmi.ui.diagnostics_words import clock_text, columns, problem_lines, state_text
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.age_histogram import AgeHistogram
from widgets.flow_layout import FlowLayout
from widgets.retranslating import Retranslating
from widgets.theme import metrics, palette

REFRESH_MS = 1000  # state, values/s and ages: once a second is what a person reads
READ_EVERY_S = 15.0  # the periodic read round trip: light on the PLC and the link
PERIODIC_READS = 5
ON_DEMAND_READS = 20
ENDPOINT_COLUMN = 1
PROBLEMS_SHOWN = 200  # a whole connection lost lists every tag; a person reads the first


class DiagnosticsScreen(Retranslating, QWidget):
    def __init__(self, config: LineConfig, store: TagStore, service: PlcAccess, io: IoThread,
                 *, security: Security | None = None,
                 acting_user: Callable[[], str] | None = None, gate: Gate | None = None,
                 client_host: str = "", parent: QWidget | None = None) -> None:
        """``security`` and ``acting_user`` enable write-to-echo (through a CommandService
        on ``service``, audited in ``security.audit``); ``gate``: the workbench role check."""
        super().__init__(parent)
        self._config, self._store, self._service, self._io = config, store, service, io
        self._gate = gate
        self._acting_user = acting_user
        self._client_host = client_host
        self._echo = (EchoProbe(service, security.policy, security.audit, store, config)
                      if security is not None else None)
        self._worker = Worker("diagnostics", self)
        self._counter = NotificationCounter(config, store)
        self._ids = [c.id for c in config.connections]
        self.read_stats: dict[str, LatencyStats] = {}
        self.echo_runs: dict[str, EchoRun] = {}
        self._rates: dict[str, float] = {}
        self._busy: set[str] = set()
        self._measured_at: dict[str, float] = {}  # monotonic time of the last read measure
        self._build()
        self.retranslate()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self.refresh()

    def _build(self) -> None:
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        outer.setSpacing(gap)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.title)
        self.table = QTableWidget(len(self._ids), len(columns()))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The endpoint gives way (elided) so the measured numbers always show whole.
        header.setSectionResizeMode(ENDPOINT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(round(m.text_px(self) * 2.2))
        rows = len(self._ids) + 1.3
        self.table.setMaximumHeight(round(m.text_px(self) * 2.2 * rows))
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        outer.addWidget(self.table)
        # The data age, the losses and the tags not good: three columns on a wide screen;
        # on a 1024 px panel the histogram (its labels need the width) takes the first
        # row and the two lists share the second. The lists take the height there is.
        details = FlowLayout(spacing=gap * 2)
        self.age_title = QLabel()
        self.age_title.setWordWrap(True)  # "Datenalter von opcua_electrode: 0 von 88 Tags"
        self.histogram = AgeHistogram()
        self.age_note = QLabel()
        self.age_note.setWordWrap(True)
        self.age_note.setStyleSheet(f"color: {palette().text_muted};")
        details.addWidget(_column(self.age_title, self.histogram, self.age_note), 3)
        self.losses_title = QLabel()
        self.losses_title.setWordWrap(True)
        self.losses = QListWidget()
        self.losses.setWordWrap(True)
        self.losses.setMinimumWidth(m.px(45, self))  # a cause reads in lines, not in words
        details.addWidget(_column(self.losses_title, self.losses), 2)
        self.problems_title = QLabel()
        self.problems_title.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setMinimumWidth(m.px(45, self))  # a cause reads in lines, not in words
        details.addWidget(_column(self.problems_title, self.problems), 3)
        outer.addLayout(details, 1)
        # One row on a laptop; on a 1024 px panel the setpoint and its button go below.
        actions = FlowLayout(spacing=gap)
        self.read_button = big_button("", self, 3.2)
        self.read_button.clicked.connect(self.measure_read)
        self.setpoint_combo = touch_combo(self, width_mm=60)
        # As wide as its longest "tag (unit)": the row wraps, never cuts a setpoint's name.
        self.setpoint_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setpoint_combo.setMinimumWidth(0)
        self.echo_button = big_button("", self, 3.0)
        self.echo_button.clicked.connect(self.measure_echo)
        actions.addWidget(self.read_button)
        self.setpoint_label = QLabel()
        actions.addWidget(self.setpoint_label)
        actions.addWidget(self.setpoint_combo, 1)
        actions.addWidget(self.echo_button)
        outer.addLayout(actions)
        self.status = StatusLine()
        outer.addWidget(self.status)
        self.table.selectRow(0)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Connection diagnostics"))
        self.table.setHorizontalHeaderLabels(columns())
        self.age_note.setText(self.tr("Age since the PLC stamped each value; an unchanged "
                                      "setpoint keeps its stamp. Not live: stale, lost or bad."))
        self.read_button.setText(self.tr("Measure read round trip"))
        self.echo_button.setText(self.tr("Measure write-to-echo"))
        self.echo_button.setToolTip("" if self._echo is not None else
                                    self.tr("write-to-echo needs the signed-in command path"))
        self.setpoint_label.setText(self.tr("Setpoint"))
        self.losses.clear()  # its placeholder line is said again by refresh()
        self.problems.clear()
        self.refresh()

    # -- the selected connection ------------------------------------------------------------
    def selected(self) -> str:
        row = self.table.currentRow()
        return self._ids[row if 0 <= row < len(self._ids) else 0]

    def select(self, connection_id: str) -> None:
        self.table.selectRow(self._ids.index(connection_id))

    def _on_table_current_changed(self, *_args: int) -> None:
        conn = self.selected()
        self.setpoint_combo.clear()
        for tag in echo_candidates(self._config, conn):
            unit = f" ({tag.unit})" if tag.unit else ""
            self.setpoint_combo.addItem(f"{tag.id}{unit}", tag.id)
        self.echo_button.setEnabled(self._echo is not None and self.setpoint_combo.count() > 0)
        self.echo_button.setToolTip("" if self._echo is not None else
                                    self.tr("write-to-echo needs the signed-in command path"))
        self.refresh()

    # -- once a second ------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        self._rates = self._counter.rates()
        self.refresh()
        now = time.monotonic()
        health = self._health()
        for conn in self._ids:
            # A measurement on demand counts as this period's: it is not overwritten.
            due = now - self._measured_at.get(conn, -READ_EVERY_S) >= READ_EVERY_S
            h = health.get(conn)
            if due and h is not None and h.state == "connected":
                self._measure_read(conn, PERIODIC_READS, quiet=True)

    def _health(self) -> dict[str, ConnectionHealth]:
        return self._service.health()

    def refresh(self) -> None:
        health = self._health()
        p = palette()
        for row, conn_id in enumerate(self._ids):
            h = health.get(conn_id)
            state = h.state if h is not None else "connecting"
            echo = self.echo_runs.get(conn_id)
            cells = (
                conn_id,
                endpoint_text(self._config.connection(conn_id)),
                state_text(state),
                f"{h.rtt_ms:.1f} ms" if h is not None and h.rtt_ms is not None else "-",
                self.read_stats[conn_id].short() if conn_id in self.read_stats else "-",
                echo.stats.short() if echo is not None else "-",
                str(h.reconnects) if h is not None else "0",
                f"{self._rates.get(conn_id, 0.0):.0f}",
            )
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
            # Colour for the abnormal only, with the words: a lost link.
            lost = state == "lost"
            self.table.item(row, 2).setBackground(QBrush(QColor(p.p2)) if lost else QBrush())
        self._show_details(health.get(self.selected()))

    def _show_details(self, health: ConnectionHealth | None) -> None:
        conn = self.selected()
        tag_ids = [t.id for t in self._config.tags_of_connection(conn)]
        snapshot = self._store.snapshot()
        values = [snapshot[t] for t in tag_ids if t in snapshot]
        histogram = age_histogram(values)
        # The age buckets are units ("<1 min"); the last is words, said here.
        labels = [self.tr("not live", "values stale, lost or bad") if label == "not live"
                  else label for label in histogram.labels]
        self.histogram.set_buckets(labels, histogram.counts, histogram.not_live_from)
        self.age_title.setText(self.tr("Data age of {0}: {1} of {2} tags").format(
            conn, len(values), len(tag_ids)))
        self._show_problems(conn, values, health)
        if health is None:
            self.losses_title.setText(self.tr("Reconnects: not connected yet"))
            return
        self.losses_title.setText(
            self.tr("Reconnects of {0}: {1}, disconnected {2} s in all").format(
                conn, health.reconnects, f"{health.lost_total_s:.1f}")
            + ("; " + self.tr("last cause: {0}").format(health.last_error)
               if health.last_error else ""))
        lines = [f"{when.astimezone():%Y-%m-%d %H:%M:%S}  {cause}"
                 for when, cause in reversed(health.recent_losses)]
        lines = lines or [self.tr("no loss since the PLC link started")]
        if [self.losses.item(i).text() for i in range(self.losses.count())] != lines:
            self.losses.clear()
            self.losses.addItems(lines)

    def _show_problems(self, conn: str, values: list[TagValue],
                       health: ConnectionHealth | None) -> None:
        lines = problem_lines(values)
        title = self.tr("Tags of {0} not good: {1}").format(conn, len(lines))
        clock = clock_text(health)
        self.problems_title.setText(f"{title}; {clock}" if clock else title)
        shown = lines[:PROBLEMS_SHOWN] or [self.tr("every tag is good")]
        if len(lines) > PROBLEMS_SHOWN:
            shown.append(self.tr("… and {0} more").format(len(lines) - PROBLEMS_SHOWN))
        if [self.problems.item(i).text() for i in range(self.problems.count())] != shown:
            self.problems.clear()
            self.problems.addItems(shown)

    # -- measuring ----------------------------------------------------------------------------
    def measure_read(self) -> None:
        refusal = workbench_refusal(self._gate, self.tr("Measure"))
        if refusal:
            self.status.show_refusal(refusal)
            return
        self._measure_read(self.selected(), ON_DEMAND_READS, quiet=False)

    def _measure_read(self, conn: str, count: int, *, quiet: bool) -> None:
        tags = self._config.tags_of_connection(conn)
        if not tags or conn in self._busy:
            if not quiet:
                self.status.show_note(
                    self.tr("{0}: a measurement is under way; its result shows in the "
                            "table").format(conn) if tags
                    else self.tr("{0} has no tags").format(conn))
            return
        self._busy.add(conn)
        self._measured_at[conn] = time.monotonic()
        if not quiet:
            self.status.show_note(self.tr("Reading {0} {1} times…").format(tags[0].id, count))
        self._worker.await_on(self._io, read_round_trips(self._service, tags[0].id, count),
                              lambda result: self._on_read_measured(conn, quiet, result))

    def _on_read_measured(self, conn: str, quiet: bool, result: object) -> None:
        self._busy.discard(conn)
        if isinstance(result, Exception):
            if not quiet:
                self.status.show_refusal(self.tr("{0}: read round trip not measured: {1}").format(
                    conn, result))
            return
        assert isinstance(result, tuple)
        stats, reason = result
        self.read_stats[conn] = stats
        self.refresh()
        if quiet:
            return
        if stats.count:
            self.status.show_ok(self.tr("{0}: read round trip {1}").format(conn, stats.text()))
        else:
            self.status.show_refusal(self.tr("{0}: no read came back live ({1})").format(
                conn, reason))

    def measure_echo(self) -> None:
        refusal = workbench_refusal(self._gate, self.tr("Measure write-to-echo"))
        tag_id = self.setpoint_combo.currentData()
        if refusal or self._echo is None or self._acting_user is None or tag_id is None:
            self.status.show_refusal(refusal or self.tr("write-to-echo needs a setpoint and "
                                                        "the signed-in command path"))
            return
        try:
            user = self._acting_user()  # a locked panel refuses here, and says why
        except Exception as exc:
            self.status.show_refusal(str(exc))
            return
        conn = self.selected()
        tag = self._config.tag(tag_id)
        self.echo_button.setEnabled(False)
        self.status.show_note(self.tr("Writing {0} back and forth as {1}, timing each "
                                      "echo…").format(tag_id, user))
        self._worker.await_on(self._io, self._echo.measure(tag, user, self._client_host),
                              lambda result: self._on_echo_measured(conn, tag_id, result))

    def _on_echo_measured(self, conn: str, tag_id: str, result: object) -> None:
        self.echo_button.setEnabled(True)
        if isinstance(result, Exception):
            self.status.show_refusal(f"{tag_id}: {result}")
            return
        assert isinstance(result, EchoRun)
        self.echo_runs[conn] = result
        self.refresh()
        if result.stats.count == 0:
            said = (self.tr("{0}: {1} (restored {2})") if result.restored else
                    self.tr("{0}: {1} (NOT restored: check the PLC {2})"))
            self.status.show_refusal(said.format(tag_id, result.problem or self.tr("no echo"),
                                                 result.original))
            return
        said = (self.tr("{0}: write-to-echo {1}; original {2} restored") if result.restored
                else self.tr("{0}: write-to-echo {1}; original {2} NOT restored: check the PLC"))
        self.status.show_ok(said.format(tag_id, result.stats.text(), result.original))

    def close(self) -> bool:  # Qt slot override: timers, counter and worker end here
        self._timer.stop()
        self._counter.close()
        self._worker.close()
        return super().close()


def _column(title: QLabel, *below: QWidget) -> QWidget:
    """A title over what it heads, as one item of the details' flow; it grows in height,
    and the first widget under the title (the histogram, a list) takes what it gains."""
    column = QWidget()
    column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(title)
    for index, widget in enumerate(below):
        box.addWidget(widget, 1 if index == 0 else 0)
    return column
