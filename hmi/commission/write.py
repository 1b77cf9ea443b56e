"""`lineside write`: write one value, read it back, print both.

Through the command service, the same path as the HMI's screens: the user signs in
(--user, password from a prompt or --password-stdin), their role must allow the write at
the tag's station, the value goes out in the node's own type, is read back and compared,
and the audit trail records who, old, sent, read back and why. A PLC refusal exits 1 with
its reason (BadOutOfRange, ILLEGAL DATA VALUE, ...); a refused user exits 2 before
anything is sent; scripts and commissioning checklists can rely on the exit codes.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass

from hmi.commission.adhoc import opcua_config, subset
from hmi.commission.common import (
    Subparsers,
    add_json,
    add_timeout,
    load_config,
    node_id,
    opcua_url,
    run_async,
)
from hmi.commission.errors import EXIT_OK, RuntimeFailure, UsageError
from hmi.commission.output import emit, emit_json, short
from hmi.commission.session import plc_session, store_for
from hmi.config import LineConfig, TagConfig
from hmi.config.schema import DataType
from hmi.core.commands import CommandService
from hmi.core.tags import Scalar
from hmi.plc.access import WriteResult
from hmi.plc.browse import describe_node, opcua_session
from hmi.security import Security
from hmi.security.cli import add_signed_in_args, host, signed_in

# OPC UA built-in types the command line can write, as line-config data types.
_OPCUA_TYPES: dict[str, DataType] = {
    "Boolean": "bool",
    "Float": "float",
    "Double": "float",
    "String": "string",
    **{
        name: "int"
        for name in (
            "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        )
    },
}
_TRUE = {"true", "1", "on", "yes"}
_FALSE = {"false", "0", "off", "no"}


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "write",
        help="write one value to a node or tag, read it back",
        usage="lineside write URL NODEID VALUE [options]\n"
        "       lineside write --config FILE TAG VALUE [options]",
        description="Write VALUE (parsed per the node's or tag's data type: a number, "
        "true/false, text, or an enum label), read it back and print both. Exits 1 when the "
        "PLC refuses the write or holds a different value afterwards.",
    )
    parser.add_argument("targets", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument("--config", metavar="FILE", help="line config; write one of its tags")
    add_json(parser, "the result")
    add_timeout(parser)
    add_signed_in_args(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Request:
    config: LineConfig
    tag: TagConfig
    label: str  # printed as the target: the node id (URL form) or the tag id
    text: str  # VALUE as typed
    type_name: str  # the target's type as the user knows it: Double, or the config's float


def run(args: argparse.Namespace) -> int:
    request = _config_request(args) if args.config is not None else _url_request(args)
    value = parse_value(request, request.config.all_enums())
    with signed_in(args) as (security, user):
        result = run_async(_write(request.config, request.tag.id, value, args.timeout,
                                  user.username, args.reason, security))
    # The service names the tag; in the URL form that is a made-up id: name the node.
    message = result.message.replace(request.tag.id, request.label)
    if args.json:
        emit_json(_as_json(request.label, result, message))
    if not result.ok:
        raise RuntimeFailure(message)
    if not args.json:
        emit(
            f"{request.label}: wrote {short(result.requested)}, "
            f"read back {short(result.read_back)} ({result.duration_s * 1000:.0f} ms)"
        )
    return EXIT_OK


def _config_request(args: argparse.Namespace) -> Request:
    if len(args.targets) != 2:
        raise UsageError("with --config give TAG VALUE")
    tag_id, text = args.targets
    config = load_config(args.config)
    try:
        tag = config.tag(tag_id)
    except KeyError:
        raise UsageError(f"{tag_id}: no such tag in {args.config}") from None
    if not tag.writable:
        raise UsageError(f"{tag_id} is read-only in {args.config} (writable = false)")
    return Request(subset(config, [tag_id]), tag, tag_id, text, tag.data_type)


def _url_request(args: argparse.Namespace) -> Request:
    if len(args.targets) != 3:
        raise UsageError("give URL NODEID VALUE, or --config FILE TAG VALUE")
    url_text, node_text, text = args.targets
    try:
        url, node = opcua_url(url_text), node_id(node_text)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    type_name, data_type = run_async(_node_data_type(url, node, args.timeout))
    config, _ = opcua_config(
        url, [node], timeout_s=args.timeout, data_types={node: data_type}, writable=True
    )
    return Request(config, config.tags[0], node, text, type_name)


async def _node_data_type(url: str, node: str, timeout_s: float) -> tuple[str, DataType]:
    """The node's DataType decides how VALUE is read: `1` is true, 1 or 1.0 by the node."""
    async with opcua_session(url, timeout_s) as client:
        info = await describe_node(client, node)
    if info.node_class != "Variable":
        raise RuntimeFailure(f"{node} is an {info.node_class}, not a variable: nothing to write")
    data_type = _OPCUA_TYPES.get(info.data_type or "")
    if data_type is None:
        raise RuntimeFailure(f"{node} holds a {info.data_type}: the command line writes only "
                             f"{', '.join(sorted(_OPCUA_TYPES))}")
    return info.data_type or "", data_type


def parse_value(request: Request, enums: Mapping[str, Mapping[int, str]]) -> Scalar:
    """VALUE as the target's type, or a usage error naming the target and its type."""
    text, tag = request.text, request.tag
    kind = tag.data_type
    what = f"{request.label} is {_a(request.type_name)}"
    if kind == "string":
        return text
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise UsageError(f"{text!r} is not true or false ({what})")
    if kind == "enum":
        labels = enums.get(tag.enum or "", {})
        for number, label in labels.items():
            if label.lower() == text.lower():
                return number
        try:
            return int(text, 0)
        except ValueError:
            raise UsageError(
                f"{text!r} is not one of {', '.join(labels.values())} ({what} {tag.enum})"
            ) from None
    try:
        return int(text, 0) if kind == "int" else float(text)
    except ValueError:
        noun = "a whole number" if kind == "int" else "a number"
        raise UsageError(f"{text!r} is not {noun} ({what})") from None


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


async def _write(
    config: LineConfig, tag_id: str, value: Scalar, timeout_s: float, username: str,
    reason: str, security: Security,
) -> WriteResult:
    store = store_for(config)
    async with plc_session(config, store, timeout_s) as service:
        commands = CommandService(service, security.policy, security.audit)
        outcomes = await commands.write(
            username, [(tag_id, value)], reason=reason, client_host=host())
        result = outcomes[0]
        assert isinstance(result, WriteResult)
        return result


def _as_json(label: str, result: WriteResult, message: str) -> dict[str, object]:
    return {
        "tag": label,
        "requested": result.requested,
        "read_back": result.read_back,
        "ok": result.ok,
        "status": result.status,
        "message": message,
        "duration_ms": round(result.duration_s * 1000, 1),
    }
