"""OPC UA address-space browse and node description, for the commissioning commands.

Results are frozen dataclasses of plain Python values (str, int, float, bool, lists, dicts,
datetimes): asyncua objects stay in this package.

The browse goes level by level: one Browse request for every node of a level (chunked),
then one Read request for the data type, value and access level of every variable found,
then one Read for the names of non-standard data types. A node-by-node walk costs a round
trip per node and attribute; batching keeps a deep browse of a large server to seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import math
import socket
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from asyncua import ua
from asyncua.client.client import Client
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIdNames, ObjectIds
from asyncua.ua.uaerrors import UaError, UaStatusCodeError

OBJECTS = "i=85"
_BROWSE_CHUNK = 250  # nodes per Browse request: below the usual MaxNodesPerBrowse
_READ_CHUNK = 900  # attributes per Read request: below the usual MaxNodesPerRead
_VARIABLE_ATTRIBUTES = (
    AttributeIds.DataType,
    AttributeIds.Value,
    AttributeIds.AccessLevel,
)
_CURRENT_WRITE = 1 << 1  # AccessLevel bit 1 (OPC 10000-3, 8.57)

T = TypeVar("T")


class OpcUaError(Exception):
    """The server cannot be reached or refused a request; the message says which and why."""


@dataclass(frozen=True, slots=True)
class NodeInfo:
    node_id: str
    browse_name: str
    namespace: int  # of the browse name (UaExpert shows it as `2:Name`)
    display_name: str
    node_class: str  # Object, Variable, Method, ObjectType, ...
    path: str  # browse names from the start node, joined by "/" (see path_segment)
    depth: int  # 1 for a child of the start node
    data_type: str | None = None  # variables only: Double, Int32, or the type's browse name
    value: Any = None  # variables only, as plain Python
    status: str = ""  # the value's StatusCode name when it is not Good
    writable: bool | None = None  # variables only: AccessLevel has CurrentWrite


@contextlib.asynccontextmanager
async def opcua_session(endpoint: str, timeout_s: float) -> AsyncIterator[Client]:
    """A connected client for one command; always disconnected afterwards.

    The whole connect is bounded by `timeout_s`: a PLC that does not answer (a black-holed
    address, a server that accepts TCP but never says Hello) must not hang the command.
    """
    client = Client(endpoint, timeout=timeout_s)
    try:
        await asyncio.wait_for(client.connect(), timeout_s)
    except Exception as exc:
        await _disconnect_quietly(client, timeout_s)
        raise OpcUaError(_connect_failure(endpoint, exc, timeout_s)) from None
    try:
        yield client
    finally:
        await _disconnect_quietly(client, timeout_s)


async def _disconnect_quietly(client: Client, timeout_s: float) -> None:
    # Disconnecting a half-open or already lost session raises; there is nothing to save.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(client.disconnect(), timeout_s)


def _connect_failure(endpoint: str, exc: BaseException, timeout_s: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"no answer from {endpoint} within {timeout_s:g} s (is the address right?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host of {endpoint}: {exc.strerror or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to {endpoint}: connection refused (is the server running?)"
    if isinstance(exc, ConnectionError):  # accepted, then closed or reset in the handshake
        return (
            f"cannot connect to {endpoint}: the connection was closed during the handshake "
            "(is it an OPC UA server on that port?)"
        )
    if isinstance(exc, OSError):
        return f"cannot connect to {endpoint}: {exc.strerror or exc}"
    if isinstance(exc, UaStatusCodeError):
        return f"{endpoint} refused the session: {_code_name(exc.code)}"
    return f"cannot connect to {endpoint}: {type(exc).__name__}: {exc}"


def parse_node_id(text: str) -> ua.NodeId:
    try:
        return ua.NodeId.from_string(text)
    except (ValueError, UaError):
        raise OpcUaError(f"{text!r} is not an OPC UA node id like ns=2;s=name or i=85") from None


async def browse_tree(
    client: Client, start: str = OBJECTS, depth: int = 3
) -> list[NodeInfo]:
    """The nodes below `start` down to `depth` levels, in tree order (parent before children).

    A node reached by several hierarchical references is listed once, where it is first met,
    which also stops the walk from looping on cyclic references.
    """
    root = parse_node_id(start)
    children: dict[str, list[NodeInfo]] = {}
    seen = {root.to_string()}
    level: list[tuple[ua.NodeId, str]] = [(root, "")]
    for current_depth in range(1, depth + 1):
        if not level:
            break
        results = await _browse_children(client, [node for node, _ in level])
        if current_depth == 1 and results[0][0].is_bad():
            raise OpcUaError(f"cannot browse {start}: {_code_name(results[0][0])}")
        parents: list[str] = []
        found: list[tuple[ua.ReferenceDescription, str]] = []
        for (parent, parent_path), (_, refs) in zip(level, results, strict=True):
            for ref in refs:
                node_id = ref.NodeId.to_string()
                if getattr(ref.NodeId, "ServerIndex", 0) or node_id in seen:
                    continue  # remote servers cannot be read here; repeats were listed already
                seen.add(node_id)
                parents.append(parent.to_string())
                name = path_segment(ref.BrowseName.Name)
                found.append((ref, f"{parent_path}/{name}" if parent_path else name))
        infos = await _describe_references(client, found, current_depth)
        for parent_id, info in zip(parents, infos, strict=True):
            children.setdefault(parent_id, []).append(info)
        level = [(ref.NodeId, info.path) for (ref, _), info in zip(found, infos, strict=True)]
    return list(_tree_order(children, root.to_string()))


def path_segment(name: str) -> str:
    """A browse name inside a path: `/` and `&` escaped with `&`, as OPC UA relative paths do
    (namespace arrays have browse names like http://opcfoundation.org/UA/)."""
    return name.replace("&", "&&").replace("/", "&/")


def _tree_order(children: dict[str, list[NodeInfo]], node_id: str) -> Iterator[NodeInfo]:
    for child in children.get(node_id, []):
        yield child
        yield from _tree_order(children, child.node_id)


async def describe_node(client: Client, node_id: str) -> NodeInfo:
    """One node's names, class and, for a variable, data type, value and writability."""
    nid = parse_node_id(node_id)
    head = await _read(
        client,
        [
            (nid, AttributeIds.BrowseName),
            (nid, AttributeIds.DisplayName),
            (nid, AttributeIds.NodeClass),
        ],
    )
    if head[0].StatusCode is not None and head[0].StatusCode.is_bad():
        raise OpcUaError(f"node {node_id}: {_code_name(head[0].StatusCode)}")
    name: ua.QualifiedName = _value(head[0])
    node_class = ua.NodeClass(_value(head[2]))
    info = NodeInfo(
        node_id=nid.to_string(),
        browse_name=name.Name,
        namespace=name.NamespaceIndex,
        display_name=_value(head[1]).Text or name.Name,
        node_class=node_class.name,
        path=name.Name,
        depth=0,
    )
    if node_class != ua.NodeClass.Variable:
        return info
    (described,) = await _with_variable_attributes(client, [nid], [info])
    return described


async def _browse_children(
    client: Client, parents: Sequence[ua.NodeId]
) -> list[tuple[ua.StatusCode, list[ua.ReferenceDescription]]]:
    results: list[tuple[ua.StatusCode, list[ua.ReferenceDescription]]] = []
    for chunk in _chunks(parents, _BROWSE_CHUNK):
        params = ua.BrowseParameters()
        params.View = ua.ViewDescription()
        params.RequestedMaxReferencesPerNode = 0
        params.NodesToBrowse = [_browse_description(node) for node in chunk]
        for result in await client.uaclient.browse(params):
            refs = list(result.References or [])
            point = result.ContinuationPoint
            while point:  # the server split a long reference list
                more = ua.BrowseNextParameters()
                more.ContinuationPoints = [point]
                (next_result,) = await client.uaclient.browse_next(more)
                refs.extend(next_result.References or [])
                point = next_result.ContinuationPoint
            results.append((result.StatusCode, refs))
    return results


def _browse_description(node: ua.NodeId) -> ua.BrowseDescription:
    desc = ua.BrowseDescription()
    desc.NodeId = node
    desc.BrowseDirection = ua.BrowseDirection.Forward
    desc.ReferenceTypeId = ua.NodeId(ua.Int32(ObjectIds.HierarchicalReferences))
    desc.IncludeSubtypes = True
    desc.NodeClassMask = 0  # every class
    desc.ResultMask = ua.BrowseResultMask.All
    return desc


async def _describe_references(
    client: Client, found: Sequence[tuple[ua.ReferenceDescription, str]], depth: int
) -> list[NodeInfo]:
    infos = [
        NodeInfo(
            node_id=ref.NodeId.to_string(),
            browse_name=ref.BrowseName.Name,
            namespace=ref.BrowseName.NamespaceIndex,
            display_name=ref.DisplayName.Text or ref.BrowseName.Name,
            node_class=ua.NodeClass(ref.NodeClass).name,
            path=path,
            depth=depth,
        )
        for ref, path in found
    ]
    variables = [i for i, info in enumerate(infos) if info.node_class == "Variable"]
    described = await _with_variable_attributes(
        client, [found[i][0].NodeId for i in variables], [infos[i] for i in variables]
    )
    for index, info in zip(variables, described, strict=True):
        infos[index] = info
    return infos


async def _with_variable_attributes(
    client: Client, node_ids: Sequence[ua.NodeId], infos: Sequence[NodeInfo]
) -> list[NodeInfo]:
    """Add data type, value and writability to variables: one batched Read for all of them."""
    requests = [(node, attribute) for node in node_ids for attribute in _VARIABLE_ATTRIBUTES]
    values = await _read(client, requests)
    width = len(_VARIABLE_ATTRIBUTES)
    per_node = [values[i : i + width] for i in range(0, len(values), width)]
    type_ids = [_value(dv[0]) if _good(dv[0]) else None for dv in per_node]
    names = await _data_type_names(client, [t for t in type_ids if t is not None])
    described: list[NodeInfo] = []
    for info, (_, value, access), type_id in zip(infos, per_node, type_ids, strict=True):
        described.append(
            dataclasses.replace(
                info,
                data_type=names.get(type_id.to_string()) if type_id is not None else None,
                value=plain(_value(value)),
                status="" if _good(value) else _code_name(value.StatusCode),
                writable=bool(_value(access) & _CURRENT_WRITE) if _good(access) else None,
            )
        )
    return described


async def _data_type_names(client: Client, type_ids: Sequence[ua.NodeId]) -> dict[str, str]:
    """Standard types by their well-known names, the server's own types by a Read."""
    names: dict[str, str] = {}
    custom: dict[str, ua.NodeId] = {}
    for type_id in type_ids:
        key = type_id.to_string()
        if type_id.NamespaceIndex == 0 and isinstance(type_id.Identifier, int):
            names[key] = ObjectIdNames.get(type_id.Identifier, key)
        else:
            custom[key] = type_id
    if custom:
        read = await _read(client, [(t, AttributeIds.BrowseName) for t in custom.values()])
        for key, dv in zip(custom, read, strict=True):
            names[key] = _value(dv).Name if _good(dv) else key
    return names


async def _read(
    client: Client, requests: Sequence[tuple[ua.NodeId, AttributeIds]]
) -> list[ua.DataValue]:
    values: list[ua.DataValue] = []
    for chunk in _chunks(requests, _READ_CHUNK):
        params = ua.ReadParameters()
        params.TimestampsToReturn = ua.TimestampsToReturn.Both
        for node_id, attribute in chunk:
            rv = ua.ReadValueId()
            rv.NodeId = node_id
            rv.AttributeId = attribute
            params.NodesToRead.append(rv)
        values.extend(await client.uaclient.read(params))
    return values


def _value(dv: ua.DataValue) -> Any:
    return dv.Value.Value if dv.Value is not None else None


def _good(dv: ua.DataValue) -> bool:
    return (dv.StatusCode is None or dv.StatusCode.is_good()) and dv.Value is not None


def _code_name(code: ua.StatusCode | int | None) -> str:
    if code is None:
        return "Good"
    status = code if isinstance(code, ua.StatusCode) else ua.StatusCode(ua.UInt32(code))
    return status.name or f"0x{status.value:08X}"


def status_name(code: Any) -> str:
    """A StatusCode (or its integer) as its symbolic name, e.g. BadOutOfRange."""
    return _code_name(code)


def plain(value: Any) -> Any:
    """An OPC UA value as plain Python: numbers, text, lists, dicts and datetimes only."""
    if isinstance(value, enum.Enum):  # before int: asyncua's enums are IntEnums
        return value.name
    if value is None or isinstance(value, (bool, int, str, datetime)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, ua.LocalizedText):
        return value.Text
    if isinstance(value, ua.QualifiedName):
        return value.to_string()
    if isinstance(value, (ua.NodeId, ua.ExpandedNodeId)):
        return value.to_string()
    if isinstance(value, ua.StatusCode):
        return _code_name(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
