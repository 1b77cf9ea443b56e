"""OPC UA driver (asyncua): one client, one subscription, batched reads and writes.

The subscription bypasses asyncua's per-notification path (one event object and one queue
put per value, or one task per value with a handler): `_BatchSubscription.publish_callback`
turns each PublishResponse into one TagValue batch and one `TagStore.update`. That is the
fast path measured in tests/bench/ingest.py, and it cannot drop values the way the
iterator's bounded queue does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asyncua import ua
from asyncua.client.client import Client
from asyncua.common.subscription import Subscription
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIds
from asyncua.ua.uaerrors import UaError, UaStatusCodeError

from hmi.config.schema import OpcUaConnection, TagConfig
from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plc.driver import (
    LinkLost,
    LinkState,
    PlcError,
    ValueSink,
    WriteAck,
    describe_exception,
)
from hmi.plc.opcua_limits import (
    CHUNK_DEFAULT,
    LIMIT_NODES,
    chunked,
    read_operation_limits,
    written_before,
)
from hmi.plc.opcua_security import ClientSecurity
from hmi.plc.opcua_values import as_variant_value, future_limit, judge, to_tag_value

log = logging.getLogger(__name__)


def _drop_publish_loop_echo(record: logging.LogRecord) -> bool:
    """asyncua's publish loop logs a full traceback at ERROR when the socket closes under it,
    once a second until the client is closed; the supervisor already logs that loss once
    with its cause, so this echo is dropped (other publish failures still show)."""
    exc = record.exc_info[1] if record.exc_info else None
    return not (str(record.msg).startswith("Publish iteration crashed")
                and isinstance(exc, ConnectionError | OSError))


logging.getLogger("asyncua.client.ua_session.UaSession").addFilter(_drop_publish_loop_echo)

# A subscription silent this many keep-alive intervals is dead even if reads still work.
SILENT_SUBSCRIPTION_INTERVALS = 10
SILENT_SUBSCRIPTION_MIN_S = 2.0
CLOSE_TIMEOUT_S = 1.0
# How long a probe waits for the clock read (well under the supervisor's 1 s probe timeout).
PROBE_WAIT_S = 0.6
# A publish (data or keep-alive) this recent proves the session alive while a read is late.
PUBLISH_PROVES_ALIVE_S = 0.8
SLOW_READ_LIMIT_S = 10.0  # a clock read pending this long is a loss, publishes or not
SESSION_TIMEOUT_MS = 60_000
LIFETIME_BASE_S = 10.0
LIFETIME_PER_ITEM_S = 0.005  # a 3,400-item connection: 27 s
LIFETIME_MAX_S = 60.0  # no longer than the session itself is kept

def lifetime_count(interval_ms: float, items: int) -> int:
    """Publishing intervals the server keeps a subscription without a Publish request
    from this client: LIFETIME_BASE_S, plus LIFETIME_PER_ITEM_S for each monitored item
    (up to LIFETIME_MAX_S). A client handing on the first full value set of thousands of
    items on a loaded panel PC sends its next Publish late; a fixed 10 s let the server
    expire a 3,400-item subscription ("publish cycle count > lifetime count") and every
    expiry meant a new session rebuilding all of them. At least 3 (OPC UA Part 4:
    lifetime >= 3 x the keep-alive count of 1)."""
    lifetime_s = min(LIFETIME_MAX_S, LIFETIME_BASE_S + LIFETIME_PER_ITEM_S * items)
    return max(30, math.ceil(lifetime_s * 1000.0 / interval_ms))


class _BatchSubscription(Subscription):
    """An asyncua Subscription whose PublishResponses go to the driver as whole batches."""

    def __init__(self, session: Any, params: ua.CreateSubscriptionParameters,
                 driver: OpcUaDriver) -> None:
        super().__init__(session, params, queue_maxsize=1)
        self._driver = driver

    async def publish_callback(self, publish_result: ua.PublishResult) -> None:
        # asyncua awaits this inside its publish loop: no task per value, no queue to overflow.
        self.last_publish_at = time.monotonic()
        message = publish_result.NotificationMessage
        if message.NotificationData:
            self.last_sequence_number = int(message.SequenceNumber)
        self._driver._on_publish(message.NotificationData, self.last_publish_at)


class OpcUaDriver(LinkState):
    """PlcDriver for one OPC UA connection."""

    def __init__(
        self,
        connection: OpcUaConnection,
        tags: Sequence[TagConfig],
        *,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(connection.id)
        self._conn = connection
        self._tags = tuple(t for t in tags if t.opcua is not None)
        # The PKI folders and the password store live in the data dir (None: the default).
        self._security = ClientSecurity(connection, data_dir)
        self._client = Client(connection.endpoint, timeout=connection.timeout_s,
                              watchdog_intervall=3600.0)
        # A dead HMI's session is dropped by the server after this, not after asyncua's 1 h.
        self._client.session_timeout = SESSION_TIMEOUT_MS
        # asyncua's own supervisor only tells us about a loss; reconnecting is ours.
        self._client.connection_lost_callback = self._on_client_lost
        self._sink: ValueSink | None = None
        self._connected = False
        self._subscription: _BatchSubscription | None = None
        self._handle_tags: dict[int, tuple[str, str]] = {}  # handle -> tag id, data type
        self._monitored: tuple[str, ...] = ()
        self._monitored_set: frozenset[str] = frozenset()
        self._last_confirm_mono = 0.0
        # Half an interval: publishes arrive about one interval apart, so each one confirms.
        self._confirm_every_s = connection.publishing_interval_ms / 2000.0
        self._keepalive_s = connection.publishing_interval_ms / 1000.0
        self._variant_types: dict[str, ua.VariantType] = {}
        self.revised_publishing_interval_ms: float = float(connection.publishing_interval_ms)
        self.revised_lifetime_count = 0  # the server's, once subscribed
        self.chunk = dict.fromkeys(LIMIT_NODES, CHUNK_DEFAULT)  # nodes per request, by kind
        self._clock_read: asyncio.Task[float] | None = None  # a probe's read still pending
        self._clock_read_since = 0.0
        self._rtt_ms = 0.0

    # ---- PlcDriver -------------------------------------------------------------------
    async def connect(self) -> None:
        # asyncio.timeout, not wait_for: on 3.11 wait_for runs the call as a task of its
        # own, and a cancel (a stop, a reconfigure) landing as a refused connect fails
        # that task left its exception never retrieved (logged at ERROR on every outage).
        try:
            async with asyncio.timeout(self._conn.timeout_s):
                await self._security.apply(self._client)
            async with asyncio.timeout(self._conn.timeout_s):
                await self._client.connect()
            self._connected = True
            async with asyncio.timeout(self._conn.timeout_s):
                await self._read_operation_limits()
        except PlcError:
            self._client.disconnect_socket()
            raise
        except UaStatusCodeError as exc:
            self._client.disconnect_socket()
            name = ua.StatusCode(exc.code).name
            raise PlcError(self._security.explain(name) or
                           f"{self._conn.id}: cannot connect to {self._conn.endpoint}: "
                           f"{describe_exception(exc)}") from None
        except UaError as exc:
            self._client.disconnect_socket()
            if "certificate mismatch" in str(exc):
                raise PlcError(self._security.explain_pin_mismatch()) from None
            raise PlcError(f"{self._conn.id}: cannot connect to {self._conn.endpoint}: "
                           f"{describe_exception(exc)}") from None
        except (OSError, TimeoutError, ConnectionError) as exc:
            # asyncua already dropped the socket and started no task: a disconnect() here
            # would only log two warnings on every retry of an outage.
            self._client.disconnect_socket()
            raise PlcError(
                f"{self._conn.id}: cannot connect to {self._conn.endpoint}: "
                f"{describe_exception(exc)}"
            ) from None

    async def _read_operation_limits(self) -> None:
        """How many nodes one read, write or CreateMonitoredItems may carry on this server."""
        self.chunk = await read_operation_limits(self._client.uaclient)

    async def start(self, sink: ValueSink) -> None:
        self._sink = sink
        if not self._tags:
            return
        # The PLC's clock first, so the first values are already judged by it.
        with contextlib.suppress(OSError, TimeoutError, UaError, ConnectionError):
            async with asyncio.timeout(self._conn.timeout_s):
                await self._read_current_time()
        interval_ms = float(self._conn.publishing_interval_ms)
        params = ua.CreateSubscriptionParameters()
        params.RequestedPublishingInterval = interval_ms
        # Keep-alive every interval: an idle subscription still answers each cycle, which is
        # what lets steady values be confirmed (report-by-exception) instead of going STALE.
        params.RequestedMaxKeepAliveCount = 1
        params.RequestedLifetimeCount = lifetime_count(interval_ms, len(self._tags))
        params.MaxNotificationsPerPublish = 0
        params.PublishingEnabled = True
        params.Priority = 0
        subscription = _BatchSubscription(self._client.uaclient.session, params, self)
        try:
            result = await subscription.init()
            # The silence watchdog counts from now, even if not one publish ever arrives.
            subscription.last_publish_at = time.monotonic()
            self.revised_publishing_interval_ms = float(result.RevisedPublishingInterval)
            self.revised_lifetime_count = int(result.RevisedLifetimeCount)
            keepalive_count = max(1, int(result.RevisedMaxKeepAliveCount))
            self._keepalive_s = self.revised_publishing_interval_ms * keepalive_count / 1000.0
            self._confirm_every_s = self.revised_publishing_interval_ms / 2000.0
            self._subscription = subscription
            await self._monitor(subscription, interval_ms)
        except (OSError, TimeoutError, UaError, ConnectionError) as exc:
            raise PlcError(
                f"{self._conn.id}: cannot create the subscription: {describe_exception(exc)}"
            ) from None

    async def _monitor(self, subscription: _BatchSubscription, interval_ms: float) -> None:
        requests = []
        for handle, tag in enumerate(self._tags, start=1):
            assert tag.opcua is not None
            params = ua.MonitoringParameters()
            params.ClientHandle = handle
            params.SamplingInterval = float(tag.rate_ms or interval_ms)
            params.QueueSize = 1
            params.DiscardOldest = True
            if tag.deadband > 0:
                params.Filter = ua.DataChangeFilter(
                    Trigger=ua.DataChangeTrigger.StatusValue,
                    DeadbandType=ua.DeadbandType.Absolute,
                    DeadbandValue=tag.deadband,
                )
            request = ua.MonitoredItemCreateRequest()
            request.ItemToMonitor = ua.ReadValueId(
                NodeId=ua.NodeId.from_string(tag.opcua.node_id), AttributeId=AttributeIds.Value
            )
            request.MonitoringMode = ua.MonitoringMode.Reporting
            request.RequestedParameters = params
            requests.append(request)
            self._handle_tags[handle] = (tag.id, tag.data_type)
        # In chunks the server accepts, sent together: on a 3,400-tag connection the
        # server works through one while the next is on the wire.
        parts = await asyncio.gather(*(subscription.create_monitored_items(part)
                                       for part in chunked(requests, self.chunk["monitor"])))
        results = [result for part in parts for result in part]
        monitored: list[str] = []
        refused: list[TagValue] = []
        now = datetime.now(UTC)
        for tag, result in zip(self._tags, results, strict=True):
            if isinstance(result, ua.StatusCode):
                assert tag.opcua is not None
                log.warning("%s: tag %s: the server refused node %s: %s",
                            self._conn.id, tag.id, tag.opcua.node_id, result.name)
                refused.append(TagValue(tag.id, None, Quality.BAD, now, now,
                                        f"{result.name}: node {tag.opcua.node_id} refused"))
            else:
                monitored.append(tag.id)
        self._monitored = tuple(monitored)
        self._monitored_set = frozenset(monitored)
        if refused and self._sink is not None:
            self._sink.update(refused)

    def _on_publish(self, notifications: Sequence[Any] | None, now_mono: float) -> None:
        """The hot path: one PublishResponse -> one batch into the store."""
        sink = self._sink
        if sink is None:
            return
        if notifications:
            received = datetime.now(UTC)
            limit = future_limit(received)
            offset_s = self._clock_offset_s or 0.0
            handles = self._handle_tags
            batch: list[TagValue] = []
            append = batch.append
            for notification in notifications:
                items = getattr(notification, "MonitoredItems", None)
                if items is None:
                    self._on_status_change(notification)
                    continue
                for item in items:
                    entry = handles.get(item.ClientHandle)
                    if entry is not None:
                        dv = item.Value
                        append(judge(to_tag_value(entry[0], dv, received), entry[1], dv.Value,
                                     offset_s, limit))
            if batch:
                sink.update(batch)
        if now_mono - self._last_confirm_mono >= self._confirm_every_s:
            # A live subscription that sends nothing for a tag says it did not change.
            self._last_confirm_mono = now_mono
            sink.confirm(self._monitored)

    def refresh_periods_s(self) -> dict[str, float]:
        # A server may revise the publishing interval upward (many PLCs have a floor): a
        # steady tag is then confirmed at that pace, and must not be judged by the config's.
        revised_s = self._keepalive_s
        return {t.id: revised_s for t in self._tags
                if t.id in self._monitored_set and revised_s > (t.rate_ms or 0) / 1000.0
                and revised_s > self._conn.publishing_interval_ms / 1000.0}

    def _on_status_change(self, notification: Any) -> None:
        status = getattr(notification, "Status", None)
        if isinstance(status, ua.StatusCode) and status.is_bad():
            self._set_lost(f"subscription ended by the server: {status.name}")

    async def probe(self) -> float:
        if self._lost.is_set():
            raise LinkLost(self._lost_reason)
        subscription = self._subscription
        if subscription is None or subscription.last_publish_at is None:
            try:
                return await self._read_current_time()
            except (OSError, TimeoutError, UaError, ConnectionError) as exc:
                raise LinkLost(f"keep-alive read failed: {describe_exception(exc)}") from None
        silent_s = time.monotonic() - subscription.last_publish_at
        limit_s = max(SILENT_SUBSCRIPTION_MIN_S, SILENT_SUBSCRIPTION_INTERVALS * self._keepalive_s)
        if silent_s > limit_s:
            raise LinkLost(f"subscription silent for {silent_s:.1f} s (not even a "
                           "keep-alive: the PLC dropped or stalled it)")
        return await self._probe_clock(subscription)

    async def _probe_clock(self, subscription: _BatchSubscription) -> float:
        """Read the PLC's clock (round trip and offset). A read slower than PROBE_WAIT_S is
        no loss while the subscription still publishes: that proves the session alive, and
        a PLC serving 20,000 items answers a read late while it pushes a full value set.
        The read stays pending (one at a time) and the last round trip is returned; a read
        unanswered with the subscription silent too, or for SLOW_READ_LIMIT_S, is a loss."""
        task = self._clock_read
        if task is None:
            task = self._clock_read = asyncio.create_task(self._read_current_time(),
                                                          name=f"clock-{self._conn.id}")
            self._clock_read_since = time.monotonic()
        done, _ = await asyncio.wait({task}, timeout=PROBE_WAIT_S)
        if done:
            self._clock_read = None
            try:
                return task.result()
            except (OSError, TimeoutError, UaError, ConnectionError) as exc:
                raise LinkLost(f"keep-alive read failed: {describe_exception(exc)}") from None
        now = time.monotonic()
        pending_s = now - self._clock_read_since
        publish_age_s = now - (subscription.last_publish_at or self._clock_read_since)
        if publish_age_s >= max(PUBLISH_PROVES_ALIVE_S, 2 * self._keepalive_s):
            raise LinkLost(f"keep-alive unanswered for {pending_s:.1f} s and no publish for "
                           f"{publish_age_s:.1f} s")
        if pending_s > SLOW_READ_LIMIT_S:
            raise LinkLost(f"keep-alive read unanswered for {pending_s:.0f} s although the "
                           "subscription publishes: the PLC is overloaded")
        return self._rtt_ms

    async def _read_current_time(self) -> float:
        """Read the PLC's clock: returns the round trip in ms and keeps the clock offset
        (the PLC's time minus this HMI's at the middle of the round trip)."""
        node = ua.NodeId(ua.Int32(ObjectIds.Server_ServerStatus_CurrentTime))
        started = time.perf_counter()
        sent_at = datetime.now(UTC)
        results = await self._client.uaclient.read_attributes([node], AttributeIds.Value)
        rtt_s = time.perf_counter() - started
        status = results[0].StatusCode
        if status is not None:
            status.check()
        plc_now = results[0].Value.Value if results[0].Value is not None else None
        if isinstance(plc_now, datetime):
            if plc_now.tzinfo is None:
                plc_now = plc_now.replace(tzinfo=UTC)
            middle = sent_at + timedelta(seconds=rtt_s / 2)
            self._clock_offset_s = (plc_now - middle).total_seconds()
        self._rtt_ms = rtt_s * 1000.0
        return self._rtt_ms

    async def read(self, tags: Sequence[TagConfig]) -> list[TagValue]:
        if not tags:
            return []
        node_ids = [self._node_id(tag) for tag in tags]
        try:
            results = await self._read_chunked(node_ids, AttributeIds.Value)
        except (OSError, TimeoutError, UaError, ConnectionError) as exc:
            raise PlcError(f"{self._conn.id}: read failed: {describe_exception(exc)}") from None
        received = datetime.now(UTC)
        limit = future_limit(received)
        offset_s = self._clock_offset_s or 0.0
        return [judge(to_tag_value(t.id, dv, received), t.data_type, dv.Value, offset_s, limit)
                for t, dv in zip(tags, results, strict=True)]

    async def write(self, items: Sequence[tuple[TagConfig, Scalar]]) -> list[WriteAck]:
        if not items:
            return []
        await self._learn_variant_types([tag for tag, _ in items])
        acks: list[WriteAck | None] = [None] * len(items)
        sent: list[int] = []
        node_ids: list[ua.NodeId] = []
        values: list[ua.DataValue] = []
        for index, (tag, value) in enumerate(items):
            vtype = self._variant_types.get(tag.id)
            try:
                shaped = as_variant_value(value, vtype)
            except ValueError as exc:  # not sent: it could only fail on the wire
                acks[index] = WriteAck(tag.id, False, "BadTypeMismatch", reason=str(exc))
                continue
            sent.append(index)
            node_ids.append(self._node_id(tag))
            variant = ua.Variant(shaped, vtype) if vtype is not None else ua.Variant(shaped)
            # No timestamps: many PLCs refuse writes that carry them (BadWriteNotSupported).
            values.append(ua.DataValue(variant))
        statuses: list[ua.StatusCode] = []
        size = self.chunk["write"]
        # One chunk after the other, in the caller's order (a recipe's values before its
        # commit flag): a chunk goes out only once the one before it was answered.
        for start in range(0, len(sent), size):
            try:
                statuses += await self._client.uaclient.write_attributes(
                    node_ids[start:start + size], values[start:start + size], AttributeIds.Value
                )
            except (OSError, TimeoutError, ConnectionError) as exc:
                raise PlcError(
                    f"{self._conn.id}: no answer to the write ({describe_exception(exc)}): "
                    f"the outcome is unknown{written_before(start, sent, items)}"
                ) from None
            except UaError as exc:
                raise PlcError(f"{self._conn.id}: write failed: {describe_exception(exc)}"
                               f"{written_before(start, sent, items)}") from None
        for index, status in zip(sent, statuses, strict=True):
            acks[index] = WriteAck(items[index][0].id, status.is_good(), status.name)
        return [ack for ack in acks if ack is not None]

    async def _learn_variant_types(self, tags: Sequence[TagConfig]) -> None:
        """The node's own type, so 60 goes out as a Double or an Int32 as the PLC expects:
        its DataType when that is a built-in type, else (an enumeration, a subtype such as
        Duration) the variant type of the value it holds now."""
        unknown = [t for t in tags if t.id not in self._variant_types]
        if not unknown:
            return
        data_types = await self._read_attribute(unknown, AttributeIds.DataType)
        for tag, dv in zip(unknown, data_types, strict=True):
            data_type = dv.Value.Value if dv.Value is not None else None
            if (isinstance(data_type, ua.NodeId) and data_type.NamespaceIndex == 0
                    and isinstance(data_type.Identifier, int) and 0 < data_type.Identifier <= 25):
                self._variant_types[tag.id] = ua.VariantType(data_type.Identifier)
        still = [t for t in unknown if t.id not in self._variant_types]
        if still:
            for tag, dv in zip(still, await self._read_attribute(still, AttributeIds.Value),
                               strict=True):
                if dv.Value is not None and dv.Value.VariantType != ua.VariantType.Null:
                    self._variant_types[tag.id] = dv.Value.VariantType

    async def _read_attribute(self, tags: Sequence[TagConfig],
                              attribute: AttributeIds) -> list[ua.DataValue]:
        try:
            return await self._read_chunked([self._node_id(t) for t in tags], attribute)
        except (OSError, TimeoutError, UaError, ConnectionError) as exc:
            raise PlcError(f"{self._conn.id}: cannot read the node types: "
                           f"{describe_exception(exc)}") from None

    async def _read_chunked(self, node_ids: Sequence[ua.NodeId],
                            attribute: AttributeIds) -> list[ua.DataValue]:
        """One read per chunk the server accepts, sent together, answers in order."""
        read = self._client.uaclient.read_attributes
        parts = await asyncio.gather(*(read(list(part), attribute)
                                       for part in chunked(node_ids, self.chunk["read"])))
        return [dv for part in parts for dv in part]

    def _node_id(self, tag: TagConfig) -> ua.NodeId:
        assert tag.opcua is not None
        return ua.NodeId.from_string(tag.opcua.node_id)

    async def close(self) -> None:
        self._sink = None
        task, self._clock_read = self._clock_read, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # its link is gone
                await task
        if not self._connected:
            self._client.disconnect_socket()
            return
        self._connected = False
        try:
            async with asyncio.timeout(CLOSE_TIMEOUT_S):
                await self._client.disconnect()
        except (OSError, TimeoutError, UaError, ConnectionError):
            pass
        finally:
            # A hung close leaves the socket open: drop it so nothing of this client lingers.
            self._client.disconnect_socket()
            await _cancel_publish_task(self._client)

    # ---- internals ---------------------------------------------------------------------
    async def _on_client_lost(self, exc: Exception) -> None:
        self._set_lost(f"connection lost: {describe_exception(exc)}")


async def _cancel_publish_task(client: Client) -> None:
    task = getattr(client.uaclient.session, "_publish_task", None)
    if isinstance(task, asyncio.Task) and not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):  # a dead client's last words
            await task
