"""Modbus register codecs: types, word order, scale and offset.

Pure functions, shared by the Modbus driver and the twin's Modbus server so both sides of
the wire agree. Within a register bytes are big-endian (the Modbus rule); for 32-bit types
`word_order="big"` puts the high word first (ABCD), `"little"` the low word first (CDAB).
Engineering value = raw * scale + offset.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import Literal

ModbusType = Literal["bool", "int16", "uint16", "int32", "uint32", "float32"]
WordOrder = Literal["big", "little"]

_INT_LIMITS: dict[str, tuple[int, int]] = {
    "int16": (-(2**15), 2**15 - 1),
    "uint16": (0, 2**16 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
}
_STRUCT = {"int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I", "float32": ">f"}


class CodecError(ValueError):
    """A value that does not fit its register type (say which and why)."""


def register_count(kind: ModbusType) -> int:
    return 2 if kind in ("int32", "uint32", "float32") else 1


def decode(
    registers: Sequence[int],
    kind: ModbusType,
    word_order: WordOrder = "big",
    scale: float = 1.0,
    offset: float = 0.0,
) -> float | int:
    """Registers (16-bit unsigned ints) to an engineering value."""
    count = register_count(kind)
    if kind == "bool" or len(registers) != count:
        raise CodecError(f"{kind} needs {count} register(s), got {len(registers)}")
    words = list(registers)
    if count == 2 and word_order == "little":
        words.reverse()
    raw_bytes = b"".join(w.to_bytes(2, "big") for w in words)
    raw: float | int = struct.unpack(_STRUCT[kind], raw_bytes)[0]
    if scale == 1.0 and offset == 0.0:
        return raw
    return raw * scale + offset


def encode(
    value: float | int,
    kind: ModbusType,
    word_order: WordOrder = "big",
    scale: float = 1.0,
    offset: float = 0.0,
) -> list[int]:
    """An engineering value to registers; refuses what the type cannot hold."""
    if kind == "bool":
        raise CodecError("a bool is a coil, a discrete input, or a bit: use encode_bit")
    if isinstance(value, bool):
        value = int(value)
    if not math.isfinite(value):
        raise CodecError(f"{value} cannot be written to a {kind} register")
    raw = (value - offset) / scale
    if kind == "float32":
        if abs(raw) > 3.4028234663852886e38:
            raise CodecError(f"{value} is too large for float32")
        packed = struct.pack(">f", raw)
    else:
        integer = round(raw)
        low, high = _INT_LIMITS[kind]
        if not low <= integer <= high:
            raise CodecError(
                f"{value} becomes raw {integer}, outside {kind} range {low}..{high}"
                + (f" (scale {scale:g}, offset {offset:g})" if scale != 1 or offset else "")
            )
        packed = struct.pack(_STRUCT[kind], integer)
    words = [int.from_bytes(packed[i : i + 2], "big") for i in range(0, len(packed), 2)]
    if len(words) == 2 and word_order == "little":
        words.reverse()
    return words


def decode_bit(register: int, bit: int) -> bool:
    return bool((register >> bit) & 1)


def encode_bit(register: int, bit: int, value: bool) -> int:
    """The register with one bit set or cleared (read-modify-write of a packed status word)."""
    return register | (1 << bit) if value else register & ~(1 << bit) & 0xFFFF
