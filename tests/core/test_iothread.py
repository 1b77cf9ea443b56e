"""IoThread: one asyncio loop on its own thread, driven from others."""

from __future__ import annotations

import asyncio
import threading

import pytest

from hmi.core.iothread import IoThread


def test_runs_coroutines_on_its_own_thread() -> None:
    with IoThread() as io:

        async def where() -> str:
            await asyncio.sleep(0)
            return threading.current_thread().name

        assert io.run(where(), timeout=5) == "lineside-io"


def test_stop_cancels_pending_tasks() -> None:
    cancelled = threading.Event()
    io = IoThread().start()

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            cancelled.set()

    io.submit(forever())
    io.stop()
    assert cancelled.is_set()
    assert not io.running
    with pytest.raises(RuntimeError, match="not running"):
        _ = io.loop


def test_exceptions_come_back_to_the_caller() -> None:
    with IoThread() as io:

        async def fail() -> None:
            raise ValueError("refused")

        with pytest.raises(ValueError, match="refused"):
            io.run(fail(), timeout=5)
