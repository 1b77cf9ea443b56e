"""What changes between two versions, or between a version and what the PLCs hold now; and
teach-in: the PLCs' present values as the content of a new draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from recipes.errors import LimitError
from recipes.limits import check_value, values_match
from recipes.model import Parameter, ParamValue, RecipeContent
from recipes.parameter_io import ParameterIO


@dataclass(frozen=True, slots=True)
class ParameterChange:
    tag: str
    field: str  # "setpoint", "low", "high", ... or "value" for a PLC comparison
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class RecipeDiff:
    added: tuple[Parameter, ...]
    removed: tuple[Parameter, ...]
    changed: tuple[ParameterChange, ...]
    notes_changed: bool = False
    equipment_changed: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.notes_changed
                    or self.equipment_changed)

    def lines(self) -> list[str]:
        """One line per difference, for a terminal or a report."""
        out = [f"+ {p.tag} = {p.setpoint} {p.unit}".rstrip() for p in self.added]
        out += [f"- {p.tag} (was {p.setpoint} {p.unit})".rstrip() for p in self.removed]
        out += [f"~ {c.tag} {c.field}: {c.old} -> {c.new}" for c in self.changed]
        if self.equipment_changed:
            out.append("~ equipment requirements changed")
        if self.notes_changed:
            out.append("~ notes changed")
        return out


_FIELDS = ("setpoint", "name", "unit", "data_type", "low", "high", "warn_low", "warn_high",
           "critical", "verify", "tolerance")


def diff_contents(old: RecipeContent, new: RecipeContent) -> RecipeDiff:
    before = {p.tag: p for p in old.parameters}
    after = {p.tag: p for p in new.parameters}
    changed: list[ParameterChange] = []
    for tag, p_new in after.items():
        p_old = before.get(tag)
        if p_old is None:
            continue
        for name in _FIELDS:
            a, b = getattr(p_old, name), getattr(p_new, name)
            if a != b or type(a) is not type(b):
                changed.append(ParameterChange(tag, name, a, b))
    return RecipeDiff(
        added=tuple(p for t, p in after.items() if t not in before),
        removed=tuple(p for t, p in before.items() if t not in after),
        changed=tuple(changed),
        notes_changed=old.notes != new.notes,
        equipment_changed=old.equipment != new.equipment,
    )


def diff_against_values(content: RecipeContent, values: Mapping[str, ParamValue | None]
                        ) -> tuple[ParameterChange, ...]:
    """Parameters whose PLC value differs from the recipe (read-back rule: tolerance)."""
    return tuple(
        ParameterChange(p.tag, "value", p.setpoint, values.get(p.tag))
        for p in content.parameters
        if not values_match(p, p.setpoint, values.get(p.tag))
    )


async def read_values(io: ParameterIO, tags: Sequence[str]) -> dict[str, ParamValue | None]:
    return {r.tag: (r.value if r.ok else None) for r in await io.read_many(tags)}


async def diff_against_plc(content: RecipeContent, io: ParameterIO
                           ) -> tuple[ParameterChange, ...]:
    values = await read_values(io, [p.tag for p in content.parameters])
    return diff_against_values(content, values)


async def teach_in(content: RecipeContent, io: ParameterIO) -> RecipeContent:
    """The PLCs' present values as setpoints of a new content (for a new draft).

    A tag that cannot be read, or whose value is outside the recipe's limits, is refused
    by name: a draft never holds a value its own limits forbid.
    """
    values = await io.read_many([p.tag for p in content.parameters])
    by_tag = {r.tag: r for r in values}
    taught: list[Parameter] = []
    for p in content.parameters:
        read = by_tag.get(p.tag)
        if read is None or not read.ok or read.value is None:
            why = read.message if read is not None else "no answer"
            raise LimitError(f"teach-in: parameter {p.tag} could not be read ({why}); "
                             "fix the link or remove the parameter")
        value = _typed(p, read.value)
        check_value(p, value)
        taught.append(replace(p, setpoint=value))
    return replace(content, parameters=tuple(taught))


def _typed(p: Parameter, value: ParamValue) -> ParamValue:
    if p.data_type == "bool":
        return bool(value)
    if p.data_type == "int":
        return round(float(value))
    return float(value)
