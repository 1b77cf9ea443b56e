"""One fact for the audit trail, as any service hands it over (the trail adds time and hash).

Defined in hmi.core so services below hmi.security (the command service, alarms, restore)
can report what they did without importing the store that keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from hmi.core.tags import Scalar


@dataclass(frozen=True, slots=True)
class AuditEvent:
    username: str
    full_name: str
    role: str
    action: str  # what was done: "write_setpoint", "login_failed", "set_role", "sign", ...
    object_type: str  # tag, recipe, version, changeover, user, certificate, ...
    object_id: str
    field: str = ""
    old_value: Scalar = None
    sent_value: Scalar = None
    read_back: Scalar = None
    reason: str = ""
    client_host: str = ""
    signature_id: int | None = None


class AuditSink(Protocol):
    """Where audit events go; hmi.security.AuditTrail is the real one."""

    def append(self, event: AuditEvent) -> object: ...

    def append_many(self, events: Sequence[AuditEvent]) -> object:
        """All in one transaction: a batch's entries are recorded together or not at all."""
        ...
