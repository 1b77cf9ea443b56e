"""Limit checks, run on every edit and every import: a value outside its limits is refused
with the parameter and the limit named, so the author knows what to change."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from recipes.errors import LimitError
from recipes.model import DATA_TYPES, Parameter, ParamValue, VerifyMode
from recipes.user_text import QT_TRANSLATE_NOOP, user_text


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_value(p: Parameter, value: ParamValue) -> None:
    """Refuse `value` for `p` when it is the wrong type or outside p's low/high limits.
    The refusal carries its UserText (context RecipeMessages): the recipe screen says it in
    the panel's language, str() stays the English line."""
    who = f"{p.tag} ({p.name})"
    unit = f" {p.unit}" if p.unit else ""
    if p.data_type == "bool":
        if not isinstance(value, bool):
            raise LimitError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "parameter {who}: {value} is not true/false"),
                who=who, value=repr(value)))
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: {value} is not a number"),
            who=who, value=repr(value)))
    if p.data_type == "int" and not float(value).is_integer():
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: {value} is not a whole number"),
            who=who, value=repr(value)))
    if not math.isfinite(float(value)):
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: {value} is not a finite number"),
            who=who, value=repr(value)))
    if p.low is not None and value < p.low:
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: {value}{unit} is below its low limit "
            "{low}{unit}; enter a value from {low} up"),
            who=who, value=_fmt(value), unit=unit, low=_fmt(p.low)))
    if p.high is not None and value > p.high:
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: {value}{unit} is above its high limit "
            "{high}{unit}; enter a value up to {high}"),
            who=who, value=_fmt(value), unit=unit, high=_fmt(p.high)))


def check_parameter(p: Parameter) -> None:
    """The parameter's own consistency, then its setpoint against its limits."""
    who = f"{p.tag} ({p.name})"
    if p.data_type not in DATA_TYPES:
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: data type {type} is not one of {types}"),
            who=who, type=repr(p.data_type), types=", ".join(DATA_TYPES)))
    if "." not in p.tag:
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: tag must be `station.signal`"), who=who))
    # Each limit's name is chrome (translated in turn), its value content.
    ordered = [(QT_TRANSLATE_NOOP("RecipeMessages", "low limit"), p.low),
               (QT_TRANSLATE_NOOP("RecipeMessages", "low warning"), p.warn_low),
               (QT_TRANSLATE_NOOP("RecipeMessages", "high warning"), p.warn_high),
               (QT_TRANSLATE_NOOP("RecipeMessages", "high limit"), p.high)]
    known = [(name, v) for name, v in ordered if v is not None]
    for (name_a, a), (name_b, b) in itertools.pairwise(known):
        if a > b:
            raise LimitError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "parameter {who}: {limit_a} {a} is above {limit_b} {b}"),
                who=who, limit_a=user_text(name_a), a=_fmt(a), limit_b=user_text(name_b),
                b=_fmt(b)))
    if p.tolerance < 0 or not math.isfinite(p.tolerance):
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: tolerance {tolerance} must be 0 or more"),
            who=who, tolerance=repr(p.tolerance)))
    if p.verify is VerifyMode.TOLERANCE and p.data_type != "float":
        raise LimitError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "parameter {who}: read-back with tolerance is for floats; "
            "use exact"), who=who))
    check_value(p, p.setpoint)


def check_parameters(parameters: Iterable[Parameter]) -> None:
    seen: set[str] = set()
    for p in parameters:
        if p.tag in seen:
            raise LimitError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "parameter {tag}: listed twice; keep one"), tag=p.tag))
        seen.add(p.tag)
        check_parameter(p)


def warning_for(p: Parameter, value: ParamValue) -> str | None:
    """A value inside the limits but outside the warning band: allowed, worth a word."""
    if isinstance(value, bool):
        return None
    if p.warn_low is not None and value < p.warn_low:
        return f"{p.tag}: {_fmt(value)} is below the warning limit {_fmt(p.warn_low)}"
    if p.warn_high is not None and value > p.warn_high:
        return f"{p.tag}: {_fmt(value)} is above the warning limit {_fmt(p.warn_high)}"
    return None


def values_match(p: Parameter, wanted: ParamValue, actual: ParamValue | None) -> bool:
    """Read-back verification: exact for ints and bools, +- tolerance for floats."""
    if actual is None:
        return False
    if p.data_type == "bool":
        return bool(actual) == bool(wanted)
    if isinstance(actual, bool):
        return False
    if p.verify is VerifyMode.TOLERANCE or p.data_type == "float":
        # A float that went through float32 (Modbus) comes back a few ulps off: allow that.
        slack = max(p.tolerance, abs(float(wanted)) * 1e-6, 1e-9)
        return abs(float(actual) - float(wanted)) <= slack
    return float(actual) == float(wanted)
