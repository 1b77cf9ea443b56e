"""A plant-sized twin answers while it ticks, and serves exactly what its models say.

The 20,000-tag twin stepped and pushed a whole tick without giving its event loop back
(~1 s a tick on a loaded box), so its servers answered connects, reads and Modbus polls
late and the HMI's links dropped. A tick is now cut into slices, and each station's values
are computed once a tick instead of once per tag.
"""

from __future__ import annotations

import asyncio

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.sim import opcua_server
from hmi.sim import twin as twin_module
from hmi.sim.big_line import big_line_config, copies_for
from hmi.sim.twin import LineTwin


def _big_twin(tags: int) -> LineTwin:
    base = load_line_config(DEMO_LINE)
    return LineTwin(base, lines=copies_for(base, tags), served=big_line_config(base, tags),
                    secure=False, tick_s=3600.0, time_scale=1e-6)  # ticks: the test's


async def test_read_all_is_read_of_each_tag_with_sensor_failures_and_constants() -> None:
    twin = _big_twin(2000)
    twin._step(2.0)
    ids = list(twin.tags.bindings)
    failed = next(t for t in ids if t.endswith("web_tension_n"))
    twin.inject("sensor_failure", failed)
    assert twin.tags.read_all(ids) == {t: twin.tags.read(t) for t in ids}
    assert twin.tags.read_all([failed]) == {failed: twin.tags.read(failed)}


async def test_a_tick_of_many_copies_gives_the_loop_back_between_slices(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opcua_server, "PUBLISH_SLICE", 50)
    async with _big_twin(3000) as twin:
        turns = 0

        async def count_turns() -> None:
            nonlocal turns
            while True:
                await asyncio.sleep(0)
                turns += 1

        counter = asyncio.create_task(count_turns())
        try:
            await asyncio.sleep(0)
            before = turns
            await twin._step_yielding(0.5)
            stepped = turns - before
            before = turns
            await twin._opcua.publish()  # type: ignore[union-attr]
            published = turns - before
        finally:
            counter.cancel()
        copies = len(twin.lines)
        assert stepped >= copies // twin_module.STEP_SLICE - 1
        assert published >= 1  # more than PUBLISH_SLICE values changed in half a second
        assert copies > twin_module.STEP_SLICE


async def test_only_changed_values_are_pushed_and_each_change_is() -> None:
    async with _big_twin(1000) as twin:
        server = twin._opcua
        assert server is not None
        published = dict(server._published)
        await server.publish()  # nothing stepped: nothing new to push
        assert server._published == published
        twin._step(1.0)
        await server.publish()
        now = twin.tags.read_all(server._nodes)
        assert server._published == now  # every node holds its model's current value
        assert sum(published[t] != now[t] for t in now) > 0
