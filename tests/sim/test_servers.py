"""The twin over real sockets: asyncua and pymodbus clients on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from asyncua import Client, ua
from asyncua.ua.uaerrors import UaStatusCodeError
from pymodbus.client import AsyncModbusTcpClient

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLCommand, PackMLState
from hmi.plc.codecs import decode, encode
from hmi.sim.twin import LineTwin
from tests.sim.helpers import wait_until


@pytest.fixture
async def twin() -> AsyncIterator[LineTwin]:
    async with LineTwin(load_line_config(DEMO_LINE)) as running:
        yield running


async def _modbus(twin: LineTwin) -> AsyncModbusTcpClient:
    client = AsyncModbusTcpClient("127.0.0.1", port=twin.modbus_port, reconnect_delay=0)
    assert await client.connect()
    return client


def _double(value: float) -> ua.DataValue:
    return ua.DataValue(ua.Variant(value, ua.VariantType.Double))


async def test_opcua_serves_typed_changing_values_with_units(twin: LineTwin) -> None:
    async with Client(twin.opcua_endpoint) as client:
        assert await client.get_namespace_index("urn:lineside:twin") == 2
        tension = client.get_node("ns=2;s=coater.web_tension_n")
        assert await tension.read_data_type_as_variant_type() == ua.VariantType.Double
        first = await tension.read_data_value()
        assert first.SourceTimestamp is not None
        assert 50.0 < first.Value.Value < 75.0

        async def changed() -> bool:
            return bool((await tension.read_value()) != first.Value.Value)

        await wait_until(changed, 3.0)
        state = client.get_node("ns=2;s=coater.state")
        assert await state.read_value() == PackMLState.EXECUTE
        assert await state.read_data_type_as_variant_type() == ua.VariantType.Int32
        rng = await client.get_node("ns=2;s=coater.web_tension_n.EURange").read_value()
        assert (rng.Low, rng.High) == (0.0, 200.0)
        units = await client.get_node("ns=2;s=coater.web_tension_n.EngineeringUnits").read_value()
        assert units.DisplayName.Text == "N"
        analog = await tension.read_type_definition()
        assert analog == ua.NodeId(ua.ObjectIds.AnalogItemType)


async def test_opcua_write_checks(twin: LineTwin) -> None:
    async with Client(twin.opcua_endpoint) as client:
        sp = client.get_node("ns=2;s=coater.web_tension_sp_n")
        with pytest.raises(UaStatusCodeError) as refused:
            await sp.write_value(_double(151.0))
        assert refused.value.code == ua.StatusCodes.BadOutOfRange
        assert await sp.read_value() == 62.0
        await sp.write_value(_double(70.0))
        assert await sp.read_value() == 70.0
        assert twin.station("coater").read("web_tension_sp_n") == 70.0

        out = client.get_node("ns=2;s=coater.tension_out_pct")
        with pytest.raises(UaStatusCodeError) as in_auto:
            await out.write_value(_double(20.0))
        assert in_auto.value.code == ua.StatusCodes.BadInvalidState
        with pytest.raises(UaStatusCodeError) as read_only:
            await client.get_node("ns=2;s=coater.web_tension_n").write_value(_double(1.0))
        assert read_only.value.code == ua.StatusCodes.BadNotWritable

        cmd = client.get_node("ns=2;s=mixer.command")
        with pytest.raises(UaStatusCodeError):
            await cmd.write_value(ua.DataValue(ua.Variant(99, ua.VariantType.Int32)))
        await cmd.write_value(ua.DataValue(ua.Variant(PackMLCommand.START, ua.VariantType.Int32)))
        assert await cmd.read_value() == PackMLCommand.START  # kept for read-back

        async def refused_start() -> bool:
            reason = await client.get_node("ns=2;s=mixer.reason_code").read_value()
            return bool(reason == 101)

        await wait_until(refused_start, 3.0)


async def test_inject_fault_method_and_clear(twin: LineTwin) -> None:
    async with Client(twin.opcua_endpoint) as client:
        methods = client.get_node("ns=2;s=Twin")
        args = (
            ua.Variant("web_break", ua.VariantType.String),
            ua.Variant("", ua.VariantType.String),
            ua.Variant(0.0, ua.VariantType.Double),
        )
        result = await methods.call_method("2:InjectFault", *args)
        assert result == "web_break on coater"
        state = client.get_node("ns=2;s=coater.state")

        async def aborted() -> bool:
            return bool(await state.read_value() == PackMLState.ABORTED)

        await wait_until(aborted, 3.0)
        assert await client.get_node("ns=2;s=coater.reason_code").read_value() == 202
        assert await client.get_node("ns=2;s=coater.interlock_trip").read_value() is True
        await methods.call_method("2:ClearFaults")
        assert "web_break" not in twin.station("coater").faults
        with pytest.raises(UaStatusCodeError) as bad:
            await methods.call_method(
                "2:InjectFault", ua.Variant("meteor", ua.VariantType.String), *args[1:]
            )
        assert bad.value.code == ua.StatusCodes.BadInvalidArgument


async def test_sensor_failure_on_both_protocols(twin: LineTwin) -> None:
    twin.inject("sensor_failure", "coater.web_tension_n")
    twin.inject("sensor_failure", "dry_room.dew_point_c", duration_s=60.0)
    async with Client(twin.opcua_endpoint) as client:
        node = client.get_node("ns=2;s=coater.web_tension_n")

        async def bad() -> bool:
            data = await node.read_data_value(raise_on_bad_status=False)
            return bool(data.StatusCode.value == ua.StatusCodes.BadSensorFailure)

        await wait_until(bad, 3.0)
        modbus = await _modbus(twin)
        try:
            reply = await modbus.read_input_registers(10, count=2, device_id=1)
            assert reply.isError() and reply.exception_code == 4
            reply = await modbus.read_input_registers(12, count=2, device_id=1)
            assert not reply.isError()  # the neighbouring supply dew point still reads
            twin.clear_faults()
            reply = await modbus.read_input_registers(10, count=2, device_id=1)
            assert not reply.isError()
        finally:
            modbus.close()

        async def good() -> bool:
            data = await node.read_data_value(raise_on_bad_status=False)
            return bool(data.StatusCode.is_good())

        await wait_until(good, 3.0)


async def test_modbus_reads_writes_and_refusals(twin: LineTwin) -> None:
    client = await _modbus(twin)
    try:
        dew = await client.read_input_registers(10, count=2, device_id=1)
        assert -50.0 < decode(dew.registers, "float32", "big") < -40.0
        power = await client.read_input_registers(10, count=2, device_id=2)
        assert 1900.0 < decode(power.registers, "float32", "little") < 2100.0

        ok = await client.write_registers(10, encode(-50.0, "float32", "big"), device_id=1)
        assert not ok.isError()
        assert twin.station("dry_room").read("dew_point_sp_c") == -50.0
        back = await client.read_holding_registers(10, count=2, device_id=1)
        assert decode(back.registers, "float32", "big") == -50.0

        too_wet = await client.write_registers(10, encode(-20.0, "float32", "big"), device_id=1)
        assert too_wet.isError() and too_wet.exception_code == 3
        bad_cmd = await client.write_register(1, 42, device_id=1)
        assert bad_cmd.isError() and bad_cmd.exception_code == 3
        unmapped = await client.read_holding_registers(30, count=1, device_id=1)
        assert unmapped.isError() and unmapped.exception_code == 2
        half = await client.write_register(11, 0, device_id=1)
        assert half.isError() and half.exception_code == 2
        nobody = await client.read_input_registers(0, count=1, device_id=9)
        assert nobody.isError() and nobody.exception_code == 0x0B  # gateway: no such unit

        off = await client.write_coil(1, False, device_id=1)
        assert not off.isError()
        assert twin.station("dry_room").read("dehumidifier_on") is False
        bits = await client.read_discrete_inputs(0, count=2, device_id=1)
        assert bits.bits[:2] == [False, True]  # no trip, permissives made
        status = await client.read_input_registers(20, count=1, device_id=1)
        assert status.registers[0] & 0b10 == 0  # dehumidifier_fault bit clear
    finally:
        client.close()


async def test_plc_restart_comes_back_on_the_same_ports(twin: LineTwin) -> None:
    endpoint, port = twin.opcua_endpoint, twin.modbus_port
    async with Client(endpoint) as client:
        await client.get_node("ns=2;s=coater.line_speed_sp_mpm").write_value(_double(50.0))
    twin.inject("plc_restart", duration_s=1.0)

    async def back_stopped() -> bool:
        try:
            async with Client(endpoint, timeout=1) as probe:
                state = await probe.get_node("ns=2;s=coater.state").read_value()
                return bool(state == PackMLState.STOPPED)
        except (OSError, TimeoutError, UaStatusCodeError):
            return False

    await wait_until(back_stopped, 15.0, poll_s=0.2)
    assert twin.opcua_endpoint == endpoint and twin.modbus_port == port
    async with Client(endpoint) as client:
        assert await client.get_node("ns=2;s=coater.reason_code").read_value() == 401
        assert await client.get_node("ns=2;s=coater.line_speed_sp_mpm").read_value() == 30.0
    modbus = await _modbus(twin)
    try:
        state = await modbus.read_input_registers(1, count=1, device_id=1)
        assert state.registers == [PackMLState.STOPPED]
    finally:
        modbus.close()


async def test_comm_loss_silences_the_servers_while_the_process_runs(twin: LineTwin) -> None:
    twin.inject("comm_loss", duration_s=1.5)
    sim_start = twin.line.time_s

    async def refused() -> bool:
        try:
            async with Client(twin.opcua_endpoint, timeout=1):
                return False
        except (OSError, TimeoutError):
            return True

    async def modbus_refused() -> bool:
        probe = AsyncModbusTcpClient("127.0.0.1", port=twin.modbus_port, reconnect_delay=0)
        try:
            return not await probe.connect()
        finally:
            probe.close()

    await wait_until(refused, 5.0, poll_s=0.1)
    assert await modbus_refused()

    async def answering() -> bool:
        return not await refused()

    await wait_until(answering, 10.0, poll_s=0.2)
    assert twin.line.time_s > sim_start + 1.0  # the process kept running
    assert twin.station("coater").state == PackMLState.EXECUTE  # no PLC reset


async def test_two_lines_on_one_twin() -> None:
    async with LineTwin(load_line_config(DEMO_LINE), lines=2) as twin:
        config = twin.client_config()
        assert {c.port for c in config.connections if c.protocol == "modbus"} == {
            twin.modbus_port
        }
        async with Client(twin.opcua_endpoint) as client:
            value = await client.get_node("ns=2;s=coater_2.web_tension_n").read_value()
            assert 50.0 < value < 75.0
        twin.inject("web_break", "coater_2")
        await wait_until(_state_is(twin, "coater_2", PackMLState.ABORTED), 3.0)
        assert twin.station("coater").state == PackMLState.EXECUTE
        modbus = await _modbus(twin)
        try:
            dew = await modbus.read_input_registers(10, count=2, device_id=11)
            assert -50.0 < decode(dew.registers, "float32", "big") < -40.0
        finally:
            modbus.close()


def _state_is(
    twin: LineTwin, station: str, state: PackMLState
) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return twin.station(station).state == state

    return check
