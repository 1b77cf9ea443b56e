"""Slot-die coater and dryer: line speed, unwind tension loop, coat weight, dryer, exhaust LFL.

Faults handled here: web_break, dryer_heater_fault (zone 1-4), exhaust_fan_failure,
coat_weight_drift, estop.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from hmi.core.packml import LoopMode
from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St
from hmi.sim.dynamics import FirstOrder, Ramp
from hmi.sim.models.dryer import ZONES, DryerZone
from hmi.sim.models.tension_station import TensionStation
from hmi.sim.models.web import TensionLoop
from hmi.sim.plc import Reason
from hmi.sim.station import Value

if TYPE_CHECKING:
    from hmi.sim.line import Line

COATED_WIDTH_M = 0.5
SLURRY_DENSITY_G_ML = 2.5
DEFAULT_SOLIDS_PCT = 65.0
TARGET_LOADING_MG_CM2 = 20.0
DEFAULT_SPEED_MPM = 30.0
SPEED_RAMP_MPM_S = 5.0  # DOMAIN.md 4.3-5
ABORT_RAMP_MPM_S = 30.0  # a trip stops the web as fast as the drives allow
NMP_MOLAR_G = 99.13
MOLAR_VOLUME_M3 = 0.02445  # at 25 °C, 1 atm
NMP_LFL_VOL_PCT = 1.3
EXHAUST_M3_MIN = 400.0
LFL_TRIP_PCT = 25.0
LFL_PERMISSIVE_PCT = 10.0
FOIL_UM = 15.0
ROLL_FULL_M = 0.35
ROLL_CORE_M = 0.1
ROLL_LENGTH_M = 3000.0
# Aluminium 15 µm x 600 mm, E 70 GPa: A·E ≈ 630 kN (DOMAIN.md 1.2-1).
FOIL_AE_N = 15e-6 * 0.6 * 70e9
PUMP_WEAR_PCT_PER_S = 0.1 / 60.0  # coat_weight_drift: the pump delivers 0.1 % more a minute


def loading_mg_cm2(pump_ml_min: float, speed_mpm: float, solids_pct: float) -> float:
    """Pre-metered coating: what the pump delivers spread over the web that passes."""
    if speed_mpm <= 0.0:
        return 0.0
    solids_g_min = pump_ml_min * SLURRY_DENSITY_G_ML * solids_pct / 100.0
    return solids_g_min / (speed_mpm * COATED_WIDTH_M) * 0.1  # g/m² -> mg/cm²


def pump_for_loading(loading: float, speed_mpm: float, solids_pct: float) -> float:
    return loading * speed_mpm * COATED_WIDTH_M / (SLURRY_DENSITY_G_ML * solids_pct / 100.0 * 0.1)


class Coater(TensionStation):
    kind = "coater"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        self.speed = Ramp(DEFAULT_SPEED_MPM, SPEED_RAMP_MPM_S)
        self.tension = TensionLoop(
            self.noise, span_m=2.0, ae_n=FOIL_AE_N, sp_n=62.0, out_pct=50.0,
            kp=0.8, ti_s=3.0, draw_sigma=3e-6, load_cell_sigma_n=0.1,
        )
        self.pump = FirstOrder(float(self.sp["pump_rate_sp_ml_min"]), 1.0)
        self.die_gap = FirstOrder(float(self.sp["die_gap_sp_um"]), 2.0)
        self.zones = [DryerZone(spec, self.noise, 1.0) for spec in ZONES]
        self.lfl = FirstOrder(self._lfl_target(), 15.0)
        self.radius_m = ROLL_FULL_M
        self.roll_length_m = 0.0
        self.coat_weight = FirstOrder(TARGET_LOADING_MG_CM2, 2.0)
        self.pump_wear_pct = 0.0  # extra delivery of a worn metering pump

    def defaults(self) -> Mapping[str, Value]:
        return {
            "line_speed_sp_mpm": DEFAULT_SPEED_MPM,
            "web_tension_sp_n": 62.0,
            "tension_out_pct": 50.0,
            "tension_mode": int(LoopMode.AUTO),
            "tension_kp": 0.8,
            "tension_ti_s": 3.0,
            "die_gap_sp_um": 150.0,
            "pump_rate_sp_ml_min": round(
                pump_for_loading(TARGET_LOADING_MG_CM2, DEFAULT_SPEED_MPM, DEFAULT_SOLIDS_PCT), 1
            ),
            **{f"dryer_z{i + 1}_sp_c": z.sp_c for i, z in enumerate(ZONES)},
        }

    # ---- PLC ----------------------------------------------------------------------
    @property
    def fan_on(self) -> bool:
        return "exhaust_fan_failure" not in self.faults

    def permissives(self) -> dict[str, bool]:
        return {
            "exhaust_ok": self.fan_on,
            "lfl_ok": self.lfl.value < LFL_PERMISSIVE_PCT,
            "web_threaded": not self.tension.broken,
            "dryer_ready": all(
                abs(z.temp_c - float(self.sp[f"dryer_z{i + 1}_sp_c"])) <= 5.0
                for i, z in enumerate(self.zones)
            ),
        }

    def trip_conditions(self) -> dict[Reason, bool]:
        return {
            **super().trip_conditions(),
            Reason.WEB_BREAK: self.tension.broken,
            Reason.LFL_HIGH: self.lfl.value >= LFL_TRIP_PCT,
        }

    def hold_condition(self, line: Line) -> Reason | None:
        return Reason.HOLD_ACTIVE if any(z.heater_failed for z in self.zones) else None

    def on_trip(self) -> None:
        # DOMAIN.md 4.4-B: loops come back in MAN with the output held.
        self.tension.set_mode(LoopMode.MANUAL)
        self.sp["tension_mode"] = int(LoopMode.MANUAL)

    def on_restart(self) -> None:
        self.tension.restore({k: float(v) for k, v in self.sp.items()})

    def check_fault(self, fault: str, target: str | None) -> None:
        if fault == "dryer_heater_fault":
            _zone_index(target)

    def inject(self, fault: str, target: str | None) -> None:
        if fault == "web_break":
            self.tension.broken = True
        elif fault == "dryer_heater_fault":
            self.zones[_zone_index(target)].heater_failed = True
        super().inject(fault, target)

    def clear(self, fault: str, target: str | None = None) -> None:
        if fault == "dryer_heater_fault":
            # Zones fail and get repaired one by one; no target repairs them all.
            for index, zone in enumerate(self.zones):
                if target is None or index == _zone_index(target):
                    zone.heater_failed = False
            if any(z.heater_failed for z in self.zones):
                return
        super().clear(fault, target)
        if fault == "web_break":
            # Re-threaded with a leader at threading tension (DOMAIN.md 4.4-A step 7).
            self.tension.rethread(0.3 * float(self.sp["web_tension_sp_n"]))

    # ---- process ------------------------------------------------------------------
    def _lfl_target(self) -> float:
        pump = self.pump.value
        mean_air_c = sum(z.temp_c for z in self.zones) / len(self.zones)
        evaporated = min(1.0, max(0.0, (mean_air_c - 50.0) / 70.0))
        solvent_g_min = pump * SLURRY_DENSITY_G_ML * (1.0 - DEFAULT_SOLIDS_PCT / 100.0)
        vapour_m3_min = solvent_g_min * evaporated / NMP_MOLAR_G * MOLAR_VOLUME_M3
        exhaust = EXHAUST_M3_MIN if self.fan_on else EXHAUST_M3_MIN * 0.02  # leakage only
        return 100.0 * (100.0 * vapour_m3_min / exhaust) / NMP_LFL_VOL_PCT

    def process(self, dt_s: float, line: Line) -> None:
        sp = self.sp
        if any(z.heater_failed for z in self.zones) and self.plc.state == St.EXECUTE:
            self.plc.event(Cmd.HOLD, Reason.HEATER_FAULT)
        running = self.plc.state in (St.EXECUTE, St.STARTING, St.UNHOLDING, St.UNSUSPENDING)
        self.speed.rate_per_s = (
            ABORT_RAMP_MPM_S if self.plc.state in (St.ABORTING, St.ABORTED) else SPEED_RAMP_MPM_S
        )
        before_mps = self.speed.value / 60.0
        target = float(sp["line_speed_sp_mpm"]) if running and not self.tension.broken else 0.0
        speed_mpm = self.speed.step(target, dt_s)
        v_mps = speed_mpm / 60.0
        accel = (v_mps - before_mps) / dt_s if dt_s > 0 else 0.0

        self.radius_m -= FOIL_UM * 1e-6 * v_mps * dt_s / (6.283185307 * self.radius_m)
        if self.radius_m < ROLL_CORE_M:
            self.radius_m = ROLL_FULL_M  # splice to a new roll
        self.tension.radius_ratio = ROLL_FULL_M / self.radius_m
        tension_n = self.tension.step(v_mps, accel, dt_s)

        solids = _mixer_solids(line)
        sp_speed = float(sp["line_speed_sp_mpm"])
        # Ratio control: the pump follows the actual speed so coat weight holds on ramps.
        ratio = speed_mpm / sp_speed if sp_speed > 0 else 0.0
        pump = self.pump.step(float(sp["pump_rate_sp_ml_min"]) * ratio, dt_s)
        gap = self.die_gap.step(float(sp["die_gap_sp_um"]), dt_s)
        weight = self._coat_weight(pump, speed_mpm, solids, gap, dt_s)
        self.roll_length_m += v_mps * dt_s
        if self.roll_length_m >= ROLL_LENGTH_M:
            self.roll_length_m = 0.0
            self.new_lot()  # a full coated roll comes off: the next roll is a new lot

        load = pump / float(self.defaults()["pump_rate_sp_ml_min"])
        for i, zone in enumerate(self.zones):
            zone.step(float(sp[f"dryer_z{i + 1}_sp_c"]), load, dt_s)
        lfl = self.lfl.step(self._lfl_target(), dt_s)
        n = self.noise
        self.measured = {
            "line_speed_mpm": max(0.0, speed_mpm + n.gauss(0.02)),
            "web_tension_n": tension_n,
            "tension_out_pct": self.tension.pid.out,
            "die_gap_um": gap + n.gauss(0.2),
            "pump_rate_ml_min": max(0.0, pump + n.gauss(1.0)),
            "coat_weight_mg_cm2": weight,
            "roll_length_m": self.roll_length_m,
            "exhaust_lfl_pct": max(0.0, lfl + n.gauss(0.05)),
            "exhaust_fan_on": self.fan_on,
            "web_break": self.tension.broken,
            "estop": "estop" in self.faults,
        }
        for i, zone in enumerate(self.zones):
            self.measured[f"dryer_z{i + 1}_temp_c"] = zone.temp_c
            self.measured[f"dryer_z{i + 1}_heater_pct"] = zone.heater_pct
        # In AUTO the manual value tracks the output, so AUTO->MAN starts where AUTO was.
        if self.tension.pid.mode == LoopMode.AUTO:
            sp["tension_out_pct"] = self.tension.pid.out

    def _coat_weight(
        self, pump: float, speed_mpm: float, solids: float, gap_um: float, dt_s: float
    ) -> float:
        if speed_mpm < 1.0:
            return 0.0
        if "coat_weight_drift" in self.faults:
            self.pump_wear_pct += PUMP_WEAR_PCT_PER_S * dt_s
        else:
            self.pump_wear_pct = 0.0  # recalibrated
        ideal = loading_mg_cm2(pump, speed_mpm, solids) * (1.0 + self.pump_wear_pct / 100.0)
        wet_um = pump * 1e-6 / (speed_mpm * COATED_WIDTH_M) * 1e6
        # Below about half the gap the bead breaks up into streaks: weight scatters.
        scatter = 0.04 + max(0.0, 0.5 - wet_um / gap_um) * 2.0
        return self.coat_weight.step(ideal, dt_s) + self.noise.gauss(scatter)


def _zone_index(target: str | None) -> int:
    digits = [c for c in (target or "1") if c.isdigit()]
    index = int(digits[-1]) - 1 if digits else 0
    if not 0 <= index < len(ZONES):
        raise ValueError(f"dryer zone {target!r} does not exist (zones 1-{len(ZONES)})")
    return index


def _mixer_solids(line: Line) -> float:
    mixer = line.station_of_kind("mixer")
    if mixer is None:
        return DEFAULT_SOLIDS_PCT
    return float(mixer.measured.get("solids_pct", DEFAULT_SOLIDS_PCT))
