"""Link faults on one protocol's server: the soak bench cuts one kind of connection while
the other keeps answering (as when one PLC's cable is pulled)."""

from __future__ import annotations

import pytest
from asyncua import Client
from pymodbus.client import AsyncModbusTcpClient

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.sim.faults import FaultError
from hmi.sim.twin import LineTwin
from tests.sim.helpers import wait_until


async def _modbus_answers(twin: LineTwin) -> bool:
    probe = AsyncModbusTcpClient("127.0.0.1", port=twin.modbus_port, reconnect_delay=0,
                                 timeout=1)
    try:
        if not await probe.connect():
            return False
        reply = await probe.read_input_registers(1, count=1, device_id=1)
        return not reply.isError()
    finally:
        probe.close()


async def test_comm_loss_of_modbus_only_leaves_opcua_answering() -> None:
    async with LineTwin(load_line_config(DEMO_LINE), secure=False) as twin:
        assert twin.inject("comm_loss", "modbus", 1.5) == "comm_loss for 1.5 s (modbus only)"

        async def modbus_down() -> bool:
            return not await _modbus_answers(twin)

        await wait_until(modbus_down, 5.0, poll_s=0.1)
        async with Client(twin.opcua_endpoint, timeout=2) as client:  # still up meanwhile
            assert await client.get_node("ns=2;s=coater.web_tension_n").read_value() > 0.0

        async def modbus_back() -> bool:
            return await _modbus_answers(twin)

        await wait_until(modbus_back, 10.0, poll_s=0.2)


async def test_link_fault_targets_are_checked() -> None:
    async with LineTwin(load_line_config(DEMO_LINE), secure=False) as twin:
        with pytest.raises(FaultError, match="opcua or modbus"):
            twin.inject("comm_loss", "coater")
        with pytest.raises(FaultError, match="no target"):
            twin.inject("plc_restart", "modbus")
