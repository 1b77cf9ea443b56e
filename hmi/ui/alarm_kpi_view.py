"""Alarm KPIs per operator console against DOMAIN.md 3.2: the rate per 10 minutes (flood
line at 10), the targets table (met or not, in words), the priority distribution and the
top-10 bad actors, as simple self-painted bars (widgets.alarm_bars)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.alarms import AlarmJournal, Event
from hmi.alarms.kpi import FLOOD_ABOVE, TARGETS, ConsoleKpis, compute_kpis
from hmi.core.tags import utc_now
from hmi.ui.alarm_table import selection_style
from hmi.ui.period_buttons import add_period_buttons
from widgets.alarm_bars import AlarmBars, Reference
from widgets.theme import metrics

PERIODS_S = {"8 h": 8 * 3600.0, "24 h": 86_400.0, "7 d": 7 * 86_400.0, "30 d": 30 * 86_400.0}
TEN_MIN = timedelta(minutes=10)
HOUR = timedelta(hours=1)
MEASURE_NAMES = {
    "per_10min_avg": "Alarms per 10 min (average)",
    "per_day_avg": "Alarms per day (average)",
    "peak_per_hour": "Peak alarms in one hour",
    "flood_fraction": "10-min intervals in flood",
    "chattering": "Chattering alarms (≥3 in 60 s)",
    "stale": "Stale alarms (active > 24 h)",
    "high_priority_share": "Share priority 1-2",
    "medium_priority_share": "Share priority 3",
    "low_priority_share": "Share priority 4",
}


@dataclass(frozen=True, slots=True)
class KpiReport:
    start: datetime
    end: datetime
    bucket: timedelta  # 10 min up to a day, an hour beyond (a month is 4320 ten-minutes)
    kpis: dict[str, ConsoleKpis]
    rates: dict[str, list[int]]  # per console: annunciated activations per bucket


def kpi_report(journal: AlarmJournal, period_s: float, now: datetime | None = None) -> KpiReport:
    """The KPIs of every console over the period up to now (run on a worker: it reads the
    whole period's activations)."""
    end = now or utc_now()
    start = end - timedelta(seconds=period_s)
    rows = journal.rows(start, end, events=[Event.ACTIVATE])
    kpis = compute_kpis(rows, start, end, journal.latest_per_alarm())
    bucket = TEN_MIN if period_s <= 86_400 else HOUR
    count = max(1, -(-int((end - start) / timedelta(seconds=1)) // int(bucket.total_seconds())))
    rates: dict[str, list[int]] = {}
    for row in rows:
        if row.annunciated:
            series = rates.setdefault(row.console, [0] * count)
            series[min(count - 1, int((row.at - start) / bucket))] += 1
    return KpiReport(start, end, bucket, kpis, rates)


class AlarmKpiView(QWidget):
    period_requested = Signal(float)  # seconds back from now

    def __init__(self, consoles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: KpiReport | None = None
        self.console = consoles[0] if consoles else ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        choices.addWidget(QLabel("Period"))
        self._periods = add_period_buttons(choices, self, PERIODS_S, "24 h",
                                           self.period_requested.emit)
        choices.addSpacing(metrics().gap_px(self))
        choices.addWidget(QLabel("Console"))
        self.console_combo = QComboBox()
        self.console_combo.addItems(list(consoles))
        self.console_combo.currentTextChanged.connect(self._on_console_combo_changed)
        choices.addWidget(self.console_combo)
        self._chosen = False  # until the operator picks one, the busiest console is shown
        choices.addStretch(1)
        box.addLayout(choices)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        box.addWidget(self.summary_label)
        # Two columns of two: the rate over time and the targets left, the distribution
        # and the bad actors right; each half of a 600 px panel's height.
        body = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.rate_bars = AlarmBars("Alarms per 10 min")
        left.addWidget(self.rate_bars, 1)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(("KPI", "Value", "Target (DOMAIN 3.2)"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setStyleSheet(selection_style())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        left.addWidget(self.table, 1)
        self.priority_bars = AlarmBars("Priority distribution (% of alarms)", horizontal=True)
        self.actor_bars = AlarmBars("Top 10 bad actors", horizontal=True)
        right.addWidget(self.priority_bars, 1)
        right.addWidget(self.actor_bars, 2)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        box.addLayout(body, 1)

    def period_s(self) -> float:
        button = self._periods.checkedButton()
        return PERIODS_S["24 h" if button is None else button.text()]

    def show_report(self, report: KpiReport) -> None:
        self.report = report
        if not self._chosen and report.kpis:
            self.console = max(report.kpis, key=lambda c: report.kpis[c].activations)
        self.show_console(self.console)

    def _on_console_combo_changed(self, console: str) -> None:
        if console != self.console:
            self._chosen = True
            self.show_console(console)

    def show_console(self, console: str) -> None:
        self.console = console
        if self.console_combo.currentText() != console:
            self.console_combo.setCurrentText(console)
        report = self.report
        if report is None:
            return
        kpis = report.kpis.get(console)
        per = "10 min" if report.bucket == TEN_MIN else "hour"
        rates = report.rates.get(console, [])
        shape = "%H:%M" if report.bucket == TEN_MIN else "%d.%m %Hh"
        labels = [f"{(report.start + i * report.bucket).astimezone():{shape}}"
                  for i in range(len(rates))]
        if report.bucket == TEN_MIN:
            refs = [Reference(1, "target 1"), Reference(FLOOD_ABOVE, f"flood > {FLOOD_ABOVE}")]
            limit = float(FLOOD_ABOVE)
        else:
            refs = [Reference(15, "peak target 15/h")]
            limit = 15.0
        self.rate_bars.title = f"Alarms per {per}"
        self.rate_bars.set_bars(labels, rates, limit=limit, references=refs,
                                note="no annunciated alarms in the period")
        if kpis is None:
            self.summary_label.setText(f"Console {console}: no annunciated alarm and no stale "
                                       "alarm in the period.")
            self.table.setRowCount(0)
            self.priority_bars.set_bars([], [], note="no alarms")
            self.actor_bars.set_bars([], [], note="no alarms")
            return
        self._show_summary(kpis)
        self._show_table(kpis)
        total = sum(kpis.by_priority.values()) or 1
        self.priority_bars.set_bars(
            [f"P{p}" for p in sorted(kpis.by_priority)],
            [round(100 * kpis.by_priority[p] / total) for p in sorted(kpis.by_priority)],
            note="no alarms")
        self.actor_bars.set_bars([a.alarm_id for a in kpis.bad_actors],
                                 [a.activations for a in kpis.bad_actors], note="no alarms")

    def _show_summary(self, k: ConsoleKpis) -> None:
        floods = (f"{len(k.floods)} flood{'s' if len(k.floods) != 1 else ''}, longest "
                  f"{max(f.duration_s for f in k.floods) / 60:.0f} min" if k.floods
                  else "no flood")
        basis = "" if k.enough_data else (" Less than 30 days of data: the rates are "
                                          "indicative only.")
        chatter = ", ".join(c.alarm_id for c in k.chattering) or "none"
        stale = ", ".join(s.alarm_id for s in k.stale) or "none"
        self.summary_label.setText(
            f"Console {k.console}: {k.activations} alarm{'s' if k.activations != 1 else ''}, "
            f"{floods}. Chattering: {chatter}. "
            f"Stale: {stale}.{basis}")

    def _show_table(self, k: ConsoleKpis) -> None:
        measures, met = k.measures(), k.verdicts()
        names = [n for n in MEASURE_NAMES if n in measures]
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            target, side = TARGETS[name]
            value = measures[name]
            share = name.endswith("_share") or name == "flood_fraction"
            shown = f"{value * 100:.0f} %" if share else f"{value:.3g}"
            goal = f"{target * 100:.0f} %" if share else f"{target:g}"
            verdict = "" if name not in met else ("✓ met" if met[name] else "✗ NOT MET")
            cells = (MEASURE_NAMES[name], f"{shown}  {verdict}".strip(),
                     f"{'≤' if side == 'max' else '≥'} {goal}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if name in met and not met[name]:
                    font = item.font()
                    font.setBold(True)  # shape of the text, not colour (ISA-101)
                    item.setFont(font)
                self.table.setItem(row, column, item)

    def verdict_of(self, measure: str) -> str:
        """The Value cell of a measure as shown (tests read what the operator reads)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == MEASURE_NAMES[measure]:
                value = self.table.item(row, 1)
                return "" if value is None else value.text()
        raise KeyError(measure)
