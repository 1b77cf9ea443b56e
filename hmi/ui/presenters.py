"""From the app's tag model to what widgets take: quality, timestamps, text, alarms.

The widgets library knows nothing of TagValue or TagConfig; these small functions are the
only translation, so every screen shows a value the same way.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from hmi.config.schema import TagConfig
from hmi.core.packml import PackMLCommand, PackMLState
from hmi.core.tags import Quality, Scalar, TagValue
from widgets.quality import DisplayQuality
from widgets.theme import AlarmPriority


def display_quality(quality: Quality) -> DisplayQuality:
    return DisplayQuality(quality.value)


def epoch_s(value: TagValue) -> float:
    return value.source_ts.timestamp()


def decimals_for(tag: TagConfig) -> int:
    """Enough digits to see a change of a thousandth of the engineering range."""
    if tag.data_type in ("int", "enum", "bool", "string"):
        return 0
    if tag.range is None:
        return 2
    span = tag.range[1] - tag.range[0]
    digits = 3 - math.floor(math.log10(span)) if span > 0 else 2
    return max(0, min(4, digits))


def value_text(tag: TagConfig, value: Scalar, enums: dict[str, dict[int, str]]) -> str:
    """An enum as its label, a bool as a word, a number with the tag's precision."""
    if value is None:
        return "—"
    if tag.data_type == "enum" and tag.enum and isinstance(value, int | float):
        if tag.enum == "packml_state" and int(value) in PackMLState._value2member_map_:
            return packml_state(PackMLState(int(value)))
        if tag.enum == "packml_command" and int(value) in PackMLCommand._value2member_map_:
            return packml_command(PackMLCommand(int(value)))
        return enums.get(tag.enum, {}).get(int(value), f"? {value}")
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("presenters", "ON")
        return QCoreApplication.translate("presenters", "OFF")
    if isinstance(value, float):
        return f"{value:.{decimals_for(tag)}f}"
    return str(value)


def alarm_state(tag: TagConfig, value: Scalar) -> tuple[AlarmPriority | None, str]:
    """Limit annunciation from the config's alarm limits. HH/LL raise the priority one step.
    (The ISA-18.2 engine with delays, deadbands and acknowledgement is a separate service.)"""
    limits = tag.alarm
    if limits is None or not isinstance(value, int | float) or isinstance(value, bool):
        return None, ""
    number = float(value)
    unit = f" {tag.unit}" if tag.unit else ""
    base = limits.priority
    checks = (
        (limits.hh, number >= (limits.hh or 0), "HH", max(1, base - 1)),
        (limits.ll, number <= (limits.ll or 0), "LL", max(1, base - 1)),
        (limits.h, number >= (limits.h or 0), "H", base),
        (limits.l, number <= (limits.l or 0), "L", base),
    )
    for limit, tripped, name, priority in checks:
        if limit is not None and tripped:
            return AlarmPriority(priority), f"{name} {limit:g}{unit}"
    return None, ""


def normal_band(tag: TagConfig) -> tuple[float | None, float | None]:
    return (tag.alarm.l, tag.alarm.h) if tag.alarm else (None, None)


def trip_limits(tag: TagConfig) -> tuple[float | None, float | None]:
    return (tag.alarm.ll, tag.alarm.hh) if tag.alarm else (None, None)


def reason_text(tag: TagConfig | None, value: TagValue | None,
                enums: dict[str, dict[int, str]]) -> str:
    """A stop reason as words when the config names them ("web break"), else its code."""
    if tag is None or value is None or not value.value or not value.quality.is_live:
        return ""
    code = value.value
    if tag.enum is not None and isinstance(code, int):
        named = enums.get(tag.enum, {}).get(code)
        if named is not None:
            return named
    return QCoreApplication.translate("presenters", "reason {0}").format(code)


def packml_state(state: PackMLState) -> str:
    """A PackML state as the operator reads it, in the language now installed."""
    names = {
        PackMLState.STOPPED: QCoreApplication.translate("PackML", "Stopped"),
        PackMLState.RESETTING: QCoreApplication.translate("PackML", "Resetting"),
        PackMLState.IDLE: QCoreApplication.translate("PackML", "Idle"),
        PackMLState.STARTING: QCoreApplication.translate("PackML", "Starting"),
        PackMLState.EXECUTE: QCoreApplication.translate("PackML", "Execute"),
        PackMLState.COMPLETING: QCoreApplication.translate("PackML", "Completing"),
        PackMLState.COMPLETE: QCoreApplication.translate("PackML", "Complete", "state"),
        PackMLState.ABORTING: QCoreApplication.translate("PackML", "Aborting"),
        PackMLState.ABORTED: QCoreApplication.translate("PackML", "Aborted"),
        PackMLState.STOPPING: QCoreApplication.translate("PackML", "Stopping"),
        PackMLState.CLEARING: QCoreApplication.translate("PackML", "Clearing"),
        PackMLState.SUSPENDING: QCoreApplication.translate("PackML", "Suspending"),
        PackMLState.SUSPENDED: QCoreApplication.translate("PackML", "Suspended"),
        PackMLState.UNSUSPENDING: QCoreApplication.translate("PackML", "Unsuspending"),
        PackMLState.HOLDING: QCoreApplication.translate("PackML", "Holding"),
        PackMLState.HELD: QCoreApplication.translate("PackML", "Held"),
        PackMLState.UNHOLDING: QCoreApplication.translate("PackML", "Unholding"),
    }
    return names[state]


def packml_command(command: PackMLCommand) -> str:
    """A PackML command as its button says it, in the language now installed."""
    names = {
        PackMLCommand.NONE: QCoreApplication.translate("PackML", "None"),
        PackMLCommand.RESET: QCoreApplication.translate("PackML", "Reset"),
        PackMLCommand.START: QCoreApplication.translate("PackML", "Start"),
        PackMLCommand.STOP: QCoreApplication.translate("PackML", "Stop"),
        PackMLCommand.HOLD: QCoreApplication.translate("PackML", "Hold"),
        PackMLCommand.UNHOLD: QCoreApplication.translate("PackML", "Unhold"),
        PackMLCommand.SUSPEND: QCoreApplication.translate("PackML", "Suspend"),
        PackMLCommand.UNSUSPEND: QCoreApplication.translate("PackML", "Unsuspend"),
        PackMLCommand.ABORT: QCoreApplication.translate("PackML", "Abort"),
        PackMLCommand.CLEAR: QCoreApplication.translate("PackML", "Clear"),
        PackMLCommand.COMPLETE: QCoreApplication.translate("PackML", "Complete", "command"),
    }
    return names[command]
