"""`lineside modbus-scan`: raw registers and both word orders, over a real Modbus server."""

from __future__ import annotations

import json
from collections.abc import Callable

from .servers import (
    COIL_PATTERN,
    FLOAT_BIG_ADDRESS,
    FLOAT_LITTLE_ADDRESS,
    FLOAT_VALUE,
    HOLDING_COUNT,
    INT16_ADDRESS,
    INT16_VALUE,
)

Cli = Callable[..., tuple[int, str, str]]


def _scan(run_cli: Cli, port: int, *args: object) -> dict[str, dict[str, object]]:
    code, out, err = run_cli("modbus-scan", f"127.0.0.1:{port}", "--json", *args)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1  # one object for the whole read
    result: dict[str, dict[str, object]] = json.loads(lines[0])
    return result


def test_int16_and_float32_in_both_word_orders(run_cli: Cli, modbus_port: int) -> None:
    scan = _scan(run_cli, modbus_port, "--start", "0", "--count", "30")
    assert scan["int16"][str(INT16_ADDRESS)] == INT16_VALUE
    assert scan["raw"][str(INT16_ADDRESS)] == INT16_VALUE + 65536
    assert scan[str(INT16_ADDRESS)] == INT16_VALUE + 65536  # address -> value at the top level
    assert scan["float32_big"][str(FLOAT_BIG_ADDRESS)] == FLOAT_VALUE
    assert scan["float32_little"][str(FLOAT_LITTLE_ADDRESS)] == FLOAT_VALUE
    # The wrong word order is visibly wrong: that is what the side-by-side view is for.
    assert scan["float32_little"][str(FLOAT_BIG_ADDRESS)] != FLOAT_VALUE
    assert "29" not in scan["float32_big"]  # no register after the last one read


def test_reads_beyond_125_registers_are_split(run_cli: Cli, modbus_port: int) -> None:
    scan = _scan(run_cli, modbus_port, "--count", HOLDING_COUNT)
    assert len(scan["raw"]) == HOLDING_COUNT
    assert scan["raw"]["124"] == 124 and scan["raw"]["125"] == 125
    assert scan["raw"][str(HOLDING_COUNT - 1)] == HOLDING_COUNT - 1


def test_coils_are_bits(run_cli: Cli, modbus_port: int) -> None:
    scan = _scan(run_cli, modbus_port, "--table", "coil", "--count", len(COIL_PATTERN))
    assert list(scan["raw"].values()) == COIL_PATTERN
    assert "int16" not in scan


def test_plain_table_shows_both_orders_side_by_side(run_cli: Cli, modbus_port: int) -> None:
    code, out, _ = run_cli("modbus-scan", f"127.0.0.1:{modbus_port}", "--start", 9, "--count", 3)
    assert code == 0
    header, *rows = out.splitlines()
    assert "float32 ABCD" in header and "float32 CDAB" in header and "int16" in header
    assert rows[1].split()[:5] == ["10", "0x4048", "16456", "16456", "3.14"]
    assert len(rows) == 3


def test_unmapped_range_is_one_line(run_cli: Cli, modbus_port: int) -> None:
    code, out, err = run_cli(
        "modbus-scan", f"127.0.0.1:{modbus_port}", "--start", HOLDING_COUNT - 10, "--count", 20
    )
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "ILLEGAL DATA ADDRESS" in err and "--skip-unmapped" in err


def test_skip_unmapped_reads_around_holes(run_cli: Cli, modbus_port: int) -> None:
    last = HOLDING_COUNT - 1
    scan = _scan(run_cli, modbus_port, "--start", last - 2, "--count", 6, "--skip-unmapped")
    raw = {int(a): v for a, v in scan["raw"].items()}
    assert raw == {last - 2: last - 2, last - 1: last - 1, last: last,
                   last + 1: None, last + 2: None, last + 3: None}
    assert set(scan["float32_big"]) == {str(last - 2), str(last - 1)}  # whole pairs only


def test_range_past_the_address_space_is_a_usage_error(run_cli: Cli) -> None:
    code, _, err = run_cli("modbus-scan", "127.0.0.1:502", "--start", "65530", "--count", "10")
    assert code == 2
    assert "runs past address 65535" in err
