"""`lineside browse URL`: the server's address space as a tree, or JSON lines.

The commissioning engineer's first look at a PLC (UaExpert's address-space pane), but
scriptable: `--json` gives one object per node with the node id to put in a line config.
"""

from __future__ import annotations

import argparse
from typing import Any

from hmi.commission.common import (
    Subparsers,
    add_json,
    add_timeout,
    int_in,
    node_id,
    opcua_url,
    run_async,
)
from hmi.commission.errors import EXIT_OK
from hmi.commission.output import emit, emit_json, short
from hmi.plc.browse import OBJECTS, NodeInfo, browse_tree, opcua_session

DEFAULT_DEPTH = 3


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "browse",
        help="show an OPC UA server's address space",
        description="Browse an OPC UA server from the Objects folder (or --from NODEID) down "
        "to --depth levels. Variables show their data type and current value.",
    )
    parser.add_argument("url", type=opcua_url, metavar="URL", help="opc.tcp://host:port/path")
    parser.add_argument(
        "--depth",
        type=int_in(1, 64),
        default=DEFAULT_DEPTH,
        metavar="N",
        help=f"levels below the start node (default {DEFAULT_DEPTH})",
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=node_id,
        default=OBJECTS,
        metavar="NODEID",
        help="start node (default the Objects folder, i=85)",
    )
    add_json(parser, "one object per node")
    add_timeout(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    nodes = run_async(_browse(args.url, args.start, args.depth, args.timeout))
    if args.json:
        for node in nodes:
            emit_json(as_json(node))
        return EXIT_OK
    emit(f"{args.url}  from {args.start}  ({len(nodes)} nodes, depth {args.depth})")
    for node in nodes:
        emit(as_text(node))
    return EXIT_OK


async def _browse(url: str, start: str, depth: int, timeout_s: float) -> list[NodeInfo]:
    async with opcua_session(url, timeout_s) as client:
        return await browse_tree(client, start, depth)


def as_json(node: NodeInfo) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "node_id": node.node_id,
        "browse_name": node.browse_name,
        "namespace": node.namespace,
        "display_name": node.display_name,
        "node_class": node.node_class,
        "path": node.path,
        "depth": node.depth,
    }
    if node.node_class == "Variable":
        obj.update(
            data_type=node.data_type,
            value=node.value,
            status=node.status or "Good",
            writable=node.writable,
        )
    return obj


def as_text(node: NodeInfo) -> str:
    """`  2:setpoint  ns=2;s=plc.setpoint  Variable  Double = 50 (rw)`, indented by depth."""
    name = f"{node.namespace}:{node.browse_name}" if node.namespace else node.browse_name
    text = f"{'  ' * node.depth}{name}  {node.node_id}  {node.node_class}"
    if node.node_class == "Variable":
        text += f"  {node.data_type or '?'} = {short(node.value)}"
        if node.status:
            text += f" [{node.status}]"
        if node.writable:
            text += " (rw)"
    return text
