"""An asyncua server (real, on loopback) that misbehaves the ways PLCs in the field do.

Built on tests/plc/servers.py's OpcUaTestServer (variables under ns=2;s=<name>, a ticker for
the moving ones), it adds switches per node: a Bad status (a sensor failure, a lost field
bus), another variant type than the node had (a String where a Double was configured, an
Int32 for a Float), source timestamps off by a skew (a PLC clock that is wrong), and per
server: its own clock (ServerStatus.CurrentTime) skewed, and its subscriptions deleted
server-side, with the next creation refused once (a PLC short of resources).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from asyncua import ua
from asyncua.common import utils

from .servers import OpcUaTestServer, UaVar


class MisbehavingOpcUaServer(OpcUaTestServer):
    def __init__(self, port: int, variables: Sequence[UaVar], tick_s: float = 0.05) -> None:
        super().__init__(port, variables, tick_s)
        self.status: dict[str, int] = {}  # name -> StatusCode sent with every value
        self.sent_type: dict[str, ua.VariantType] = {}  # name -> variant type sent instead
        self.source_skew_s: dict[str, float] = {}  # name -> added to its timestamps
        self.clock_skew_s = 0.0  # the server's own clock (CurrentTime) runs this far off
        self.refuse_subscriptions = 0  # CreateSubscription requests to refuse
        self.subscriptions_refused = 0
        self._clock: asyncio.Task[None] | None = None

    def reset(self) -> None:
        """Behave again (a module-scoped server between tests)."""
        self.status.clear()
        self.sent_type.clear()
        self.source_skew_s.clear()
        self.clock_skew_s = 0.0
        self.refuse_subscriptions = 0
        self.subscriptions_refused = 0

    async def start(self) -> None:
        await super().start()
        assert self._server is not None
        iserver: Any = self._server.iserver
        # asyncua's own CurrentTime ticker writes the true time every second: replace it
        # with one that writes this PLC's (possibly wrong) clock, more often.
        if iserver.time_task is not None:
            iserver.time_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await iserver.time_task
            iserver.time_task = None
        self._clock = asyncio.create_task(self._tick_clock())
        self._refuse_creation(iserver.subscription_service)
        # asyncua refuses a value of another variant type than the node holds; a PLC whose
        # program changed under the HMI's config does not.
        iserver.aspace._is_expected_variant_type = lambda *_args: True

    async def stop(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._clock
            self._clock = None
        await super().stop()

    async def set(self, name: str, value: Any) -> None:
        """Publish a value the way this node misbehaves now (status, type, timestamps)."""
        assert self._server is not None
        var = self._vars[name]
        vtype = self.sent_type.get(name, var.vtype)
        if vtype is not var.vtype:
            value = _as_type(value, vtype)
        stamp = datetime.now(UTC) + timedelta(seconds=self.source_skew_s.get(name, 0.0)
                                              + self.clock_skew_s)
        status = ua.StatusCode(self.status.get(name, ua.StatusCodes.Good))
        await self._server.write_attribute_value(
            self._nodes[name],
            ua.DataValue(ua.Variant(value, vtype), StatusCode=status,
                         SourceTimestamp=stamp, ServerTimestamp=stamp),
        )

    async def drop_subscriptions(self, refuse_next: int = 1) -> int:
        """Delete every subscription server-side (no notice to the client) and refuse the
        next `refuse_next` creations; returns how many were deleted."""
        assert self._server is not None
        service = self._server.iserver.subscription_service
        ids = list(service.subscriptions)
        self.refuse_subscriptions = refuse_next
        await service.delete_subscriptions(ids)
        return len(ids)

    def _refuse_creation(self, service: Any) -> None:
        original = service.create_subscription

        async def create(params: ua.CreateSubscriptionParameters, *args: Any,
                         **kwargs: Any) -> ua.CreateSubscriptionResult:
            if self.refuse_subscriptions > 0:
                self.refuse_subscriptions -= 1
                self.subscriptions_refused += 1
                raise utils.ServiceError(ua.StatusCodes.BadTooManySubscriptions)
            return await original(params, *args, **kwargs)

        service.create_subscription = create

    async def _tick_clock(self) -> None:
        node = ua.NodeId(ua.ObjectIds.Server_ServerStatus_CurrentTime)
        while True:
            assert self._server is not None
            now = datetime.now(UTC) + timedelta(seconds=self.clock_skew_s)
            await self._server.write_attribute_value(node, ua.DataValue(ua.Variant(
                now, ua.VariantType.DateTime), SourceTimestamp=now, ServerTimestamp=now))
            await asyncio.sleep(0.1)


def _as_type(value: Any, vtype: ua.VariantType) -> Any:
    if vtype == ua.VariantType.String:
        return f"{value}"
    if vtype == ua.VariantType.Boolean:
        return bool(value)
    if vtype in (ua.VariantType.Float, ua.VariantType.Double):
        return float(value) + 0.5  # never a whole number: an int tag cannot take it
    return int(value)
