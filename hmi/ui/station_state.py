"""A station's PackML state as the operator reads it: words, lamp shape, alarm priority.

Shared by the overview's tiles, the station grid of a plant-sized line and the station
screens, so a state reads the same on each.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hmi.core.packml import PackMLState
from hmi.core.tags import TagValue
from hmi.ui import presenters
from widgets.quality import quality_word
from widgets.status_lamp import LampState
from widgets.theme import AlarmPriority

ACTING_STATES = {
    PackMLState.RESETTING,
    PackMLState.STARTING,
    PackMLState.COMPLETING,
    PackMLState.ABORTING,
    PackMLState.STOPPING,
    PackMLState.CLEARING,
    PackMLState.SUSPENDING,
    PackMLState.UNSUSPENDING,
    PackMLState.HOLDING,
    PackMLState.UNHOLDING,
}


def state_look(
    state: TagValue | None, tripped: bool, reason: str = ""
) -> tuple[LampState, str, AlarmPriority | None]:
    """PackML state as text and shape; colour only when abnormal (Aborted, a trip, lost):
    (lamp state, text, alarm priority or None)."""
    if state is None or not state.quality.is_live or not isinstance(state.value, int):
        if state is None:
            text = QCoreApplication.translate("StationTile", "State unknown")
        else:
            text = QCoreApplication.translate("StationTile", "State {0}").format(
                quality_word(presenters.display_quality(state.quality)))
        return LampState.OFF, text, None
    name = (
        presenters.packml_state(PackMLState(state.value))
        if state.value in PackMLState._value2member_map_
        else QCoreApplication.translate("StationTile", "State {0}").format(state.value)
    )
    text = f"{name} · {reason}" if reason else name
    if tripped or state.value == PackMLState.ABORTED:
        trip = QCoreApplication.translate("StationTile", "TRIP")
        return LampState.ALARM, f"{text} · {trip}" if tripped else text, AlarmPriority.P1
    if state.value in (PackMLState.HELD, PackMLState.SUSPENDED):
        return LampState.ALARM, text, AlarmPriority.P3
    if state.value == PackMLState.EXECUTE:
        return LampState.NORMAL, text, None
    if state.value in ACTING_STATES:
        return LampState.TRANSITION, text, None
    return LampState.OFF, text, None
