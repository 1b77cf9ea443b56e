"""A stop that lands while a refused OPC UA connect fails leaves no task behind.

Seen under chaos (PLC restarts, reconfigures): asyncio.wait_for on Python 3.11 ran the
security step and the connect as tasks of their own; a cancel landing as the refused
connect failed turned into that task's ConnectionRefusedError, which nobody retrieved
("Task exception was never retrieved" at ERROR, with a traceback, in the PLC log). The
driver now times its steps with asyncio.timeout (no inner task). Every cancel point of a
refused connect is tried, against a real closed loopback port.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

from hmi.config.schema import OpcUaConnection
from hmi.core.net import free_tcp_port
from hmi.plc.driver import PlcError
from hmi.plc.opcua import OpcUaDriver

from .helpers import line


async def test_a_cancel_at_any_point_of_a_refused_connect_leaves_nothing_unretrieved(
    tmp_path: Path,
) -> None:
    port = free_tcp_port()  # nothing listens: every connect is refused
    config = line(
        f'[[connections]]\nid = "plc1"\nprotocol = "opcua"\n'
        f'endpoint = "opc.tcp://127.0.0.1:{port}/"\ntimeout_s = 2.0\nsecurity_mode = "None"\n',
        '[[stations]]\nid = "st"\nname = "Station"\nconnection = "plc1"\n',
        '[[tags]]\nid = "st.a"\nopcua = { node_id = "ns=2;s=a" }\n')
    connection = config.connections[0]
    assert isinstance(connection, OpcUaConnection)
    loop = asyncio.get_running_loop()
    problems: list[str] = []
    handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: problems.append(str(context)))
    outcomes: set[str] = set()
    try:
        for steps in range(30):  # the refusal arrives a few loop iterations in
            driver = OpcUaDriver(connection, config.tags, data_dir=tmp_path)
            task = asyncio.create_task(driver.connect())
            for _ in range(steps):
                await asyncio.sleep(0)
            task.cancel()
            try:
                await task
                outcomes.add("connected")
            except asyncio.CancelledError:
                outcomes.add("cancelled")
            except PlcError:
                outcomes.add("refused")
            await driver.close()
            del task, driver
            gc.collect()  # an unretrieved exception is reported when its task is freed
            await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(handler)
    assert "connected" not in outcomes
    assert {"cancelled", "refused"} <= outcomes  # the sweep reached past the refusal
    assert problems == [], "\n".join(problems)
    assert _pending_tasks() == []


def _pending_tasks() -> list[Any]:
    me = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t is not me and not t.done()]
