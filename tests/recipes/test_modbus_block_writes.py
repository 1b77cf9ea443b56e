"""Recipe downloads over Modbus: contiguous registers go out as block writes (fc 16), and a
refused block is retried value by value so the refusal names its tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.plc.modbus_writes import register_runs
from hmi.plc.parameter_io import PlcParameterIO
from hmi.sim.twin import LineTwin

from ..plc.helpers import connected, services
from .helpers import content_for
from .twin_setup import line_config, twin_applied


def test_contiguous_holding_registers_make_few_requests() -> None:
    config = line_config()
    content = content_for(config, ("tab_welder",))
    tags = {t.id: t for t in config.tags}
    items = [(tags[p.tag], p.setpoint) for p in content.parameters]
    runs = register_runs(items)
    # laser power and weld speed sit at 10 and 12, the 103 recipe floats at 100-305.
    assert [len(r) for r in runs] == [2, 61, 42]


async def test_a_block_download_and_a_refusal_named_by_tag(tmp_path: Path) -> None:
    config = line_config()
    async with LineTwin(config) as twin, services() as make:
        client = twin.client_config()
        _, service = await connected(make, client)
        io = PlcParameterIO(service)
        content = content_for(client, ("tab_welder",))
        results = await io.write_many([(p.tag, p.setpoint) for p in content.parameters])
        assert all(r.ok for r in results), [r.message for r in results if not r.ok][:3]
        for p in content.parameters:
            assert twin_applied(twin, p.tag) == pytest.approx(p.setpoint, rel=1e-6), p.tag
        items = [(p.tag, p.setpoint) for p in content_for(client, ("tab_welder",), 0.5)
                 .parameters]
        items[30] = (items[30][0], 99999.0)
        results = await io.write_many(items)
        assert [r.ok for r in results].count(False) == 1
        assert results[30].message == (f"PLC refused {items[30][0]} = 99999: Modbus exception 3 "
                                       "(illegal data value)")
