"""Stations with a web tension loop (coater unwind, winder)."""

from __future__ import annotations

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

    def write_setpoint(self, signal: str, value: Value) -> WriteResult:
        if not self.tension.write(signal, float(value)):
            return WriteResult.INVALID_STATE
        return super().write_setpoint(signal, value)
