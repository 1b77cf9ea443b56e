"""A changeover's download in the audit trail: once the download has ended (verified, refused
or rolled back), each parameter the PLC was sent is an entry like a write from a screen: who
started the changeover, the value before (the rollback point), sent, read back, and why.

Qt-free; the screen appends the entries on its worker thread.
"""

from __future__ import annotations

from hmi.core.audit_event import AuditEvent
from hmi.security.users import UserStore
from recipes.changeover import ChangeoverRecord, ChangeoverState, ParamPhase

# Before these ends the download is still under way: nothing to write yet.
_UNDER_WAY = frozenset({ChangeoverState.CREATED, ChangeoverState.PRECHECKED,
                        ChangeoverState.SNAPSHOT, ChangeoverState.DOWNLOADING,
                        ChangeoverState.DOWNLOADED})


def download_ended(record: ChangeoverRecord) -> bool:
    return record.state not in _UNDER_WAY


def download_events(record: ChangeoverRecord, users: UserStore,
                    client_host: str) -> list[AuditEvent]:
    """One entry per parameter sent (none while every parameter is still pending)."""
    sent = [p for p in record.parameters if p.phase is not ParamPhase.PENDING]
    if not sent:
        return []
    user = users.get(record.started_by)
    why = (f"changeover {record.id}: {record.recipe_id} v{record.version}, lot "
           f"{record.lot_id} ({record.state.value})")
    return [AuditEvent(
        username=record.started_by, full_name=user.full_name if user else "",
        role=user.grants_text if user else "", action="recipe_download",
        object_type="tag", object_id=p.tag, field=p.phase.value,
        old_value=p.snapshot, sent_value=p.target, read_back=p.read_back,
        reason=why, client_host=client_host,
    ) for p in sent]
