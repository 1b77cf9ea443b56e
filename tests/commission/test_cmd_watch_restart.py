"""`lineside watch` rides through a PLC restart: COMM_LOST, then values again, by itself.

A real subprocess (as the engineer runs it) against a server that the test stops and starts
again on the same port. The test follows the output line by line instead of sleeping.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import Callable
from typing import Any

import pytest

from commission.servers import opcua_server

pytestmark = pytest.mark.slow

COUNTER = "ns=2;s=plc.counter"


Update = dict[str, Any]


async def _until(
    stdout: asyncio.StreamReader, seen: list[Update], wanted: Callable[[Update], bool]
) -> Update:
    """Read updates until one is `wanted` (15 s at most: reconnect backoff is capped at 4)."""
    async def scan() -> Update:
        while True:
            line = await stdout.readline()
            assert line, f"watch ended early; it printed {seen}"
            update: Update = json.loads(line)
            seen.append(update)
            if wanted(update):
                return update

    return await asyncio.wait_for(scan(), 15)


async def test_watch_reports_comm_lost_and_resumes(free_port: int) -> None:
    seen: list[Update] = []
    async with opcua_server(free_port) as server:
        watch = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "hmi.cli", "watch", server.endpoint, COUNTER, "--json",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        assert watch.stdout is not None and watch.stderr is not None
        try:
            await _until(watch.stdout, seen, lambda u: u["quality"] == "GOOD")
            # Leaving the block stops the server: the PLC goes down mid-watch.
        except BaseException:
            watch.kill()
            await watch.wait()
            raise
    try:
        lost = await _until(watch.stdout, seen, lambda u: u["quality"] == "COMM_LOST")
        assert lost["tag"] == COUNTER
        async with opcua_server(free_port):  # the PLC is back, on the same address
            back = await _until(watch.stdout, seen, lambda u: u["quality"] == "GOOD")
        assert back["received_ts"] > lost["received_ts"]
        watch.send_signal(signal.SIGINT)  # how an engineer ends a watch
        _, err = await asyncio.wait_for(watch.communicate(), 10)
    finally:
        if watch.returncode is None:
            watch.kill()
            await watch.wait()
    assert watch.returncode == 0
    assert err == b"", err.decode()
