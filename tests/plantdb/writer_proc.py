"""A second HMI in a process of its own, writing to one plant database.

    python -m tests.plantdb.writer_proc audit URL NAME COUNT
    python -m tests.plantdb.writer_proc versions URL NAME COUNT RECIPE_ID

Waits for a "go" line on stdin so the processes start writing at the same moment.
"""

from __future__ import annotations

import sys

from hmi.core.audit_event import AuditEvent
from hmi.plantdb import open_plant_db
from hmi.security import AuditTrail
from recipes import RecipeStore


def _event(name: str, i: int) -> AuditEvent:
    return AuditEvent(username=name, full_name=name.title(), role="Operator",
                      action="write_setpoint", object_type="tag", object_id=f"{name}.sp{i}",
                      field="value", old_value=float(i), sent_value=float(i + 1),
                      read_back=float(i + 1), reason=f"step {i}", client_host=name)


def main(mode: str, url: str, name: str, count: int, *rest: str) -> None:
    db = open_plant_db(url, upgrade=False)
    try:
        sys.stdin.readline()  # "go"
        if mode == "audit":
            trail = AuditTrail(db)
            for i in range(count):
                trail.append(_event(name, i))
        elif mode == "versions":
            store = RecipeStore(db.engine)
            recipe_id = rest[0]
            base = store.get(recipe_id, 1).content
            for _ in range(count):
                store.new_version(recipe_id, base, name)
        else:
            raise SystemExit(f"unknown mode {mode}")
        print("done", flush=True)
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), *sys.argv[5:])
