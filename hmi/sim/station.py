"""The base of every station model: PackML, interlocks, setpoints and the common tags.

A station model owns its process state and its PLC logic. The servers never reach into it:
they `read(signal)` and `write(signal, value)` by the signal names of the line config
(`coater.web_tension_n` -> station `coater`, signal `web_tension_n`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St
from hmi.sim.dynamics import Noise
from hmi.sim.plc import Interlocks, PackML, Reason
from hmi.sim.recipe_params import recipe_defaults

if TYPE_CHECKING:
    from hmi.sim.line import Line

Value = float | int | bool | str

# The recipe handshake (a WinCC-style mailbox): while `recipe_download` is set, setpoint
# writes go to a staging area (and read back from it); writing `recipe_commit` applies them
# all at once, so the process never runs on half a recipe. Clearing `recipe_download`
# without a commit, or a PLC restart, discards what was staged.
RECIPE_DOWNLOAD = "recipe_download"
RECIPE_COMMIT = "recipe_commit"


class WriteResult(enum.Enum):
    OK = "ok"
    OUT_OF_RANGE = "out of range"
    INVALID_STATE = "not accepted in the present state"  # e.g. a loop output in AUTO
    NOT_WRITABLE = "not writable"


class Station:
    """A station with PackML and latched interlocks; subclasses add the process."""

    kind: ClassVar[str] = "generic"

    def __init__(self, station_id: str, seed: int) -> None:
        self.id = station_id
        self.noise = Noise(seed)
        self.plc = PackML()
        self.interlocks = Interlocks()
        self.faults: dict[str, str | None] = {}
        self.last_command = int(Cmd.NONE)
        self.trip_reset_value = False
        self.sp: dict[str, Value] = self._power_up_setpoints()
        self.measured: dict[str, Value] = {}
        self.recipe_staging: dict[str, Value] | None = None
        self.recipe_committed = False
        # The lot (roll, batch) counter: retentive like a real PLC's (a restart keeps it);
        # a committed recipe (a changeover) starts a new lot, and so does a roll change
        # where the model has one (`new_lot`). The HMI's LotTracker follows its tag.
        self.lot_no = 1

    # ---- what subclasses describe -------------------------------------------------
    def defaults(self) -> Mapping[str, Value]:
        """Writable setpoints and modes with their power-up values."""
        return {}

    def permissives(self) -> dict[str, bool]:
        return {}

    def trip_conditions(self) -> dict[Reason, bool]:
        return {Reason.ESTOP: "estop" in self.faults}

    def hold_condition(self, line: Line) -> Reason | None:
        """A reason to refuse Unhold (and to hold), if the cause of a hold is still there."""
        return None

    def process(self, dt_s: float, line: Line) -> None:
        """Advance the physics and fill `self.measured`."""

    def write_setpoint(self, signal: str, value: Value) -> WriteResult:
        self.sp[signal] = value
        return WriteResult.OK

    def on_trip(self) -> None:
        """Safe state after an interlock trip (loops to MAN, pumps off, ...)."""

    def on_restart(self) -> None:
        """A PLC restart: controller state back to power-up values."""

    def sensor_failed(self, signal: str, failed: bool) -> None:
        """A sensor of this station failed (or was repaired): the PLC's own reaction."""

    def check_fault(self, fault: str, target: str | None) -> None:
        """Raise ValueError when `target` means nothing for this fault on this station."""

    def inject(self, fault: str, target: str | None) -> None:
        self.faults[fault] = target

    def clear(self, fault: str, target: str | None = None) -> None:
        self.faults.pop(fault, None)

    def _power_up_setpoints(self) -> dict[str, Value]:
        return {**recipe_defaults(self.kind), **self.defaults()}

    # ---- common behaviour ---------------------------------------------------------
    @property
    def state(self) -> St:
        return self.plc.state

    @property
    def producing(self) -> bool:
        return self.plc.producing

    @property
    def permissives_ok(self) -> bool:
        return all(self.permissives().values())

    def values(self) -> dict[str, Value]:
        common: dict[str, Value] = {
            "state": int(self.plc.state),
            "command": self.last_command,
            "reason_code": int(self.plc.reason),
            "interlock_trip": self.interlocks.latched is not None,
            "trip_reset": self.trip_reset_value,
            "permissives_ok": self.permissives_ok,
            RECIPE_DOWNLOAD: self.recipe_staging is not None,
            RECIPE_COMMIT: self.recipe_committed,
            "lot_no": self.lot_no,
        }
        perms: dict[str, Value] = {f"perm_{k}": v for k, v in self.permissives().items()}
        staged = self.recipe_staging or {}
        return {**common, **perms, **self.sp, **staged, **self.measured}

    def read(self, signal: str) -> Value | None:
        return self.values().get(signal)

    def knows(self, signal: str) -> bool:
        return signal in self.values()

    def check_write(self, signal: str, value: Value) -> WriteResult:
        """Would this write be accepted now? (Range checks are the tag map's job.)"""
        if signal in ("command", "trip_reset", RECIPE_DOWNLOAD) or signal in self.sp:
            return WriteResult.OK
        if signal == RECIPE_COMMIT:
            # A commit with nothing downloaded would claim a recipe the PLC never got.
            ok = not value or self.recipe_staging is not None
            return WriteResult.OK if ok else WriteResult.INVALID_STATE
        return WriteResult.NOT_WRITABLE

    def write(self, signal: str, value: Value, line: Line) -> WriteResult:
        refused = self.check_write(signal, value)
        if refused != WriteResult.OK:
            return refused
        if signal == "command":
            # The tag keeps the last command (read-back matches); every write is acted on.
            self.last_command = int(value)
            self.command(Cmd(int(value)), line)
            return WriteResult.OK
        if signal == "trip_reset":
            self.trip_reset_value = bool(value)
            if value and not self.interlocks.reset() and self.interlocks.latched is not None:
                self.plc.reason = Reason.TRIP_ACTIVE
            return WriteResult.OK
        if signal == RECIPE_DOWNLOAD:
            self.recipe_staging = {} if value else None
            if value:
                self.recipe_committed = False
            return WriteResult.OK
        if signal == RECIPE_COMMIT:
            return self._commit_recipe(bool(value))
        if signal in self.sp:
            if self.recipe_staging is not None:
                self.recipe_staging[signal] = value
                return WriteResult.OK
            return self.write_setpoint(signal, value)
        return WriteResult.NOT_WRITABLE

    def _commit_recipe(self, commit: bool) -> WriteResult:
        if not commit:
            self.recipe_committed = False
            return WriteResult.OK
        staged, self.recipe_staging = self.recipe_staging, None
        if staged is None:
            return WriteResult.INVALID_STATE
        for signal, value in staged.items():
            self.write_setpoint(signal, value)
        self.recipe_committed = True
        self.new_lot()
        return WriteResult.OK

    def new_lot(self) -> None:
        """A new lot starts here: after a changeover, at a roll change."""
        self.lot_no += 1

    def command(self, cmd: Cmd, line: Line) -> bool:
        veto: Reason | None = None
        if cmd == Cmd.START and not self.permissives_ok:
            veto = Reason.PERMISSIVE
        elif cmd == Cmd.CLEAR and self.interlocks.latched is not None:
            veto = Reason.TRIP_LATCHED
        elif cmd == Cmd.UNHOLD:
            veto = self.hold_condition(line)
        return self.plc.command(cmd, veto)

    def step(self, dt_s: float, line: Line) -> None:
        self.plc.step(dt_s)
        tripped = self.interlocks.update(self.trip_conditions())
        if tripped is not None:
            self.plc.event(Cmd.ABORT, tripped)
            self.plc.reason = tripped
            self.on_trip()
        self.process(dt_s, line)

    def restart(self) -> None:
        """What a PLC restart does: defaults, Stopped, nothing latched until re-detected."""
        self.sp = self._power_up_setpoints()
        self.recipe_staging = None
        self.recipe_committed = False
        self.plc.force(St.STOPPED, Reason.PLC_RESTART)
        self.interlocks = Interlocks()
        self.last_command = int(Cmd.NONE)
        self.trip_reset_value = False
        self.on_restart()

    def run_at_startup(self) -> None:
        """The demo comes up running: Execute with the default setpoints."""
        self.plc.force(St.EXECUTE, Reason.NONE)
