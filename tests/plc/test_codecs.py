"""Modbus codecs: every type in both word orders, scaling, and refusals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmi.plc.codecs import CodecError, decode, decode_bit, encode, encode_bit


@pytest.mark.parametrize(
    ("kind", "order", "value", "registers"),
    [
        ("int16", "big", -2, [0xFFFE]),
        ("uint16", "big", 65535, [0xFFFF]),
        ("int32", "big", -2, [0xFFFF, 0xFFFE]),
        ("int32", "little", -2, [0xFFFE, 0xFFFF]),
        ("uint32", "big", 0x12345678, [0x1234, 0x5678]),
        ("uint32", "little", 0x12345678, [0x5678, 0x1234]),
        ("float32", "big", -12.5, [0xC148, 0x0000]),  # ABCD
        ("float32", "little", -12.5, [0x0000, 0xC148]),  # CDAB
    ],
)
def test_known_encodings(kind: str, order: str, value: float, registers: list[int]) -> None:
    assert encode(value, kind, order) == registers  # type: ignore[arg-type]
    assert decode(registers, kind, order) == value  # type: ignore[arg-type]


def test_scale_and_offset_round_trip() -> None:
    registers = encode(23.4, "int16", scale=0.1)
    assert registers == [234]
    assert decode(registers, "int16", scale=0.1) == pytest.approx(23.4)
    assert decode(
        encode(-40.0, "uint16", scale=0.5, offset=-100), "uint16", scale=0.5, offset=-100
    ) == pytest.approx(-40.0)


def test_out_of_type_range_is_refused_with_the_reason() -> None:
    with pytest.raises(CodecError, match="outside int16 range"):
        encode(40000, "int16")
    with pytest.raises(CodecError, match=r"scale 0\.1"):
        encode(4000, "int16", scale=0.1)
    with pytest.raises(CodecError):
        encode(math.nan, "float32")
    with pytest.raises(CodecError, match="needs 2 register"):
        decode([1], "float32")


def test_bits_in_a_status_word() -> None:
    word = encode_bit(0, 3, True)
    assert word == 8 and decode_bit(word, 3) and not decode_bit(word, 2)
    assert encode_bit(0xFFFF, 0, False) == 0xFFFE


@given(st.integers(-(2**31), 2**31 - 1), st.sampled_from(["big", "little"]))
def test_int32_round_trip(value: int, order: str) -> None:
    assert decode(encode(value, "int32", order), "int32", order) == value  # type: ignore[arg-type]


@given(
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.sampled_from(["big", "little"])
)
def test_float32_round_trip(value: float, order: str) -> None:
    assert decode(encode(value, "float32", order), "float32", order) == value  # type: ignore[arg-type]
