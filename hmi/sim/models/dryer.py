"""Dryer zones: air temperature as first order plus dead time on the heater (DOMAIN.md 1.2-3).

Each zone has its own PI loop on the heater. The web and the evaporating solvent take heat
out of the air: that load moves with the pump rate, so a line stop makes the zones overshoot
a little, as real dryers do. Zones power up at steady state so the demo starts in spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from hmi.sim.dynamics import Fopdt, Noise, Pid

AMBIENT_C = 25.0
HEATER_K_PER_PCT = 2.0
SOLVENT_LOAD_K = 12.0  # air temperature the full solvent load costs at 100 % heater gain


@dataclass(frozen=True)
class ZoneSpec:
    sp_c: float
    tau_s: float
    dead_s: float


# Staged profile low -> high (DOMAIN.md 1.1); time constants 3-6 min, dead times 20-50 s.
ZONES = (
    ZoneSpec(90.0, 180.0, 20.0),
    ZoneSpec(120.0, 240.0, 30.0),
    ZoneSpec(135.0, 300.0, 40.0),
    ZoneSpec(145.0, 360.0, 50.0),
)


class DryerZone:
    def __init__(self, spec: ZoneSpec, noise: Noise, load: float) -> None:
        self.noise = noise
        self.heater_failed = False
        bias = AMBIENT_C - SOLVENT_LOAD_K * load
        u0 = (spec.sp_c - bias) / HEATER_K_PER_PCT
        self.plant = Fopdt(HEATER_K_PER_PCT, spec.tau_s, spec.dead_s, bias, u0)
        # IMC-style tuning: Kc = tau / (K (lambda + theta)), lambda = theta; Ti = tau.
        kp = spec.tau_s / (HEATER_K_PER_PCT * 2.0 * spec.dead_s)
        self.pid = Pid(kp, spec.tau_s)
        self.pid.sp = spec.sp_c
        self.pid.preset(u0)
        self.temp_c = spec.sp_c

    def step(self, sp_c: float, load: float, dt_s: float) -> None:
        self.pid.sp = sp_c
        # With the contactor open the heater gives nothing; the loop is held, not wound up.
        out = 0.0 if self.heater_failed else self.pid.step(self.temp_c, dt_s)
        self.plant.bias = AMBIENT_C - SOLVENT_LOAD_K * load
        self.temp_c = self.plant.step(out, dt_s) + self.noise.gauss(0.05)

    @property
    def heater_pct(self) -> float:
        return 0.0 if self.heater_failed else self.pid.out
