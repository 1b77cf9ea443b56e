"""Checking a value before it is written, and judging what the PLC gives back.

Pure functions shared by every protocol: a write is refused before it leaves the HMI when
the tag is read-only or the value has the wrong type, and after the write the value read
back is compared exactly (int, bool, enum, string) or within a tolerance (float).
"""

from __future__ import annotations

import math

from hmi.config.schema import TagConfig
from hmi.core.tags import Scalar
from hmi.core.user_text import QT_TRANSLATE_NOOP, Explained, UserText, user_text

# A float read back within this fraction of the value written is the value written
# (float32 registers and Float nodes keep about 7 significant digits).
DEFAULT_RELATIVE_TOLERANCE = 1e-6


class WriteRefused(Explained, ValueError):
    """The HMI will not send this write; the message says why, naming the tag (its
    `user_text` says it in the operator's language)."""


def coerce_for_write(tag: TagConfig, value: Scalar, enums: dict[str, dict[int, str]]) -> Scalar:
    """The value in the tag's own type, or WriteRefused naming the tag and the problem."""
    if not tag.writable:
        raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} is read-only: not written"), tag=tag.id))
    kind = tag.data_type
    shown = f"{value!r} ({type(value).__name__})"
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} needs a number, got {value}: not written"),
                tag=tag.id, value=shown))
        if not math.isfinite(value):
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} needs a finite number, got {value}: not written"),
                tag=tag.id, value=str(value)))
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} needs true or false, got {value}: not written"),
                tag=tag.id, value=shown))
        return value
    if kind == "string":
        if not isinstance(value, str):
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} needs text, got {value}: not written"),
                tag=tag.id, value=shown))
        return value
    if kind == "enum":
        labels = enums.get(tag.enum or "", {})
        if isinstance(value, str):
            for number, label in labels.items():
                if label == value:
                    return number
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag}: {value} is not one of {choices}: not written"),
                tag=tag.id, value=repr(value), choices=", ".join(labels.values())))
        number = _as_int(tag, value, shown)
        if labels and number not in labels:
            raise WriteRefused(user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag}: {value} is not a value of enum {enum}: not written"),
                tag=tag.id, value=str(number), enum=tag.enum))
        return number
    return _as_int(tag, value, shown)


def _as_int(tag: TagConfig, value: Scalar, shown: str) -> int:
    if isinstance(value, bool):
        raise WriteRefused(_not_whole(tag, shown))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise WriteRefused(_not_whole(tag, shown))


def _not_whole(tag: TagConfig, shown: str) -> UserText:
    return user_text(QT_TRANSLATE_NOOP(
        "WriteMessages", "{tag} needs a whole number, got {value}: not written"),
        tag=tag.id, value=shown)


def tolerance_for(tag: TagConfig, requested: Scalar) -> float:
    if tag.read_back_tolerance is not None:
        return tag.read_back_tolerance
    magnitude = abs(requested) if isinstance(requested, int | float) else 0.0
    return DEFAULT_RELATIVE_TOLERANCE * max(1.0, magnitude)


def read_back_matches(tag: TagConfig, requested: Scalar, read_back: Scalar) -> bool:
    if tag.data_type == "float":
        if isinstance(read_back, bool) or not isinstance(read_back, int | float):
            return False
        assert isinstance(requested, int | float)
        return abs(float(read_back) - float(requested)) <= tolerance_for(tag, requested)
    if tag.data_type in ("int", "enum"):
        return not isinstance(read_back, bool) and isinstance(read_back, int | float) \
            and read_back == requested
    return type(read_back) is type(requested) and read_back == requested
