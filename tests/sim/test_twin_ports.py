"""The twin chooses its own free ports; one taken before it binds is chosen again."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

import hmi.sim.twin as twin_module
from hmi.config import DEMO_LINE, load_line_config
from hmi.core.net import free_tcp_port
from hmi.sim.twin import LineTwin


async def test_a_chosen_port_taken_before_binding_is_chosen_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        taken = blocker.getsockname()[1]
        # First choice: the taken port for both servers (what a race with an outgoing
        # connection looks like); then free ones.
        ports = iter([taken, taken, free_tcp_port(), free_tcp_port()])
        monkeypatch.setattr(twin_module, "free_tcp_port", lambda host="127.0.0.1": next(ports))
        twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
        await twin.start()
        try:
            assert taken not in (twin.modbus_port, urlsplit(twin.opcua_endpoint).port)
            assert next(ports, None) is None  # it did choose again
        finally:
            await twin.stop()
