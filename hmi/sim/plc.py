"""Station PLC logic: the PackML state machine, reason codes and latched interlocks.

Reason codes (the `<station>.reason_code` tag; 0 = none). The last event wins:
  1xx a command or reset that the PLC refused
    101 command not allowed in the current PackML state
    102 Start refused: a start permissive is not made
    103 Clear refused: an interlock trip is still latched (trip_reset first)
    104 trip_reset refused: the trip condition is still present
    105 Unhold refused: the hold condition (e.g. dew point) is still present
  2xx interlock trips (latched, PackML Abort) and equipment holds
    201 E-stop            202 web break           203 dryer exhaust LFL >= 25 %
    204 dryer heater fault (coater Held)          205 dehumidifier trip
  3xx the line acting as one line
    301 starved: upstream coater not running (Suspended, auto-unsuspends)
    302 dew point above hold limit (filler Held; Unhold once it is back below)
    303 vision score low: winder slowed to half speed
    304 vision score low-low: winder stopped
  4xx controller events
    401 stopped by a PLC restart (setpoints back to defaults)
"""

from __future__ import annotations

import enum

from hmi.core.packml import ACTING_STATE, COMPLETES_TO, command_allowed
from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St


class Reason(enum.IntEnum):
    NONE = 0
    NOT_ALLOWED = 101
    PERMISSIVE = 102
    TRIP_LATCHED = 103
    TRIP_ACTIVE = 104
    HOLD_ACTIVE = 105
    ESTOP = 201
    WEB_BREAK = 202
    LFL_HIGH = 203
    HEATER_FAULT = 204
    DEHUMIDIFIER_TRIP = 205
    STARVED = 301
    DEW_POINT = 302
    VISION_SLOW = 303
    VISION_STOP = 304
    PLC_RESTART = 401


ACTING_S = 1.0  # how long Starting, Stopping, Resetting, ... take
ABORTING_S = 0.3  # a rapid safe stop


class PackML:
    """One station's PackML state machine (DOMAIN.md 4.1)."""

    def __init__(self, state: St = St.STOPPED) -> None:
        self.state = state
        self.reason = Reason.NONE
        self._acting_s = 0.0

    def command(self, cmd: Cmd, veto: Reason | None = None) -> bool:
        """Act on a command; a refusal leaves the state alone and sets the reason code."""
        if cmd == Cmd.NONE:
            return True
        if not command_allowed(cmd, self.state):
            self.reason = Reason.NOT_ALLOWED
            return False
        if veto is not None:
            self.reason = veto
            return False
        self._enter(ACTING_STATE[cmd])
        if cmd in (Cmd.RESET, Cmd.START, Cmd.CLEAR, Cmd.UNHOLD, Cmd.UNSUSPEND):
            self.reason = Reason.NONE
        return True

    def event(self, cmd: Cmd, reason: Reason) -> bool:
        """An internal event (trip, starved, hold) that carries its own reason."""
        if not command_allowed(cmd, self.state):
            return False
        self._enter(ACTING_STATE[cmd])
        self.reason = reason
        return True

    def force(self, state: St, reason: Reason) -> None:
        """Set a state directly (start-up in Execute, Stopped after a restart)."""
        self.state = state
        self.reason = reason
        self._acting_s = 0.0

    def _enter(self, state: St) -> None:
        self.state = state
        self._acting_s = 0.0

    def step(self, dt_s: float) -> None:
        done = COMPLETES_TO.get(self.state)
        if done is None:
            return
        self._acting_s += dt_s
        limit = ABORTING_S if self.state == St.ABORTING else ACTING_S
        if self._acting_s >= limit - 1e-9:
            self._enter(done)

    @property
    def producing(self) -> bool:
        return self.state == St.EXECUTE


class Interlocks:
    """Latched trips: a trip stays latched until reset, and reset needs the condition clear."""

    def __init__(self) -> None:
        self.latched: Reason | None = None
        self._active: dict[Reason, bool] = {}

    def update(self, conditions: dict[Reason, bool]) -> Reason | None:
        """Feed this scan's trip conditions; return the reason of a new trip, if any."""
        self._active = conditions
        if self.latched is not None:
            return None
        for reason, active in conditions.items():
            if active:
                # First-out: the first condition found in a scan is the one latched.
                self.latched = reason
                return reason
        return None

    @property
    def condition_present(self) -> bool:
        return any(self._active.values())

    def reset(self) -> bool:
        if self.condition_present:
            return False
        self.latched = None
        return True
