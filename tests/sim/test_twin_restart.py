"""The twin's servers come back after overlapping outages and on a port in TIME_WAIT.

Seen in the soak: an outage's end started a server while another outage's stop of the same
server still held its port; the start failed with EADDRINUSE and that PLC stayed down for
the rest of the run.
"""

from __future__ import annotations

import asyncio
import socket

import pytest

import hmi.sim.twin as twin_module
from hmi.config import DEMO_LINE, load_line_config
from hmi.sim.twin import LineTwin


async def _answers(port: int) -> bool:
    try:
        _reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), 2.0)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


async def test_a_start_during_a_stop_waits_for_the_port_and_serves() -> None:
    twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
    await twin.start()
    try:
        # The stop of one outage and the restart of another, at the same moment: the stop
        # has marked its servers down before their sockets are closed.
        await asyncio.gather(twin._stop_servers(), twin._restart_servers())
        assert twin._modbus is not None and twin._modbus.running
        assert twin._opcua is not None and twin._opcua.running
        assert await _answers(twin.modbus_port)
    finally:
        await twin.stop()


async def test_a_restart_tries_again_while_its_port_is_held(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(twin_module, "RESTART_RETRY_S", 0.05)
    twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
    await twin.start()
    try:
        await twin._stop_servers("modbus")
        blocker = socket.socket()  # a stray listener on the PLC's port (no SO_REUSEADDR)
        blocker.bind(("127.0.0.1", twin.modbus_port))
        blocker.listen()
        restart = asyncio.create_task(twin._restart_servers())
        await asyncio.sleep(0.3)
        assert twin._modbus is not None and not twin._modbus.running  # still held
        blocker.close()
        await asyncio.wait_for(restart, 5.0)
        assert twin._modbus.running
        assert await _answers(twin.modbus_port)
    finally:
        await twin.stop()


async def test_a_restart_binds_a_port_with_connections_in_time_wait() -> None:
    twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
    await twin.start()
    try:
        for _ in range(3):  # connections the server side closes end in TIME_WAIT on it
            assert await _answers(twin.modbus_port)
        reader, writer = await asyncio.open_connection("127.0.0.1", twin.modbus_port)
        await twin._stop_servers()  # the server closes first: its side holds TIME_WAIT
        await reader.read()
        writer.close()
        await writer.wait_closed()
        await twin._restart_servers()
        assert twin._modbus is not None and twin._modbus.running
        assert await _answers(twin.modbus_port)
    finally:
        await twin.stop()
