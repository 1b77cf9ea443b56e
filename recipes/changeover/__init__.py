"""The changeover engine: a verified, signed transaction with rollback (DOMAIN.md 2.2)."""

from recipes.changeover.engine import ChangeoverEngine, ChangeoverOptions
from recipes.changeover.journal import ChangeoverJournal
from recipes.changeover.prechecks import DewPointRule, LineStatus
from recipes.changeover.record import ChangeoverRecord, ParamRecord, VarianceRecord
from recipes.changeover.states import ChangeoverState, ParamPhase

__all__ = [
    "ChangeoverEngine", "ChangeoverJournal", "ChangeoverOptions", "ChangeoverRecord",
    "ChangeoverState", "DewPointRule", "LineStatus", "ParamPhase", "ParamRecord",
    "VarianceRecord",
]
