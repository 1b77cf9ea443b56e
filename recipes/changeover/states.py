"""The changeover's states and each parameter's phase, as persisted."""

from __future__ import annotations

import enum


class ChangeoverState(enum.StrEnum):
    CREATED = "created"
    PRECHECKED = "prechecked"
    SNAPSHOT = "snapshot"  # control recipe made, PLC values saved as the rollback point
    DOWNLOADING = "downloading"
    DOWNLOADED = "downloaded"  # every value sent (and committed where there is a handshake)
    VERIFIED = "verified"  # every parameter read back equal to the control recipe
    CHECKED = "checked"  # every checklist item passed or confirmed
    SIGNED = "signed"  # performed by + verified by
    RELEASED = "released"
    REFUSED = "refused"  # a pre-check failed: nothing was written
    ROLLING_BACK = "rolling_back"
    ROLLED_BACK = "rolled_back"  # the PLC holds the snapshot again (read back)
    ROLLBACK_FAILED = "rollback_failed"  # it could not be proven: a person must look


TERMINAL = frozenset({ChangeoverState.RELEASED, ChangeoverState.REFUSED,
                      ChangeoverState.ROLLED_BACK, ChangeoverState.ROLLBACK_FAILED})
# Where a person acts next; the engine waits there without holding anything open.
WAITING = frozenset({ChangeoverState.VERIFIED, ChangeoverState.CHECKED,
                     ChangeoverState.SIGNED})


class ParamPhase(enum.StrEnum):
    PENDING = "pending"  # not sent yet: the PLC holds the snapshot value
    SENDING = "sending"  # a write is out: the outcome is unknown until read back
    STAGED = "staged"  # accepted into the PLC's recipe mailbox, not applied until commit
    WRITTEN = "written"  # applied at the PLC (no handshake, or committed)
    REFUSED = "refused"  # the PLC refused it (message says why)
    VERIFIED = "verified"
    MISMATCH = "mismatch"  # read back differs from the control recipe
    RESTORED = "restored"  # rolled back: snapshot value read back
    NOT_RESTORED = "not_restored"
