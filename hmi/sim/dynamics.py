"""Building blocks of the process models: lags, dead time, ramps, noise and a PID loop.

Everything is discretised exactly (exponentials, not Euler) so a model stays stable whatever
`dt` a test steps it with: the twin ticks at 0.1 s, physics tests step minutes at 1 s.
"""

from __future__ import annotations

import math
import random
from collections import deque

from hmi.core.packml import LoopMode


def lag_factor(dt_s: float, tau_s: float) -> float:
    """The fraction of the way a first-order lag moves towards its target in `dt_s`."""
    if tau_s <= 0.0:
        return 1.0
    return 1.0 - math.exp(-dt_s / tau_s)


class FirstOrder:
    """y' = (u - y) / tau, exact for a piecewise constant input."""

    def __init__(self, value: float, tau_s: float) -> None:
        self.value = value
        self.tau_s = tau_s

    def step(self, target: float, dt_s: float) -> float:
        self.value += (target - self.value) * lag_factor(dt_s, self.tau_s)
        return self.value


class DeadTime:
    """A transport delay: what went in `delay_s` ago comes out now."""

    def __init__(self, initial: float, delay_s: float) -> None:
        self.delay_s = delay_s
        self._queue: deque[tuple[float, float]] = deque()
        self._clock_s = 0.0
        self._out = initial

    def step(self, value: float, dt_s: float) -> float:
        self._clock_s += dt_s
        self._queue.append((self._clock_s, value))
        while self._queue and self._queue[0][0] <= self._clock_s - self.delay_s + 1e-9:
            self._out = self._queue.popleft()[1]
        return self._out


class Fopdt:
    """First order plus dead time: gain `k` on the input, time constant, dead time, bias."""

    def __init__(self, k: float, tau_s: float, dead_s: float, bias: float, u0: float) -> None:
        self.k = k
        self.bias = bias
        self._delay = DeadTime(u0, dead_s)
        self._lag = FirstOrder(bias + k * u0, tau_s)

    @property
    def value(self) -> float:
        return self._lag.value

    def step(self, u: float, dt_s: float) -> float:
        delayed = self._delay.step(u, dt_s)
        return self._lag.step(self.bias + self.k * delayed, dt_s)


class Ramp:
    """A rate-limited follower (speeds, setpoint ramps)."""

    def __init__(self, value: float, rate_per_s: float) -> None:
        self.value = value
        self.rate_per_s = rate_per_s

    def step(self, target: float, dt_s: float) -> float:
        limit = self.rate_per_s * dt_s
        self.value += max(-limit, min(limit, target - self.value))
        return self.value


class Noise:
    """Seeded measurement noise, so a run with the same seed is the same run."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def gauss(self, sigma: float) -> float:
        return self._rng.gauss(0.0, sigma)

    def uniform(self, low: float, high: float) -> float:
        return self._rng.uniform(low, high)

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


class Pid:
    """A positional PI(D) loop with MAN/AUTO and bumpless transfer (DOMAIN.md 4.3).

    In MAN the output follows the manual value and, with `sp_tracks_pv`, the setpoint follows
    the PV; at MAN->AUTO the integral is preloaded as OUT - P - D so the output does not jump.
    Gain changes in AUTO are bumpless too: the integral absorbs the change of the P term.
    """

    def __init__(
        self,
        kp: float,
        ti_s: float,
        *,
        td_s: float = 0.0,
        out_lo: float = 0.0,
        out_hi: float = 100.0,
        reverse: bool = False,
        sp_tracks_pv: bool = False,
    ) -> None:
        self.kp = kp
        self.ti_s = ti_s
        self.td_s = td_s
        self.out_lo = out_lo
        self.out_hi = out_hi
        self.reverse = reverse
        self.sp_tracks_pv = sp_tracks_pv
        self.mode = LoopMode.AUTO
        self.sp = 0.0
        self.out = 0.0
        self._integral = 0.0
        self._last_pv: float | None = None

    def _error(self, pv: float) -> float:
        error = self.sp - pv
        return -error if self.reverse else error

    def _d_term(self, pv: float, dt_s: float) -> float:
        if self.td_s <= 0.0 or self._last_pv is None or dt_s <= 0.0:
            return 0.0
        slope = (pv - self._last_pv) / dt_s
        # Derivative on PV, not error: a setpoint step must not kick the output.
        return self.kp * self.td_s * (slope if self.reverse else -slope)

    def set_mode(self, mode: LoopMode, pv: float) -> None:
        if mode == self.mode:
            return
        if mode == LoopMode.AUTO:
            if self.sp_tracks_pv:
                self.sp = pv
            self._integral = self.out - self.kp * self._error(pv)
        self.mode = mode

    def preset(self, out: float) -> None:
        """Power up at steady state: output and integral both at `out`."""
        self.out = out
        self._integral = out

    def set_manual_output(self, out: float) -> None:
        self.out = min(self.out_hi, max(self.out_lo, out))

    def set_gains(self, kp: float, ti_s: float, pv: float) -> None:
        # Keep OUT continuous: what the P term changes by, the integral gives back.
        self._integral += (self.kp - kp) * self._error(pv)
        self.kp = kp
        self.ti_s = ti_s

    def step(self, pv: float, dt_s: float) -> float:
        if self.mode == LoopMode.MANUAL:
            if self.sp_tracks_pv:
                self.sp = pv
            self._integral = self.out
            self._last_pv = pv
            return self.out
        error = self._error(pv)
        if self.ti_s > 0.0:
            self._integral += self.kp * error * dt_s / self.ti_s
        d_term = self._d_term(pv, dt_s)
        self._last_pv = pv
        raw = self.kp * error + self._integral + d_term
        self.out = min(self.out_hi, max(self.out_lo, raw))
        if raw != self.out:
            # Anti-windup: hold the integral where it makes the output sit at the limit.
            self._integral = self.out - self.kp * error - d_term
        return self.out
