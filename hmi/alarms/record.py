"""One alarm's live record inside the engine (mutable, engine-private) and its views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hmi.alarms.conditions import ConditionState
from hmi.alarms.journal import JournalRow
from hmi.alarms.model import AlarmState, AlarmView, Event, OutOfService, Shelving
from hmi.config.alarms import AlarmDef
from hmi.core.tags import Scalar


@dataclass
class AlarmRecord:
    definition: AlarmDef
    index: int  # position in the config: the tie-break for first-out within one scan
    judge: ConditionState
    station: str
    state: AlarmState = AlarmState.NORMAL
    raw: bool | None = None  # the condition before the delays (None: not known yet)
    raw_since: datetime | None = None
    active: bool = False  # the condition after on-delay / off-delay
    value: Scalar = None
    since: datetime | None = None
    changed_at: datetime | None = None
    first_out: bool = False
    shelving: Shelving | None = None
    suppressed: bool = False
    out_of_service: OutOfService | None = None

    @property
    def id(self) -> str:
        return self.definition.id

    @property
    def hidden(self) -> bool:
        return self.suppressed or self.out_of_service is not None

    @property
    def annunciated(self) -> bool:
        return self.state.annunciated and not self.hidden and self.shelving is None

    def restore(self, row: JournalRow) -> None:
        """Take the state the journal last recorded (an engine restart)."""
        self.state = row.after
        self.active = row.active
        self.raw = row.active
        self.raw_since = row.at
        self.value = row.value
        self.since = row.since
        self.changed_at = row.at
        self.first_out = row.first_out
        self.shelving = row.shelving
        self.suppressed = row.suppressed
        self.out_of_service = row.out_of_service

    def row(self, at: datetime, event: Event, before: AlarmState, username: str = "",
            reason: str = "") -> JournalRow:
        d = self.definition
        return JournalRow(
            at=at, alarm_id=d.id, console=d.console, priority=d.priority, event=event,
            before=before, after=self.state, active=self.active,
            annunciated=self.annunciated, suppressed=self.suppressed,
            first_out=self.first_out, value=self.value, since=self.since,
            shelving=self.shelving, out_of_service=self.out_of_service,
            username=username, reason=reason,
        )

    def view(self) -> AlarmView:
        d = self.definition
        return AlarmView(
            id=d.id, kind=d.kind, description=d.description, priority=d.priority,
            state=self.state, active=self.active, station=self.station, tag=d.tag,
            console=d.console, value=self.value, since=self.since, changed_at=self.changed_at,
            first_out=self.first_out, latched=d.latched, shelving=self.shelving,
            suppressed=self.suppressed, out_of_service=self.out_of_service,
            procedure=d.procedure, cause=d.cause, consequence=d.consequence, action=d.action,
            respond_within_s=d.respond_within_s,
        )

    def copy(self) -> AlarmRecord:
        """A copy to roll back to when an operator action cannot be stored."""
        return AlarmRecord(**{name: getattr(self, name) for name in self.__dataclass_fields__})

    def take(self, other: AlarmRecord) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(other, name))
