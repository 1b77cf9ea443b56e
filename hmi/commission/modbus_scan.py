"""`lineside modbus-scan HOST:PORT`: a Modbus table, raw and decoded side by side.

Which word order does this device use for its floats? (ANCHORS, pain 7.) Every register is
shown as uint16 and int16, and every pair starting at it as float32 and int32 in both word
orders (big = high word first, ABCD; little = low word first, CDAB): the right reading is
the column that looks like a plausible process value.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

from hmi.commission.common import Subparsers, add_json, add_timeout, int_in, run_async
from hmi.commission.errors import EXIT_OK, RuntimeFailure, UsageError
from hmi.commission.output import emit, emit_json
from hmi.plc.codecs import ModbusType, WordOrder, decode
from hmi.plc.scan import TableRead, UnmappedAddress, modbus_session, read_table

DEFAULT_PORT = 502
UNMAPPED = "--"
TABLES = ("holding", "input", "coil", "discrete")
# JSON key -> (type, word order) for the 32-bit views of the pair starting at each address.
PAIR_VIEWS: dict[str, tuple[ModbusType, WordOrder]] = {
    "float32_big": ("float32", "big"),
    "float32_little": ("float32", "little"),
    "int32_big": ("int32", "big"),
    "int32_little": ("int32", "little"),
}


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "modbus-scan",
        help="read a Modbus table raw, with int16/float32/int32 views in both word orders",
        description="Read COUNT registers (or bits) from START and show them raw and decoded. "
        "Reads larger than the protocol allows are split into several requests.",
    )
    parser.add_argument(
        "target", type=host_port, metavar="HOST:PORT", help=f"device (port default {DEFAULT_PORT})"
    )
    parser.add_argument("--unit", type=int_in(0, 255), default=1, metavar="N", help="unit id")
    parser.add_argument("--table", choices=TABLES, default="holding", help="default holding")
    parser.add_argument(
        "--start", type=int_in(0, 65535), default=0, metavar="A", help="first address (0-based)"
    )
    parser.add_argument(
        "--count", type=int_in(1, 65536), default=10, metavar="N", help="how many (default 10)"
    )
    parser.add_argument(
        "--skip-unmapped",
        action="store_true",
        help="read around addresses the device does not map (shown as --, null in JSON) "
        "instead of failing on ILLEGAL DATA ADDRESS",
    )
    add_json(parser, "one object: raw values and decoded views by address")
    add_timeout(parser)
    parser.set_defaults(run=run)


def host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or host.endswith(":") or "]" in port:  # no port given (or a bare IPv6 address)
        host, port = text, str(DEFAULT_PORT)
    host = host.strip("[]")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT like 192.168.0.20:502")
    return host, int(port)


def run(args: argparse.Namespace) -> int:
    if args.start + args.count > 65536:
        raise UsageError(f"--start {args.start} + --count {args.count} runs past address 65535")
    read = run_async(_scan(args))
    if args.json:
        emit_json(as_json(read))
    else:
        for line in as_table(read):
            emit(line)
    return EXIT_OK


async def _scan(args: argparse.Namespace) -> TableRead:
    host, port = args.target
    async with modbus_session(host, port, args.timeout) as client:
        try:
            return await read_table(
                client, args.table, args.start, args.count, args.unit,
                skip_unmapped=args.skip_unmapped,
            )
        except UnmappedAddress as exc:
            raise RuntimeFailure(f"{exc}; --skip-unmapped reads around the holes") from None


def register_views(read: TableRead) -> dict[str, dict[int, float | int]]:
    """Decoded views by address; a pair view is missing at the last address (no next word)."""
    regs = {read.start + i: r for i, r in enumerate(read.values) if r is not None}
    pairs = {a: [r, regs[a + 1]] for a, r in regs.items() if a + 1 in regs}
    views: dict[str, dict[int, float | int]] = {
        "uint16": dict(regs),
        "int16": {a: decode([r], "int16") for a, r in regs.items()},
    }
    for key, (kind, order) in PAIR_VIEWS.items():
        views[key] = {a: _readable(decode(pair, kind, order)) for a, pair in pairs.items()}
    return views


def _readable(value: float | int) -> float | int:
    """float32 to the 7 digits it holds: 3.14, not 3.140000104904175 (JSON makes NaN null)."""
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.7g}")
    return value


def as_json(read: TableRead) -> dict[str, Any]:
    raw = {
        str(read.start + i): bool(v) if read.is_bits and v is not None else v
        for i, v in enumerate(read.values)
    }
    # The CLI contract: `address` -> value at the top level (scripts index obj["10"]);
    # "raw" holds the same mapping on its own, next to the decoded views.
    obj: dict[str, Any] = {
        **raw,
        "table": read.table,
        "unit": read.unit,
        "start": read.start,
        "count": len(read.values),
        "raw": raw,
    }
    if not read.is_bits:
        for key, view in register_views(read).items():
            if key != "uint16":  # the same as raw
                obj[key] = {str(addr): value for addr, value in view.items()}
    return obj


def as_table(read: TableRead) -> list[str]:
    if read.is_bits:
        rows = [UNMAPPED if v is None else str(v) for v in read.values]
        return [f"{'address':>7}  value"] + [
            f"{read.start + i:>7}  {v}" for i, v in enumerate(rows)
        ]
    views = register_views(read)
    header = (
        f"{'address':>7}  {'hex':>6}  {'uint16':>6}  {'int16':>6}  "
        f"{'float32 ABCD':>13}  {'float32 CDAB':>13}  {'int32 ABCD':>11}  {'int32 CDAB':>11}"
    )
    lines = [header]
    for i, raw in enumerate(read.values):
        addr = read.start + i
        if raw is None:
            lines.append(f"{addr:>7}  {UNMAPPED:>6}")
            continue
        lines.append(
            f"{addr:>7}  0x{raw:04X}  {raw:>6}  {views['int16'][addr]:>6}  "
            f"{_cell(views['float32_big'].get(addr), 13)}  "
            f"{_cell(views['float32_little'].get(addr), 13)}  "
            f"{_cell(views['int32_big'].get(addr), 11)}  "
            f"{_cell(views['int32_little'].get(addr), 11)}".rstrip()
        )
    return lines


def _cell(value: float | int | None, width: int) -> str:
    if value is None:
        return " " * width
    text = f"{value:.7g}" if isinstance(value, float) else str(value)
    return f"{text:>{width}}"
