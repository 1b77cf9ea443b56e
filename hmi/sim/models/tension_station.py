"""Stations with a web tension loop (coater unwind, winder)."""

from __future__ import annotations

from hmi.core.packml import LoopMode
from hmi.sim.models.web import TensionLoop
from hmi.sim.station import Station, Value, WriteResult


class TensionStation(Station):
    """Writes to the loop's own tags (mode, output, SP) go through the loop first: a mode
    change is bumpless, and the output is only writable in MAN, as on the real PLC."""

    tension: TensionLoop

    def check_write(self, signal: str, value: Value) -> WriteResult:
        if not self.tension.accepts(signal):
            return WriteResult.INVALID_STATE
        return super().check_write(signal, value)

    def sensor_failed(self, signal: str, failed: bool) -> None:
        # A failed load cell gives the PID nothing to control on: the loop sheds to MAN with
        # its output held, and stays there until the sensor is back and someone returns it.
        if signal != "web_tension_n":
            return
        self.tension.pv_failed = failed
        if failed:
            self.tension.set_mode(LoopMode.MANUAL)
            self.sp["tension_mode"] = int(LoopMode.MANUAL)

    def write_setpoint(self, signal: str, value: Value) -> WriteResult:
        if not self.tension.write(signal, float(value)):
            return WriteResult.INVALID_STATE
        return super().write_setpoint(signal, value)
