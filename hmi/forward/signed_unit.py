"""A unit of rows made on the HMI's copy, with the signatures they name and the copy's audit
entries, written into the plant database: the part of offline_changeover.write_unit that
is not about changeovers, generic over tables (written beside it, not into it, while its
owner finishes the changeover side; write_unit can become a call of this one).

Signature ids: the copy numbers its own signatures; the plant row is found by content or
inserted (offline_changeover._plant_signature, the one rule for both), and every link to
it in the unit (each table's signature column named in `links`, the audit entries'
signature_id) is rewritten to the plant's id in the caller's transaction. Each audit
entry joins the plant chain with its own time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert

from hmi.core.audit_event import AuditEvent
from hmi.forward.offline_changeover import _as_time, _plant_signature
from hmi.plantdb.tables import signatures
from hmi.security.audit import AuditTrail


def write_signed_unit(conn: Connection, audit: AuditTrail, unit: Mapping[str, Any], *,
                      tables: Mapping[str, Table], links: Mapping[str, str],
                      what: str) -> list[int]:
    """`unit["rows"]`: [[table name, rows]] in order, "signatures" before the rows naming
    them; `unit["audit"]`: [[AuditEvent fields, time]]. `links`: table name -> its column
    holding a signature id (None allowed: no signature). `what` names the unit in an
    error. Returns the audit seqs written."""
    plant_ids: dict[int, int] = {}

    def mapped(copy_id: Any) -> int:
        try:
            return plant_ids[int(copy_id)]
        except KeyError:  # the sender carries every signature named: edited by hand?
            raise ValueError(f"{what}: signature {copy_id} made on the copy is not in its "
                             "unit; nothing of it was written") from None

    for name, table_rows in unit["rows"]:
        if name == signatures.name:
            for row in table_rows:
                plant_ids[int(row["id"])] = _plant_signature(conn, row)
            continue
        column = links.get(name)
        if column is not None:
            table_rows = [{**r, column: None if r[column] is None else mapped(r[column])}
                          for r in table_rows]
        if table_rows:
            conn.execute(insert(tables[name]), [dict(r) for r in table_rows])
    events: list[tuple[AuditEvent, datetime | None]] = []
    for fields, at in unit["audit"]:
        sig = fields.get("signature_id")
        if sig is not None:
            fields = {**fields, "signature_id": mapped(sig)}
        events.append((AuditEvent(**fields), _as_time(at)))
    return [entry.seq for entry in audit.append_all_in(conn, events)]
