"""A server's operation limits, and requests cut to fit them.

OPC UA servers say in ServerCapabilities.OperationLimits (Part 5) how many nodes one Read,
Write or CreateMonitoredItems may carry; a bigger request is refused whole
(BadTooManyOperations), which on a 3,400-tag PLC connection would mean no subscription at
all. The driver reads the limits once at connect and cuts its requests to fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from asyncua import ua
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIds
from asyncua.ua.uaerrors import UaStatusCodeError

from hmi.config.schema import TagConfig
from hmi.core.tags import Scalar

# Reads, writes and monitored items go in chunks of at most the server's limit. 0 or
# unreadable: the server sets none, and CHUNK_DEFAULT applies (a few thousand nodes in
# one message can pass a PLC's message size limit all the same).
LIMIT_NODES = {
    "read": ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead,
    "write": ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerWrite,
    "monitor": ObjectIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall,
}
CHUNK_DEFAULT = 1000


async def read_operation_limits(uaclient: Any) -> dict[str, int]:
    """Nodes per request by kind ("read", "write", "monitor") on a connected client's
    server: its limit where it sets one below CHUNK_DEFAULT, else CHUNK_DEFAULT."""
    chunk = dict.fromkeys(LIMIT_NODES, CHUNK_DEFAULT)
    nodes = [ua.NodeId(ua.Int32(node)) for node in LIMIT_NODES.values()]
    try:
        results = await uaclient.read_attributes(nodes, AttributeIds.Value)
    except UaStatusCodeError:  # a server that will not say: no limits known
        return chunk
    for kind, dv in zip(LIMIT_NODES, results, strict=True):
        limit = dv.Value.Value if dv.Value is not None else None
        good = dv.StatusCode is None or dv.StatusCode.is_good()
        if good and isinstance(limit, int) and limit > 0:
            chunk[kind] = min(limit, CHUNK_DEFAULT)
    return chunk


T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in runs of at most `size` (one run when size < 1: no limit)."""
    if size < 1:
        return [items]
    return [items[i:i + size] for i in range(0, len(items), size)]


def written_before(start: int, sent: Sequence[int],
                   items: Sequence[tuple[TagConfig, Scalar]]) -> str:
    """What a failed chunked write had already done: the chunks before it were written."""
    if start == 0:
        return ""
    return (f" ({start} of {len(sent)} values were written before it, up to "
            f"{items[sent[start - 1]][0].id}; read them back)")
