"""PlcService for one command: start, wait for the links, always stop."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator

from hmi.commission.errors import RuntimeFailure
from hmi.commission.output import emit, endpoint_text
from hmi.config import LineConfig
from hmi.core.tagstore import TagStore
from hmi.plc.service import PlcService
from hmi.plc.supervisor import ConnectionHealth

# The driver's own connect timeout is the same `timeout_s` (URL form): wait a little longer
# so its verdict arrives first, rather than cancelling the attempt at the very moment its
# timeout fires (Python 3.11's wait_for can swallow a cancellation that coincides with its
# own timeout, and the supervisor then retries instead of stopping).
SETTLE_MARGIN_S = 0.5
STOP_TIMEOUT_S = 5.0  # past this, asyncio.run's own shutdown cancels what is left


def store_for(config: LineConfig) -> TagStore:
    return TagStore(config.expected_periods_s())


@contextlib.asynccontextmanager
async def plc_session(
    config: LineConfig, store: TagStore, timeout_s: float, *, need_all: bool = True
) -> AsyncIterator[PlcService]:
    """A started PlcService whose connections are up (or some of them, if not `need_all`).

    A connection still down after `timeout_s` is a failure (RuntimeFailure naming it and
    its cause), so a mistyped address ends the command instead of retrying for ever; once
    up, losses are the supervisor's business, and the command rides through them.
    """
    service = PlcService(config, store)
    settled = asyncio.Event()

    def on_health(_: ConnectionHealth) -> None:
        if _settled(service):
            settled.set()

    unsubscribe = service.on_health_changed(on_health)
    await service.start()
    try:
        # Wait until each link is up or has failed once: a refused connection fails the
        # command at once instead of after the whole timeout.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(settled.wait(), timeout_s + SETTLE_MARGIN_S)
        unsubscribe()
        down = {cid: h for cid, h in service.health().items() if h.state != "connected"}
        if down and (need_all or len(down) == len(config.connections)):
            raise RuntimeFailure("; ".join(_down_text(config, cid, h.last_error)
                                           for cid, h in down.items()))
        for cid, health in down.items():  # some are up: say which are not, and go on
            emit(f"warning: {_down_text(config, cid, health.last_error)}", sys.stderr)
        yield service
    finally:
        unsubscribe()
        # A stop that hangs must not hang the command (see SETTLE_MARGIN_S).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(service.stop(), STOP_TIMEOUT_S)


def _settled(service: PlcService) -> bool:
    return all(h.state == "connected" or h.last_error for h in service.health().values())


def _down_text(config: LineConfig, connection_id: str, cause: str) -> str:
    where = endpoint_text(config.connection(connection_id))
    text = cause or f"{connection_id}: {where} did not answer in time"
    # The driver's cause names the connection and its endpoint; with one connection the
    # endpoint says it all (and an ad-hoc connection's id means nothing to the user).
    if len(config.connections) == 1:
        return text.removeprefix(f"{connection_id}: ")
    return text
