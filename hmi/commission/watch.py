"""`lineside watch`: live values of a few nodes or of a line config's tags.

Built on PlcService and TagStore, the same path as the HMI's screens: it prints what the
operator would see, quality included, and rides through a PLC restart (the supervisor marks
the tags COMM_LOST, rebuilds the client and the values come back by themselves).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hmi.commission.adhoc import opcua_config, subset
from hmi.commission.common import (
    Subparsers,
    add_json,
    add_timeout,
    int_in,
    load_config,
    node_id,
    opcua_url,
    positive_float,
    run_async,
)
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit, emit_json, iso, short
from hmi.commission.session import plc_session, store_for
from hmi.config import LineConfig, TagConfig
from hmi.core.tags import TagValue

DEFAULT_INTERVAL_MS = 100


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="print live values of OPC UA nodes, or of a line config's tags",
        usage="lineside watch URL NODEID [NODEID ...] [--interval-ms N] [options]\n"
        "       lineside watch --config FILE [--tag ID ...] [options]",
        description="Print every update with its quality and timestamps until --duration "
        "ends or Ctrl-C. Keeps running through a PLC restart: the values turn COMM_LOST and "
        "come back when the PLC does.",
    )
    parser.add_argument("targets", nargs="*", metavar="URL NODEID", help=argparse.SUPPRESS)
    parser.add_argument("--config", metavar="FILE", help="line config; watch its tags")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="ID", help="with --config: only this tag"
    )
    parser.add_argument(
        "--interval-ms",
        type=int_in(10, 60_000),
        default=None,
        metavar="N",
        help=f"with URL: publishing interval (default {DEFAULT_INTERVAL_MS})",
    )
    parser.add_argument(
        "--duration", type=positive_float, metavar="S", help="stop after S seconds"
    )
    add_json(parser, "one object per update")
    add_timeout(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Plan:
    config: LineConfig
    labels: Mapping[str, str]  # tag id -> what to print as `tag` (the node id for URL form)


def run(args: argparse.Namespace) -> int:
    plan = _plan(args)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a watch ends: not an error
        run_async(_watch(plan, args.duration, args.timeout, args.json))
    return EXIT_OK


def _plan(args: argparse.Namespace) -> Plan:
    if args.config is not None:
        if args.targets:
            raise UsageError("give either URL NODEID... or --config FILE, not both")
        if args.interval_ms is not None:
            raise UsageError("--interval-ms is for URL NODEID...; a config sets its own rates")
        config = load_config(args.config)
        wanted = args.tag or [t.id for t in config.tags]
        if not wanted:
            raise UsageError(f"{args.config} has no tags to watch")
        known = {t.id for t in config.tags}
        unknown = [t for t in wanted if t not in known]
        if unknown:
            raise UsageError(f"{', '.join(unknown)}: no such tag in {args.config}")
        return Plan(subset(config, wanted), {t: t for t in wanted})
    if args.tag:
        raise UsageError("--tag needs --config FILE")
    if len(args.targets) < 2:
        raise UsageError("give URL and at least one NODEID, or --config FILE")
    url = _checked(opcua_url, args.targets[0])
    nodes = [_checked(node_id, text) for text in args.targets[1:]]
    config, tags = opcua_config(
        url, nodes, interval_ms=args.interval_ms or DEFAULT_INTERVAL_MS, timeout_s=args.timeout
    )
    return Plan(config, tags)


def _checked(parse: Callable[[str], str], text: str) -> str:
    """Positional arguments whose meaning depends on --config are checked here, not by argparse."""
    try:
        return parse(text)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None


async def _watch(plan: Plan, duration_s: float | None, timeout_s: float, as_json: bool) -> None:
    store = store_for(plan.config)
    batches: asyncio.Queue[Sequence[TagValue]] = asyncio.Queue()
    # The store calls subscribers inside the driver's receive path: hand over, print later,
    # so a slow terminal (or a closed pipe) never stalls or breaks the driver.
    unsubscribe = store.subscribe(batches.put_nowait)
    enums = plan.config.all_enums()
    tags = {t.id: t for t in plan.config.tags}
    width = max(len(label) for label in plan.labels.values())
    try:
        async with plc_session(plan.config, store, timeout_s, need_all=False):
            deadline = time.monotonic() + duration_s if duration_s is not None else None
            while True:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return
                try:
                    batch = await asyncio.wait_for(batches.get(), remaining)
                except TimeoutError:
                    return
                for value in batch:
                    label = plan.labels.get(value.tag_id, value.tag_id)
                    tag = tags.get(value.tag_id)
                    text = _enum_label(enums, tag, value)
                    if as_json:
                        emit_json(_as_json(label, value, text))
                    else:
                        emit(_as_text(label, value, text, tag.unit if tag else "", width))
    finally:
        unsubscribe()


def _enum_label(
    enums: Mapping[str, Mapping[int, str]], tag: TagConfig | None, value: TagValue
) -> str | None:
    if tag is None or tag.enum is None or not isinstance(value.value, int):
        return None
    return enums.get(tag.enum, {}).get(value.value)


def _as_json(label: str, value: TagValue, enum_label: str | None) -> dict[str, object]:
    obj: dict[str, object] = {
        "tag": label,
        "value": value.value,
        "quality": value.quality.value,
        "source_ts": iso(value.source_ts),
        "received_ts": iso(value.received_ts),
        "status": value.status,
    }
    if enum_label is not None:
        obj["label"] = enum_label
    return obj


def _as_text(label: str, value: TagValue, enum_label: str | None, unit: str, width: int) -> str:
    """`17:50:01.123  ns=2;s=plc.counter  42  GOOD` (+ the reason when it is not good)."""
    shown = short(value.value, 40)
    if enum_label is not None:
        shown += f" ({enum_label})"
    if unit:
        shown += f" {unit}"
    line = (
        f"{value.received_ts.astimezone().strftime('%H:%M:%S.%f')[:-3]}  "
        f"{label:<{width}}  {shown:>14}  {value.quality.value}"
    )
    if not value.quality.is_live or not value.status.startswith("Good"):
        line += f"  {value.status}"
    age_s = value.age_s(value.received_ts)
    if value.quality.is_live and age_s > 1.0:
        line += f"  (source {age_s:.1f} s old)"  # the PLC stamped it well before we got it
    return line
