"""`--lines N`: the config copied N times, as N lines sharing one twin.

Copy k >= 2 suffixes station, connection, loop and trend ids with `_k`, renames tags
(`coater_2.web_tension_n`) and their string node ids (`ns=2;s=coater_2.web_tension_n`), and
moves Modbus unit ids up by 10·(k−1). Copy 1 is the config unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from hmi.config.schema import LineConfig, ModbusConnection, OpcUaConnection

UNIT_STEP = 10


def suffix(identifier: str, k: int) -> str:
    return identifier if k == 1 else f"{identifier}_{k}"


def rename_tag(tag_id: str, k: int) -> str:
    station, signal = tag_id.split(".", 1)
    return f"{suffix(station, k)}.{signal}"


def _rename_node(node_id: str, old_tag: str, new_tag: str, k: int) -> str:
    match = re.match(r"^(?P<ns>(?:ns=\d+;|nsu=[^;]+;)?)s=(?P<name>.+)$", node_id)
    if match is None:
        raise ValueError(f"node id {node_id!r} is not a string NodeId: cannot replicate it")
    name = match["name"]
    station = old_tag.split(".", 1)[0]
    if name == old_tag:
        name = new_tag
    elif name.startswith(f"{station}."):
        name = f"{suffix(station, k)}{name[len(station):]}"
    else:
        name = suffix(name, k)
    return f"{match['ns']}s={name}"


def _copy(data: dict[str, Any], k: int) -> dict[str, Any]:
    conns = []
    for conn in data["connections"]:
        conn = {**conn, "id": suffix(conn["id"], k)}
        if conn["protocol"] == "modbus":
            conn["unit_id"] = conn["unit_id"] + UNIT_STEP * (k - 1)
            if conn["unit_id"] > 255:
                raise ValueError(f"line {k}: Modbus unit id {conn['unit_id']} is above 255")
        conns.append(conn)
    stations = [
        {**s, "id": suffix(s["id"], k), "connection": suffix(s["connection"], k)}
        for s in data["stations"]
    ]
    tags = []
    for tag in data["tags"]:
        old_id = tag["id"]
        tag = {**tag, "id": rename_tag(old_id, k)}
        if tag.get("connection"):
            tag["connection"] = suffix(tag["connection"], k)
        if tag.get("opcua"):
            node_id = _rename_node(tag["opcua"]["node_id"], old_id, tag["id"], k)
            tag["opcua"] = {"node_id": node_id}
        tags.append(tag)
    loops = [
        {**lp, "id": suffix(lp["id"], k), "station": suffix(lp["station"], k),
         **{role: rename_tag(lp[role], k) for role in ("pv", "sp", "out", "mode")}}
        for lp in data["loops"]
    ]
    trends = [
        {**tr, "id": suffix(tr["id"], k), "title": f"{tr['title']} (line {k})",
         "pens": [rename_tag(p, k) for p in tr["pens"]]}
        for tr in data["trends"]
    ]
    return {"connections": conns, "stations": stations, "tags": tags, "loops": loops,
            "trends": trends}


def replicate_config(config: LineConfig, n: int) -> LineConfig:
    if n < 1:
        raise ValueError(f"--lines must be at least 1, got {n}")
    if n == 1:
        return config
    data = config.model_dump()
    merged = {key: list(data[key]) for key in ("connections", "stations", "tags", "loops",
                                               "trends")}
    for k in range(2, n + 1):
        for key, items in _copy(data, k).items():
            merged[key].extend(items)
    return LineConfig.model_validate({**data, **merged})


def retarget(
    config: LineConfig, *, opcua_endpoint: str, modbus_host: str, modbus_port: int
) -> LineConfig:
    """The config with every OPC UA connection at one endpoint and every Modbus connection
    at one host and port: how a client reaches a twin that serves the whole line."""
    conns: list[OpcUaConnection | ModbusConnection] = []
    for conn in config.connections:
        if isinstance(conn, OpcUaConnection):
            conns.append(conn.model_copy(update={"endpoint": opcua_endpoint}))
        else:
            conns.append(conn.model_copy(update={"host": modbus_host, "port": modbus_port}))
    return config.model_copy(update={"connections": tuple(conns)})
