"""What a restore run records: the fault it answers, each step done, the time to restore."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from hmi.core.tags import Scalar
from hmi.restore.procedure import Step


class RunState(enum.StrEnum):
    RUNNING = "running"
    VERIFIED = "verified"  # the last step done: the line runs again, verified
    ABANDONED = "abandoned"


class StepStatus(enum.StrEnum):
    READY = "ready"  # the current step waits for someone to do it
    REFUSED = "refused"  # the last attempt was refused; `message` says why
    SENT_BACK = "sent_back"  # an earlier condition stopped holding; back at that step


class StepOutcome(enum.StrEnum):
    DONE = "done"
    REFUSED = "refused"
    SENT_BACK = "sent_back"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class OpenLot:
    """A lot open in the area when the fault began, with its exposure budget (minutes at or
    above the limit it may take in all, DOMAIN.md 1.1 dry room) and what it used before."""

    lot_id: str
    budget_min: float
    used_min: float = 0.0


@dataclass(frozen=True, slots=True)
class FaultContext:
    """What whoever starts a run knows about the fault (the alarm engine, a person)."""

    kind: str  # fault kind, e.g. "web_break": what the report groups by
    station: str
    first_out: str = ""  # the first-out alarm / trip of the group
    detail: str = ""
    at: datetime | None = None  # when the fault began (None: when the run starts)
    open_lots: tuple[OpenLot, ...] = ()


@dataclass(frozen=True, slots=True)
class StepRecord:
    position: int
    step_id: str
    kind: str
    outcome: StepOutcome
    actor: str
    role: str
    started_at: datetime
    finished_at: datetime
    note: str
    values_before: dict[str, Scalar]
    values_after: dict[str, Scalar]
    message: str
    signature_id: int | None = None


@dataclass(frozen=True, slots=True)
class LotExposure:
    lot_id: str
    budget_min: float
    used_before_min: float
    minutes_above: float  # during this excursion
    held: bool
    hold_ref: str

    @property
    def total_min(self) -> float:
        return self.used_before_min + self.minutes_above


@dataclass(frozen=True, slots=True)
class RunView:
    """A run as the wizard shows it: where it stands and what happened so far."""

    id: str
    procedure_id: str
    title: str
    fault: FaultContext
    started_by: str
    started_at: datetime
    state: RunState
    step_index: int
    step: Step | None  # the current step (None once verified or abandoned)
    step_count: int
    status: StepStatus
    message: str  # why refused / sent back, or what the last step saw
    downtime_reason: str
    verified_at: datetime | None
    mttr_s: float | None  # fault to verified running
    baseline: dict[str, Scalar]
    steps: tuple[StepRecord, ...] = field(default=())
    exposures: tuple[LotExposure, ...] = field(default=())
