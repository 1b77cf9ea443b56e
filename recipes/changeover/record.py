"""A changeover as recorded: frozen dataclasses the journal returns (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from recipes.changeover.states import ChangeoverState, ParamPhase
from recipes.model import ParamValue
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, joined, user_text


@dataclass(frozen=True, slots=True)
class ParamRecord:
    tag: str
    target: ParamValue
    snapshot: ParamValue | None
    phase: ParamPhase
    read_back: ParamValue | None
    message: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    at: datetime
    state: ChangeoverState
    message: str


@dataclass(frozen=True, slots=True)
class CheckRecord:
    item_id: str
    kind: str
    text: str
    status: str  # open, passed, failed
    by: str | None
    note: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class SignatureRecord:
    meaning: str
    role: str
    signature_id: int
    username: str
    printed_name: str
    signed_at: datetime
    record_hash: str


@dataclass(frozen=True, slots=True)
class VarianceRecord:
    """One logged change of a released recipe parameter at the PLC: `found` differs from
    `downloaded` beyond the parameter's verify tolerance, or (a return) matches it again.
    `by`: the user whose audited write made it, or who the logger could not tell."""

    changeover_id: str
    tag: str
    downloaded: ParamValue
    found: ParamValue | None
    at: datetime
    by: str | None


@dataclass(frozen=True, slots=True)
class ChangeoverRecord:
    id: str
    recipe_id: str
    version: int
    recipe_hash: str
    lot_id: str
    trial: bool
    state: ChangeoverState
    control_hash: str | None
    started_by: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    failure: str
    owner: str
    parameters: tuple[ParamRecord, ...]
    events: tuple[EventRecord, ...]
    checks: tuple[CheckRecord, ...]
    signatures: tuple[SignatureRecord, ...]

    @property
    def targets(self) -> dict[str, ParamValue]:
        return {p.tag: p.target for p in self.parameters}

    def plc_holds(self) -> str:
        """One line saying what the PLC holds, for a record that stopped part-way."""
        return str(self.plc_holds_said())

    def plc_holds_said(self) -> UserText | str:
        """plc_holds() as a UserText, for the panel to say in the operator's language."""
        phases: dict[ParamPhase, int] = {}
        for p in self.parameters:
            phases[p.phase] = phases.get(p.phase, 0) + 1
        total = len(self.parameters)
        applied = sum(phases.get(k, 0) for k in (ParamPhase.WRITTEN, ParamPhase.VERIFIED,
                                                 ParamPhase.MISMATCH))
        staged = phases.get(ParamPhase.STAGED, 0)
        unknown = phases.get(ParamPhase.SENDING, 0)
        restored = phases.get(ParamPhase.RESTORED, 0)
        parts: list[UserText | str] = [user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{applied} of {total} parameters applied at the PLC"),
            applied=applied, total=total)]
        if staged:
            parts.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{count} sent to the recipe mailbox, not committed (the PLC "
                "still runs on their snapshot values)"), count=staged))
        if unknown:
            parts.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{count} with a write in flight (outcome unknown: read "
                "them)"), count=unknown))
        if restored:
            parts.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{count} restored to the snapshot"), count=restored))
        pending = total - applied - staged - unknown - restored
        if pending > 0:
            parts.append(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{count} never sent (at their snapshot values)"),
                count=pending))
        return joined(parts)
