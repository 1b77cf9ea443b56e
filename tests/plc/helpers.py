"""Test helpers: line configs for the loopback servers, a wait helper, services that stop."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable

from hmi.config.loader import parse_line_config
from hmi.config.schema import LineConfig
from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.plc.service import PlcService


async def wait_until(predicate: Callable[[], object], timeout_s: float = 5.0,
                     what: str = "condition") -> float:
    """Poll `predicate` until true; returns the seconds it took (fails after timeout_s)."""
    started = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{what} not reached within {timeout_s} s")
        await asyncio.sleep(0.01)


def line(connections: str, stations: str, tags: str) -> LineConfig:
    return parse_line_config(
        '[line]\nid = "test"\nname = "test line"\n' + connections + stations + tags
    )


def store_for(config: LineConfig) -> TagStore:
    return TagStore(config.expected_periods_s())


MakeService = Callable[[LineConfig], tuple[TagStore, PlcService]]


@contextlib.asynccontextmanager
async def services() -> AsyncIterator[MakeService]:
    """Build services, and stop them all at the end, whatever happens."""
    made: list[PlcService] = []

    def make(config: LineConfig) -> tuple[TagStore, PlcService]:
        store = store_for(config)
        service = PlcService(config, store)
        made.append(service)
        return store, service

    try:
        yield make
    finally:
        for service in made:
            await service.stop()


async def connected(make_service: MakeService, config: LineConfig) -> tuple[TagStore, PlcService]:
    """A started service whose every connection is up."""
    store, service = make_service(config)
    await service.start()
    assert await service.wait_connected(5.0)
    return store, service


def quality(store: TagStore, tag_id: str) -> Quality | None:
    value = store.get(tag_id)
    return value.quality if value else None
