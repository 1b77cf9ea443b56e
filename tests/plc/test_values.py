"""Write checks before sending and read-back comparison after."""

from __future__ import annotations

import pytest

from hmi.config.schema import OpcUaBinding, TagConfig
from hmi.plc.values import WriteRefused, coerce_for_write, read_back_matches

ENUMS = {"loop_mode": {0: "MAN", 1: "AUTO", 2: "CAS"}}


def tag(data_type: str = "float", writable: bool = True, **extra: object) -> TagConfig:
    return TagConfig(id="st.sp", data_type=data_type, writable=writable,  # type: ignore[arg-type]
                     opcua=OpcUaBinding(node_id="ns=2;s=st.sp"), **extra)  # type: ignore[arg-type]


def test_read_only_tag_is_refused_naming_it() -> None:
    with pytest.raises(WriteRefused, match=r"st.sp is read-only"):
        coerce_for_write(tag(writable=False), 1.0, ENUMS)


@pytest.mark.parametrize(
    ("data_type", "value", "expected"),
    [("float", 3, 3.0), ("float", 2.5, 2.5), ("int", 4.0, 4), ("int", 7, 7),
     ("bool", True, True), ("string", "ab", "ab")],
)
def test_values_of_the_right_type_pass(data_type: str, value: object, expected: object) -> None:
    result = coerce_for_write(tag(data_type), value, ENUMS)  # type: ignore[arg-type]
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("data_type", "value", "needs"),
    [("float", "12", "a number"), ("float", True, "a number"), ("float", float("nan"), "finite"),
     ("int", 2.5, "whole number"), ("int", False, "whole number"), ("bool", 1, "true or false"),
     ("string", 3, "text")],
)
def test_wrong_types_are_refused_before_sending(data_type: str, value: object, needs: str) -> None:
    with pytest.raises(WriteRefused, match=needs):
        coerce_for_write(tag(data_type), value, ENUMS)  # type: ignore[arg-type]


def test_enum_accepts_its_numbers_and_labels_only() -> None:
    mode = tag("enum", enum="loop_mode")
    assert coerce_for_write(mode, "AUTO", ENUMS) == 1
    assert coerce_for_write(mode, 2, ENUMS) == 2
    with pytest.raises(WriteRefused, match="not a value of enum loop_mode"):
        coerce_for_write(mode, 7, ENUMS)
    with pytest.raises(WriteRefused, match="MAN, AUTO, CAS"):
        coerce_for_write(mode, "FAST", ENUMS)


def test_float_read_back_uses_the_tag_tolerance_else_a_small_relative_one() -> None:
    assert read_back_matches(tag(read_back_tolerance=0.05), 25.0, 25.04)
    assert not read_back_matches(tag(read_back_tolerance=0.05), 25.0, 25.06)
    # float32 keeps ~7 digits: 0.1 comes back as 0.10000000149...
    assert read_back_matches(tag(), 0.1, 0.10000000149011612)
    assert not read_back_matches(tag(), 100.0, 100.01)
    assert not read_back_matches(tag(), 1.0, None)


def test_exact_types_compare_exactly() -> None:
    assert read_back_matches(tag("int"), 5, 5)
    assert not read_back_matches(tag("int"), 5, 6)
    assert not read_back_matches(tag("int"), 1, True)
    assert read_back_matches(tag("bool"), True, True)
    assert not read_back_matches(tag("bool"), True, 1)
    assert read_back_matches(tag("enum", enum="loop_mode"), 1, 1)
