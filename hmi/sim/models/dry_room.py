"""Dry room: a well-mixed moisture balance with a desiccant dehumidifier (DOMAIN.md 1.2-4).

V·ρ·dW/dt = ρ·Q·(W_supply − W) + ρ·q_door·(W_door − W) + G_people + G_permeation,
solved exactly per step (linear in W). 1000 m³ at 50 air changes per hour gives τ = 72 s.
A PI loop on the room dew point drives the regeneration heater, which sets how dry the
supply air is. Airlock doors open at random (a few seconds each, vestibule air); the
dew_point_excursion fault holds the door open to the corridor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from hmi.core.packml import LoopMode
from hmi.core.packml import PackMLState as St
from hmi.sim.dynamics import FirstOrder, Pid
from hmi.sim.plc import Reason
from hmi.sim.psychro import dew_point_c, humidity_ratio_kg_kg
from hmi.sim.station import Station, Value

if TYPE_CHECKING:
    from hmi.sim.line import Line

VOLUME_M3 = 1000.0
SUPPLY_M3_S = VOLUME_M3 * 50.0 / 3600.0
AIR_KG_M3 = 1.2
PERSON_KG_S = 0.3 / 3600.0  # working (DOMAIN.md 1.2-4)
PERMEATION_KG_S = 0.2 / 3600.0
DOOR_M3_S = 0.6
VESTIBULE_G_KG = 1.0
CORRIDOR_G_KG = 10.0
DOOR_OPEN_S = 6.0
DOOR_MEAN_INTERVAL_S = 120.0
SUPPLY_DP_HEATER_0_C = -35.0  # supply dew point with a cold regeneration heater
SUPPLY_DP_PER_PCT = -0.45
SUPPLY_TAU_S = 90.0
TRIPPED_SUPPLY_DP_C = -10.0  # a stopped wheel passes nearly undried make-up air


def supply_dp_for(heater_pct: float) -> float:
    return SUPPLY_DP_HEATER_0_C + SUPPLY_DP_PER_PCT * heater_pct


class DryRoom(Station):
    kind = "dry_room"

    def __init__(self, station_id: str, seed: int) -> None:
        super().__init__(station_id, seed)
        self.people = 6
        sp_c = float(self.sp["dew_point_sp_c"])
        self.w_kg_kg = humidity_ratio_kg_kg(sp_c)
        supply_w = self.w_kg_kg - self._internal_kg_s() / (AIR_KG_M3 * SUPPLY_M3_S)
        heater0 = (dew_point_c(supply_w) - SUPPLY_DP_HEATER_0_C) / SUPPLY_DP_PER_PCT
        self.supply_dp = FirstOrder(dew_point_c(supply_w), SUPPLY_TAU_S)
        # Reverse acting: a wetter room needs more regeneration heat.
        self.regen = Pid(4.0, 300.0, reverse=True)
        self.regen.sp = sp_c
        self.regen.preset(heater0)
        self.room_temp = FirstOrder(25.0, 600.0)
        self.door_open_s = 0.0

    def defaults(self) -> Mapping[str, Value]:
        return {"dew_point_sp_c": -45.0, "room_temp_sp_c": 25.0, "dehumidifier_on": True}

    def _internal_kg_s(self) -> float:
        return self.people * PERSON_KG_S + PERMEATION_KG_S

    @property
    def dehumidifier_running(self) -> bool:
        return (
            bool(self.sp["dehumidifier_on"])
            and "dehumidifier_trip" not in self.faults
            and self.plc.state not in (St.ABORTING, St.ABORTED, St.STOPPED)
        )

    def trip_conditions(self) -> dict[Reason, bool]:
        return {
            **super().trip_conditions(),
            Reason.DEHUMIDIFIER_TRIP: "dehumidifier_trip" in self.faults,
        }

    def permissives(self) -> dict[str, bool]:
        return {"dehumidifier_ok": "dehumidifier_trip" not in self.faults}

    def _doors(self, dt_s: float) -> tuple[float, float]:
        """Door flow (m³/s) and the humidity ratio it brings in."""
        if "dew_point_excursion" in self.faults:
            return DOOR_M3_S, CORRIDOR_G_KG / 1000.0
        if self.door_open_s > 0.0:
            self.door_open_s -= dt_s
            return DOOR_M3_S, VESTIBULE_G_KG / 1000.0
        if self.noise.chance(dt_s / DOOR_MEAN_INTERVAL_S):
            self.door_open_s = DOOR_OPEN_S
            self.people = min(8, max(3, self.people + (1 if self.noise.chance(0.5) else -1)))
        return 0.0, 0.0

    def process(self, dt_s: float, line: Line) -> None:
        room_dp = dew_point_c(self.w_kg_kg)
        self.regen.sp = float(self.sp["dew_point_sp_c"])
        if self.dehumidifier_running:
            if self.regen.mode == LoopMode.MANUAL:
                self.regen.set_mode(LoopMode.AUTO, room_dp)
            heater = self.regen.step(room_dp, dt_s)
            supply_target = supply_dp_for(heater)
        else:
            self.regen.set_mode(LoopMode.MANUAL, room_dp)
            self.regen.set_manual_output(0.0)
            heater = 0.0
            supply_target = TRIPPED_SUPPLY_DP_C
        supply_w = humidity_ratio_kg_kg(self.supply_dp.step(supply_target, dt_s))
        door_m3_s, door_w = self._doors(dt_s)
        flow = SUPPLY_M3_S + door_m3_s
        w_ss = (
            SUPPLY_M3_S * supply_w + door_m3_s * door_w
            + self._internal_kg_s() / AIR_KG_M3
        ) / flow
        self.w_kg_kg = w_ss + (self.w_kg_kg - w_ss) * math.exp(-flow * dt_s / VOLUME_M3)
        n = self.noise
        self.measured = {
            "dew_point_c": dew_point_c(self.w_kg_kg) + n.gauss(0.05),
            "supply_dew_point_c": self.supply_dp.value + n.gauss(0.05),
            "room_temp_c": self.room_temp.step(float(self.sp["room_temp_sp_c"]), dt_s)
            + n.gauss(0.03),
            "people_count": self.people,
            "regen_heater_pct": heater,
            "door_open": door_m3_s > 0.0,
            "dehumidifier_fault": "dehumidifier_trip" in self.faults,
        }
