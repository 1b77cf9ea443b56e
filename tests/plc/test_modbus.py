"""ModbusDriver + supervisor + PlcService against a real pymodbus server on loopback."""

# ruff: noqa: E501  (TOML inline tables must stay on one line)

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from pymodbus.constants import ExcCodes

from hmi.config.schema import LineConfig
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.plc.modbus import EXCEPTION_TEXT, exception_status
from hmi.plc.service import PlcService

from .helpers import MakeService, connected, line, wait_until
from .servers import ModbusTestServer

# Unit 1 keeps 32-bit values high word first (ABCD), unit 2 low word first (CDAB):
# the same address read through two connections, like the demo line's dry room and welder.
TAGS = """
[[tags]]
id = "big.dew_c"
modbus = { table = "input", address = 10, type = "float32", word_order = "big", poll_group = "fast" }
[[tags]]
id = "big.state"
data_type = "int"
modbus = { table = "input", address = 1, type = "uint16", poll_group = "fast" }
[[tags]]
id = "big.door"
data_type = "bool"
modbus = { table = "input", address = 20, type = "bool", bit = 1, poll_group = "fast" }
[[tags]]
id = "big.temp_c"
modbus = { table = "input", address = 14, type = "int16", scale = 0.1, poll_group = "fast" }
[[tags]]
id = "big.count"
data_type = "int"
modbus = { table = "input", address = 30, type = "int32", poll_group = "slow" }
[[tags]]
id = "big.far"
data_type = "int"
modbus = { table = "input", address = 60, type = "uint16", poll_group = "fast" }
[[tags]]
id = "big.trip"
data_type = "bool"
modbus = { table = "discrete", address = 0, type = "bool", poll_group = "fast" }
[[tags]]
id = "big.reset"
data_type = "bool"
writable = true
modbus = { table = "coil", address = 2, type = "bool", poll_group = "fast" }
[[tags]]
id = "big.sp_c"
writable = true
modbus = { table = "holding", address = 10, type = "float32", poll_group = "fast" }
[[tags]]
id = "big.room_sp_c"
writable = true
read_back_tolerance = 0.05
modbus = { table = "holding", address = 14, type = "int16", scale = 0.1, poll_group = "slow" }
[[tags]]
id = "big.run"
data_type = "bool"
writable = true
modbus = { table = "holding", address = 20, type = "bool", bit = 2, poll_group = "fast" }
[[tags]]
id = "little.power_w"
modbus = { table = "input", address = 10, type = "float32", word_order = "little", poll_group = "fast" }
[[tags]]
id = "little.welds"
data_type = "int"
modbus = { table = "input", address = 30, type = "uint32", word_order = "little", poll_group = "fast" }
[[tags]]
id = "little.sp_w"
writable = true
modbus = { table = "holding", address = 10, type = "float32", word_order = "little", poll_group = "fast" }
"""


def modbus_line(port: int, timeout_s: float = 1.0, extra_tags: str = "",
                max_gap: int = 8) -> LineConfig:
    connections = "".join(
        f'[[connections]]\nid = "{name}"\nprotocol = "modbus"\nhost = "127.0.0.1"\n'
        f"port = {port}\nunit_id = {unit}\ntimeout_s = {timeout_s}\nmax_gap = {max_gap}\n"
        '[[connections.poll_groups]]\nid = "fast"\nrate_ms = 100\n'
        '[[connections.poll_groups]]\nid = "slow"\nrate_ms = 300\n'
        for name, unit in (("mb_big", 1), ("mb_little", 2))
    )
    stations = (
        '[[stations]]\nid = "big"\nname = "Big-endian PLC"\nconnection = "mb_big"\n'
        '[[stations]]\nid = "little"\nname = "Little-endian PLC"\nconnection = "mb_little"\n'
    )
    return line(connections, stations, TAGS + extra_tags)


@pytest.fixture
async def server() -> AsyncIterator[ModbusTestServer]:
    srv = ModbusTestServer(free_tcp_port(), units=(1, 2))
    await srv.start()
    await srv.set_value("input", 10, -42.5, "float32", "big", unit=1)
    await srv.set_registers("input", 1, [6], unit=1)
    await srv.set_registers("input", 20, [0b10], unit=1)
    await srv.set_value("input", 14, 23.4, "int16", scale=0.1, unit=1)
    await srv.set_value("input", 30, -70000, "int32", "big", unit=1)
    await srv.set_registers("input", 60, [7], unit=1)
    await srv.set_bits("discrete", 0, [True], unit=1)
    await srv.set_registers("holding", 20, [0b1001], unit=1)
    await srv.set_value("input", 10, 1234.5, "float32", "little", unit=2)
    await srv.set_value("input", 30, 3_000_000_000, "uint32", "little", unit=2)
    yield srv
    srv.frozen = False
    await srv.stop()


async def started(make_service: MakeService, port: int,
                  timeout_s: float = 1.0) -> tuple[TagStore, PlcService]:
    return await connected(make_service, modbus_line(port, timeout_s))


def value(store: TagStore, tag_id: str) -> object:
    current = store.get(tag_id)
    return current.value if current and current.quality is Quality.GOOD else None


def quality(store: TagStore, tag_id: str) -> Quality | None:
    current = store.get(tag_id)
    return current.quality if current else None


async def test_both_word_orders_scaling_and_bits_decode(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    store, _ = await started(make_service, server.port)
    await wait_until(lambda: all(quality(store, t) is Quality.GOOD for t in (
        "big.dew_c", "big.count", "little.power_w", "little.welds", "big.trip", "big.run")))
    assert value(store, "big.dew_c") == -42.5
    assert value(store, "little.power_w") == 1234.5
    assert value(store, "big.count") == -70000
    assert value(store, "little.welds") == 3_000_000_000
    assert value(store, "big.state") == 6
    assert value(store, "big.door") is True
    assert value(store, "big.temp_c") == pytest.approx(23.4)
    assert value(store, "big.trip") is True
    assert value(store, "big.run") is False  # bit 2 of 0b1001
    # A new value on the wire shows up at the poll rate.
    await server.set_value("input", 10, -41.0, "float32", "big", unit=1)
    await wait_until(lambda: value(store, "big.dew_c") == -41.0, timeout_s=1.0)


async def test_adjacent_registers_are_read_in_merged_blocks(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    server.requests.clear()  # forget the fixture's own setup writes
    await started(make_service, server.port)
    await asyncio.sleep(0.35)
    unit1_fast_inputs = {(a, c) for fc, unit, a, c in server.requests if fc == 4 and unit == 1
                         and a != 30}
    # state 1, dew 10-11, temp 14, door 20: one request (gaps <= max_gap 8); 60 alone.
    assert unit1_fast_inputs == {(1, 20), (60, 1)}
    reads = [r for r in server.requests if r[0] in (1, 2, 3, 4)]
    assert len(reads) < 40  # ~3 polls x 7 blocks in 0.35 s, not one request per tag


async def test_exception_codes_become_bad_with_clear_text_and_polling_goes_on(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    store, _ = await started(make_service, server.port)
    await wait_until(lambda: quality(store, "big.far") is Quality.GOOD)
    server.refuse[(4, 60)] = ExcCodes.DEVICE_FAILURE
    await wait_until(lambda: quality(store, "big.far") is Quality.BAD)
    far = store.get("big.far")
    assert far is not None
    assert far.status == "PLC answered exception 04 (device failure) for big.far at 30061"
    # The other blocks of the same poll group keep updating.
    await server.set_value("input", 10, -39.5, "float32", "big", unit=1)
    await wait_until(lambda: value(store, "big.dew_c") == -39.5, timeout_s=1.0)
    server.refuse.clear()
    await wait_until(lambda: value(store, "big.far") == 7)


@pytest.mark.parametrize("code", [1, 2, 3, 4])
def test_exception_texts(code: int) -> None:
    assert exception_status(code) == f"Modbus exception {code} ({EXCEPTION_TEXT[code]})"
    assert EXCEPTION_TEXT[1] == "illegal function" and EXCEPTION_TEXT[2] == "illegal data address"


async def test_unimplemented_address_is_illegal_data_address(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    hole = (
        '[[tags]]\nid = "big.hole"\ndata_type = "int"\n'
        'modbus = { table = "input", address = 45, type = "uint16", poll_group = "fast" }\n'
    )
    store, service = make_service(modbus_line(server.port, extra_tags=hole))
    await service.start()
    await wait_until(lambda: quality(store, "big.hole") is Quality.BAD)
    hole_value = store.get("big.hole")
    assert hole_value is not None
    assert hole_value.status == "PLC answered exception 02 (illegal data address) for big.hole at 30046"
    await wait_until(lambda: value(store, "big.far") == 7)  # the next block is still read


async def test_a_merged_read_over_a_refused_hole_splits_itself(
    server: ModbusTestServer, make_service: MakeService, caplog: pytest.LogCaptureFixture
) -> None:
    edges = (
        '[[tags]]\nid = "big.low"\ndata_type = "int"\n'
        'modbus = { table = "input", address = 39, type = "uint16", poll_group = "fast" }\n'
        '[[tags]]\nid = "big.high"\ndata_type = "int"\n'
        'modbus = { table = "input", address = 50, type = "uint16", poll_group = "fast" }\n'
    )
    await server.set_registers("input", 39, [39], unit=1)
    await server.set_registers("input", 50, [50], unit=1)
    # max_gap 16 bridges the unimplemented 40-49: the device refuses the merged read.
    store, service = make_service(modbus_line(server.port, extra_tags=edges, max_gap=16))
    await service.start()
    await wait_until(lambda: value(store, "big.low") == 39 and value(store, "big.high") == 50)
    assert ("input 39-60 refused as illegal data address; "
            "reading input 39, input 50, input 60 separately") in caplog.text


async def test_writes_encode_read_back_and_report_refusals(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    _, service = await started(make_service, server.port)
    results = await service.write_many([
        ("big.sp_c", -45.25), ("little.sp_w", 850.5), ("big.room_sp_c", 24.46),
        ("big.reset", True), ("big.run", True),
    ])
    assert [r.ok for r in results] == [True] * 5, [r.message for r in results]
    assert await server.get_registers("holding", 10, 2, unit=1) == [0xC235, 0x0000]
    assert await server.get_registers("holding", 10, 2, unit=2) == [0xA000, 0x4454]  # 850.5 = 0x4454A000, low word first
    assert await server.get_registers("holding", 14, 1, unit=1) == [245]
    assert results[2].read_back == pytest.approx(24.5)  # within its 0.05 tolerance
    assert await server.get_registers("holding", 20, 1, unit=1) == [0b1101]  # bit 2 set, rest kept
    assert results[3].read_back is True

    server.refuse[(16, 10)] = ExcCodes.ILLEGAL_VALUE
    refused = await service.write("big.sp_c", 500)
    assert not refused.ok
    assert refused.message == "PLC refused big.sp_c = 500: Modbus exception 3 (illegal data value)"
    server.refuse.clear()
    too_big = await service.write("big.room_sp_c", 4000.0)
    assert not too_big.ok and "outside int16 range" in too_big.message


async def test_silent_device_goes_stale_then_lost_then_recovers(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    store, service = await started(make_service, server.port)
    await wait_until(lambda: quality(store, "big.state") is Quality.GOOD)
    server.frozen = True  # the socket stays open, nothing answers
    stale_s = await wait_until(lambda: quality(store, "big.state") is Quality.STALE,
                               timeout_s=2.0, what="STALE")
    assert stale_s < 0.8  # 3 x 100 ms + staleness tick + slack
    lost_s = await wait_until(lambda: quality(store, "big.state") is Quality.COMM_LOST,
                              timeout_s=4.0, what="COMM_LOST")
    assert lost_s < 2.5
    server.frozen = False
    await wait_until(lambda: quality(store, "big.state") is Quality.GOOD, timeout_s=5.0)
    assert service.health()["mb_big"].reconnects >= 1


async def test_server_restart_goes_comm_lost_and_comes_back(
    server: ModbusTestServer, make_service: MakeService
) -> None:
    store, service = await started(make_service, server.port)
    await wait_until(lambda: value(store, "little.power_w") == 1234.5)
    await server.stop()
    lost_s = await wait_until(
        lambda: all(quality(store, t) is Quality.COMM_LOST
                    for t in ("big.dew_c", "little.power_w")),
        timeout_s=3.0, what="COMM_LOST")
    assert lost_s < 2.0
    assert store.get("little.power_w").value == 1234.5  # type: ignore[union-attr]
    await asyncio.sleep(0.5)
    await server.start()
    await server.set_value("input", 10, 999.0, "float32", "little", unit=2)
    back_s = await wait_until(lambda: value(store, "little.power_w") == 999.0, timeout_s=6.0)
    assert back_s < 5.0
    health = service.health()
    assert health["mb_little"].reconnects == 1 and health["mb_little"].state == "connected"
    assert health["mb_big"].lost_total_s > 0.4
