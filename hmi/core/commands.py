"""The command service: every write to a PLC passes here, from the UI or from anything else.

It checks the acting user's role for (station, action), asks for a reason where the policy
wants one, writes through the PLC side, and leaves one audit entry per item with the old
value, the value sent and the value the PLC read back. A refused call raises PermissionDenied
and is audited too (IEC 62443 FR6: misuse attempts are security events).

hmi.core may import neither hmi.plc nor hmi.security, so both sides are Protocols here:
`PlcWriter` (PlcService / PlcProcessService fit it as they are) and `AccessPolicy`
(hmi.security.SecurityPolicy). The composition root wires them. Runs on the IoThread's loop
(it awaits the PLC); the policy and audit calls are short blocking database calls.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from hmi.core.audit_event import AuditEvent, AuditSink
from hmi.core.roles import Action
from hmi.core.tags import Scalar, TagValue
from hmi.core.user_text import QT_TRANSLATE_NOOP, Explained, UserText, user_text


class CommandRefused(Explained):
    """A command the service would not send; `str()` is one line for the operator (its
    `user_text` the same line for the panel to say in the operator's language)."""


# The actions in the operator's words. The English "word" is the action's id, so the
# English refusal reads as it always did (logs and tests match it); other languages say it.
_ACTION_WORDS = {
    Action.VIEW: QT_TRANSLATE_NOOP("CommandAction", "view"),
    Action.WRITE_SETPOINT: QT_TRANSLATE_NOOP("CommandAction", "write_setpoint"),
    Action.COMMAND: QT_TRANSLATE_NOOP("CommandAction", "command"),
    Action.ACK_ALARM: QT_TRANSLATE_NOOP("CommandAction", "ack_alarm"),
    Action.SHELVE_ALARM: QT_TRANSLATE_NOOP("CommandAction", "shelve_alarm"),
    Action.BYPASS: QT_TRANSLATE_NOOP("CommandAction", "bypass"),
    Action.RESTORE: QT_TRANSLATE_NOOP("CommandAction", "restore"),
    Action.CHANGEOVER: QT_TRANSLATE_NOOP("CommandAction", "changeover"),
    Action.RECIPE_EDIT: QT_TRANSLATE_NOOP("CommandAction", "recipe_edit"),
    Action.RECIPE_VERIFY: QT_TRANSLATE_NOOP("CommandAction", "recipe_verify"),
    Action.RECIPE_APPROVE: QT_TRANSLATE_NOOP("CommandAction", "recipe_approve"),
    Action.RECIPE_RELEASE: QT_TRANSLATE_NOOP("CommandAction", "recipe_release"),
    Action.MANAGE_USERS: QT_TRANSLATE_NOOP("CommandAction", "manage_users"),
    Action.MANAGE_CERTIFICATES: QT_TRANSLATE_NOOP("CommandAction", "manage_certificates"),
    Action.AUDIT_EXPORT: QT_TRANSLATE_NOOP("CommandAction", "audit_export"),
}


def action_word(action: str) -> UserText | str:
    """The action as the operator reads it; an unknown name as it is."""
    try:
        return user_text(_ACTION_WORDS[Action(action)])
    except ValueError:
        return action


class PermissionDenied(CommandRefused):
    def __init__(self, username: str, role: str | UserText, action: str, station: str) -> None:
        """`role`: the roles held, or why there is none (a UserText: "disabled")."""
        self.username = username
        self.role = str(role)
        self.action = action
        self.station = station
        super().__init__(user_text(QT_TRANSLATE_NOOP(
            "CommandMessages",
            "{user} ({role}) may not {action} at {station}: ask a user whose role allows it"),
            user=username, role=role or user_text(QT_TRANSLATE_NOOP("CommandMessages", "no role")),
            action=action_word(action), station=station))


class ReasonRequired(CommandRefused):
    def __init__(self, action: str, station: str) -> None:
        super().__init__(user_text(QT_TRANSLATE_NOOP(
            "CommandMessages", "{action} at {station} needs a reason: say why, then send again"),
            action=action_word(action), station=station))


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, as the policy knows them now (a role change applies at the next call)."""

    username: str
    full_name: str
    roles: tuple[str, ...]  # roles held for the station asked about
    client_host: str = ""


class AccessPolicy(Protocol):
    def actor(self, username: str, station: str, client_host: str) -> Actor:
        """The user as the store knows them; raises PermissionDenied for unknown/disabled."""
        ...

    def permitted_role(self, actor: Actor, station: str, action: str) -> str | None:
        """The first of the actor's roles that may do `action` at `station`, else None."""
        ...

    def reason_required(self, station: str, action: str) -> bool: ...


class WriteOutcome(Protocol):
    """What a PLC write reports (hmi.plc.access.WriteResult fits)."""

    @property
    def tag_id(self) -> str: ...
    @property
    def requested(self) -> Scalar: ...
    @property
    def read_back(self) -> Scalar: ...
    @property
    def ok(self) -> bool: ...
    @property
    def message(self) -> str: ...
    @property
    def status(self) -> str: ...


class PlcWriter(Protocol):
    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]: ...

    async def write_many(self, items: Sequence[tuple[str, Scalar]]) -> Sequence[WriteOutcome]: ...


@dataclass(frozen=True, slots=True)
class _Unsent:
    """The outcome recorded for items of a write that raised instead of answering."""

    tag_id: str
    requested: Scalar
    message: str
    read_back: Scalar = None
    ok: bool = False
    status: str = "Exception"


def station_of(tag_id: str) -> str:
    return tag_id.split(".", 1)[0]


class CommandService:
    def __init__(self, plc: PlcWriter, policy: AccessPolicy, audit: AuditSink) -> None:
        self._plc = plc
        self._policy = policy
        self._audit = audit

    def authorize(
        self, username: str, station: str, action: str, *, reason: str = "", client_host: str = ""
    ) -> tuple[Actor, str]:
        """Check (user, station, action) and return the actor and the role that allows it.

        For callers that act on other things than PLC tags (alarm shelving, recipes); a
        refusal is audited and raised as PermissionDenied or ReasonRequired.
        """
        actor = self._resolve(username, station, action, client_host)
        role = self._policy.permitted_role(actor, station, action)
        if role is None:
            self._refused(actor, station, action, "permission denied", reason)
            raise PermissionDenied(username, "/".join(actor.roles), action, station)
        if self._policy.reason_required(station, action) and not reason.strip():
            self._refused(actor, station, action, "reason missing", reason)
            raise ReasonRequired(action, station)
        return actor, role

    async def write(
        self,
        username: str,
        items: Sequence[tuple[str, Scalar]],
        *,
        action: str = Action.WRITE_SETPOINT,
        reason: str = "",
        client_host: str = "",
    ) -> list[WriteOutcome]:
        """Write `items` (tag id, value) as `username`; all or nothing on the checks.

        Every item's station is checked before anything is sent, so a batch with one
        forbidden tag sends none. Returns the PLC's outcomes in item order.
        """
        if not items:
            return []
        # Database calls run off the event loop: SQLite may wait on another writer's lock.
        roles = await asyncio.to_thread(
            self._authorize_stations, username, items, action, reason, client_host
        )
        tag_ids = [tag_id for tag_id, _ in items]
        # The old value is what the PLC holds now; a value that is not live is no evidence.
        before = {
            v.tag_id: v.value if v.quality.is_live else None
            for v in await self._plc.read(tag_ids)
        }
        try:
            outcomes = list(await self._plc.write_many(items))
        except Exception as exc:
            # Whatever reached the PLC before the failure is unknown: record the attempt.
            why = f"{type(exc).__name__}: {exc}"
            lost = [_Unsent(tag_id, value, why) for tag_id, value in items]
            await asyncio.to_thread(self._record, items, lost, before, roles, action, reason)
            raise
        await asyncio.to_thread(self._record, items, outcomes, before, roles, action, reason)
        return outcomes

    def _authorize_stations(
        self,
        username: str,
        items: Sequence[tuple[str, Scalar]],
        action: str,
        reason: str,
        client_host: str,
    ) -> dict[str, tuple[Actor, str]]:
        roles: dict[str, tuple[Actor, str]] = {}
        for tag_id, _ in items:
            station = station_of(tag_id)
            if station not in roles:
                roles[station] = self.authorize(
                    username, station, action, reason=reason, client_host=client_host
                )
        return roles

    def _record(
        self,
        items: Sequence[tuple[str, Scalar]],
        outcomes: Sequence[WriteOutcome],
        before: dict[str, Scalar],
        roles: dict[str, tuple[Actor, str]],
        action: str,
        reason: str,
    ) -> None:
        events = []
        for (tag_id, value), outcome in zip(items, outcomes, strict=True):
            actor, role = roles[station_of(tag_id)]
            events.append(
                AuditEvent(
                    username=actor.username,
                    full_name=actor.full_name,
                    role=role,
                    # A write the PLC refused or did not read back equal is still audited.
                    action=action if outcome.ok else f"{action}_failed",
                    object_type="tag",
                    object_id=tag_id,
                    field="value",
                    old_value=before.get(tag_id),
                    sent_value=value,
                    read_back=outcome.read_back,
                    reason=reason if outcome.ok else _with_plc_message(reason, outcome),
                    client_host=actor.client_host,
                )
            )
        self._audit.append_many(events)

    def _resolve(self, username: str, station: str, action: str, client_host: str) -> Actor:
        try:
            return self._policy.actor(username, station, client_host)
        except PermissionDenied:
            self._audit.append(
                AuditEvent(
                    username=username, full_name="", role="", action="refused",
                    object_type="station", object_id=station, field=action,
                    reason="unknown or disabled user", client_host=client_host,
                )
            )
            raise

    def _refused(self, actor: Actor, station: str, action: str, why: str, reason: str) -> None:
        self._audit.append(
            AuditEvent(
                username=actor.username,
                full_name=actor.full_name,
                role="/".join(actor.roles),
                action="refused",
                object_type="station",
                object_id=station,
                field=action,
                reason=f"{why}: {reason}" if reason else why,
                client_host=actor.client_host,
            )
        )


def _with_plc_message(reason: str, outcome: WriteOutcome) -> str:
    plc = f"PLC {outcome.status}: {outcome.message}"
    return f"{reason} | {plc}" if reason else plc
