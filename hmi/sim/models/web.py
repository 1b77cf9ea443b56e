"""Web handling: the span tension equation and a brake-driven tension loop (DOMAIN.md 1.2-1/2).

Span: L·dT2/dt = A·E·(v2 − v1) + T1·v1 − T2·v2. With v1, v2 and T1 held over a step the
equation is linear in T2, so it is solved exactly: T2 relaxes to
T_ss = (A·E·(v2 − v1) + T1·v1) / v2 with time constant L / v2.

The unwind brake decides v1: the more it brakes, the more the roll lags the pull roll.
Brake torque acts through the roll radius, so the same output gives more tension as the roll
gets smaller (T = τ/R): without a loop, tension drifts as the roll unwinds.
"""

from __future__ import annotations

import math

from hmi.core.packml import LoopMode
from hmi.sim.dynamics import FirstOrder, Noise, Pid

MOVING_MPS = 0.01  # below this the web is held by the brakes, the span does not evolve


class TensionSpan:
    def __init__(self, length_m: float, ae_n: float, tension_n: float) -> None:
        self.length_m = length_m
        self.ae_n = ae_n
        self.tension_n = tension_n

    def step(self, v1_mps: float, v2_mps: float, t_in_n: float, dt_s: float) -> float:
        if v2_mps < MOVING_MPS:
            return self.tension_n
        t_ss = (self.ae_n * (v2_mps - v1_mps) + t_in_n * v1_mps) / v2_mps
        decay = math.exp(-v2_mps * dt_s / self.length_m)
        self.tension_n = t_ss + (self.tension_n - t_ss) * decay
        return self.tension_n


class TensionLoop:
    """Span + unwind brake + load cell + PID on the brake: one web tension loop."""

    def __init__(
        self,
        noise: Noise,
        *,
        span_m: float,
        ae_n: float,
        sp_n: float,
        out_pct: float,
        kp: float,
        ti_s: float,
        draw_sigma: float,
        load_cell_sigma_n: float,
        accel_strain_per_mps2: float = 2e-5,
    ) -> None:
        self.noise = noise
        self.span = TensionSpan(span_m, ae_n, sp_n)
        # Calibrate the brake so `out_pct` holds `sp_n` on a full roll.
        self.strain_per_pct = sp_n / (ae_n * out_pct)
        self.brake = FirstOrder(out_pct, 0.3)
        self.pid = Pid(kp, ti_s, out_lo=0.0, out_hi=100.0)
        self.pid.sp = sp_n
        self.pid.preset(out_pct)
        self.draw_sigma = draw_sigma
        self.load_cell_sigma_n = load_cell_sigma_n
        self.accel_strain_per_mps2 = accel_strain_per_mps2
        self.radius_ratio = 1.0  # full-roll radius / present radius
        self.draw_disturbance = 0.0  # extra strain, e.g. a slipping nip or roll eccentricity
        self.broken = False
        self.pv_failed = False  # the load cell failed: AUTO is refused until it is back
        self.pv_n = sp_n

    def accepts(self, signal: str) -> bool:
        """The output is the operator's only in MAN; in AUTO the PID owns it. Refused too:
        AUTO while the load cell has failed (the value is not checked here: any mode write
        then is refused, which only MAN -> MAN would have made harmless)."""
        if signal == "tension_mode" and self.pv_failed:
            return False
        return not (signal == "tension_out_pct" and self.pid.mode == LoopMode.AUTO)

    def write(self, signal: str, value: float) -> bool:
        """Apply a loop tag write; False when the loop refuses it (output written in AUTO)."""
        pid = self.pid
        if not self.accepts(signal):
            return False
        if signal == "tension_out_pct":
            pid.set_manual_output(value)
        elif signal == "tension_mode":
            self.set_mode(LoopMode(int(value)))
        elif signal == "tension_kp":
            pid.set_gains(value, pid.ti_s, self.pv_n)
        elif signal == "tension_ti_s":
            pid.set_gains(pid.kp, value, self.pv_n)
        elif signal == "web_tension_sp_n":
            pid.sp = value
        return True

    def restore(self, defaults: dict[str, float]) -> None:
        """Power-up values after a PLC restart: setpoint, output, gains, then the mode."""
        self.set_mode(LoopMode.MANUAL)
        for signal in ("web_tension_sp_n", "tension_out_pct", "tension_kp", "tension_ti_s"):
            if signal in defaults:
                self.write(signal, defaults[signal])
        self.set_mode(LoopMode(int(defaults.get("tension_mode", LoopMode.AUTO))))

    def set_mode(self, mode: LoopMode) -> None:
        self.pid.set_mode(mode, self.pv_n)

    def step(self, v_mps: float, accel_mps2: float, dt_s: float) -> float:
        moving = v_mps >= MOVING_MPS
        # A standing web gives the integrator nothing to act on: freeze the loop.
        out = self.pid.step(self.pv_n, dt_s) if moving else self.pid.out
        brake_pct = self.brake.step(out, dt_s)
        if self.broken:
            self.span.tension_n = 0.0
        else:
            strain = (
                self.strain_per_pct * brake_pct * self.radius_ratio
                + self.accel_strain_per_mps2 * accel_mps2
                + self.draw_disturbance
                + self.noise.gauss(self.draw_sigma)
            )
            self.span.step(v_mps * (1.0 - strain), v_mps, 0.0, dt_s)
        self.pv_n = max(0.0, self.span.tension_n + self.noise.gauss(self.load_cell_sigma_n))
        return self.pv_n

    def rethread(self, tension_n: float) -> None:
        self.broken = False
        self.span.tension_n = tension_n
