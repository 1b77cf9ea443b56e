"""A plant-sized line config: copies of a line packed onto a few PLC connections.

`big_line_config(base, tags=20_000, opcua=6, modbus=4)` copies `base` as
`replicate_config` does (copy k suffixes station ids with `_k`, renames tags and their
string node ids) until it holds at least `tags` tags, but puts every copy's stations on
`opcua + modbus` connections instead of four new ones per copy: OPC UA stations go round
the OPC UA connections; each Modbus connection of `base` gets modbus / (its count) units,
and a copy's registers on a shared unit sit `stride` addresses above the previous copy's
(a real PLC of many identical cells maps them the same way). Trends stay those of copy 1:
a plant does not trend every copy on its own screen.

`LineTwin(base, lines=copies, served=config)` serves exactly this layout (the twin's
models are the copies; the served config says where each tag sits on the wire).
"""

from __future__ import annotations

import json
import math
from typing import Any

from hmi.config.schema import LineConfig
from hmi.sim.replicate import _rename_node, rename_tag, suffix

ADDRESS_LIMIT = 65_536


def copies_for(base: LineConfig, tags: int) -> int:
    return max(1, math.ceil(tags / len(base.tags)))


def big_line_config(base: LineConfig, tags: int = 20_000, opcua: int = 6,
                    modbus: int = 4) -> LineConfig:
    """At least `tags` tags on `opcua` OPC UA and `modbus` Modbus connections."""
    data = base.model_dump()
    copies = copies_for(base, tags)
    ua_base = [c for c in data["connections"] if c["protocol"] == "opcua"]
    mb_base = [c for c in data["connections"] if c["protocol"] == "modbus"]
    if (ua_base and opcua < 1) or (mb_base and modbus < len(mb_base)):
        raise ValueError(f"{len(mb_base)} Modbus connections in the base need at least as "
                         "many Modbus connections, and OPC UA at least one")
    conns, where = _connections(ua_base, mb_base, opcua, modbus, copies)
    strides = {c["id"]: _stride(data["tags"], c["id"], data["stations"]) for c in mb_base}
    out: dict[str, list[Any]] = {"stations": [], "tags": [], "loops": []}
    for k in range(1, copies + 1):
        for station in data["stations"]:
            out["stations"].append({**station, "id": suffix(station["id"], k),
                                    "connection": where(station["connection"], k)[0]})
        for tag in data["tags"]:
            out["tags"].append(_tag(tag, k, data["stations"], where, strides))
        out["loops"].extend(
            {**lp, "id": suffix(lp["id"], k), "station": suffix(lp["station"], k),
             **{role: rename_tag(lp[role], k) for role in ("pv", "sp", "out", "mode")}}
            for lp in data["loops"])
    alarms = []
    linked: set[str] = set()
    for alarm in data["alarms"]:  # copy 1's; a link alarm for each connection its link became
        if alarm.get("connection") is None:
            alarms.append(alarm)
            continue
        spread = sorted({where(alarm["connection"], k)[0] for k in range(1, copies + 1)})
        alarms.extend({**alarm, "id": f"{cid}_comm_loss", "connection": cid}
                      for cid in spread if cid not in linked)
        linked.update(spread)
    line = {**data["line"], "id": f"{data['line']['id']}_x{copies}",
            "name": f"{data['line']['name']} ({copies} copies)"}
    return LineConfig.model_validate({**data, "line": line, "connections": conns,
                                      "alarms": alarms, **out})


def _connections(ua_base: list[dict[str, Any]], mb_base: list[dict[str, Any]], opcua: int,
                 modbus: int, copies: int) -> tuple[list[dict[str, Any]], Any]:
    conns: list[dict[str, Any]] = []
    targets: dict[str, list[str]] = {}  # base connection id -> the connections it spreads to
    if ua_base:
        ua_ids = [f"opcua_{j + 1}" for j in range(opcua)]
        for j, cid in enumerate(ua_ids):
            conns.append({**ua_base[j % len(ua_base)], "id": cid})
        for c in ua_base:
            targets[c["id"]] = ua_ids
    unit = 0
    for i, c in enumerate(mb_base):
        share = modbus // len(mb_base) + (1 if i < modbus % len(mb_base) else 0)
        ids = []
        for j in range(share):
            unit += 1
            cid = f"{c['id']}_{j + 1}"
            conns.append({**c, "id": cid, "unit_id": unit})
            ids.append(cid)
        targets[c["id"]] = ids

    def where(base_id: str, k: int) -> tuple[str, int]:
        """The connection copy k's `base_id` stations go to, and the copy's slot on it."""
        spread = targets[base_id]
        return spread[(k - 1) % len(spread)], (k - 1) // len(spread)

    del copies
    return conns, where


def _stride(tags: list[dict[str, Any]], conn_id: str, stations: list[dict[str, Any]]) -> int:
    """Registers one copy of this connection's tags spans, rounded up to ten."""
    of_station = {s["id"]: s["connection"] for s in stations}
    ends = [t["modbus"]["address"] + 2 for t in tags if t.get("modbus")
            and (t.get("connection") or of_station[t["id"].split(".", 1)[0]]) == conn_id]
    return max(10, math.ceil((max(ends, default=0) + 1) / 10) * 10)


def _tag(tag: dict[str, Any], k: int, stations: list[dict[str, Any]], where: Any,
         strides: dict[str, int]) -> dict[str, Any]:
    new = {**tag, "id": rename_tag(tag["id"], k)}
    base_conn = tag.get("connection") or next(
        s["connection"] for s in stations if s["id"] == tag["id"].split(".", 1)[0])
    conn, slot = where(base_conn, k)
    if tag.get("connection"):
        new["connection"] = conn
    if tag.get("opcua"):
        new["opcua"] = {"node_id": _rename_node(tag["opcua"]["node_id"], tag["id"],
                                                new["id"], k)}
    if tag.get("modbus"):
        address = tag["modbus"]["address"] + strides[base_conn] * slot
        if address + 2 > ADDRESS_LIMIT:
            raise ValueError(f"copy {k}: Modbus address {address} is past the register space;"
                             " use more Modbus connections")
        new["modbus"] = {**tag["modbus"], "address": address}
    return new


def to_toml(config: LineConfig) -> str:
    """The config as a line config file (`lineside run --config`): what it holds beyond
    the defaults, tables in the order the loader reads them."""
    data = config.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    out: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict) and key != "enums":
            out.append(f"[{key}]")
            out.extend(f"{k} = {_value(v)}" for k, v in value.items())
            out.append("")
        elif key == "enums":
            for name, members in value.items():
                out.append(f"[enums.{name}]")
                out.extend(f"{k} = {_value(v)}" for k, v in members.items())
                out.append("")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                out.append(f"[[{key}]]")
                out.extend(f"{k} = {_value(v)}" for k, v in item.items())
                out.append("")
        else:
            out.append(f"{key} = {_value(value)}")
    return "\n".join(out)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)
