"""`lineside config check FILE`: validate a line config and summarise what it describes."""

from __future__ import annotations

import argparse
import sys

from hmi.commission.common import Subparsers
from hmi.commission.errors import EXIT_OK, EXIT_USAGE
from hmi.commission.output import emit, endpoint_text
from hmi.config import ConfigError, LineConfig, load_line_config


def add_parser(subparsers: Subparsers) -> None:
    config = subparsers.add_parser("config", help="work with line config files")
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate a line config; print every error as path:line: field: message",
        description="Validate a line config file. Prints a summary and exits 0 when it is "
        "usable; prints every problem as `path:line: field: message` and exits 2 otherwise.",
    )
    check.add_argument("file", metavar="FILE", help="line config (TOML)")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        config = load_line_config(args.file)
    except ConfigError as exc:
        # Every issue, not just the first: fixing a file one error per run is slow.
        for issue in exc.issues:
            emit(str(issue), sys.stderr)
        emit(f"{args.file}: {len(exc.issues)} problem(s) found", sys.stderr)
        return EXIT_USAGE
    for line in summary(config, args.file):
        emit(line)
    return EXIT_OK


def summary(config: LineConfig, source: str) -> list[str]:
    opcua = sum(1 for t in config.tags if t.opcua is not None)
    modbus = sum(1 for t in config.tags if t.modbus is not None)
    writable = sum(1 for t in config.tags if t.writable)
    stations = ", ".join(s.id for s in config.stations)
    lines = [
        f"{source}: OK",
        f"line: {config.line.name} ({config.line.id})",
        f"stations ({len(config.stations)}): {stations}",
        f"tags ({len(config.tags)}): OPC UA {opcua}, Modbus {modbus}; writable {writable}",
        f"connections ({len(config.connections)}):",
    ]
    width = max(len(c.id) for c in config.connections)
    for conn in config.connections:
        count = len(config.tags_of_connection(conn.id))
        lines.append(f"  {conn.id:<{width}}  {endpoint_text(conn)}  ({count} tags)")
    return lines
