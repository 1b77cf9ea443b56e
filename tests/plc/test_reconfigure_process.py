"""PlcProcessService.reconfigure: the PLC process is replaced by one running the new config
(every link restarts there, as the config editor says); values come back, a removed tag is
BAD, and the old process is gone without an automatic-restart cycle."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.plc.process_service import PlcProcessService
from hmi.sim.twin import LineTwin

from .helpers import wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def twin() -> AsyncIterator[LineTwin]:
    async with LineTwin(load_line_config(DEMO_LINE)) as running:
        yield running


async def test_the_plc_process_restarts_on_the_new_config(twin: LineTwin) -> None:
    config = twin.client_config()
    store = TagStore(config.expected_periods_s())
    service = PlcProcessService(config, store)
    await service.start()
    try:
        assert await service.wait_connected(20)
        await wait_until(lambda: (v := store.get("dry_room.dew_point_c")) is not None
                         and v.quality is Quality.GOOD, 10, "live values")
        old_pid = service.pid
        new = config.model_copy(update={"tags": tuple(
            t for t in config.tags if t.id != "mixer.viscosity_mpas")})
        await service.reconfigure(new)
        assert service.pid is not None and service.pid != old_pid
        assert service.config is new
        assert await service.wait_connected(20)
        removed = store.get("mixer.viscosity_mpas")
        assert removed is not None and removed.quality is Quality.BAD
        await wait_until(lambda: (v := store.get("dry_room.dew_point_c")) is not None
                         and v.quality is Quality.GOOD, 10, "live values again")
        assert service._restart_task is None  # no crash-restart was started
    finally:
        await service.stop()


async def test_the_editor_is_told_that_every_link_restarts_with_a_plc_process() -> None:
    from hmi.app import LineRuntime
    from hmi.config.diff import diff_configs
    from hmi.reconfigure import restart_scope

    config = load_line_config(DEMO_LINE)
    runtime = LineRuntime(plc_process=True)  # not started: only what it would restart
    runtime.service = PlcProcessService(config, TagStore(config.expected_periods_s()))
    new = config.model_copy(update={"tags": config.tags[1:]})
    diff = diff_configs(config, new)
    assert diff.restart == ("opcua_electrode",)
    assert restart_scope(runtime, diff) == (
        "the PLC process restarts with the new config: every connection (4) reconnects")
