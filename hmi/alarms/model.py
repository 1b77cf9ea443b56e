"""The alarm vocabulary: ISA-18.2 states, the legal transitions, and what listeners get.

States (DOMAIN.md 3.1): NORMAL, UNACK (active, not acknowledged), ACKED, RTN_UNACK (back to
normal before anyone acknowledged) and LATCHED (a latched alarm back to normal, acknowledged,
waiting for a reset). Shelved, suppressed-by-design and out-of-service are not states of
their own but flags over them: a shelved alarm is still evaluated and journaled, only not
annunciated; a suppressed or out-of-service one never starts an activation the operator
would have to answer.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from hmi.core.tags import Scalar


class AlarmState(enum.StrEnum):
    NORMAL = "NORMAL"
    UNACK = "UNACK"
    ACKED = "ACKED"
    RTN_UNACK = "RTN_UNACK"
    LATCHED = "LATCHED"

    @property
    def annunciated(self) -> bool:
        return self is not AlarmState.NORMAL


class ShelveKind(enum.StrEnum):
    TIMED = "timed"  # until a time (at most the alarm's max_shelve_s)
    ONE_SHOT = "one_shot"  # until the alarm next returns to normal (or its max, if sooner)


class Event(enum.StrEnum):
    """What a journal row records."""

    ACTIVATE = "activate"
    RETURN = "return"  # the condition cleared (RTN)
    ACK = "ack"
    RESET = "reset"  # a latched alarm released
    SHELVE = "shelve"
    UNSHELVE = "unshelve"  # by an operator, or expiry / one-shot end (username "")
    SUPPRESS = "suppress"  # suppressed by design begins (station state, first-out)
    UNSUPPRESS = "unsuppress"
    OUT_OF_SERVICE = "out_of_service"
    RETURN_TO_SERVICE = "return_to_service"


S = AlarmState
_SAME = frozenset((s, s) for s in S)
# Every (before, after) an event may make while the alarm is shown; anything else is a bug
# the engine refuses. A latched alarm that clears before its ack stays UNACK.
TRANSITIONS: dict[Event, frozenset[tuple[AlarmState, AlarmState]]] = {
    Event.ACTIVATE: frozenset({(S.NORMAL, S.UNACK), (S.RTN_UNACK, S.UNACK),
                               (S.LATCHED, S.UNACK), (S.UNACK, S.UNACK)}),
    # A condition that clears where nothing is annunciated for it changes no state.
    Event.RETURN: frozenset({(S.UNACK, S.RTN_UNACK), (S.UNACK, S.UNACK), (S.ACKED, S.NORMAL),
                             (S.ACKED, S.LATCHED), (S.NORMAL, S.NORMAL),
                             (S.RTN_UNACK, S.RTN_UNACK), (S.LATCHED, S.LATCHED)}),
    Event.ACK: frozenset({(S.UNACK, S.ACKED), (S.UNACK, S.LATCHED), (S.RTN_UNACK, S.NORMAL)}),
    Event.RESET: frozenset({(S.LATCHED, S.NORMAL)}),
    Event.OUT_OF_SERVICE: frozenset((s, S.NORMAL) for s in S),
    # Flag changes leave the state as it is.
    Event.SHELVE: _SAME,
    Event.UNSHELVE: _SAME,
    Event.SUPPRESS: _SAME,
    Event.UNSUPPRESS: _SAME,
    Event.RETURN_TO_SERVICE: _SAME,
}
# While hidden (suppressed by design or out of service) nobody is shown the alarm, so
# nobody can be asked to answer it: an activation changes nothing, a return ends it.
HIDDEN_TRANSITIONS: dict[Event, frozenset[tuple[AlarmState, AlarmState]]] = {
    **TRANSITIONS,
    Event.ACTIVATE: _SAME,
    Event.RETURN: frozenset((s, S.NORMAL) for s in S),
}


def legal(event: Event, before: AlarmState, after: AlarmState, hidden: bool = False) -> bool:
    table = HIDDEN_TRANSITIONS if hidden else TRANSITIONS
    return (before, after) in table[event]


@dataclass(frozen=True, slots=True)
class Shelving:
    kind: ShelveKind
    until: datetime  # a one-shot shelve ends here too at the latest
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class OutOfService:
    by: str
    reason: str
    since: datetime


@dataclass(frozen=True, slots=True)
class AlarmView:
    """One alarm as a display shows it (frozen: crosses threads freely)."""

    id: str
    kind: str
    description: str
    priority: int  # 1 most urgent .. 4
    state: AlarmState
    active: bool  # the process condition now (after delays and deadband)
    station: str
    tag: str | None
    console: str
    value: Scalar  # the value that last moved the alarm
    since: datetime | None  # when the current activation began (None: NORMAL)
    changed_at: datetime | None  # the last state change
    first_out: bool
    latched: bool
    shelving: Shelving | None
    suppressed: bool
    out_of_service: OutOfService | None
    procedure: str | None
    cause: str
    consequence: str
    action: str
    respond_within_s: float

    @property
    def annunciated(self) -> bool:
        """Shown to the operator: not NORMAL and neither shelved, suppressed nor OOS."""
        return (self.state.annunciated and self.shelving is None and not self.suppressed
                and self.out_of_service is None)

    @property
    def unacked(self) -> bool:
        return self.state in (AlarmState.UNACK, AlarmState.RTN_UNACK)


@dataclass(frozen=True, slots=True)
class AlarmSummary:
    """What listeners get after every change: the alarm list and the banner's numbers.

    `active` holds the annunciated alarms, most urgent priority first and, within one
    priority, the newest activation first. `unacked_by_priority` counts them per priority
    (1-4, zeros included). `shelved`, `suppressed` and `out_of_service` feed the
    "shelved / suppressed / out of service" summary display (DOMAIN.md 3.1 rule 2).
    """

    at: datetime
    active: tuple[AlarmView, ...]
    unacked_by_priority: dict[int, int]
    shelved: tuple[AlarmView, ...] = ()
    suppressed: tuple[AlarmView, ...] = ()
    out_of_service: tuple[AlarmView, ...] = ()
    first_out: dict[str, str] = field(default_factory=dict)  # trip group -> alarm id

    @property
    def unacked(self) -> int:
        return sum(self.unacked_by_priority.values())

    def worst_unacked(self) -> AlarmView | None:
        """The banner's alarm: the most urgent unacknowledged one (newest first)."""
        return next((a for a in self.active if a.unacked), None)
