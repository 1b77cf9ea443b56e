"""Arguments and plumbing shared by the commands."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeAlias, TypeVar

from hmi.commission.errors import RuntimeFailure, UsageError
from hmi.config import ConfigError, LineConfig, load_line_config
from hmi.config.schema import NODE_ID
from hmi.plc.browse import OpcUaError
from hmi.plc.driver import PlcError
from hmi.plc.scan import ScanError

T = TypeVar("T")

# What add_parser receives; Any because the parser class is lineside's own ArgumentParser.
Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"

DEFAULT_TIMEOUT_S = 3.0  # long enough for a PLC on a busy plant network, short enough to wait


def add_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"give up connecting or waiting for an answer after S seconds "
        f"(default {DEFAULT_TIMEOUT_S:g})",
    )


def add_json(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def opcua_url(text: str) -> str:
    if not text.startswith("opc.tcp://") or len(text) <= len("opc.tcp://"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an OPC UA endpoint like opc.tcp://192.168.0.10:4840"
        )
    return text


def node_id(text: str) -> str:
    """Checked here, before connecting, with the same rule the line config uses."""
    if not NODE_ID.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an OPC UA node id like ns=2;s=coater.web_tension_n or i=2258"
        )
    return text


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
    return value


def int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer (decimal, or 0x hex for addresses) within low..high."""

    def parse(text: str) -> int:
        try:
            value = int(text, 0)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value

    parse.__name__ = "integer"  # argparse names the type in its messages
    return parse


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run one command's protocol work; a PLC-side failure becomes a one-line error."""
    try:
        return asyncio.run(coro)
    except (OpcUaError, ScanError, PlcError) as exc:
        raise RuntimeFailure(str(exc)) from None


def load_config(path: str) -> LineConfig:
    """A line config for a command; a bad one is one line pointing at `config check`."""
    try:
        return load_line_config(path)
    except ConfigError as exc:
        first = str(exc.issues[0])
        more = len(exc.issues) - 1
        hint = f" ({more} more; see `lineside config check {path}`)" if more else ""
        raise UsageError(f"{first}{hint}") from None
