"""What a loop-restore procedure is: steps of five kinds, each with its text and roles.

Procedures are data (resources/procedures/*.toml, read by hmi.restore.loader); these frozen
dataclasses are what the loader returns and the engine runs. DOMAIN.md 4.4 gives the
templates, 4.3 the bumpless return to AUTO.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from hmi.core.packml import PackMLCommand
from hmi.core.tags import Quality, TagValue


class StepKind(enum.StrEnum):
    CHECK = "check"  # conditions on live tags that must hold (for hold_s if given)
    ACTION = "action"  # verified writes or a PackML command, then the effect awaited
    CONFIRM = "confirm"  # a person confirms with a note (optionally an e-signature)
    RAMP = "ramp"  # a setpoint ramp with a rate limit, the PV watched
    WAIT_STABLE = "wait-stable"  # a PV within a band for for_s seconds


PERSON_KINDS = frozenset({StepKind.CONFIRM})


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on one live tag. Every condition needs a live (GOOD/UNCERTAIN) value."""

    tag: str
    equals: float | bool | None = None
    below: float | None = None
    above: float | None = None
    within: float | None = None  # |value - reference| <= within
    of: str | None = None  # the reference: another live tag ...
    value: float | None = None  # ... or a number

    def tags(self) -> tuple[str, ...]:
        return (self.tag,) + ((self.of,) if self.of else ())

    def judge(self, live: dict[str, TagValue | None]) -> tuple[bool, str]:
        """(holds now, one line saying what was seen and what was needed)."""
        seen = live.get(self.tag)
        if seen is None or not seen.quality.is_live or seen.value is None:
            status = seen.quality.value if seen is not None else "no value yet"
            return False, f"{self.tag} has no live value ({status})"
        x = seen.value
        if self.equals is not None:
            same = (bool(x) == self.equals if isinstance(self.equals, bool)
                    else not isinstance(x, str) and float(x) == float(self.equals))
            return same, f"{self.tag} = {_fmt(x)}" + ("" if same else
                                                      f", needs {_fmt(self.equals)}")
        if isinstance(x, str):
            return False, f"{self.tag} = {x!r} is not a number"
        number = float(x)
        if self.below is not None and not number < self.below:
            return False, f"{self.tag} = {number:g}, needs below {self.below:g}"
        if self.above is not None and not number > self.above:
            return False, f"{self.tag} = {number:g}, needs above {self.above:g}"
        if self.within is not None:
            ref = self.reference(live)
            if ref is None:
                return False, f"{self.tag}: no live reference value {self.of}"
            if abs(number - ref) > self.within:
                return False, f"{self.tag} = {number:g}, needs {ref:g} ± {self.within:g}"
        return True, f"{self.tag} = {number:g}"

    def reference(self, live: dict[str, TagValue | None]) -> float | None:
        if self.of is None:
            return self.value
        ref = live.get(self.of)
        if ref is None or not ref.quality.is_live or not isinstance(ref.value, int | float):
            return None
        return float(ref.value)


def judge_all(conditions: tuple[Condition, ...],
              live: dict[str, TagValue | None]) -> tuple[bool, str]:
    """All must hold; the message names the first that does not (or all that were seen)."""
    seen: list[str] = []
    for condition in conditions:
        ok, text = condition.judge(live)
        if not ok:
            return False, text
        seen.append(text)
    return True, "; ".join(seen)


def _fmt(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True, slots=True)
class Write:
    """One value for one tag: a number/bool, or the live value of another tag (`copy_of`,
    e.g. SP := PV before a bumpless switch to AUTO)."""

    tag: str
    value: float | int | bool | None = None
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    text: str  # what the operator reads on the wizard page
    roles: tuple[str, ...]  # roles allowed to do this step
    station: str
    line: int | None = None  # where the step starts in its file
    requires: tuple[Condition, ...] = ()  # refused unless these hold when the step is done
    # check
    conditions: tuple[Condition, ...] = ()
    hold_s: float = 0.0
    guard_until: str | None = None  # the check must keep holding until this later step ends
    # action
    writes: tuple[Write, ...] = ()
    command: PackMLCommand | None = None
    until: tuple[Condition, ...] = ()  # the action's effect, awaited
    # confirm
    signature: str | None = None  # an e-signature meaning ("performed", "verified")
    # ramp
    tag: str | None = None  # the setpoint ramped
    pv: str | None = None  # ramp: the PV watched; wait-stable: the PV judged
    to: float | str | None = None  # a number, or "recipe"
    rate_per_s: float = 0.0
    hold_deviation: float | None = None  # the ramp pauses while |PV - SP| exceeds this
    abort_deviation: float | None = None  # the ramp stops and the step is refused
    # wait-stable
    band: float = 0.0
    of: str | None = None  # band around a live tag, or `value`, else around itself
    value: float | None = None
    for_s: float = 0.0
    timeout_s: float = 600.0

    @property
    def automatic(self) -> bool:
        return self.kind not in PERSON_KINDS

    def tags(self) -> set[str]:
        """Every tag the step reads or writes (what the engine watches)."""
        found: set[str] = set()
        for condition in (*self.requires, *self.conditions, *self.until):
            found.update(condition.tags())
        for write in self.writes:
            found.add(write.tag)
            if write.copy_of:
                found.add(write.copy_of)
        found.update(t for t in (self.tag, self.pv, self.of) if t)
        if self.command is not None:
            found.add(f"{self.station}.command")
        return found


@dataclass(frozen=True, slots=True)
class ExposureRule:
    """Lot exposure accounting during a run (DOMAIN.md 4.4-C): time `tag` spends above
    `above` counts against each open lot's exposure budget; a lot over budget is held."""

    tag: str
    above: float
    hold_stations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str
    title: str
    faults: tuple[str, ...]  # fault kinds it serves
    station: str  # the station it restores (PackML commands go to <station>.command)
    downtime_reason: str  # the OEE reason code the run books its downtime to
    steps: tuple[Step, ...]
    source: str  # file path, for messages
    text: str = field(default="", repr=False)  # the file's text (a run keeps its own copy)
    exposure: ExposureRule | None = None

    def step_index(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)

    def tags(self) -> set[str]:
        found: set[str] = set()
        for step in self.steps:
            found |= step.tags()
        if self.exposure is not None:
            found.add(self.exposure.tag)
        return found


def live_quality(value: TagValue | None) -> Quality | None:
    return value.quality if value is not None else None
