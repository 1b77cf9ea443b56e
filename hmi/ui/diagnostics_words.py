"""The connection diagnostics screen's words: its column titles, the link states, a tag's
problem line and the PLC clock's skew, said in the language installed.

Functions, not the screen's methods: the misbehaving-PLC tests and the screen both say a
problem the same way. The context stays "DiagnosticsScreen" (the catalogues hold them there).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hmi.core.tags import Quality, TagValue
from hmi.plc.supervisor import ConnectionHealth

# English (the source text), said through translate(): lupdate reads the NOOP marks.
COLUMNS = (str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Connection")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Endpoint")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "State")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Keep-alive")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Read p50 / p99 / max")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Echo p50 / p99 / max")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Reconnects")),
           str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "Values/s")))
# The supervisor's link states (its words are the log's and the CLI's).
STATES = frozenset((str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "connecting")),
                    str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "connected")),
                    str(QT_TRANSLATE_NOOP("DiagnosticsScreen", "lost"))))


def _said(source: str) -> str:
    return QCoreApplication.translate("DiagnosticsScreen", source)


def columns() -> list[str]:
    return [_said(title) for title in COLUMNS]


def state_text(state: str) -> str:
    said = _said(state) if state in STATES else state
    return f"✗ {said}" if state == "lost" else said


def problem_lines(values: list[TagValue]) -> list[str]:
    """One line per value that is not GOOD, by tag: "a.x BAD: PLC sent String, ...". The
    driver's status names the tag already for some causes: it is not said twice."""
    lines = []
    for value in sorted(values, key=lambda v: v.tag_id):
        if value.quality is Quality.GOOD:
            continue
        why = value.status.removeprefix(f"{value.tag_id}: ") or QCoreApplication.translate(
            "DiagnosticsScreen", "no status from the PLC")
        lines.append(f"{value.tag_id} {value.quality.value}: {why}")
    return lines


def clock_text(health: ConnectionHealth | None) -> str:
    skew_s = health.clock_skew_s if health is not None else None
    if skew_s is None:
        return ""
    if skew_s > 0:
        said = QCoreApplication.translate(
            "DiagnosticsScreen", "PLC clock {0} s ahead of this HMI's: its time stamps are "
            "corrected and its values shown uncertain")
    else:
        said = QCoreApplication.translate(
            "DiagnosticsScreen", "PLC clock {0} s behind this HMI's: its time stamps are "
            "corrected and its values shown uncertain")
    return said.format(f"{abs(skew_s):.0f}")
