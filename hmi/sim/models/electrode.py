"""Mixer, calender and slitter: the electrode stations around the coater."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St
from hmi.sim.dynamics import FirstOrder, Ramp
from hmi.sim.plc import Reason
from hmi.sim.station import Station, Value

if TYPE_CHECKING:
    from hmi.sim.line import Line

MIXER_BATCH_S = 360.0  # [EST] a demo-length batch: mix 240 s, de-aerate 90 s, transfer 30 s
CALENDER_ELONGATION = 1.01  # Al foil stretches about 1 % in the nip (DOMAIN.md 1.1)
# Meyer-type porosity model, NMC cathode: 50 % as dried, 22 % floor, gamma 0.8 kN/mm.
POROSITY_DRIED = 0.50
POROSITY_MIN = 0.22
GAMMA_KN_MM = 0.8
TRUE_DENSITY_G_CM3 = 4.7
SPRING_BACK = 0.03
SOLIDS_PCT = 65.0
SOLIDS_SD_PCT = 0.01  # [EST] batch-to-batch weighing scatter of the slurry's solids
SOLIDS_TAU_S = 300.0


class Mixer(Station):
    kind = "mixer"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        self.speed = Ramp(40.0, 5.0)
        self.temp = FirstOrder(25.0 + 0.1 * 40.0, 120.0)
        self.vacuum = FirstOrder(1013.0, 15.0)
        self.solids_pct = SOLIDS_PCT
        self.batch_clock_s = 0.0
        self.batch_no = 1001

    def defaults(self) -> Mapping[str, Value]:
        return {"speed_sp_rpm": 40.0}

    def process(self, dt_s: float, line: Line) -> None:
        running = self.plc.state == St.EXECUTE
        rpm = self.speed.step(float(self.sp["speed_sp_rpm"]) if running else 0.0, dt_s)
        temp_c = self.temp.step(25.0 + 0.1 * rpm, dt_s)  # shear heating
        if running:
            self.batch_clock_s += dt_s
            if self.batch_clock_s >= MIXER_BATCH_S:
                self.batch_clock_s = 0.0
                self.batch_no += 1
        phase_s = self.batch_clock_s
        vacuum = self.vacuum.step(30.0 if 240.0 <= phase_s < 330.0 else 1013.0, dt_s)
        # Solids wander slowly about the weighed-in 65 wt% (weighing scatter), pulled back
        # with SOLIDS_TAU_S to a spread of SOLIDS_SD_PCT. The coater meters slurry by volume,
        # so solids is coat weight's slow common cause: the unbounded walk this replaces
        # moved ~0.2 wt% in a quarter hour (0.06 mg/cm², three X-bar sigmas of the coat
        # weight chart), and an undisturbed coater looked out of control.
        pull = min(1.0, dt_s / SOLIDS_TAU_S)
        self.solids_pct += (SOLIDS_PCT - self.solids_pct) * pull + self.noise.gauss(
            SOLIDS_SD_PCT * math.sqrt(2.0 * pull))
        shear = (40.0 / max(rpm, 5.0)) ** 0.3  # shear thinning
        viscosity = (
            8000.0 * shear * math.exp(-0.02 * (temp_c - 25.0))
            * math.exp(0.15 * (self.solids_pct - 65.0))
        )
        n = self.noise
        self.measured = {
            "viscosity_mpas": viscosity * (1.0 + n.gauss(0.003)),
            "solids_pct": self.solids_pct,
            "speed_rpm": max(0.0, rpm + n.gauss(0.05)),
            "vacuum_mbar": max(0.0, vacuum + n.gauss(0.3)),
            "slurry_temp_c": temp_c + n.gauss(0.03),
            "batch_no": self.batch_no,
        }


class Calender(Station):
    """Line load -> porosity (Meyer exponential), density and thickness with spring-back.

    The roll gap setpoint is a mechanical stop: while the load presses the coating thinner
    than the stop, the load decides; otherwise the rolls sit on the stop.
    """

    kind = "calender"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        self.speed = Ramp(30.0 * CALENDER_ELONGATION, 5.0)
        self.load = FirstOrder(1.5, 3.0)
        self.tension = FirstOrder(120.0, 1.5)

    def defaults(self) -> Mapping[str, Value]:
        return {"web_tension_sp_n": 120.0, "roll_gap_sp_um": 100.0, "line_load_sp_kn_mm": 1.5}

    def process(self, dt_s: float, line: Line) -> None:
        coater = line.station_of_kind("coater")
        if coater is not None:
            # Starved when the coater stops; back in Execute when it runs again.
            if not coater.producing and self.plc.state == St.EXECUTE:
                self.plc.event(Cmd.SUSPEND, Reason.STARVED)
            elif (
                coater.producing
                and self.plc.state == St.SUSPENDED
                and self.plc.reason == Reason.STARVED
            ):
                self.plc.event(Cmd.UNSUSPEND, Reason.NONE)
        upstream_mpm = (
            float(coater.measured.get("line_speed_mpm", 0.0)) if coater is not None else 30.0
        )
        running = self.plc.state == St.EXECUTE
        speed = self.speed.step(upstream_mpm * CALENDER_ELONGATION if running else 0.0, dt_s)
        load = self.load.step(float(self.sp["line_load_sp_kn_mm"]) if running else 0.0, dt_s)
        tension = self.tension.step(float(self.sp["web_tension_sp_n"]) if speed > 0.1 else
                                    self.tension.value, dt_s)
        loading = (
            float(coater.measured.get("coat_weight_mg_cm2", 20.0)) if coater is not None else 20.0
        ) or 20.0
        porosity = POROSITY_MIN + (POROSITY_DRIED - POROSITY_MIN) * math.exp(-load / GAMMA_KN_MM)
        coat_um = loading * 1e-3 / (TRUE_DENSITY_G_CM3 * (1.0 - porosity)) * 1e4
        pressed_um = 15.0 + 2.0 * coat_um  # double-sided on 15 µm foil
        stop_um = float(self.sp["roll_gap_sp_um"])
        if stop_um > pressed_um:
            pressed_um = stop_um
            coat_um = (pressed_um - 15.0) / 2.0
            porosity = 1.0 - loading * 1e-3 / (TRUE_DENSITY_G_CM3 * coat_um * 1e-4)
        n = self.noise
        self.measured = {
            "line_speed_mpm": max(0.0, speed + n.gauss(0.02)),
            "web_tension_n": max(0.0, tension + n.gauss(0.3)),
            "roll_gap_um": pressed_um + n.gauss(0.1),
            "line_load_kn_mm": max(0.0, load + n.gauss(0.005)),
            "thickness_um": pressed_um * (1.0 + SPRING_BACK) + n.gauss(0.2),
            "porosity_pct": 100.0 * porosity + n.gauss(0.05),
            "density_g_cm3": TRUE_DENSITY_G_CM3 * (1.0 - porosity) + n.gauss(0.003),
        }


class Slitter(Station):
    """Burr height grows with knife wear and with clearance off its 5-10 % window."""

    kind = "slitter"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        self.speed = Ramp(60.0, 5.0)
        self.tension = FirstOrder(45.0, 1.0)
        self.slit_km = 0.0

    def defaults(self) -> Mapping[str, Value]:
        return {"line_speed_sp_mpm": 60.0, "knife_clearance_pct": 7.5}

    def process(self, dt_s: float, line: Line) -> None:
        running = self.plc.state == St.EXECUTE
        speed = self.speed.step(float(self.sp["line_speed_sp_mpm"]) if running else 0.0, dt_s)
        tension = self.tension.step(45.0 if speed > 0.1 else self.tension.value, dt_s)
        self.slit_km += speed / 60.0 * dt_s / 1000.0
        clearance = float(self.sp["knife_clearance_pct"])
        burr = 2.5 + 0.25 * (clearance - 7.5) ** 2 + 0.2 * self.slit_km
        n = self.noise
        self.measured = {
            "line_speed_mpm": max(0.0, speed + n.gauss(0.03)),
            "web_tension_n": max(0.0, tension + n.gauss(0.2)),
            "burr_height_um": max(0.0, burr + n.gauss(0.15)),
            "edge_straightness_um_m": max(0.0, 18.0 + 0.1 * speed + n.gauss(1.0)),
        }
