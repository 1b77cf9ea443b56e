"""The audit trail's SHA-256 chain: what exactly is hashed, so anyone can re-check it.

entry_hash = SHA-256(prev_hash + "\n" + canonical JSON of the entry's own columns, seq and
time included). A changed column changes the entry's hash; a deleted or inserted entry
breaks the next entry's prev_hash (or the sequence). The first entry's prev_hash is GENESIS.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from hmi.core.tags import Scalar

GENESIS = "0" * 64

HASHED_COLUMNS = (
    "seq", "utc_ts", "username", "full_name", "role", "action", "object_type", "object_id",
    "field", "old_value", "sent_value", "read_back", "reason", "client_host", "signature_id",
)


def encode_value(value: Scalar) -> str:
    """A value as stored in the trail: JSON, so 1, 1.0, "1", true and null stay distinct."""
    return json.dumps(value, ensure_ascii=False)


def decode_value(text: str) -> Scalar:
    value = json.loads(text)
    assert value is None or isinstance(value, bool | int | float | str)
    return value


def timestamp_text(ts: datetime) -> str:
    return ts.isoformat(timespec="microseconds")


def entry_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    content = {name: row[name] for name in HASHED_COLUMNS}
    content["utc_ts"] = timestamp_text(content["utc_ts"])
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 of a record's canonical JSON: what a signature links to (recipes, versions)."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                           default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
