"""A changeover's state and a parameter's phase in the operator's words.

The engine (recipes.changeover, which may import neither Qt nor hmi) records them as ids
("rolled_back"); the screens show them through here. English shows the id as it always
did; the catalogues carry each word under the contexts ChangeoverState / ParamPhase.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hmi.core.user_text import QT_TRANSLATE_NOOP
from recipes.changeover import ChangeoverState, ParamPhase

St = ChangeoverState
STATE_WORDS = {
    St.CREATED: QT_TRANSLATE_NOOP("ChangeoverState", "created"),
    St.PRECHECKED: QT_TRANSLATE_NOOP("ChangeoverState", "prechecked"),
    St.SNAPSHOT: QT_TRANSLATE_NOOP("ChangeoverState", "snapshot"),
    St.DOWNLOADING: QT_TRANSLATE_NOOP("ChangeoverState", "downloading"),
    St.DOWNLOADED: QT_TRANSLATE_NOOP("ChangeoverState", "downloaded"),
    St.VERIFIED: QT_TRANSLATE_NOOP("ChangeoverState", "verified"),
    St.CHECKED: QT_TRANSLATE_NOOP("ChangeoverState", "checked"),
    St.SIGNED: QT_TRANSLATE_NOOP("ChangeoverState", "signed"),
    St.RELEASED: QT_TRANSLATE_NOOP("ChangeoverState", "released"),
    St.REFUSED: QT_TRANSLATE_NOOP("ChangeoverState", "refused"),
    St.ROLLING_BACK: QT_TRANSLATE_NOOP("ChangeoverState", "rolling_back"),
    St.ROLLED_BACK: QT_TRANSLATE_NOOP("ChangeoverState", "rolled_back"),
    St.ROLLBACK_FAILED: QT_TRANSLATE_NOOP("ChangeoverState", "rollback_failed"),
}
PHASE_WORDS = {
    ParamPhase.PENDING: QT_TRANSLATE_NOOP("ParamPhase", "pending"),
    ParamPhase.SENDING: QT_TRANSLATE_NOOP("ParamPhase", "sending"),
    ParamPhase.STAGED: QT_TRANSLATE_NOOP("ParamPhase", "staged"),
    ParamPhase.WRITTEN: QT_TRANSLATE_NOOP("ParamPhase", "written"),
    ParamPhase.REFUSED: QT_TRANSLATE_NOOP("ParamPhase", "refused"),
    ParamPhase.VERIFIED: QT_TRANSLATE_NOOP("ParamPhase", "verified"),
    ParamPhase.MISMATCH: QT_TRANSLATE_NOOP("ParamPhase", "mismatch"),
    ParamPhase.RESTORED: QT_TRANSLATE_NOOP("ParamPhase", "restored"),
    ParamPhase.NOT_RESTORED: QT_TRANSLATE_NOOP("ParamPhase", "not_restored"),
}
# A checklist item's status as the journal records it.
CHECK_WORDS = {
    "open": QT_TRANSLATE_NOOP("ChecklistStatus", "open"),
    "passed": QT_TRANSLATE_NOOP("ChecklistStatus", "passed"),
    "failed": QT_TRANSLATE_NOOP("ChecklistStatus", "failed"),
}


def state_word(state: ChangeoverState) -> str:
    return QCoreApplication.translate("ChangeoverState", STATE_WORDS[state])


def phase_word(phase: ParamPhase) -> str:
    return QCoreApplication.translate("ParamPhase", PHASE_WORDS[phase])


def check_word(status: str) -> str:
    """An unknown status (a newer engine's) as it is."""
    source = CHECK_WORDS.get(status)
    return status if source is None else QCoreApplication.translate("ChecklistStatus", source)
