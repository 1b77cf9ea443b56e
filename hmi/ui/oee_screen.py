"""The OEE screen: A, P, Q and OEE per station and for the line over the current shift, the
last hour or a chosen period; the waterfall of losses; the top downtime reasons; micro-stops
per station (the hidden bottleneck); OEE per shift; and the reason prompt.

The reason prompt: a stop longer than the minor-stop threshold waits for a reason
(OeeTracker.pending_reasons). It is a panel on this screen, not a modal dialog (an operator
mid-task is not blocked): large buttons, the most likely reasons first, the one a hint names
(first-out alarm, the restore that followed) marked as suggested. `reason_needed(count)`
tells the main window how many stops wait, so its header can show it on any screen. A
touch assigns through `assign_reason` as the signed-in user (audited there).

Every tracker call runs on the screen's worker thread; the screen only shows answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.core.tags import utc_now
from hmi.core.user_text import UserText
from hmi.production.oee import OeeFactors
from hmi.production.oee_queries import ReasonTotal
from hmi.production.oee_tracker import OeeTracker, PendingReason
from hmi.ui import presenters
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import show
from hmi.ui.worker import WorkerScreen
from widgets.alarm_bars import AlarmBars, Reference
from widgets.oee_waterfall import OeeWaterfall
from widgets.retranslating import Retranslating
from widgets.theme import metrics

# English (the worker's labels and the source text); said through translate(): lupdate
# reads the QT_TRANSLATE_NOOP marks.
PERIODS: tuple[tuple[str, float | None], ...] = (
    (str(QT_TRANSLATE_NOOP("OeeScreen", "Current shift")), None),
    (str(QT_TRANSLATE_NOOP("OeeScreen", "Last hour")), 1.0),
    (str(QT_TRANSLATE_NOOP("OeeScreen", "Last 8 h")), 8.0),
    (str(QT_TRANSLATE_NOOP("OeeScreen", "Last 24 h")), 24.0),
    (str(QT_TRANSLATE_NOOP("OeeScreen", "Last 7 days")), 168.0))
WORLD_CLASS = 85.0  # the commonly quoted OEE benchmark, %
PROMPT_BUTTONS = 6  # reasons offered as buttons (most likely first)
REFRESH_MS = 5000
AUTO = "*"  # the waterfall's focus until a row is touched: the station with the lowest OEE
NO_SHIFT = str(QT_TRANSLATE_NOOP("OeeScreen", "No shift running: last 8 h"))
# hmi.production.oee's own waterfall rows; a big loss's name comes from the line's reason
# tree (config content) and stays as written.
OWN_LOSSES = frozenset((
    str(QT_TRANSLATE_NOOP("OeeScreen", "planned production time")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "downtime, no reason yet")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "idling and minor stops")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "reduced speed")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "quality loss")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "fully productive time")),
    str(QT_TRANSLATE_NOOP("OeeScreen", "operating time (no count measured)"))))


def _said(source: str) -> str:
    return QCoreApplication.translate("OeeScreen", source)


def period_names() -> list[str]:
    """PERIODS' names in the language now installed (the worker keeps the English ones)."""
    return [_said(name) for name, _ in PERIODS]


def period_text(label: str) -> str:
    """A snapshot's label as said: a period's name translated, a shift's (config) as is."""
    ours = {name for name, _ in PERIODS} | {NO_SHIFT}
    return _said(label) if label in ours else label


def loss_text(label: str) -> str:
    return _said(label) if label in OWN_LOSSES else label


def describe_stop(p: PendingReason, now: datetime) -> str:
    """DowntimeEvent.describe in the language now installed (station and time as is)."""
    e = p.event
    text = QCoreApplication.translate("OeeScreen", "{0} {1} from {2} UTC for {3} min").format(
        e.station, presenters.packml_state(e.state), f"{e.start:%Y-%m-%d %H:%M:%S}",
        f"{e.length_s(now) / 60.0:.1f}")
    if e.end is None:
        text += " " + QCoreApplication.translate("OeeScreen", "(ongoing)")
    return text


@dataclass(frozen=True, slots=True)
class OeeSnapshot:
    label: str
    stations: tuple[OeeFactors, ...]
    line: OeeFactors
    focus: str | None  # the station the waterfall shows (None: the line)
    waterfall: tuple[tuple[str, float], ...]
    reasons: tuple[ReasonTotal, ...]
    micro: tuple[tuple[str, int, float], ...]
    trend: tuple[tuple[str, float], ...]  # shift label, OEE %
    pending: tuple[PendingReason, ...]
    now: datetime
    line_rate: UserText | str = ""  # the line's ideal rate: its bottleneck's (recipe first)


def load_snapshot(oee: OeeTracker, period: int, focus: str | None,
                  now: datetime) -> OeeSnapshot:
    """Everything the screen shows (blocking database reads: the worker runs this).
    `focus` AUTO: the waterfall of the station with the lowest OEE (the worst first; the
    LINE row shows the line's, at its bottleneck station's ideal rate)."""
    name, hours = PERIODS[period]
    if hours is None:
        window = oee.calendar.shift_at(now)
        if window is None:
            name, start, end = NO_SHIFT, now - timedelta(hours=8), now
        else:
            name, start, end = window.label, window.start, window.end
    else:
        start, end = now - timedelta(hours=hours), now
    # Once per refresh, the whole line in one read: the waterfall reuses the focus's.
    every, line = oee.factors_all(start, end)
    stations = tuple(every)
    if focus == AUTO:
        rated = [f for f in stations if f.oee is not None]
        focus = min(rated, key=lambda f: f.oee or 0.0).station if rated else None
    shown = line if focus is None else next((f for f in stations if f.station == focus), None)
    steps = oee.waterfall(focus, start, end, shown)
    micro = oee.micro_stops(start, min(end, now))
    trend = tuple((_short(label), (f.oee or 0.0) * 100)
                  for label, f in oee.shift_trend(9, focus))
    return OeeSnapshot(
        name, stations, line, focus, tuple((s.label, s.seconds) for s in steps),
        tuple(oee.top_reasons(start, end, limit=5)),
        tuple(sorted(((s, c, sec) for s, (c, sec) in micro.items()), key=lambda x: -x[1])),
        trend, tuple(oee.pending_reasons()), now,
        oee.ideal_rate_text(line.rate_station) if line.rate_station else "")


def _short(label: str) -> str:
    """"early 2026-11-26 06:00" -> "early 11-26": room under a bar."""
    parts = label.rsplit(" ", 2)
    return f"{parts[0]} {parts[1][5:]}" if len(parts) == 3 else label


def pct(value: float | None) -> str:
    return f"{value * 100:.1f} %" if value is not None else "–"


class ReasonPanel(QFrame):  # worded by OeeScreen (its retranslate shows the snapshot again)
    """The reason prompt for the oldest stop waiting: big buttons, most likely first."""

    chosen = Signal(int, str)  # (downtime event id, reason code)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonPrompt")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        box = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        box.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        self._grid = QGridLayout()
        box.addLayout(self._grid)
        self.buttons: dict[str, QPushButton] = {}
        self.pending: PendingReason | None = None
        self.hide()

    def show_pending(self, pending: tuple[PendingReason, ...], now: datetime) -> None:
        first = pending[0] if pending else None
        if first is not None and self.pending is not None \
                and first.event.id == self.pending.event.id and self.isVisible():
            self.title.setText(self._title(first, len(pending), now))
            self.hint.setText(self._hint(first))  # the language may have changed
            return  # the same stop: keep the buttons under the operator's finger
        self.pending = first
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        if first is None:
            self.hide()
            return
        self.title.setText(self._title(first, len(pending), now))
        self.hint.setText(self._hint(first))
        candidates = list(first.candidates)
        if first.prefill is not None:
            candidates = [first.prefill, *(c for c in candidates if c.code != first.prefill.code)]
        height = metrics().button_px(self)
        for i, reason in enumerate(candidates[:PROMPT_BUTTONS]):
            suggested = first.prefill is not None and reason.code == first.prefill.code
            button = QPushButton(("★ " if suggested else "") + reason.text)
            button.setMinimumHeight(int(height * 1.2))
            button.setToolTip(reason.code)
            button.clicked.connect(
                lambda _=False, e=first.event.id, c=reason.code: self.chosen.emit(e, c))
            self._grid.addWidget(button, i // 3, i % 3)
            self.buttons[reason.code] = button
        self.show()

    def _title(self, p: PendingReason, count: int, now: datetime) -> str:
        more = (" " + self.tr("({0} more waiting)").format(count - 1)) if count > 1 else ""
        return self.tr("Reason needed: {0}").format(describe_stop(p, now)) + more

    def _hint(self, p: PendingReason) -> str:
        if p.prefill is None:
            return self.tr("Touch the reason for this stop (most likely first).")
        # The hints (alarm ids, restore names) and the reason's text are the line's own.
        return self.tr("Suggested from {0}: {1}").format(", ".join(p.event.hints[:2]),
                                                          p.prefill.text)


class OeeScreen(Retranslating, WorkerScreen):
    reason_needed = Signal(int)  # stops waiting for a reason (0: none): the header's hook
    refreshed = Signal()

    def __init__(self, oee: OeeTracker, gate: SecurityGate | None,
                 parent: QWidget | None = None, *, refresh_ms: int = REFRESH_MS,
                 clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__("oee-screen", parent)
        self._oee, self._gate, self._clock = oee, gate, clock
        self.snapshot: OeeSnapshot | None = None
        self._focus: str | None = AUTO
        self._loading = False
        self._waiting = -1
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period = QComboBox()
        self.period.addItems(period_names())
        self.period.setMinimumHeight(metrics().button_px(self))
        self.period.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.period)
        self.period_label = QLabel()
        self.period_label.setWordWrap(True)  # the line's ideal rate on a second line
        top.addWidget(self.period_label, 1)
        box.addLayout(top)
        self.reason_panel = ReasonPanel()
        self.reason_panel.chosen.connect(self.assign)
        box.addWidget(self.reason_panel)
        middle = QHBoxLayout()
        self.table = QTableWidget(0, 6)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(self._on_table_clicked)
        middle.addWidget(self.table, 1)
        self.waterfall = OeeWaterfall("")
        middle.addWidget(self.waterfall, 1)
        box.addLayout(middle, 3)
        bottom = QHBoxLayout()
        self.reasons = AlarmBars("", horizontal=True)
        self.micro = AlarmBars("", horizontal=True)
        self.trend = AlarmBars("")
        for chart in (self.reasons, self.micro, self.trend):
            bottom.addWidget(chart, 1)
        box.addLayout(bottom, 2)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(refresh_ms)
        self._counting = False
        self.retranslate()
        self._tick()

    def retranslate(self) -> None:
        for index, name in enumerate(period_names()):
            self.period.setItemText(index, name)
        # A, P, Q: the factors' initials in each language; the tooltip names them whole.
        heads = [(self.tr("Station"), ""),
                 (self.tr("A", "availability"), self.tr("Availability")),
                 (self.tr("P", "performance"), self.tr("Performance")),
                 (self.tr("Q", "quality"), self.tr("Quality")),
                 (self.tr("OEE"), self.tr("Overall equipment effectiveness")),
                 (self.tr("Down", "downtime"), self.tr("Downtime"))]
        for column, (head, tip) in enumerate(heads):
            item = QTableWidgetItem(head)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, item)
        self.reasons.title = self.tr("Top downtime reasons (min)")
        self.micro.title = self.tr("Micro-stops per station")
        self.trend.title = self.tr("OEE per shift (%)")
        if self.snapshot is not None:
            self._show(self.snapshot)
        else:
            self.waterfall.title = self.tr("Losses: the line")
        for chart in (self.waterfall, self.reasons, self.micro, self.trend):
            chart.update()

    # ---- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return  # one load at a time: a slow database does not pile them up
        self._loading = True
        period, focus, now = self.period.currentIndex(), self._focus, self._clock()
        self._run(lambda: load_snapshot(self._oee, period, focus, now), self._on_loaded)

    def _tick(self) -> None:
        """The timer: the whole screen while it is on show; hidden, only the count of stops
        waiting for a reason, which the header shows (one query, not every station's
        factors: on a 1,000-station line a hidden screen held its worker a third of the
        time, issue 11)."""
        if self.isVisible():
            self.refresh()
        elif not self._counting and not self._loading:
            self._counting = True
            self._run(self._oee.pending_count, self._on_counted)

    def _on_counted(self, result: object) -> None:
        self._counting = False
        if self._refused(result):
            return
        assert isinstance(result, int)
        self._tell_waiting(result)

    def _tell_waiting(self, count: int) -> None:
        if count != self._waiting:
            self._waiting = count
            self.reason_needed.emit(count)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # what it shows is as of now, not of the last load while visible

    def _on_loaded(self, result: object) -> None:
        self._loading = False
        if self._refused(result):
            return
        assert isinstance(result, OeeSnapshot)
        self.snapshot = result
        self._show(result)
        self._tell_waiting(len(result.pending))
        self.refreshed.emit()

    def _show(self, s: OeeSnapshot) -> None:
        rate = (self.tr("Line ideal rate: {0}, the bottleneck").format(show(s.line_rate))
                if s.line_rate else self.tr("No line ideal rate: no station counts output"))
        self.period_label.setText(self.tr("{0}: line OEE {1}").format(
            period_text(s.label), pct(s.line.oee)) + f"\n{rate}")
        rows = [*s.stations, s.line]
        self.table.setRowCount(len(rows))
        for r, f in enumerate(rows):
            cells = (f.station or self.tr("LINE"), pct(f.availability), pct(f.performance),
                     pct(f.quality), pct(f.oee), f"{f.downtime_s / 60:.0f} min")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.waterfall.title = (self.tr("Losses: {0}").format(s.focus) if s.focus
                                else self.tr("Losses: the line"))
        self.waterfall.set_steps([(loss_text(label), sec) for label, sec in s.waterfall],
                                 note=self.tr("no planned time in this period"))
        # Reason texts are the reason tree's (config); a stop with none yet is ours to say.
        self.reasons.set_bars([r.text if r.code else self.tr("no reason yet") for r in s.reasons],
                              [r.seconds / 60 for r in s.reasons],
                              note=self.tr("no downtime in this period"))
        self.micro.set_bars([f"{st} ({n})" for st, n, _ in s.micro if n],
                            [sec / 60 for _, n, sec in s.micro if n],
                            note=self.tr("no micro-stops in this period"))
        self.trend.set_bars([label for label, _ in s.trend], [v for _, v in s.trend],
                            references=[Reference(WORLD_CLASS, self.tr("world class 85"))],
                            note=self.tr("no shifts recorded"))
        self.reason_panel.show_pending(s.pending, s.now)

    def _on_table_clicked(self, row: int, _column: int) -> None:
        if self.snapshot is None:
            return
        stations = self.snapshot.stations
        self._focus = stations[row].station if row < len(stations) else None
        self.refresh()

    # ---- the reason prompt -------------------------------------------------------------
    def assign(self, event_id: int, code: str) -> None:
        if self._gate is None:
            self._say("✗ " + self.tr("sign-in is not available here: give reasons on the "
                                     "line's HMI"))
            return
        try:
            user = self._gate.acting_user()
        except Exception as exc:  # SessionLocked / nobody signed in: its text says what to do
            self._say(f"✗ {exc}")
            return
        signed = self._gate.user()
        full_name = signed.full_name if signed is not None else ""

        def call() -> object:
            return self._oee.assign_reason(event_id, code, user, full_name=full_name)

        self._run(call, self._on_assigned)

    def _on_assigned(self, result: object) -> None:
        if self._refused(result):
            return
        self._say("✓ " + self.tr("reason given: {0}").format(getattr(result, "reason_code", "")))
        self.reason_panel.pending = None  # the next stop's buttons, not this one's
        self.refresh()

    def close(self) -> bool:
        self._timer.stop()
        return super().close()
