"""The `[[alarms]]` tables of a line config: ISA-18.2 alarm definitions (DOMAIN.md 3).

One table is one alarm (an HH and an H on the same tag are two alarms, as ISA-18.2 counts
them). Every alarm is rationalised: cause, consequence, action and time to respond.

```toml
[[alarms]]
id = "coater_tension_hh"
kind = "limit"                 # limit | deviation | rate | discrete | quality
tag = "coater.web_tension_n"
limit = "HH"                   # limit: HH, H, L or LL, and `value` the threshold
value = 120.0
deadband = 2.0                 # engineering units; the alarm clears this far inside
on_delay_s = 2
off_delay_s = 5
priority = 2                   # 1 (most urgent) .. 4
latched = false                # stays annunciated after it clears, until reset
trip_group = "coater_trip"     # first-out: the first of a group to activate is marked
consequence_of = "..."         # suppressed by design while that trip group has a first-out
suppress_unless = { station = "coater", states = ["Execute"] }
console = "electrode"          # operator console, for the KPIs
procedure = "coater_web_break" # the restore procedure offered with it (restore resolves it)
description = "Coater web tension very high"
cause = "..."
consequence = "..."
action = "..."
respond_within_s = 60
```
deviation: `setpoint` names the setpoint tag and `value` the band (`percent = true`: a % of
the setpoint). rate: `value` in units per second over `window_s`. discrete: active while the
tag equals `active_when` (default true). quality: `condition` comm_loss (COMM_LOST or STALE)
or sensor_failure (BAD) on a `tag`, or comm_loss on a whole `connection` (any of its tags).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from hmi.core.packml import PackMLState

if TYPE_CHECKING:
    from hmi.config.schema import LineConfig

ALARM_ID = r"^[a-z][a-z0-9_]*$"
PROCEDURE_ID = r"^[a-z][a-z0-9_.-]*$"
DEFAULT_MAX_SHELVE_S = 8 * 3600.0  # DOMAIN.md 3.1 rule 1: 8 h / end of shift

AlarmKind = Literal["limit", "deviation", "rate", "discrete", "quality"]
LimitName = Literal["HH", "H", "L", "LL"]
QualityCondition = Literal["comm_loss", "sensor_failure"]
PACKML_NAMES = {state.name.title(): state for state in PackMLState}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class StationStates(_Frozen):
    """Suppress by design unless `station` (its `<station>.state` tag) is in `states`."""

    station: str
    states: tuple[str, ...] = ("Execute",)

    @model_validator(mode="after")
    def _known_states(self) -> StationStates:
        unknown = [s for s in self.states if s not in PACKML_NAMES]
        if unknown:
            raise ValueError(
                f"unknown PackML state {', '.join(unknown)}: use {', '.join(PACKML_NAMES)}"
            )
        if not self.states:
            raise ValueError("states needs at least one PackML state")
        return self

    def state_values(self) -> frozenset[int]:
        return frozenset(int(PACKML_NAMES[s]) for s in self.states)


class AlarmDef(_Frozen):
    id: str = Field(pattern=ALARM_ID)
    kind: AlarmKind
    description: str = Field(min_length=1)
    tag: str | None = None
    connection: str | None = None
    limit: LimitName | None = None
    value: float | None = None
    setpoint: str | None = None
    percent: bool = False
    window_s: float = Field(default=5.0, gt=0, le=3600)
    active_when: bool | int = True
    condition: QualityCondition | None = None
    priority: int = Field(default=3, ge=1, le=4)
    deadband: float = Field(default=0.0, ge=0)
    on_delay_s: float = Field(default=0.0, ge=0, le=86_400)
    off_delay_s: float = Field(default=0.0, ge=0, le=86_400)
    latched: bool = False
    trip_group: str | None = Field(default=None, pattern=ALARM_ID)
    consequence_of: str | None = Field(default=None, pattern=ALARM_ID)
    suppress_unless: StationStates | None = None
    max_shelve_s: float = Field(default=DEFAULT_MAX_SHELVE_S, gt=0, le=7 * 86_400)
    console: str = Field(default="line", pattern=ALARM_ID)
    procedure: str | None = Field(default=None, pattern=PROCEDURE_ID)
    cause: str = Field(min_length=1)
    consequence: str = Field(min_length=1)
    action: str = Field(min_length=1)
    respond_within_s: float = Field(gt=0, le=86_400)

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> AlarmDef:
        needs: dict[str, tuple[str, ...]] = {
            "limit": ("tag", "limit", "value"),
            "deviation": ("tag", "setpoint", "value"),
            "rate": ("tag", "value"),
            "discrete": ("tag",),
            "quality": ("condition",),
        }
        missing = [f for f in needs[self.kind] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.kind} alarm needs {' and '.join(missing)}")
        if self.kind == "quality":
            if (self.tag is None) == (self.connection is None):
                raise ValueError("a quality alarm watches either one `tag` or a `connection`")
            if self.connection is not None and self.condition != "comm_loss":
                raise ValueError("a connection alarm is a comm_loss alarm: set condition")
        elif self.connection is not None:
            raise ValueError("`connection` is only for quality alarms (comm_loss per PLC)")
        if self.kind in ("deviation", "rate") and self.value is not None and self.value <= 0:
            raise ValueError(f"value (the {self.kind} band) must be above 0")
        if (self.kind in ("deviation", "rate") and self.value is not None
                and self.deadband >= self.value):
            raise ValueError("deadband must be smaller than value, or it never clears")
        if self.trip_group is not None and self.trip_group == self.consequence_of:
            raise ValueError("an alarm is a member of its trip group, not its consequence")
        return self

    @property
    def is_high(self) -> bool:
        return self.limit in ("H", "HH")

    def watched_tags(self) -> tuple[str, ...]:
        """The tags whose values this alarm's condition reads (connection: resolved by
        the engine from the line config)."""
        tags = [t for t in (self.tag, self.setpoint) if t is not None]
        if self.suppress_unless is not None:
            tags.append(state_tag(self.suppress_unless.station))
        return tuple(tags)


def state_tag(station: str) -> str:
    return f"{station}.state"


def check_alarm_references(config: LineConfig) -> None:
    """Refuse alarms naming unknown tags, stations, connections or trip groups.

    Raised as a ValidationError located at the alarm's field, so the loader reports
    `file:line: alarms[<id>].<field>: ...` like any other config mistake.
    """
    errors: list[InitErrorDetails] = []
    tags = {t.id: t for t in config.tags}
    stations = {s.id for s in config.stations}
    connections = {c.id for c in config.connections}
    groups = {a.trip_group for a in config.alarms if a.trip_group is not None}
    seen: set[str] = set()

    def fail(index: int, field: str, value: object, message: str) -> None:
        errors.append(InitErrorDetails(
            type=PydanticCustomError("alarm_reference", "{message}", {"message": message}),
            loc=("alarms", index, field), input=value,
        ))

    for index, alarm in enumerate(config.alarms):
        if alarm.id in seen:
            fail(index, "id", alarm.id, f"duplicate alarm id {alarm.id!r}")
        seen.add(alarm.id)
        for field in ("tag", "setpoint"):
            tag_id = getattr(alarm, field)
            if tag_id is not None and tag_id not in tags:
                fail(index, field, tag_id, f"alarm {alarm.id}: {field} {tag_id!r} is not in "
                     "[[tags]] (check the spelling, or add the tag)")
        if alarm.tag in tags and alarm.kind in ("limit", "deviation", "rate"):
            data_type = tags[alarm.tag].data_type
            if data_type not in ("float", "int"):
                fail(index, "tag", alarm.tag, f"alarm {alarm.id}: a {alarm.kind} alarm needs "
                     f"a numeric tag; {alarm.tag} is {data_type}")
        if alarm.connection is not None and alarm.connection not in connections:
            fail(index, "connection", alarm.connection, f"alarm {alarm.id}: connection "
                 f"{alarm.connection!r} is not in [[connections]]")
        if alarm.suppress_unless is not None:
            station = alarm.suppress_unless.station
            if station not in stations:
                fail(index, "suppress_unless", station, f"alarm {alarm.id}: station "
                     f"{station!r} is not in [[stations]]")
            elif state_tag(station) not in tags:
                fail(index, "suppress_unless", station, f"alarm {alarm.id}: station {station}"
                     f" has no {state_tag(station)} tag to read its PackML state from")
        if alarm.consequence_of is not None and alarm.consequence_of not in groups:
            fail(index, "consequence_of", alarm.consequence_of, f"alarm {alarm.id}: no alarm "
                 f"has trip_group {alarm.consequence_of!r}")
    if errors:
        raise ValidationError.from_exception_data("LineConfig", errors)
