"""The SPC screen: pick a characteristic, see its control chart (limits, zones, every rule
violation marked and named), the violations in words, and Cp/Cpk/Pp/Ppk or why they are
not computed (DOMAIN.md 5.2: only in control and with enough subgroups).

The monitor keeps its points in memory (hmi.production.spc); `chart()` analyses them, so
it runs on the screen's worker, re-read every `refresh_ms` while the screen is shown.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.production.capability import CPK_HOLD
from hmi.production.spc import SpcMonitor
from hmi.production.spc_analysis import ChartView
from hmi.ui.user_text_qt import show
from hmi.ui.worker import WorkerScreen
from widgets.retranslating import Retranslating
from widgets.spc_chart import SpcChart
from widgets.theme import metrics

REFRESH_MS = 2000
VIOLATIONS_SHOWN = 50
CHART_NAMES = {"imr": "I-MR", "xbar_r": "X̄-R"}


# hmi.production.spc_rules' meanings and hmi.production.capability's verdicts, in English
# (the source text); said through translate() (lupdate reads the QT_TRANSLATE_NOOP marks).
RULE_MEANINGS = frozenset((
    str(QT_TRANSLATE_NOOP("SpcScreen", "1 point beyond 3 sigma")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "2 of 3 points beyond 2 sigma, same side")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "4 of 5 points beyond 1 sigma, same side")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "8 points in a row on one side of the center")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "9 points in a row on one side of the center")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "6 points in a row steadily increasing or decreasing")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "14 points in a row alternating up and down")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "15 points in a row within 1 sigma")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "8 points in a row outside 1 sigma, both sides")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "range beyond its upper control limit"))))
VERDICTS = frozenset((
    str(QT_TRANSLATE_NOOP("SpcScreen", "not computed")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "not capable")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "warning")),
    str(QT_TRANSLATE_NOOP("SpcScreen", "capable"))))
# Why an index was not computed, and where the limits came from, are said where they are
# made (hmi.production.capability / spc_analysis: Said lines with their templates): show().


def _said(source: str) -> str:
    return QCoreApplication.translate("SpcScreen", source)


def rule_text(description: str) -> str:
    """A run rule's meaning in the language now installed (one this screen does not know
    keeps its English words)."""
    return _said(description) if description in RULE_MEANINGS else description


def capability_text(view: ChartView) -> str:
    cap = view.capability
    if cap is None:
        return QCoreApplication.translate(
            "SpcScreen", "Capability: no control limits yet (fewer than 2 subgroups)")

    def fmt(x: float | None) -> str:
        return f"{x:.2f}" if x is not None else "–"

    verdict = _said(cap.verdict) if cap.verdict in VERDICTS else cap.verdict
    text = (f"Cp {fmt(cap.cp)}   Cpk {fmt(cap.cpk)}   Pp {fmt(cap.pp)}   Ppk {fmt(cap.ppk)}   "
            + QCoreApplication.translate("SpcScreen", "({0}; {1} subgroups)").format(
                verdict, cap.subgroups))
    if cap.cpk is not None and cap.cpk < CPK_HOLD and view.characteristic.critical:
        text += "\n" + QCoreApplication.translate(
            "SpcScreen", "Cpk below {0}: a critical characteristic: the lot is held").format(
                CPK_HOLD)
    if cap.refused:
        text += "\n" + QCoreApplication.translate("SpcScreen", "Not computed: {0}").format(
            "; ".join(show(r) for r in cap.refused))
    return text


def violation_lines(view: ChartView) -> list[str]:
    """Newest first: "WE1 at 08:12:04: 1 point beyond 3 sigma"."""
    lines = []
    for v in reversed(view.violations[-VIOLATIONS_SHOWN:]):
        at = view.points[v.index].at if 0 <= v.index < len(view.points) else None
        what = rule_text(v.description)
        if at is not None:
            lines.append(QCoreApplication.translate(
                "SpcScreen", "{0} at {1}: {2}", "rule at time: meaning").format(
                    v.rule, f"{at:%Y-%m-%d %H:%M:%S}", what))
        else:
            lines.append(f"{v.rule}: {what}")
    return lines


def baseline_notice(view: ChartView) -> str:
    """What an operator needs to know while the baseline is not complete: the limits drawn
    are a first estimate, how far the baseline is, when it ends, and that SPC alarms
    nothing until then (SpcMonitor judges only against final limits)."""
    char = view.characteristic
    done, needed = len(view.points), char.baseline_subgroups
    words = [QCoreApplication.translate(
        "SpcScreen", "Limits are provisional: {0} of {1} samples taken.").format(done, needed)
        if view.limits is not None else QCoreApplication.translate(
        "SpcScreen", "No control limits yet: {0} of {1} samples taken.").format(done, needed)]
    if char.sample_every_s > 0:
        minutes = math.ceil(max(needed - done, 0) * char.sample_every_s / 60.0)
        words.append(QCoreApplication.translate(
            "SpcScreen", "Final limits in about {0} min of production.").format(minutes))
    words.append(QCoreApplication.translate("SpcScreen", "Until then SPC raises no alarm."))
    return " ".join(words)


class SpcScreen(Retranslating, WorkerScreen):
    refreshed = Signal()

    def __init__(self, spc: SpcMonitor, parent: QWidget | None = None, *,
                 refresh_ms: int = REFRESH_MS) -> None:
        super().__init__("spc-screen", parent)
        self._spc = spc
        self.view: ChartView | None = None
        self._loading = False
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setMinimumHeight(metrics().button_px(self))
        for char in spc.characteristics:
            self.picker.addItem(char.id, char.id)  # worded in retranslate()
        self.picker.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.picker, 1)
        self.limits_label = QLabel()
        self.limits_label.setWordWrap(True)
        top.addWidget(self.limits_label, 2)
        box.addLayout(top)
        self.chart = SpcChart()
        box.addWidget(self.chart, 3)
        self.capability_label = QLabel()
        self.capability_label.setWordWrap(True)
        box.addWidget(self.capability_label)
        self.violations = QListWidget()
        box.addWidget(self.violations, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(refresh_ms)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        for index, char in enumerate(self._spc.characteristics):
            label = (self.tr("{0} at {1} (critical)", "characteristic at station")
                     if char.critical else
                     self.tr("{0} at {1}", "characteristic at station"))
            self.picker.setItemText(index, label.format(char.id, char.station))
        if not self._spc.characteristics:
            self.limits_label.setText(self.tr("No SPC characteristics in the line config: add "
                                              "[[production.characteristics]] tables"))
        if self.view is not None:
            self._show(self.view)

    def select(self, characteristic: str) -> None:
        index = self.picker.findData(characteristic)
        if index < 0:
            raise KeyError(characteristic)
        self.picker.setCurrentIndex(index)

    def refresh(self) -> None:
        char_id = self.picker.currentData()
        if char_id is None or self._loading:
            return
        self._loading = True
        self._run(lambda: self._spc.chart(str(char_id)), self._on_loaded)

    def _on_loaded(self, result: object) -> None:
        self._loading = False
        if self._refused(result):
            return
        assert isinstance(result, ChartView)
        if result.characteristic.id != self.picker.currentData():
            self.refresh()  # the operator picked another one meanwhile
            return
        self.view = result
        self._show(result)
        self.refreshed.emit()

    def _show(self, view: ChartView) -> None:
        char = view.characteristic
        lim = view.limits
        values = [p.value for p in view.points]
        if lim is None:
            self.limits_label.setText(baseline_notice(view))
            self.chart.set_chart(values, title=char.description or char.id, unit=char.unit,
                                 spec=(char.lsl, char.usl))
        else:
            self.limits_label.setText(
                f"{CHART_NAMES.get(char.chart, char.chart)}: CL {lim.center:.4g}, "
                f"UCL {lim.ucl:.4g}, LCL {lim.lcl:.4g} "
                + self.tr("(limits from {0}); points: {1}").format(show(view.baseline),
                                                                 len(values))
                + ("\n" + baseline_notice(view) if view.baseline.endswith("(provisional)")
                   else ""))
            self.chart.set_chart(values, lim.center, lim.ucl, lim.lcl,
                                 violations=[(v.index, v.rule) for v in view.violations],
                                 spec=(char.lsl, char.usl), title=char.description or char.id,
                                 unit=char.unit)
        self.capability_label.setText(capability_text(view))
        self.violations.clear()
        lines = violation_lines(view)
        self.violations.addItems(lines or [self.tr("No rule violations: the chart is in "
                                                   "control")])

    def close(self) -> bool:
        self._timer.stop()
        return super().close()
