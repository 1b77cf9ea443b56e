"""Formation: four CC-CV channels in a temperature chamber (DOMAIN.md 1.2-6).

The cell clock runs CELL_TIME_FACTOR times faster than the wall clock: a real 0.1 C first
charge takes about ten hours, which no demo shows. Chamber temperature keeps real time
(FOPDT, tau 25 min) and powers up at its setpoint.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from hmi.core.packml import PackMLState as St
from hmi.sim.dynamics import Fopdt, Noise, Pid
from hmi.sim.station import Station, Value

if TYPE_CHECKING:
    from hmi.sim.line import Line

CELL_TIME_FACTOR = 240.0
CAPACITY_AH = 50.0
V_MAX = 4.2
R_POLARISATION_OHM = 0.04
TAPER_C = 0.05  # CV ends at C/20
REST_S = 10.0
CHAMBER_K_PER_PCT = 0.3
AMBIENT_C = 22.0


def ocv_v(soc: float) -> float:
    """An NMC/graphite open-circuit curve: 3.0 V empty, ~3.7 V mid, 4.2 V full."""
    return 3.0 + 0.6 * (1.0 - math.exp(-15.0 * soc)) + 0.6 * soc


class Channel:
    def __init__(self, soc: float, noise: Noise) -> None:
        self.soc = soc
        self.noise = noise
        self.current_a = 0.0
        self.rest_s = 0.0
        self.impedance_mohm = 3.0 - 0.8 * soc

    def step(self, rate_c: float, charging: bool, dt_s: float) -> None:
        cell_dt_s = dt_s * CELL_TIME_FACTOR
        if not charging:
            self.current_a = 0.0
            return
        if self.rest_s > 0.0:
            self.rest_s -= dt_s
            if self.rest_s <= 0.0:
                self.soc = 0.0  # the next cell goes on the channel
                self.impedance_mohm = 3.0
            return
        cc_a = rate_c * CAPACITY_AH
        cv_a = (V_MAX - ocv_v(self.soc)) / R_POLARISATION_OHM
        self.current_a = max(0.0, min(cc_a, cv_a))
        self.soc = min(1.0, self.soc + self.current_a * cell_dt_s / (CAPACITY_AH * 3600.0))
        # SEI growth: impedance settles as the first charge proceeds.
        self.impedance_mohm += (2.2 - self.impedance_mohm) * min(1.0, cell_dt_s / 20000.0)
        if self.current_a < TAPER_C * CAPACITY_AH and self.soc > 0.9:
            self.current_a = 0.0
            self.rest_s = REST_S

    @property
    def voltage_v(self) -> float:
        return ocv_v(self.soc) + self.current_a * R_POLARISATION_OHM


class Formation(Station):
    kind = "formation"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        sp_c = float(self.sp["chamber_temp_sp_c"])
        u0 = (sp_c - AMBIENT_C) / CHAMBER_K_PER_PCT
        self.chamber = Fopdt(CHAMBER_K_PER_PCT, 1500.0, 60.0, AMBIENT_C, u0)
        self.heater = Pid(1500.0 / (CHAMBER_K_PER_PCT * 2.0 * 60.0), 1500.0)
        self.heater.sp = sp_c
        self.heater.preset(u0)
        self.chamber_c = sp_c
        # Staggered so the four channels are never in step.
        self.channels = [Channel(soc, self.noise) for soc in (0.1, 0.35, 0.6, 0.85)]

    def defaults(self) -> Mapping[str, Value]:
        return {"chamber_temp_sp_c": 40.0, "charge_rate_c": 0.1}

    def process(self, dt_s: float, line: Line) -> None:
        self.heater.sp = float(self.sp["chamber_temp_sp_c"])
        self.chamber_c = self.chamber.step(self.heater.step(self.chamber_c, dt_s), dt_s)
        charging = self.plc.state == St.EXECUTE
        n = self.noise
        self.measured = {"chamber_temp_c": self.chamber_c + n.gauss(0.03)}
        for i, ch in enumerate(self.channels, start=1):
            ch.step(float(self.sp["charge_rate_c"]), charging, dt_s)
            joule_k = 0.5 * ch.current_a**2 * R_POLARISATION_OHM
            self.measured |= {
                f"ch{i}_voltage_v": ch.voltage_v + n.gauss(0.0005),
                f"ch{i}_current_a": ch.current_a + n.gauss(0.002),
                f"ch{i}_temp_c": self.chamber_c + joule_k + n.gauss(0.05),
                f"ch{i}_impedance_mohm": ch.impedance_mohm + n.gauss(0.005),
            }
