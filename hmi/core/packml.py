"""PackML states and commands (OPC 30060 / ISA-TR88.00.02 enumerations, DOMAIN.md 4.1)."""

from __future__ import annotations

import enum


class PackMLState(enum.IntEnum):
    STOPPED = 0
    RESETTING = 1
    IDLE = 2
    STARTING = 3
    EXECUTE = 4
    COMPLETING = 5
    COMPLETE = 6
    ABORTING = 7
    ABORTED = 8
    STOPPING = 9
    CLEARING = 10
    SUSPENDING = 11
    SUSPENDED = 12
    UNSUSPENDING = 13
    HOLDING = 14
    HELD = 15
    UNHOLDING = 16


class PackMLCommand(enum.IntEnum):
    NONE = 0
    RESET = 1
    START = 2
    STOP = 3
    HOLD = 4
    UNHOLD = 5
    SUSPEND = 6
    UNSUSPEND = 7
    ABORT = 8
    CLEAR = 9
    COMPLETE = 10


class LoopMode(enum.IntEnum):
    MANUAL = 0
    AUTO = 1


def _labels(kind: type[enum.IntEnum]) -> dict[int, str]:
    return {int(member): member.name.title() for member in kind}


BUILTIN_ENUMS: dict[str, dict[int, str]] = {
    "packml_state": _labels(PackMLState),
    "packml_command": _labels(PackMLCommand),
    "loop_mode": _labels(LoopMode),
}


# Which command each state accepts (DOMAIN.md 4.1). Stop and Abort are accepted from any state
# but the ones named; the rest only where the state model has the transition.
_STOP_FROM = set(PackMLState) - {
    PackMLState.STOPPED, PackMLState.STOPPING, PackMLState.ABORTING, PackMLState.ABORTED,
    PackMLState.CLEARING,
}
_ABORT_FROM = set(PackMLState) - {PackMLState.ABORTING, PackMLState.ABORTED}
ALLOWED_COMMANDS: dict[PackMLCommand, frozenset[PackMLState]] = {
    PackMLCommand.RESET: frozenset({PackMLState.STOPPED, PackMLState.COMPLETE}),
    PackMLCommand.START: frozenset({PackMLState.IDLE}),
    PackMLCommand.STOP: frozenset(_STOP_FROM),
    PackMLCommand.HOLD: frozenset({PackMLState.EXECUTE, PackMLState.SUSPENDED}),
    PackMLCommand.UNHOLD: frozenset({PackMLState.HELD}),
    PackMLCommand.SUSPEND: frozenset({PackMLState.EXECUTE}),
    PackMLCommand.UNSUSPEND: frozenset({PackMLState.SUSPENDED}),
    PackMLCommand.ABORT: frozenset(_ABORT_FROM),
    PackMLCommand.CLEAR: frozenset({PackMLState.ABORTED}),
    PackMLCommand.COMPLETE: frozenset({PackMLState.EXECUTE}),
}


# The acting state each accepted command starts, and the wait state each acting state
# completes into (the PLC side: the twin's state machine runs on these tables).
ACTING_STATE: dict[PackMLCommand, PackMLState] = {
    PackMLCommand.RESET: PackMLState.RESETTING,
    PackMLCommand.START: PackMLState.STARTING,
    PackMLCommand.STOP: PackMLState.STOPPING,
    PackMLCommand.HOLD: PackMLState.HOLDING,
    PackMLCommand.UNHOLD: PackMLState.UNHOLDING,
    PackMLCommand.SUSPEND: PackMLState.SUSPENDING,
    PackMLCommand.UNSUSPEND: PackMLState.UNSUSPENDING,
    PackMLCommand.ABORT: PackMLState.ABORTING,
    PackMLCommand.CLEAR: PackMLState.CLEARING,
    PackMLCommand.COMPLETE: PackMLState.COMPLETING,
}
COMPLETES_TO: dict[PackMLState, PackMLState] = {
    PackMLState.RESETTING: PackMLState.IDLE,
    PackMLState.STARTING: PackMLState.EXECUTE,
    PackMLState.COMPLETING: PackMLState.COMPLETE,
    PackMLState.ABORTING: PackMLState.ABORTED,
    PackMLState.STOPPING: PackMLState.STOPPED,
    PackMLState.CLEARING: PackMLState.STOPPED,
    PackMLState.SUSPENDING: PackMLState.SUSPENDED,
    PackMLState.UNSUSPENDING: PackMLState.EXECUTE,
    PackMLState.HOLDING: PackMLState.HELD,
    PackMLState.UNHOLDING: PackMLState.EXECUTE,
}


def command_allowed(command: PackMLCommand, state: PackMLState) -> bool:
    return state in ALLOWED_COMMANDS.get(command, frozenset())
