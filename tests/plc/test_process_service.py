"""PlcProcessService: the drivers in a PLC process of their own, against the line twin."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.plc.process_service import WATCHDOG_S, PlcProcessService
from hmi.sim.twin import LineTwin

from .helpers import wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")

LIVE = ("coater.web_tension_n", "dry_room.dew_point_c", "tab_welder.laser_power_w")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def twin() -> AsyncIterator[LineTwin]:
    async with LineTwin(load_line_config(DEMO_LINE)) as running:
        yield running


@pytest_asyncio.fixture(loop_scope="module")
async def linked(twin: LineTwin) -> AsyncIterator[tuple[TagStore, PlcProcessService]]:
    config = twin.client_config()
    store = TagStore(config.expected_periods_s())
    service = PlcProcessService(config, store)
    await service.start()
    try:
        assert await service.wait_connected(20)
        yield store, service
    finally:
        await service.stop()


def all_live(store: TagStore, tags: tuple[str, ...] = LIVE) -> bool:
    values = [store.get(t) for t in tags]
    return all(v is not None and v.quality is Quality.GOOD for v in values)


async def live_pid(store: TagStore, service: PlcProcessService) -> int:
    """The PLC process's id, once its values are live."""
    await wait_until(lambda: all_live(store), what="live values")
    assert service.pid is not None
    return service.pid


async def test_every_value_reaches_the_mirror_store_with_its_health(
    twin: LineTwin, linked: tuple[TagStore, PlcProcessService]
) -> None:
    store, service = linked
    seen: list[str] = []
    store.subscribe(lambda batch: seen.extend(v.tag_id for v in batch))
    await wait_until(lambda: len(store.snapshot()) == len(twin.client_config().tags),
                     what="every tag of the demo line in the mirror")
    first = store.get("coater.web_tension_n")
    await wait_until(lambda: store.get("coater.web_tension_n") != first, what="a moving value")
    assert "coater.web_tension_n" in seen  # subscribers of the mirror hear the news
    assert {h.state for h in service.health().values()} == {"connected"}
    value = store.get("coater.web_tension_n")
    assert value is not None and value.source_ts.tzinfo is not None


async def test_writes_go_through_the_plc_process_with_read_back(
    linked: tuple[TagStore, PlcProcessService]
) -> None:
    _, service = linked
    refused = await service.write("coater.web_tension_sp_n", 500)
    assert not refused.ok
    assert refused.message == "PLC refused coater.web_tension_sp_n = 500: BadOutOfRange"
    results = await service.write_many([
        ("coater.web_tension_sp_n", 62.5), ("dry_room.dew_point_sp_c", -45.5)
    ])
    assert [(r.ok, r.read_back) for r in results] == [(True, 62.5), (True, -45.5)]
    values = await service.read(["dry_room.dew_point_sp_c"])
    assert values[0].value == -45.5
    # The flag travels over the pipe: accepted, and nothing read back in the PLC process.
    unread = await service.write_many([("dry_room.dew_point_sp_c", -44.0)], read_back=False)
    assert [(r.ok, r.read_back) for r in unread] == [(True, None)]
    assert (await service.read(["dry_room.dew_point_sp_c"]))[0].value == -44.0


async def test_a_killed_plc_process_turns_every_tag_comm_lost_until_a_new_one_runs(
    linked: tuple[TagStore, PlcProcessService]
) -> None:
    store, service = linked
    old_pid = await live_pid(store, service)
    os.kill(old_pid, signal.SIGKILL)
    await wait_until(
        lambda: all(v.quality is Quality.COMM_LOST for v in store.snapshot().values()),
        what="every tag COMM_LOST",
    )
    assert "the PLC process ended" in store.get("coater.web_tension_n").status  # type: ignore[union-attr]
    assert {h.state for h in service.health().values()} == {"lost"}
    await wait_until(lambda: all_live(store), timeout_s=20, what="a new PLC process")
    assert service.pid not in (None, old_pid)
    result = await service.write("coater.web_tension_sp_n", 61.0)
    assert result.ok and result.read_back == 61.0


async def test_a_silent_plc_process_is_judged_comm_lost_and_resynced_when_it_speaks(
    linked: tuple[TagStore, PlcProcessService]
) -> None:
    store, service = linked
    pid = await live_pid(store, service)
    os.kill(pid, signal.SIGSTOP)
    try:
        await wait_until(lambda: not all_live(store), timeout_s=WATCHDOG_S + 3,
                         what="COMM_LOST after the watchdog")
        lost = store.get("dry_room.dew_point_c")
        assert lost is not None and lost.quality is Quality.COMM_LOST
        assert "has not answered" in lost.status
    finally:
        os.kill(pid, signal.SIGCONT)
    # A tag that does not change is refreshed by the resync snapshot, not left COMM_LOST.
    await wait_until(lambda: all_live(store, ("coater.web_tension_sp_n",)), timeout_s=10,
                     what="the resync after the silence")
    assert service.pid == pid


async def test_stop_ends_the_plc_process(twin: LineTwin) -> None:
    config = twin.client_config()
    service = PlcProcessService(config, TagStore(config.expected_periods_s()))
    await service.start()
    assert service.pid is not None
    await service.stop()
    assert service.pid is None
    assert multiprocessing.active_children() == []
