"""Shared helpers for the twin tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from hmi.core.packml import PackMLCommand
from hmi.sim.line import Line
from hmi.sim.station import Station, WriteResult


async def wait_until(
    condition: Callable[[], Awaitable[bool]], timeout_s: float = 10.0, poll_s: float = 0.05
) -> None:
    """Poll an async condition until it holds; fail with a clear message on timeout."""
    deadline = time.monotonic() + timeout_s
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s} s")
        await asyncio.sleep(poll_s)


def command(line: Line, station: Station, cmd: PackMLCommand) -> WriteResult:
    return station.write("command", int(cmd), line)


def run_until(line: Line, condition: Callable[[], bool], limit_s: float) -> float:
    """Step simulated time until `condition`; return the simulated seconds it took."""
    start = line.time_s
    while not condition():
        if line.time_s - start > limit_s:
            raise AssertionError(f"condition not met within {limit_s} s of simulated time")
        line.step(0.1)
    return line.time_s - start
