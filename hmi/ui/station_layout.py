"""What each station screen and overview tile shows, derived from the line config.

Qt-free, so the choice of values is unit-tested without widgets. A station's tags are sorted
by role (PackML, loops, setpoints, interlocks and permissives, process values) from their
signal names and the config's loops; the overview tile shows the few values that matter
for the station's kind (DOMAIN.md section 1), with setpoints for deviation bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from hmi.config.schema import LineConfig, Loop, Station, TagConfig

PACKML_SIGNALS = ("state", "command", "reason_code")
TRIP_RESET = "trip_reset"
INTERLOCK_SIGNALS = ("interlock_trip", "estop", "web_break", "dehumidifier_fault")

# The two or three values that matter per station kind: (measured signal, its setpoint).
KEY_SIGNALS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "mixer": (("viscosity_mpas", None), ("slurry_temp_c", None), ("speed_rpm", "speed_sp_rpm")),
    # The coater's third value is the dryer's max zone deviation (a derived tile).
    "coater": (("web_tension_n", "web_tension_sp_n"), ("line_speed_mpm", "line_speed_sp_mpm")),
    "calender": (
        ("line_load_kn_mm", "line_load_sp_kn_mm"),
        ("thickness_um", None),
        ("porosity_pct", None),
    ),
    "slitter": (("burr_height_um", None), ("line_speed_mpm", "line_speed_sp_mpm")),
    "winder": (
        ("web_tension_n", "web_tension_sp_n"),
        ("speed_ppm", "speed_sp_ppm"),
        ("alignment_mm", None),
    ),
    "tab_welder": (
        ("laser_power_w", "laser_power_sp_w"),
        ("weld_speed_mm_s", "weld_speed_sp_mm_s"),
    ),
    "filler": (("fill_mass_g", "fill_mass_sp_g"), ("evac_pressure_mbar", None)),
    "formation": (("chamber_temp_c", "chamber_temp_sp_c"), ("ch1_voltage_v", None)),
    "vision": (("inspection_score", None), ("defects_per_min", None)),
    "dry_room": (("dew_point_c", "dew_point_sp_c"), ("room_temp_c", "room_temp_sp_c")),
}


@dataclass(frozen=True, slots=True)
class KeyValue:
    tag: TagConfig
    setpoint: TagConfig | None


@dataclass(frozen=True, slots=True)
class ZoneGroup:
    """Zones with a measured value and a setpoint each (dryer zones): shown as max deviation."""

    title: str
    pairs: tuple[tuple[TagConfig, TagConfig], ...]


@dataclass(frozen=True, slots=True)
class StationLayout:
    station: Station
    state: TagConfig | None
    command: TagConfig | None
    reason: TagConfig | None
    trip_reset: TagConfig | None
    key_values: tuple[KeyValue, ...]
    zones: ZoneGroup | None
    loops: tuple[Loop, ...]
    setpoints: tuple[TagConfig, ...]
    interlocks: tuple[TagConfig, ...]
    permissives: tuple[TagConfig, ...]
    process_values: tuple[TagConfig, ...]


RECIPE_HANDSHAKE_SIGNALS = ("recipe_download", "recipe_commit")


def station_layouts(config: LineConfig) -> tuple[StationLayout, ...]:
    # Tags and loops grouped by station in one pass: walking every tag for every station
    # took 4 minutes of CPU on a 20,000-tag, 1,120-station config (tests/bench/startup.py).
    tags: dict[str, dict[str, TagConfig]] = {}
    for tag in config.tags:
        tags.setdefault(tag.station, {})[tag.signal] = tag
    loops: dict[str, list[Loop]] = {}
    for loop in config.loops:
        loops.setdefault(loop.station, []).append(loop)
    return tuple(
        _layout(station, tags.get(station.id, {}), tuple(loops.get(station.id, ())))
        for station in config.stations
    )


def station_layout(config: LineConfig, station: Station) -> StationLayout:
    tags: dict[str, TagConfig] = {}
    for t in config.tags:
        if t.station == station.id:
            tags[t.signal] = t
    loops = tuple(loop for loop in config.loops if loop.station == station.id)
    return _layout(station, tags, loops)


def _layout(station: Station, tags: dict[str, TagConfig], loops: tuple[Loop, ...]
            ) -> StationLayout:
    loop_tags = {tid for loop in loops for tid in (loop.pv, loop.sp, loop.out, loop.mode)}
    interlocks = tuple(
        t for s, t in tags.items() if s in INTERLOCK_SIGNALS and t.data_type == "bool"
    )
    permissives = tuple(
        t
        for s, t in tags.items()
        if t.data_type == "bool"
        and not t.writable
        and (s.startswith("perm_") or s == "permissives_ok")
    )
    # The recipe handshake bits belong to the changeover engine, never to a finger.
    special = {*PACKML_SIGNALS, TRIP_RESET, *RECIPE_HANDSHAKE_SIGNALS}
    shown_apart = {t.id for t in (*interlocks, *permissives)} | loop_tags
    setpoints = tuple(
        t for s, t in tags.items() if t.writable and s not in special and t.id not in shown_apart
    )
    process_values = tuple(
        t
        for s, t in tags.items()
        if not t.writable and s not in special and t.id not in shown_apart
    )
    key_values = tuple(
        KeyValue(tags[pv], tags.get(sp) if sp else None)
        for pv, sp in KEY_SIGNALS.get(station.kind, ())
        if pv in tags
    )
    return StationLayout(
        station=station,
        state=tags.get("state"),
        command=tags.get("command"),
        reason=tags.get("reason_code"),
        trip_reset=tags.get(TRIP_RESET),
        key_values=key_values,
        zones=_dryer_zones(tags),
        loops=loops,
        setpoints=setpoints,
        interlocks=interlocks,
        permissives=permissives,
        process_values=process_values,
    )


def _dryer_zones(tags: dict[str, TagConfig]) -> ZoneGroup | None:
    pairs = []
    zone = 1
    while f"dryer_z{zone}_temp_c" in tags and f"dryer_z{zone}_sp_c" in tags:
        pairs.append((tags[f"dryer_z{zone}_temp_c"], tags[f"dryer_z{zone}_sp_c"]))
        zone += 1
    return ZoneGroup(zone_group_title(), tuple(pairs)) if pairs else None


def zone_group_title() -> str:
    """The dryer zones' tile title, in the language now installed."""
    return QCoreApplication.translate("station_layout", "Dryer max zone deviation")
