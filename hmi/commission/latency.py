"""`lineside latency URL NODEID [--write]`: how long a read takes, and a write's echo.

Scriptable closed-loop response time (UaExpert's benchmarks cannot be scripted, S2OPC
#428): the read round trip of one node or register, and with --write the time from a
setpoint write leaving until the subscription (or poll) brings it back; p50/p99/max.

--write is a write to a live PLC: it takes the one write path (the user signs in, their
role must allow write_setpoint at the tag, every write is read back and audited) and puts
the original value back at the end. Only numbers are written: toggling a bool could start
a machine. Through the same PlcService as the HMI (its drivers, reconnects, quality).

URL forms: opc.tcp://host:port/path NODEID, or modbus://host:port/unit/address[:type[:order]]
(a holding register; type default float32, order big = ABCD or little = CDAB).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import Any

from hmi.commission.adhoc import opcua_config
from hmi.commission.common import (
    Subparsers,
    add_json,
    add_timeout,
    int_in,
    node_id,
    opcua_url,
    run_async,
)
from hmi.commission.errors import EXIT_OK, RuntimeFailure, UsageError
from hmi.commission.output import emit, emit_json
from hmi.commission.session import plc_session, store_for
from hmi.commission.write import _OPCUA_TYPES
from hmi.config import LineConfig, ModbusConnection, Station, TagConfig
from hmi.config.schema import DataType, LineInfo, PollGroup
from hmi.core.commands import CommandService, WriteOutcome
from hmi.core.tags import Scalar
from hmi.plc.browse import describe_node, opcua_session
from hmi.plc.latency import EchoRun, EchoWatch, LatencyStats, StampingWriter, read_round_trips
from hmi.plc.latency import write_echoes as run_echoes
from hmi.security import Security
from hmi.security.cli import host, signed_in

DEFAULT_COUNT = 100
DEFAULT_INTERVAL_MS = 100  # the demo line's publishing interval: what its screens see
TAG = "node.n1"
_MODBUS_URL = re.compile(
    r"^modbus://(?P<host>[^/:\[\]]+|\[[^\]]+\]):(?P<port>\d+)/(?P<unit>\d+)/(?P<address>\d+)"
    r"(?::(?P<type>int16|uint16|int32|uint32|float32)(?::(?P<order>big|little))?)?$"
)


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "latency",
        help="measure a read's round trip (and with --write a setpoint's write-to-echo time)",
        usage="lineside latency URL NODEID [--write --user NAME] [--count N] [--json]\n"
        "       lineside latency modbus://HOST:PORT/UNIT/ADDRESS[:TYPE[:ORDER]] [...]",
        description="Read a node (or Modbus holding register) COUNT times and print the round "
        "trip's p50/p99/max. With --write, also write the value COUNT times (alternately "
        "original+STEP and original), time each until the subscription delivers it back, and "
        "restore the original value at the end. --write needs --user (a role that may write "
        "setpoints); every write is audited.",
    )
    parser.add_argument("targets", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="also measure write-to-echo")
    parser.add_argument("--count", type=int_in(1, 100_000), default=DEFAULT_COUNT, metavar="N",
                        help=f"reads (and writes) to time (default {DEFAULT_COUNT})")
    parser.add_argument("--step", type=float, default=None, metavar="X",
                        help="with --write: the change written (default 1%% of the value, "
                        "at least 0.1; 1 for integers)")
    parser.add_argument("--interval", type=int_in(10, 60_000), default=DEFAULT_INTERVAL_MS,
                        metavar="MS", help="OPC UA publishing interval or Modbus poll period "
                        f"the echo comes back by (default {DEFAULT_INTERVAL_MS})")
    parser.add_argument("--pause", type=float, default=0.0, metavar="S",
                        help="wait S seconds between samples (default none)")
    add_json(parser, "the result (keys p50_ms, p99_ms, max_ms)")
    add_timeout(parser)
    parser.add_argument("--user", metavar="NAME",
                        help="with --write: who writes (asked for a password)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input, not a prompt")
    parser.add_argument("--reason", default="", help="why (stored in the audit trail)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the data folder with plant.sqlite (default: the per-user one)")
    parser.set_defaults(run=run, config=None)


@dataclass(frozen=True, slots=True)
class Target:
    config: LineConfig
    label: str  # the node id or the Modbus address, as the user gave it
    data_type: DataType


def run(args: argparse.Namespace) -> int:
    if args.pause < 0:
        raise UsageError("--pause must be 0 or more seconds")
    if args.write and not args.user:
        raise UsageError("--write writes to the PLC: give --user NAME (a role that may write "
                         "setpoints; asked for a password)")
    target = _target(args)
    if args.write and target.data_type not in ("float", "int"):
        raise UsageError(f"{target.label} holds a {target.data_type}: --write writes numbers "
                         "only (a bool may start or stop a machine)")
    if args.write:
        with signed_in(args) as (security, user):
            reads, echo = run_async(_measure(args, target, (security, user.username)))
    else:
        reads, echo = run_async(_measure(args, target, None))
    if args.json:
        emit_json(as_json(target, reads, echo))
    else:
        for line in as_text(target, reads, echo):
            emit(line)
    if reads.count == 0 or (echo is not None and (echo.stats.count == 0 or not echo.restored)):
        problem = echo.problem if echo is not None and echo.problem else "no read succeeded"
        # The service names the ad-hoc tag: name what the user gave instead.
        raise RuntimeFailure(problem.replace(TAG, target.label))
    return EXIT_OK


def _target(args: argparse.Namespace) -> Target:
    first = args.targets[0]
    if first.startswith("modbus://"):
        if len(args.targets) != 1:
            raise UsageError("a modbus:// URL names its register: give no NODEID")
        return _modbus_target(first, args.timeout, args.interval)
    if len(args.targets) != 2:
        raise UsageError("give URL NODEID (or a modbus://HOST:PORT/UNIT/ADDRESS URL)")
    try:
        url, node = opcua_url(first), node_id(args.targets[1])
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    data_type, writable = run_async(_node_data_type(url, node, args.timeout))
    if args.write and writable is False:
        raise UsageError(f"{node} is read-only on the server (no CurrentWrite access): "
                         "pick a setpoint node to time a write's echo")
    config, _ = opcua_config(url, [node], timeout_s=args.timeout, interval_ms=args.interval,
                             data_types={node: data_type}, writable=args.write)
    return Target(config, node, data_type)


async def _node_data_type(url: str, node: str, timeout_s: float) -> tuple[DataType, bool | None]:
    async with opcua_session(url, timeout_s) as client:
        info = await describe_node(client, node)
    if info.node_class != "Variable":
        raise RuntimeFailure(f"{node} is an {info.node_class}, not a variable: nothing to time")
    return _OPCUA_TYPES.get(info.data_type or "", "string"), info.writable


def _modbus_target(url: str, timeout_s: float, interval_ms: int) -> Target:
    match = _MODBUS_URL.match(url)
    if match is None:
        raise UsageError(f"{url!r} is not like modbus://192.168.0.20:502/1/100:float32:big "
                         "(host:port/unit/address[:type[:order]])")
    port, unit, address = int(match["port"]), int(match["unit"]), int(match["address"])
    if not (1 <= port <= 65535 and unit <= 255 and address <= 65535):
        raise UsageError(f"{url}: port 1..65535, unit 0..255, address 0..65535")
    kind = match["type"] or "float32"
    connection = ModbusConnection(
        id="node", protocol="modbus", host=match["host"].strip("[]"), port=port, unit_id=unit,
        timeout_s=timeout_s, poll_groups=(PollGroup(id="default", rate_ms=interval_ms),),
    )
    tag = TagConfig.model_validate({
        "id": TAG, "data_type": "float" if kind == "float32" else "int", "writable": True,
        "modbus": {"table": "holding", "address": address, "type": kind,
                   "word_order": match["order"] or "big"},
    })
    config = LineConfig(line=LineInfo(id="adhoc", name=url), connections=(connection,),
                        stations=(Station(id="node", name=url, connection="node"),), tags=(tag,))
    return Target(config, url.removeprefix("modbus://"), tag.data_type)


async def _measure(
    args: argparse.Namespace, target: Target, writer: tuple[Security, str] | None
) -> tuple[LatencyStats, EchoRun | None]:
    store = store_for(target.config)
    async with plc_session(target.config, store, args.timeout) as service:
        reads, reason = await read_round_trips(service, TAG, args.count, args.pause)
        if writer is None or reads.count == 0:
            if reads.count == 0:
                reason = reason.replace(TAG, target.label)
                raise RuntimeFailure(f"{target.label}: no read succeeded ({reason})")
            return reads, None
        security, username = writer
        (current,) = await service.read([TAG])
        original = current.value
        if not isinstance(original, int | float) or isinstance(original, bool):
            raise RuntimeFailure(f"{target.label} holds {original!r}: not a number to write")
        stamps = StampingWriter(service)
        commands = CommandService(stamps, security.policy, security.audit)
        why = f"lineside latency --write {target.label}"
        reason = f"{why}: {args.reason}" if args.reason else why

        async def write(value: Scalar) -> WriteOutcome:
            (outcome,) = await commands.write(username, [(TAG, value)], reason=reason,
                                              client_host=host())
            return outcome

        watch = EchoWatch(store, TAG)
        try:
            echo = await run_echoes(write, stamps, watch, TAG, original,
                                    _step(args.step, original), args.count,
                                    timeout_s=max(args.timeout, 1.0), pause_s=args.pause,
                                    jitter_s=args.interval / 1000.0)
        finally:
            watch.close()
        return reads, echo


def _step(step: float | None, original: float | int) -> float:
    if step is not None:
        if step == 0:
            raise UsageError("--step must not be 0: the value must change to be echoed")
        return step
    if isinstance(original, int):
        return 1.0
    return max(0.1, round(abs(original) * 0.01, 3))


def as_json(target: Target, reads: LatencyStats, echo: EchoRun | None) -> dict[str, Any]:
    obj: dict[str, Any] = {"target": target.label, **reads.as_json(), "read": reads.as_json()}
    if echo is not None:
        obj["write_echo"] = {**echo.stats.as_json(), "original": echo.original,
                             "restored": echo.restored,
                             "problem": echo.problem.replace(TAG, target.label)}
    return obj


def as_text(target: Target, reads: LatencyStats, echo: EchoRun | None) -> list[str]:
    lines = [f"{target.label}", f"  read round trip   {reads.text()}"]
    if echo is not None:
        lines.append(f"  write-to-echo     {echo.stats.text()}")
        lines.append(f"  original value    {echo.original} "
                     + ("(restored)" if echo.restored else "(NOT restored: check the PLC)"))
        if echo.problem:
            lines.append(f"  problem           {echo.problem.replace(TAG, target.label)}")
    return lines
