"""Canonical JSON and SHA-256 content hashes: the same content always hashes the same, in
any process, on any platform (sorted keys, no spaces, floats by repr, UTF-8)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from recipes.model import Parameter, RecipeContent, RecipeHeader


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def parameter_dict(p: Parameter) -> dict[str, Any]:
    """Numbers in one form (limits always floats, the setpoint in its data type), so 0 and
    0.0 hash the same after a trip through SQL or a file."""
    setpoint: Any = p.setpoint
    if p.data_type == "float":
        setpoint = float(setpoint)
    elif p.data_type == "int":
        setpoint = int(setpoint)
    return {
        "tag": p.tag, "name": p.name, "unit": p.unit, "data_type": p.data_type,
        "setpoint": setpoint, "low": _number(p.low), "high": _number(p.high),
        "warn_low": _number(p.warn_low), "warn_high": _number(p.warn_high),
        "critical": p.critical, "verify": p.verify.value, "tolerance": float(p.tolerance),
    }


def content_dict(header: RecipeHeader, version: int, content: RecipeContent) -> dict[str, Any]:
    """What a content hash covers: header, version number, formula, equipment, notes."""
    return {
        "recipe_id": header.recipe_id,
        "product": header.product,
        "station_group": header.station_group,
        "description": header.description,
        "version": version,
        "parameters": [parameter_dict(p) for p in content.parameters],
        "equipment": [{"station": e.station, "requirement": e.requirement}
                      for e in content.equipment],
        "notes": content.notes,
    }


def content_hash(header: RecipeHeader, version: int, content: RecipeContent) -> str:
    return sha256_hex(canonical_json(content_dict(header, version, content)))
