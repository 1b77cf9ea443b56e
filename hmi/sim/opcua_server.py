"""The twin's OPC UA server: one object per station, one variable per tag, a Twin object.

Writes from clients pass a guard before they reach the address space: the tag map decides
(range, enum, writable, station state) and a refusal comes back as that node's StatusCode
(BadOutOfRange, BadNotWritable, BadInvalidState). asyncua has no per-write veto hook (a value
setter cannot refuse), so the guard replaces the server's AttributeService.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from asyncua import ua
from asyncua.crypto.permission_rules import User, UserRole
from asyncua.server.address_space import AttributeService
from asyncua.server.monitored_item_service import MonitoredItemValues
from asyncua.server.server import Server

from hmi.config.schema import LineConfig, TagConfig
from hmi.sim.station import Value, WriteResult
from hmi.sim.tagmap import TagMap
from hmi.sim.twin_security import TWIN_URI, TwinUserManager, twin_certificates

log = logging.getLogger(__name__)
# asyncua's stubs type NodeId, StatusCode and DataValue arguments as its own wrapper types
# (UInt32, Int16, DateTime) that plain ints and datetimes satisfy at run time only.
_ua: Any = ua

NAMESPACE_URI = "urn:lineside:twin"
_STATUS: dict[WriteResult, ua.StatusCode] = {
    WriteResult.OUT_OF_RANGE: _ua.StatusCode(_ua.StatusCodes.BadOutOfRange),
    WriteResult.NOT_WRITABLE: _ua.StatusCode(_ua.StatusCodes.BadNotWritable),
    WriteResult.INVALID_STATE: _ua.StatusCode(_ua.StatusCodes.BadInvalidState),
}
_INT32_MAX = 2**31 - 1
# Changed values pushed between two returns to the event loop (a few ms of work).
PUBLISH_SLICE = 500

FaultHandler = Callable[[str, str | None, float | None], str]


def _keep_scalar_datavalue(self: MonitoredItemValues, cur_val: ua.DataValue) -> None:
    """asyncua deep-copies every DataValue each monitored item is given ("to prevent
    referencing the inner value"): on a 20,000-tag twin that was the server's biggest cost
    (a third of its CPU). A scalar in a Variant has no inner value to share, so a shallow
    copy is as safe; arrays (mutable lists) are still deep-copied."""
    variant = cur_val.Value
    if variant is not None and isinstance(variant.Value, list | dict | bytearray):
        cur_copy = copy.deepcopy(cur_val)
    else:
        cur_copy = copy.copy(cur_val)
    self.old_dvalue = self.current_dvalue
    self.current_dvalue = cur_copy


# The twin's server only: the HMI's client never builds MonitoredItemValues.
MonitoredItemValues.set_current_datavalue = _keep_scalar_datavalue  # type: ignore[method-assign]


def variant_type(tag: TagConfig) -> ua.VariantType:
    if tag.data_type == "float":
        return ua.VariantType.Double
    if tag.data_type in ("int", "enum"):
        wide = tag.range is not None and max(abs(tag.range[0]), abs(tag.range[1])) > _INT32_MAX
        return ua.VariantType.Int64 if wide else ua.VariantType.Int32
    if tag.data_type == "bool":
        return ua.VariantType.Boolean
    return ua.VariantType.String


class _GuardedAttributeService(AttributeService):
    """Refuses tag writes the twin's PLC would refuse; passes everything else on."""

    def __init__(self, base: AttributeService, guard: _WriteGuard) -> None:
        super().__init__(base._aspace)
        self._guard = guard

    async def write(
        self,
        params: ua.WriteParameters,
        user: User = User(role=UserRole.Admin),  # noqa: B008
    ) -> list[ua.StatusCode]:
        results: list[ua.StatusCode] = []
        for item in params.NodesToWrite:
            refused = self._guard.refuse(item)
            if refused is not None:
                results.append(refused)
                continue
            single = ua.WriteParameters(NodesToWrite=[item])
            status = (await super().write(single, user))[0]
            if status.is_good():
                self._guard.apply(item)
            results.append(status)
        return results


class _WriteGuard:
    def __init__(self, tags: TagMap, nodes: dict[ua.NodeId, tuple[str, ua.VariantType]]) -> None:
        self._tags = tags
        self._nodes = nodes

    def _tag_value(self, item: ua.WriteValue) -> tuple[str, Value] | None:
        entry = self._nodes.get(item.NodeId)
        if entry is None or item.AttributeId != _ua.AttributeIds.Value:
            return None
        variant = item.Value.Value if item.Value is not None else None
        if variant is None or variant.VariantType != entry[1] or variant.Value is None:
            return None  # a type mismatch: asyncua answers BadTypeMismatch itself
        value: Value = variant.Value
        return entry[0], value

    def refuse(self, item: ua.WriteValue) -> ua.StatusCode | None:
        entry = self._nodes.get(item.NodeId)
        if entry is None or item.AttributeId != _ua.AttributeIds.Value:
            return None
        if not self._tags.bindings[entry[0]].tag.writable:
            return _STATUS[WriteResult.NOT_WRITABLE]
        found = self._tag_value(item)
        if found is None:
            return None
        result = self._tags.check(*found)
        if result == WriteResult.OK:
            return None
        return _STATUS[result]

    def apply(self, item: ua.WriteValue) -> None:
        found = self._tag_value(item)
        if found is not None:
            self._tags.write(*found)


class OpcUaServer:
    def __init__(
        self,
        config: LineConfig,
        tags: TagMap,
        endpoint: str,
        on_fault: FaultHandler,
        on_clear: Callable[[], None],
        *,
        secure: bool = True,
        users: Mapping[str, str] | None = None,
    ) -> None:
        self._config = config
        self.secure = secure
        self._users = users
        self._tags = tags
        self.endpoint = endpoint
        self._on_fault = on_fault
        self._on_clear = on_clear
        self._server: Server | None = None
        self._prepared: Server | None = None
        self._nodes: dict[str, tuple[ua.NodeId, ua.VariantType]] = {}
        self._published: dict[str, Value | None] = {}

    async def prepare(self) -> None:
        """Build the address space without listening (a restart does this while it is down)."""
        if self._prepared is not None:
            return
        server = Server(user_manager=TwinUserManager(self._users))
        await server.init()
        server.set_endpoint(self.endpoint)
        server.set_server_name("Lineside line twin")
        if self.secure:
            await self._secure(server)
        else:
            server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
        index = await server.register_namespace(NAMESPACE_URI)
        if index != 2:
            raise RuntimeError(f"namespace {NAMESPACE_URI} got index {index}, expected 2")
        await self._build(server, index)
        guard_nodes = {nodeid: (tag_id, vt) for tag_id, (nodeid, vt) in self._nodes.items()}
        iserver = server.iserver
        iserver.attribute_service = _GuardedAttributeService(
            iserver.attribute_service, _WriteGuard(self._tags, guard_nodes)
        )
        self._prepared = server

    async def _secure(self, server: Server) -> None:
        """None for plain clients, and the policies a plant should use, with their certificate."""
        certs = twin_certificates()
        await server.set_application_uri(TWIN_URI)
        await server.load_certificate(str(certs.server_cert))
        await server.load_private_key(str(certs.server_key))
        policy = ua.SecurityPolicyType
        server.set_security_policy([
            policy.NoSecurity,
            policy.Aes256Sha256RsaPss_SignAndEncrypt,
            policy.Aes256Sha256RsaPss_Sign,
            policy.Aes128Sha256RsaOaep_SignAndEncrypt,
            policy.Basic256Sha256_SignAndEncrypt,
        ])
        server.set_identity_tokens([ua.AnonymousIdentityToken, ua.UserNameIdentityToken,
                                    ua.X509IdentityToken])

    async def start(self) -> None:
        await self.prepare()
        server, self._prepared = self._prepared, None
        assert server is not None
        await server.start()
        self._server = server
        self._published.clear()
        await self.publish()

    async def stop(self) -> None:
        self._prepared = None  # never started: nothing to close
        server, self._server = self._server, None
        if server is not None:
            await stop_server(server)

    @property
    def running(self) -> bool:
        return self._server is not None

    async def _build(self, server: Server, index: int) -> None:
        objects = server.nodes.objects
        folders: dict[str, Any] = {}
        for station in self._config.stations:
            folders[station.id] = await objects.add_object(
                _ua.NodeId(station.id, index), ua.QualifiedName(station.id, index)
            )
        for tag in self._config.tags:
            if tag.opcua is None:
                continue
            nodeid = _ua.NodeId.from_string(tag.opcua.node_id)
            vtype = variant_type(tag)
            node = await folders[tag.station].add_variable(
                nodeid,
                ua.QualifiedName(tag.signal, index),
                ua.Variant(self._tags.read(tag.id), vtype),
            )
            if tag.description:
                await node.write_attribute(
                    _ua.AttributeIds.Description,
                    _ua.DataValue(ua.Variant(ua.LocalizedText(tag.description))),
                )
            if tag.writable:
                await node.set_writable()
            await self._add_analog_properties(node, tag, index)
            self._nodes[tag.id] = (nodeid, vtype)
        await self._add_twin_object(objects, index)

    async def _add_analog_properties(self, node: Any, tag: TagConfig, index: int) -> None:
        if tag.unit:
            units = ua.EUInformation(
                NamespaceUri="http://www.opcfoundation.org/UA/units/un/cefact",
                UnitId=-1,
                DisplayName=ua.LocalizedText(tag.unit),
                Description=ua.LocalizedText(tag.unit),
            )
            await node.add_property(
                _ua.NodeId(f"{tag.id}.EngineeringUnits", index),
                ua.QualifiedName("EngineeringUnits", 0),
                units,
            )
        if tag.range is not None and tag.data_type in ("float", "int"):
            await node.add_property(
                _ua.NodeId(f"{tag.id}.EURange", index),
                ua.QualifiedName("EURange", 0),
                ua.Range(Low=float(tag.range[0]), High=float(tag.range[1])),
            )
            if tag.data_type == "float":
                # An analog value with its mandatory EURange: typed as AnalogItemType.
                await node.delete_reference(
                    _ua.NodeId(_ua.ObjectIds.BaseDataVariableType),
                    _ua.ObjectIds.HasTypeDefinition,
                    bidirectional=False,
                )
                await node.add_reference(
                    _ua.NodeId(_ua.ObjectIds.AnalogItemType),
                    _ua.ObjectIds.HasTypeDefinition,
                    bidirectional=False,
                )

    async def _add_twin_object(self, objects: Any, index: int) -> None:
        twin = await objects.add_object(_ua.NodeId("Twin", index), ua.QualifiedName("Twin", index))
        inputs = [
            _argument("name", ua.VariantType.String, "fault name, e.g. web_break"),
            _argument("target", ua.VariantType.String, "station, tag or zone; empty = default"),
            _argument("duration_s", ua.VariantType.Double, "seconds; 0 = until cleared"),
        ]
        outputs = [_argument("result", ua.VariantType.String, "what was injected")]
        await twin.add_method(
            _ua.NodeId("Twin.InjectFault", index),
            ua.QualifiedName("InjectFault", index),
            self._method_inject,
            inputs,
            outputs,
        )
        await twin.add_method(
            _ua.NodeId("Twin.ClearFaults", index),
            ua.QualifiedName("ClearFaults", index),
            self._method_clear,
            [],
            [],
        )

    async def _method_inject(
        self, parent: ua.NodeId, name: ua.Variant, target: ua.Variant, duration: ua.Variant
    ) -> list[ua.Variant] | ua.StatusCode:
        seconds = float(duration.Value or 0.0)
        try:
            text = self._on_fault(
                str(name.Value), str(target.Value) or None, seconds if seconds > 0 else None
            )
        except ValueError as exc:
            log.warning("InjectFault refused: %s", exc)
            refused: ua.StatusCode = _ua.StatusCode(_ua.StatusCodes.BadInvalidArgument)
            return refused
        return [ua.Variant(text, ua.VariantType.String)]

    async def _method_clear(self, parent: ua.NodeId) -> list[ua.Variant]:
        self._on_clear()
        return []

    async def publish(self) -> None:
        """Push every changed value (or status) with a source timestamp of now.

        Each station's values are computed once for all its tags (a plant-sized twin has
        20,000 tags on 1,120 stations: reading them tag by tag rebuilt each station's value
        dict ~18 times a tick), and the loop is given back every PUBLISH_SLICE nodes so the
        same server answers connects, reads and Publish requests while it pushes a tick."""
        server = self._server
        if server is None:
            return
        now = datetime.now(UTC)
        current = self._tags.read_all(self._nodes)
        failed = self._tags.sensor_failed
        published = self._published
        written = 0
        for tag_id, (nodeid, vtype) in self._nodes.items():
            if tag_id in failed:
                value: Value | None = None
                data = _ua.DataValue(
                    StatusCode=_ua.StatusCode(_ua.StatusCodes.BadSensorFailure),
                    SourceTimestamp=now,
                    ServerTimestamp=now,
                )
            else:
                value = current[tag_id]
                if tag_id in published and published[tag_id] == value:
                    continue
                data = _ua.DataValue(
                    ua.Variant(value, vtype), SourceTimestamp=now, ServerTimestamp=now
                )
            if tag_id in published and published[tag_id] == value:
                continue
            published[tag_id] = value
            await server.write_attribute_value(nodeid, data)
            written += 1
            if written % PUBLISH_SLICE == 0:
                await asyncio.sleep(0)
            if self._server is not server:
                return  # stopped (an outage) while this tick was given back to the loop


def _argument(name: str, vtype: ua.VariantType, description: str) -> ua.Argument:
    arg = ua.Argument()
    arg.Name = name
    arg.DataType = _ua.NodeId(vtype.value)
    arg.ValueRank = -1
    arg.Description = ua.LocalizedText(description)
    return arg


async def stop_server(server: Server) -> None:
    """Stop an asyncua server completely, as a PLC that powers off would."""
    iserver: Any = server.iserver
    # The server-status clock sleeps 1 s between updates and stop() waits it out;
    # cancelling it makes a PLC restart or a test teardown a second shorter.
    clock = getattr(iserver, "time_task", None)
    if clock is not None:
        clock.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await clock
        iserver.time_task = None
    await server.stop()
    # asyncua keeps the sessions of clients whose connection dropped (so they may come
    # back), each with a watchdog and subscription tasks, and stop() leaves them running.
    abandoned = list(getattr(iserver, "_external_sessions", {}).values())
    for session in abandoned:
        await session.close_session(True)
