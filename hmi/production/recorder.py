"""What production's services need of the plant link (hmi.forward.PlantLink), which they
may not import (hmi.forward builds on them): record rows and ops as one unit, written at
once while the plant database answers, kept on this HMI while it is away and forwarded in
order, exactly once; `on_forward` registers how an op is written."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection

from hmi.core.audit_event import AuditEvent

Apply = Callable[[Connection, Mapping[str, Any]], None]


class Recorder(Protocol):
    def on_forward(self, name: str, apply: Apply) -> None: ...

    def record(self, rows: Any = None, audit: Sequence[AuditEvent] = (),
               ops: Sequence[tuple[str, Mapping[str, Any]]] = ()) -> bool: ...

    def pending_ops(self, name: str) -> list[tuple[datetime, dict[str, Any]]]: ...
