"""Recipe parameters the twin's stations hold, and their tags for a line config.

A real coater PLC holds far more recipe settings than the HMI shows on its tiles (dryer
fans, dampers, nozzle gaps, ramps, ...). The twin keeps them as plain setpoints (they are
not modelled: they only need to be written, held, committed and read back), so a changeover
of ~100 parameters across coater, dryer and calender, and ~200 with the tab welder over
Modbus, has something real to talk to. `with_recipe_parameters(config)` adds their tags
(and not to the demo line itself, so station screens stay readable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from hmi.config.schema import LineConfig

Kind = Literal["float", "int", "bool"]


@dataclass(frozen=True)
class RecipeParam:
    signal: str
    unit: str
    low: float
    high: float
    default: float | int | bool
    data_type: Kind = "float"
    description: str = ""


def _f(signal: str, unit: str, low: float, high: float, default: float) -> RecipeParam:
    return RecipeParam(signal, unit, low, high, float(default))


def _i(signal: str, unit: str, low: int, high: int, default: int) -> RecipeParam:
    return RecipeParam(signal, unit, low, high, default, "int")


def _b(signal: str, default: bool) -> RecipeParam:
    return RecipeParam(signal, "", 0, 1, default, "bool")


def _dryer_zone(n: int) -> list[RecipeParam]:
    z = f"dryer_z{n}_"
    return [_f(z + "air_velocity_m_s", "m/s", 1, 40, 12 + n), _f(z + "supply_fan_pct", "%", 0,
            100, 60), _f(z + "exhaust_damper_pct", "%", 0, 100, 50),
            _f(z + "nozzle_gap_mm", "mm", 5, 50, 20), _f(z + "top_bottom_ratio_pct", "%", 0,
            100, 50), _f(z + "ramp_c_min", "°C/min", 0.5, 20, 5), _f(z + "alarm_band_c", "°C",
            0.5, 10, 3)]


COATER = [
    _f("coat_width_sp_mm", "mm", 100, 1000, 600), _f("die_temp_sp_c", "°C", 20, 60, 30),
    _f("slurry_temp_sp_c", "°C", 15, 40, 25), _f("vacuum_box_sp_pa", "Pa", 0, 1000, 300),
    _f("die_lip_offset_um", "µm", -50, 50, 0), _f("loading_target_mg_cm2", "mg/cm²", 5, 40, 20),
    _f("loading_tol_pct", "%", 0.5, 5, 2), _f("unwind_taper_pct", "%", 0, 50, 10),
    _f("rewind_tension_sp_n", "N", 10, 150, 60), _f("rewind_taper_pct", "%", 0, 50, 20),
    _f("edge_guide_offset_mm", "mm", -20, 20, 0), _f("accel_ramp_mpm_s", "m/min/s", 0.5, 20, 5),
    _f("decel_ramp_mpm_s", "m/min/s", 0.5, 30, 8), _f("splice_speed_mpm", "m/min", 5, 40, 15),
    _f("backing_roll_temp_sp_c", "°C", 15, 40, 25), _i("coat_start_delay_ms", "ms", 0, 5000, 500),
    _i("coat_stop_delay_ms", "ms", 0, 5000, 300), _i("lane_count", "", 1, 8, 2),
    _b("intermittent_on", False), _f("patch_length_mm", "mm", 10, 2000, 500),
    _f("gap_length_mm", "mm", 1, 100, 10),
    *(p for n in range(1, 5) for p in _dryer_zone(n)),
    _f("dryer_exhaust_flow_m3_min", "m³/min", 100, 800, 400),
    _f("dryer_lfl_alarm_pct", "%LFL", 5, 25, 15), _f("nmp_condenser_sp_c", "°C", -10, 30, 5),
    _f("chill_roll_sp_c", "°C", 10, 30, 20), _f("dryer_idle_sp_c", "°C", 40, 100, 60),
    _f("dryer_float_tension_n", "N", 10, 150, 50),
]

CALENDER = [
    _f("roll_temp_top_sp_c", "°C", 20, 150, 90), _f("roll_temp_bottom_sp_c", "°C", 20, 150, 90),
    _f("roll_speed_ratio", "", 0.95, 1.05, 1.0), _f("unwind_tension_sp_n", "N", 10, 300, 100),
    _f("rewind_tension_sp_n", "N", 10, 300, 110), _f("rewind_taper_pct", "%", 0, 50, 15),
    _f("thickness_target_um", "µm", 40, 300, 120), _f("density_target_g_cm3", "g/cm³", 1, 4, 3.5),
    _f("gap_bias_ds_um", "µm", -20, 20, 0), _f("gap_bias_os_um", "µm", -20, 20, 0),
    _f("crown_comp_um", "µm", 0, 50, 10), _f("preheat_sp_c", "°C", 20, 150, 80),
    _f("cooling_roll_sp_c", "°C", 10, 40, 20), _f("edge_trim_mm", "mm", 0, 20, 5),
    _f("line_speed_ratio", "", 0.9, 1.1, 1.01), _i("passes", "", 1, 3, 1),
    _f("accel_ramp_mpm_s", "m/min/s", 0.5, 20, 5), _b("nip_open_on_stop", True),
    _f("load_ramp_kn_mm_s", "kN/mm/s", 0.01, 1, 0.1), _f("thickness_tol_um", "µm", 0.5, 10, 2),
    _f("spring_back_comp_pct", "%", 0, 10, 3), _f("edge_load_ds_pct", "%", -10, 10, 0),
    _f("edge_load_os_pct", "%", -10, 10, 0), _i("roll_clean_interval_m", "m", 100, 10000, 2000),
    _f("web_guide_offset_mm", "mm", -20, 20, 0), _f("heater_ramp_c_min", "°C/min", 0.5, 10, 2),
    _f("density_tol_pct", "%", 0.5, 5, 1), _f("gauge_offset_um", "µm", -5, 5, 0),
    _f("porosity_target_pct", "%", 15, 40, 25),
]


def _track(n: int) -> list[RecipeParam]:
    t = f"track{n}_"
    return [_f(t + "power_w", "W", 500, 2500, 1500), _f(t + "speed_mm_s", "mm/s", 50, 250, 150),
            _f(t + "wobble_amp_mm", "mm", 0, 2, 0.5), _f(t + "wobble_freq_hz", "Hz", 0, 2000, 500),
            _f(t + "focus_offset_mm", "mm", -5, 5, 0), _f(t + "ramp_up_ms", "ms", 0, 100, 10),
            _f(t + "ramp_down_ms", "ms", 0, 100, 15), _f(t + "pulse_ms", "ms", 0.1, 50, 5),
            _f(t + "shield_gas_l_min", "l/min", 0, 50, 20), _f(t + "ring_power_w", "W", 0, 1500,
            1000), _f(t + "core_power_w", "W", 0, 1000, 600), _f(t + "seam_length_mm", "mm", 1,
            100, 30)]


TAB_WELDER = [
    *(p for n in range(1, 9) for p in _track(n)),
    _f("clamp_force_n", "N", 50, 2000, 500), _f("cooldown_ms", "ms", 0, 1000, 100),
    _f("pre_clean_power_w", "W", 0, 500, 100), _f("camera_exposure_us", "µs", 10, 5000, 500),
    _f("tab_offset_mm", "mm", -2, 2, 0), _f("tab_angle_deg", "°", -5, 5, 0),
    _f("reject_threshold_pct", "%", 50, 100, 85),
]

BY_KIND: dict[str, list[RecipeParam]] = {
    "coater": COATER, "calender": CALENDER, "tab_welder": TAB_WELDER,
}
MODBUS_FIRST_REGISTER = 100  # holding registers: float32 each, back to back


def recipe_defaults(kind: str) -> Mapping[str, float | int | bool]:
    return {p.signal: p.default for p in BY_KIND.get(kind, ())}


def with_recipe_parameters(config: LineConfig) -> LineConfig:
    """The config plus the recipe parameter tags of its coater, calender and tab welder
    stations (OPC UA nodes `ns=2;s=<tag>`, Modbus holding registers from 100, float32 in
    the station connection's word order), all writable."""
    data = config.model_dump()
    known = {t["id"] for t in data["tags"]}
    tags = list(data["tags"])
    word_order = {t.id.split(".", 1)[0]: t.modbus.word_order for t in config.tags
                  if t.modbus is not None and t.modbus.width == 2}
    for station in config.stations:
        params = BY_KIND.get(station.kind)
        if not params:
            continue
        modbus_station = any(t.modbus is not None for t in config.tags
                             if t.id.startswith(station.id + "."))
        address = MODBUS_FIRST_REGISTER
        for p in params:
            tag_id = f"{station.id}.{p.signal}"
            if tag_id in known:
                continue
            tag: dict[str, object] = {
                "id": tag_id, "description": p.description or f"recipe: {p.signal}",
                "unit": p.unit, "data_type": p.data_type, "writable": True,
            }
            if p.data_type != "bool":
                tag["range"] = (p.low, p.high)
            if modbus_station:
                if p.data_type != "float":
                    raise ValueError(f"{tag_id}: Modbus recipe parameters are float32")
                tag["modbus"] = {"table": "holding", "address": address, "type": "float32",
                                 "word_order": word_order.get(station.id, "big"),
                                 "poll_group": "slow"}
                address += 2
            else:
                tag["opcua"] = {"node_id": f"ns=2;s={tag_id}"}
            if p.data_type == "float":
                tag["read_back_tolerance"] = 1e-4 * max(abs(p.high), abs(p.low), 1.0)
            tags.append(tag)
    return LineConfig.model_validate({**data, "tags": tags})
