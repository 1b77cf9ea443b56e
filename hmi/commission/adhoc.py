"""Line configs made in memory for the commands: one endpoint, or a slice of a real config.

`watch URL NODEID...` and `write URL NODEID VALUE` go through the same PlcService as the HMI
(reconnects, quality, read-back), which reads a LineConfig: so the command line is turned
into one. Tags are named `node.n1`, `node.n2`, ...; the commands print the node id instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hmi.config import LineConfig, OpcUaConnection, Station, TagConfig
from hmi.config.schema import DataType, LineInfo

STATION = "node"


def opcua_config(
    endpoint: str,
    node_ids: Sequence[str],
    *,
    interval_ms: int = 100,
    timeout_s: float = 3.0,
    data_types: Mapping[str, DataType] | None = None,
    writable: bool = False,
) -> tuple[LineConfig, dict[str, str]]:
    """A one-connection config watching `node_ids`, and the map tag id -> node id."""
    types = data_types or {}
    connection = OpcUaConnection(
        id=STATION,
        protocol="opcua",
        endpoint=endpoint,
        # The ad-hoc commands speak to any endpoint as given: no certificate exchange yet.
        security_mode="None",
        security_policy="None",
        publishing_interval_ms=interval_ms,
        timeout_s=timeout_s,
    )
    tags = {f"{STATION}.n{i}": node_id for i, node_id in enumerate(node_ids, start=1)}
    config = LineConfig(
        line=LineInfo(id="adhoc", name=endpoint),
        connections=(connection,),
        stations=(Station(id=STATION, name=endpoint, connection=STATION),),
        tags=tuple(
            TagConfig.model_validate(
                {
                    "id": tag_id,
                    "data_type": types.get(node_id, "float"),
                    "writable": writable,
                    "opcua": {"node_id": node_id},
                }
            )
            for tag_id, node_id in tags.items()
        ),
    )
    return config, tags


def subset(config: LineConfig, tag_ids: Sequence[str]) -> LineConfig:
    """Only these tags and the connections and stations they need.

    PlcService connects to every connection of its config: watching two dry-room tags
    must not also dial every other PLC of the line. Loops and trends are dropped (they
    refer to tags that may not be kept; the commands do not use them).
    """
    wanted = set(tag_ids)
    tags = tuple(t for t in config.tags if t.id in wanted)
    connections = {config.tag_connection(t) for t in tags}
    stations = {t.station for t in tags}
    return config.model_copy(
        update={
            "tags": tags,
            "connections": tuple(c for c in config.connections if c.id in connections),
            "stations": tuple(s for s in config.stations if s.id in stations),
            "loops": (),
            "trends": (),
        }
    )
