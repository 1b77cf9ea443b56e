"""One page of the restore wizard: a procedure step as the technician needs it.

The operator text large; the kind and the roles allowed; then every condition the step
judges with what the live value is now (✓ holds / ✗ not yet, in words as well as glyphs);
for an action its writes and the effect awaited; for a ramp its target and rate; for a
wait-stable the band and the time. The engine's progress line (held 12 of 30 s, ramp at
40 of 62) is shown while the step runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hmi.core.tags import TagValue
from hmi.restore import Condition, Step, StepKind
from hmi.ui.presenters import packml_command
from widgets.quality import DisplayQuality, quality_word
from widgets.retranslating import Retranslating


def kind_text(kind: StepKind) -> str:
    """A step's kind in the language now installed."""
    texts = {
        StepKind.CHECK: QCoreApplication.translate("RestoreStepPage", "Check"),
        StepKind.ACTION: QCoreApplication.translate("RestoreStepPage", "Action (verified write)"),
        StepKind.CONFIRM: QCoreApplication.translate("RestoreStepPage", "Confirm (a person)"),
        StepKind.RAMP: QCoreApplication.translate("RestoreStepPage", "Ramp"),
        StepKind.WAIT_STABLE: QCoreApplication.translate("RestoreStepPage", "Wait until stable"),
    }
    return texts[kind]


class RestoreStepPage(Retranslating, QWidget):
    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.text_label = QLabel(step.text)
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("font-weight: bold; font-size: 115%;")
        box.addWidget(self.text_label)
        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self._latest: Mapping[str, TagValue] = {}
        box.addWidget(self.kind_label)
        self.live_label = QLabel()
        self.live_label.setWordWrap(True)
        self.live_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.live_label)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setStyleSheet("font-weight: bold;")
        box.addWidget(self.progress_label)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """The step's text is the procedure file's; the words around it are the page's."""
        step = self.step
        kind = kind_text(step.kind)
        if step.kind is StepKind.CONFIRM and step.signature:
            kind = self.tr("{0}, e-signature: {1}").format(kind, step.signature)
        self.kind_label.setText(
            self.tr("{0} · may be done by {1}").format(kind, ", ".join(step.roles)))
        self.show_live(self._latest)

    def tags(self) -> set[str]:
        return self.step.tags()

    def show_live(self, latest: Mapping[str, TagValue]) -> None:
        """Every condition and value of the step against the latest live values."""
        self._latest = latest
        live: dict[str, TagValue | None] = {t: latest.get(t) for t in self.step.tags()}
        self.live_label.setText("\n".join(self._lines(live)))

    def show_progress(self, text: str) -> None:
        self.progress_label.setText(text)

    def live_text(self) -> str:
        return self.live_label.text()

    def _lines(self, live: dict[str, TagValue | None]) -> list[str]:
        s = self.step
        lines: list[str] = []
        if s.kind is StepKind.CHECK:
            if s.hold_s:
                lines.append(self.tr("Must hold for {0} s:").format(f"{s.hold_s:g}"))
            else:
                lines.append(self.tr("Must hold:"))
            lines += [_judged(c, live) for c in s.conditions]
        if s.requires:
            lines.append(self.tr("Needs first:"))
            lines += [_judged(c, live) for c in s.requires]
        for write in s.writes:
            what = (self.tr("the value of {0}").format(write.copy_of) if write.copy_of
                    else _fmt(write.value))
            lines.append(self.tr("Writes {0} := {1} (now {2})").format(
                write.tag, what, _now(live, write.tag)))
        if s.command is not None:
            lines.append(self.tr("PackML command {0} to {1} (state now {2})").format(
                packml_command(s.command), s.station, _now(live, f"{s.station}.state")))
        if s.until:
            lines.append(self.tr("Then waits for:"))
            lines += [_judged(c, live) for c in s.until]
        if s.kind is StepKind.RAMP and s.tag:
            lines.append(self.tr("Ramps {0} to {1} at {2}/s (now {3}); watches {4} (now {5})")
                         .format(s.tag, s.to, f"{s.rate_per_s:g}", _now(live, s.tag), s.pv,
                                 _now(live, s.pv)))
        if s.kind is StepKind.WAIT_STABLE and s.pv:
            around = s.of or (_fmt(s.value) if s.value is not None
                              else self.tr("its own level"))
            now = _now(live, s.pv) + (f", {s.of} {_now(live, s.of)}" if s.of else "")
            lines.append(self.tr("{0} within ±{1} of {2} for {3} s (now {4})").format(
                s.pv, f"{s.band:g}", around, f"{s.for_s:g}", now))
        if s.kind is StepKind.CONFIRM:
            lines.append(self.tr("Write what was done in the note below, then Do step."))
        return lines


def _judged(condition: Condition, live: dict[str, TagValue | None]) -> str:
    ok, text = condition.judge(live)  # the condition's text: the procedure's own words
    if ok:
        return f"  ✓ {text}"
    return "  ✗ " + QCoreApplication.translate("RestoreStepPage", "{0} (not yet)").format(text)


def _now(live: dict[str, TagValue | None], tag: str | None) -> str:
    value = live.get(tag) if tag else None
    if value is None:
        return QCoreApplication.translate("RestoreStepPage", "no value yet")
    if not value.quality.is_live:
        return QCoreApplication.translate("RestoreStepPage", "not live ({0})").format(
            quality_word(DisplayQuality(value.quality.value)))
    return _fmt(value.value)


def _fmt(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
