"""The plant-sized config generator: copies of the demo line on 10 connections, written
as a line config file, served by the twin at the addresses the config names."""

from __future__ import annotations

import time
from pathlib import Path

from asyncua import Client
from pymodbus.client import AsyncModbusTcpClient

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import ModbusConnection
from hmi.plc.codecs import decode
from hmi.sim.big_line import big_line_config, copies_for, to_toml
from hmi.sim.twin import LineTwin


def test_copies_share_ten_connections_and_round_trip_through_a_file(tmp_path: Path) -> None:
    base = load_line_config(DEMO_LINE)
    big = big_line_config(base, tags=2000, opcua=6, modbus=4)
    assert len(big.tags) >= 2000 and len(big.tags) % len(base.tags) == 0
    assert len(big.connections) == 10
    assert sorted({c.protocol for c in big.connections}) == ["modbus", "opcua"]
    units = [c.unit_id for c in big.connections if isinstance(c, ModbusConnection)]
    assert len(set(units)) == 4  # one device per Modbus connection
    where = {(t.modbus.table, t.modbus.address, t.modbus.bit, big.tag_connection(t))
             for t in big.tags if t.modbus is not None}
    assert len(where) == sum(1 for t in big.tags if t.modbus is not None)  # no overlap
    path = tmp_path / "big.toml"
    path.write_text(to_toml(big))
    assert load_line_config(path) == big


async def test_the_twin_serves_every_copy_where_the_config_says() -> None:
    base = load_line_config(DEMO_LINE)
    big = big_line_config(base, tags=1000)
    copies = copies_for(base, 1000)
    async with LineTwin(base, lines=copies, served=big, secure=False) as twin:
        client = twin.client_config(secure=False)
        last = f"dry_room_{copies}.dew_point_c"
        tag = client.tag(last)
        conn = client.connection(client.tag_connection(tag))
        assert isinstance(conn, ModbusConnection) and tag.modbus is not None
        assert tag.modbus.address > base.tag("dry_room.dew_point_c").modbus.address  # type: ignore[union-attr]
        modbus = AsyncModbusTcpClient("127.0.0.1", port=conn.port, reconnect_delay=0)
        try:
            assert await modbus.connect()
            reply = await modbus.read_input_registers(tag.modbus.address, count=2,
                                                      device_id=conn.unit_id)
            dew = decode(reply.registers, "float32", tag.modbus.word_order)
            assert -60.0 < dew < -30.0
        finally:
            modbus.close()
        async with Client(twin.opcua_endpoint) as ua:
            value = await ua.get_node(f"ns=2;s=coater_{copies}.web_tension_n").read_value()
            assert 0.0 < value < 200.0


def test_lookups_on_a_plant_sized_config_do_not_walk_every_station() -> None:
    """PlcService and the TagStore ask for every tag's connection and period: 20,000 tags
    on 1,120 stations took 130 s of CPU when each lookup walked the stations."""
    big = big_line_config(load_line_config(DEMO_LINE), tags=20_000)
    started = time.process_time()
    periods = big.expected_periods_s()
    per_connection = {c.id: big.tags_of_connection(c.id) for c in big.connections}
    assert time.process_time() - started < 5.0
    assert len(periods) == len(big.tags) == sum(len(t) for t in per_connection.values())
    moved = big.stations[0].model_copy(update={"connection": big.connections[-1].id})
    copy = big.model_copy(update={"stations": (moved, *big.stations[1:])})
    tag = next(t for t in big.tags if t.station == moved.id and t.connection is None)
    assert big.tag_connection(tag) != moved.connection  # the original's index...
    assert copy.tag_connection(tag) == moved.connection  # ...is not the copy's
