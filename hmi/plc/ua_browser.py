"""An OPC UA browsing session for the workbench's browser screen (UaExpert's panes).

One connected client held open while the screen browses: the server's endpoints with
their security, one level of children at a time (the tree expands lazily), a node's
attributes and references, and the live value of one node by subscription. Everything
returns frozen dataclasses of plain values; asyncua stays in this module and browse.py
(whose level browse and node description this reuses). Runs on the IoThread's loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asyncua import ua
from asyncua.client.client import Client
from asyncua.common.subscription import Subscription
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIdNames, ObjectIds

from hmi.plc.browse import (
    OBJECTS,
    NodeInfo,
    OpcUaError,
    _connect_failure,
    _read,
    browse_tree,
    opcua_session,
    parse_node_id,
    plain,
    status_name,
)

LIVE_PUBLISH_MS = 250  # the selected node's value: a few updates a second is enough to read
_ATTRIBUTES = (
    AttributeIds.NodeId, AttributeIds.NodeClass, AttributeIds.BrowseName,
    AttributeIds.DisplayName, AttributeIds.Description, AttributeIds.DataType,
    AttributeIds.ValueRank, AttributeIds.AccessLevel, AttributeIds.UserAccessLevel,
    AttributeIds.MinimumSamplingInterval, AttributeIds.Historizing,
)


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    url: str
    security_mode: str  # None, Sign, SignAndEncrypt
    security_policy: str  # None, Basic256Sha256, Aes256_Sha256_RsaPss, ...
    user_tokens: tuple[str, ...]  # Anonymous, UserName, Certificate
    security_level: int


@dataclass(frozen=True, slots=True)
class Reference:
    reference_type: str  # HasComponent, HasTypeDefinition, Organizes, ...
    forward: bool
    target_id: str
    target_name: str


@dataclass(frozen=True, slots=True)
class NodeDetails:
    node_id: str
    attributes: tuple[tuple[str, str], ...]  # (attribute, value as text), attributes present
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class LiveValue:
    node_id: str
    value: Any  # plain Python
    status: str  # "Good" or the StatusCode's name
    source_ts: datetime | None


class BrowserSession:
    """Connect once, then browse and watch; `close` always releases the client."""

    def __init__(self) -> None:
        self._stack: contextlib.AsyncExitStack | None = None
        self._client: Client | None = None
        self._subscription: Subscription | None = None
        self._handler = _Handler(lambda _value: None)
        self._watched: tuple[str, int] | None = None  # node id, monitored item handle

    async def endpoints(self, endpoint: str, timeout_s: float = 4.0) -> list[EndpointInfo]:
        """The server's endpoints (GetEndpoints on a channel without a session: every server
        answers it, also one that offers only secure endpoints)."""
        client = Client(endpoint, timeout=timeout_s)
        try:
            found = await asyncio.wait_for(client.connect_and_get_server_endpoints(),
                                           timeout_s)
        except Exception as exc:
            with contextlib.suppress(Exception):
                client.disconnect_socket()
            raise OpcUaError(_connect_failure(endpoint, exc, timeout_s)) from None
        return [_endpoint(e) for e in found]

    async def open(self, endpoint: str, timeout_s: float = 4.0) -> tuple[list[EndpointInfo], str]:
        """List the endpoints, then open a session to browse (security None, as the ad-hoc
        commands do). Returns the endpoints and "" or why no session could be opened."""
        await self.close()
        found = await self.endpoints(endpoint, timeout_s)
        stack = contextlib.AsyncExitStack()
        try:
            self._client = await stack.enter_async_context(opcua_session(endpoint, timeout_s))
        except OpcUaError as exc:
            await stack.aclose()
            secure_only = found and all(e.security_mode != "None" for e in found)
            hint = (" (the server offers only secure endpoints; browsing here uses "
                    "security None: allow a None endpoint while commissioning)"
                    if secure_only else "")
            return found, f"{exc}{hint}"
        self._stack = stack
        return found, ""

    async def children(self, node_id: str = OBJECTS) -> list[NodeInfo]:
        """The node's children (hierarchical references), with variables' values."""
        return await browse_tree(self._need(), node_id, depth=1)

    async def details(self, node_id: str) -> NodeDetails:
        client = self._need()
        nid = parse_node_id(node_id)
        values = await _read(client, [(nid, attribute) for attribute in _ATTRIBUTES])
        attributes: list[tuple[str, str]] = []
        for attribute, dv in zip(_ATTRIBUTES, values, strict=True):
            if dv.StatusCode is not None and dv.StatusCode.is_bad():
                continue  # the node class has no such attribute
            attributes.append((attribute.name, _attribute_text(attribute, dv)))
        if not attributes:
            raise OpcUaError(f"node {node_id}: {status_name(values[0].StatusCode)}")
        return NodeDetails(nid.to_string(), tuple(attributes), tuple(await self._refs(nid)))

    async def watch(self, node_id: str, on_value: Callable[[LiveValue], None]) -> None:
        """Subscribe to the node's value (replacing the node watched before)."""
        client = self._need()
        await self.unwatch()
        self._handler.on_value = on_value
        if self._subscription is None:
            self._subscription = await client.create_subscription(LIVE_PUBLISH_MS,
                                                                  self._handler)
        handle = await self._subscription.subscribe_data_change(
            client.get_node(parse_node_id(node_id)))
        self._watched = (node_id, int(handle))

    async def unwatch(self) -> None:
        if self._subscription is not None and self._watched is not None:
            _, handle = self._watched
            self._watched = None
            with contextlib.suppress(Exception):  # a node gone or a link lost: nothing to undo
                await self._subscription.unsubscribe(handle)

    async def close(self) -> None:
        stack, self._stack = self._stack, None
        self._client = None
        self._subscription = None
        self._watched = None
        if stack is not None:
            with contextlib.suppress(Exception):  # disconnecting a dead session raises
                await stack.aclose()

    @property
    def connected(self) -> bool:
        return self._client is not None

    def _need(self) -> Client:
        if self._client is None:
            raise OpcUaError("not connected: connect to an endpoint first")
        return self._client

    async def _refs(self, nid: ua.NodeId) -> list[Reference]:
        desc = ua.BrowseDescription()
        desc.NodeId = nid
        desc.BrowseDirection = ua.BrowseDirection.Both
        desc.ReferenceTypeId = ua.NodeId(ua.Int32(ObjectIds.References))
        desc.IncludeSubtypes = True
        desc.NodeClassMask = 0
        desc.ResultMask = ua.BrowseResultMask.All
        params = ua.BrowseParameters()
        params.View = ua.ViewDescription()
        params.RequestedMaxReferencesPerNode = 0
        params.NodesToBrowse = [desc]
        (result,) = await self._need().uaclient.browse(params)
        return [
            Reference(_type_name(ref.ReferenceTypeId), bool(ref.IsForward),
                      ref.NodeId.to_string(),
                      ref.DisplayName.Text or ref.BrowseName.Name or "")
            for ref in result.References or []
        ]


class _Handler:
    """asyncua's subscription handler: hands each value on as a LiveValue."""

    def __init__(self, on_value: Callable[[LiveValue], None]) -> None:
        self.on_value = on_value

    def datachange_notification(self, node: Any, value: Any, data: Any) -> None:
        dv = data.monitored_item.Value
        self.on_value(LiveValue(node.nodeid.to_string(), plain(value),
                                status_name(dv.StatusCode) if dv is not None else "Good",
                                dv.SourceTimestamp if dv is not None else None))


def _endpoint(e: ua.EndpointDescription) -> EndpointInfo:
    policy = (e.SecurityPolicyUri or "").rsplit("#", 1)[-1] or "None"
    tokens = tuple(ua.UserTokenType(t.TokenType).name for t in e.UserIdentityTokens or [])
    mode = ua.MessageSecurityMode(e.SecurityMode).name.rstrip("_")  # asyncua says None_
    return EndpointInfo(e.EndpointUrl, mode, policy,
                        tokens, int(e.SecurityLevel or 0))


def _type_name(type_id: ua.NodeId) -> str:
    if type_id.NamespaceIndex == 0 and isinstance(type_id.Identifier, int):
        return ObjectIdNames.get(type_id.Identifier, type_id.to_string())
    return type_id.to_string()


def _attribute_text(attribute: AttributeIds, dv: ua.DataValue) -> str:
    value = dv.Value.Value if dv.Value is not None else None
    if attribute == AttributeIds.DataType and isinstance(value, ua.NodeId):
        return f"{_type_name(value)} ({value.to_string()})"
    if attribute == AttributeIds.NodeClass and value is not None:
        return ua.NodeClass(value).name
    if attribute in (AttributeIds.AccessLevel, AttributeIds.UserAccessLevel) and value is not None:
        flags = [name for bit, name in ((0, "Read"), (1, "Write"), (2, "HistoryRead"))
                 if int(value) & (1 << bit)]
        return ", ".join(flags) or "none"
    shown = plain(value)
    return "" if shown is None else str(shown)
