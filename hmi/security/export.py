"""Printable exports of the audit trail for inspectors (Annex 11 §8): CSV now."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from hmi.security.audit import AuditEntry, AuditTrail
from hmi.security.audit_chain import encode_value, timestamp_text

COLUMNS = (
    "seq", "utc_ts", "username", "full_name", "role", "action", "object_type", "object_id",
    "field", "old_value", "sent_value", "read_back", "reason", "client_host", "signature_id",
    "prev_hash", "entry_hash",
)


def export_csv(
    trail: AuditTrail, out: Path, since: datetime | None = None, until: datetime | None = None
) -> int:
    """Write the entries in [since, until) to `out`; returns how many."""
    entries = trail.entries(since, until)
    write_entries_csv(entries, out)
    return len(entries)


def write_entries_csv(entries: Sequence[AuditEntry], out: Path) -> None:
    """The CSV both `lineside audit export` and the audit screen write. Values as JSON text,
    so a string "1" and a number 1 stay apart; times in UTC with their offset."""
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([
                e.seq, timestamp_text(e.utc_ts), e.username, e.full_name, e.role, e.action,
                e.object_type, e.object_id, e.field, encode_value(e.old_value),
                encode_value(e.sent_value), encode_value(e.read_back), e.reason, e.client_host,
                "" if e.signature_id is None else e.signature_id, e.prev_hash, e.entry_hash,
            ])
