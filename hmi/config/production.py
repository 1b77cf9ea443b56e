"""The `[production]` table of a line config: shift calendar, OEE sources and SPC
characteristics (DOMAIN.md 5).

```toml
[production]
timezone = "Europe/Berlin"       # shift times are local wall-clock times of the plant
minor_stop_s = 120               # a stop shorter than this is a minor stop (performance loss)
default_ideal_rate_per_min = 60  # when neither the station nor its recipe says

[[production.shifts]]            # default: three 8-hour shifts from 06:00, every day
name = "early"
start = "06:00"
hours = 8
days = [0, 1, 2, 3, 4]           # Monday = 0; the rest of the week is not scheduled

[[production.stations]]          # default: derived per station kind from the twin's tags
station = "coater"
unit = "length"                  # count | length (web: metres)
total_tag = "coater.roll_length_m"
ideal_rate_param = "coater.line_speed_sp_mpm"  # the active recipe's target is the ideal rate
ideal_rate_per_min = 30

[[production.characteristics]]   # default: derived per station kind (see DERIVED below)
id = "fill_mass"
station = "filler"
chart = "imr"                    # imr | xbar_r
tags = ["filler.fill_mass_g"]
lsl = 64.675
usl = 65.325
critical = true                  # Cpk < 1.33 holds the lot
sample_every_s = 300             # one subgroup per interval (0: every new value)
baseline_subgroups = 25          # limits from the first 25 subgroups (DOMAIN.md 5.2)
rules = ["WE1", "WE2", "WE3", "WE4"]  # on X-bar / I; default: all twelve (WE1-4, N1-8);
                                 # the R / MR chart is judged on its upper limit only
```
`derive_defaults = false` turns the derived stations and characteristics off (only the
listed ones count); listed ones always replace a derived one of the same station / id.

The derived (demo) sampling plan keeps SPC alarms under one an hour for a steady line
(ISA-18.2: an alarm is something an operator must act on), as SPC practice does it:
- zone rules (WE2-4) on the X-bar / I chart only; the R / MR chart on its upper limit
  only (the range is skewed: zone rules on it signal falsely);
- the zone rules only on the critical characteristics (coat weight, fill mass), subgroup
  every 5 min; machine parameters and the tension spread WE1 only, every 10 min;
- limits from 25 subgroups (DOMAIN.md 5.2); provisional and silent until then.
Why and the measured rates: the comment above `_PLAN` below.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

if TYPE_CHECKING:
    from hmi.config.schema import LineConfig

ID = r"^[a-z][a-z0-9_]*$"
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MINOR_STOP_S = 120.0  # DOMAIN.md 5.1 [S77]: 2 min, reason mandatory above

CounterUnit = Literal["count", "length"]
ChartKind = Literal["imr", "xbar_r"]
Statistic = Literal["value", "sigma"]
# The run rules of DOMAIN.md 5.2 by name (hmi.production.spc_rules implements them).
RuleName = Literal["WE1", "WE2", "WE3", "WE4", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]
WESTERN_ELECTRIC_RULES: tuple[RuleName, ...] = ("WE1", "WE2", "WE3", "WE4")
ALL_RULES: tuple[RuleName, ...] = (*WESTERN_ELECTRIC_RULES, "N1", "N2", "N3", "N4", "N5", "N6",
                                   "N7", "N8")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Shift(_Frozen):
    name: str = Field(pattern=ID)
    start: str = Field(description="local time HH:MM")
    hours: float = Field(gt=0, le=24)
    days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # weekday the shift *starts* on, Monday 0

    @field_validator("start")
    @classmethod
    def _clock_form(cls, value: str) -> str:
        if not CLOCK.match(value):
            raise ValueError(f"start {value!r} is not a time of day like 06:00")
        return value

    @field_validator("days")
    @classmethod
    def _weekdays(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(d < 0 or d > 6 for d in value):
            raise ValueError("days lists weekdays 0 (Monday) to 6 (Sunday), at least one")
        return tuple(sorted(set(value)))

    @property
    def start_minutes(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 60 + int(minutes)


DEFAULT_SHIFTS = (
    Shift(name="early", start="06:00", hours=8),
    Shift(name="late", start="14:00", hours=8),
    Shift(name="night", start="22:00", hours=8),
)


class StationOee(_Frozen):
    """Where one station's OEE comes from."""

    station: str = Field(pattern=ID)
    state_tag: str | None = None  # None: <station>.state
    unit: CounterUnit = "count"
    total_tag: str | None = None  # a counter (or web length) that only grows, or resets
    good_tag: str | None = None  # good units; else total - reject; else all good
    reject_tag: str | None = None
    ok_tag_is_good: bool = Field(default=False, description="total = good_tag + reject_tag")
    ideal_rate_per_min: float | None = Field(default=None, gt=0)
    ideal_rate_param: str | None = None  # a recipe parameter whose target is the ideal rate
    minor_stop_s: float | None = Field(default=None, gt=0, le=86_400)

    @property
    def state(self) -> str:
        return self.state_tag or f"{self.station}.state"

    def tags(self) -> tuple[str, ...]:
        return tuple(t for t in (self.state, self.total_tag, self.good_tag, self.reject_tag)
                     if t is not None)


class Characteristic(_Frozen):
    """One SPC characteristic: what is sampled, how it is subgrouped, its spec."""

    id: str = Field(pattern=ID)
    station: str = Field(pattern=ID)
    description: str = ""
    unit: str = ""
    chart: ChartKind = "imr"
    tags: tuple[str, ...] = Field(min_length=1)
    # xbar_r: several tags are the lanes of one scan (one subgroup per scan); one tag is
    # subgrouped by `subgroup_size` consecutive samples.
    subgroup_size: int = Field(default=5, ge=2, le=10)
    statistic: Statistic = "value"  # sigma: one point = std dev of `window` samples
    window: int = Field(default=20, ge=2, le=10_000)
    sample_every_s: float = Field(default=0.0, ge=0, le=86_400)  # 0: every new value
    # After the station returns to Execute (PackML state tag), its values are not charted
    # for this long: the start-up scrap (DOMAIN.md 5.1), not the process in control.
    settle_s: float = Field(default=0.0, ge=0, le=3600)
    lsl: float | None = None
    usl: float | None = None
    critical: bool = False
    baseline_subgroups: int = Field(default=25, ge=2, le=10_000)
    min_subgroups: int = Field(default=25, ge=2, le=10_000)  # DOMAIN 5.2: n >= 25 subgroups
    # The run rules judged (and alarmed) on this chart. Every rule added raises the false
    # alarm rate of an in-control process: all twelve together fire about once in 40
    # points, Western Electric's four once in 60-90 (limits from 25 to 100 subgroups).
    rules: tuple[RuleName, ...] = Field(default=ALL_RULES, min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Characteristic:
        if self.lsl is not None and self.usl is not None and not self.lsl < self.usl:
            raise ValueError(f"lsl {self.lsl} must be below usl {self.usl}")
        if self.chart == "xbar_r" and len(self.tags) > 1 and not 2 <= len(self.tags) <= 10:
            raise ValueError("an xbar_r chart over lanes takes 2 to 10 lane tags")
        if self.chart == "imr" and len(self.tags) > 1:
            raise ValueError("an imr chart charts one tag; use xbar_r for lanes")
        if self.statistic == "sigma" and len(self.tags) > 1:
            raise ValueError("statistic sigma is the spread of one tag over `window` samples")
        return self

    @property
    def lanes(self) -> int:
        """Values per subgroup."""
        if self.chart == "imr":
            return 1
        return len(self.tags) if len(self.tags) > 1 else self.subgroup_size


class ProductionConfig(_Frozen):
    timezone: str = "UTC"
    shifts: tuple[Shift, ...] = DEFAULT_SHIFTS
    minor_stop_s: float = Field(default=MINOR_STOP_S, gt=0, le=86_400)
    default_ideal_rate_per_min: float = Field(default=60.0, gt=0)
    derive_defaults: bool = True
    stations: tuple[StationOee, ...] = ()
    characteristics: tuple[Characteristic, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}: use an IANA name like "
                             "Europe/Berlin or UTC") from None
        return value

    @field_validator("shifts")
    @classmethod
    def _shifts_apart(cls, shifts: tuple[Shift, ...]) -> tuple[Shift, ...]:
        names = [s.name for s in shifts]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate shift name {', '.join(dupes)}")
        # Two shifts may not cover the same minute of the week: a stop would count twice.
        week = 7 * 24 * 60
        taken: dict[int, str] = {}
        for shift in shifts:
            for day in shift.days:
                begin = day * 24 * 60 + shift.start_minutes
                for minute in range(begin, begin + round(shift.hours * 60)):
                    other = taken.setdefault(minute % week, shift.name)
                    if other != shift.name:
                        raise ValueError(f"shifts {other} and {shift.name} overlap")
        return shifts

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_NOT_PRODUCING = {"dry_room"}  # a utility with a PackML state, not a producing station

# Per station kind: the twin's counters and design rates (a plant lists its own).
_DERIVED_OEE: dict[str, dict[str, object]] = {
    "coater": {"unit": "length", "total_tag": "roll_length_m",
               "ideal_rate_param": "line_speed_sp_mpm", "ideal_rate_per_min": 30.0},
    "winder": {"total_tag": "cells_wound", "ideal_rate_param": "speed_sp_ppm",
               "ideal_rate_per_min": 20.0},
    "tab_welder": {"good_tag": "welds_ok", "reject_tag": "welds_nok", "ok_tag_is_good": True,
                   "ideal_rate_per_min": 30.0},
    "filler": {"total_tag": "cells_filled", "ideal_rate_per_min": 15.0},
    "vision": {"total_tag": "inspected_count", "reject_tag": "reject_count",
               "ideal_rate_per_min": 20.0},
}

# Per station kind: the characteristics DOMAIN.md 5.2 names, on the twin's tags; spec
# limits from DOMAIN.md 1.1 and 4.4 (coat weight +-2 %, fill mass +-0.5 %).
#
# Sampling, as a quality engineer plans it (not every value the PLC publishes):
# - A subgroup is a few readings close together (one gauge scan, consecutive welds): its
#   range is the short-term noise the X-bar limits are built from. Subgroups are taken
#   minutes apart, so consecutive points are independent of the process's slow movements;
#   charting every 10 Hz value made neighbours near-copies of each other and the limits,
#   built from seconds of them, far too tight (alarms within seconds).
# - The baseline is BASELINE_SUBGROUPS subgroups (DOMAIN.md 5.2: at least 25): limits
#   from fewer scatter so much that a chart with a narrow draw alarms several times as
#   often as its rules promise. Until then the screen shows provisional limits and nothing
#   is alarmed.
# - An SPC alarm is an operator alarm (ISA-18.2, DOMAIN.md alarms): on a steady line the
#   whole line should raise fewer than one an hour. What an in-control chart fires per
#   subgroup: WE1 alone once in 370, WE1-4 together once in ~92 (X-bar / I chart); the
#   R chart's upper limit once in ~200 (n = 5) and the MR chart's once in ~110 (the range
#   statistic is skewed: its 3-sigma limit is not a 0.27 % tail). Hence:
#   * Zone rules (WE2-4) belong to the centre chart (X-bar / I) only; the spread chart
#     (R / MR) is always judged on its upper limit alone (spc_analysis.judge): zone rules
#     on a skewed statistic are false signals.
#   * The zone rules are kept where a small sustained shift matters to the product: the
#     critical characteristics (coat weight, fill mass: a low Cpk holds the lot). Machine
#     parameters and the tension spread are judged on rule 1: they have their own limits
#     in the PLC, and a WE4 on laser power has no operator action behind it. The
#     tension spread is itself a dispersion statistic (skewed like R).
#   * Intervals as a quality lab samples: coat weight (5 gauge-scan averages) and fill
#     mass (one check-weighed cell) every 5 minutes (a +0.1 %/min metering drift moves
#     coat weight 2.5 X-bar sigmas in one interval, 4 intervals before the +-2 % spec);
#     calender thickness, weld power and tension spread every 10 minutes.
#   `Characteristic.rules` and `sample_every_s` stay configurable per characteristic.
# Measured on the twin (tests/production/test_spc_false_alarm_rate.py, 8 steady hours):
# the 30 s plan with WE1-4 everywhere raised 14 SPC alarms an hour for the line (WE4 and
# WE3 on the calender and coat weight X-bar charts most); this one 0.38-0.88 an hour
# (seeds 11, 23, 7), and the coat_weight_drift fault is caught at the next subgroup.
# Formation impedance is not charted: the channel tags are live values that fall through
# the whole charge (SEI growth), and the per-cell value at end of charge is a test
# result per cell (an I-MR of cells via SpcMonitor.add_point), not a tag to sample.
PRODUCT_EVERY_S = 300.0  # critical characteristics (zone rules)
PARAMETER_EVERY_S = 600.0  # machine parameters and spreads (rule 1)
BASELINE_SUBGROUPS = 25
ZONE_RULES: tuple[RuleName, ...] = WESTERN_ELECTRIC_RULES
BEYOND_LIMITS: tuple[RuleName, ...] = ("WE1",)
_PLAN: dict[str, object] = {
    "sample_every_s": PRODUCT_EVERY_S,
    "settle_s": 30.0,  # the twin's coater is back in spec about 12 s after a start
    "baseline_subgroups": BASELINE_SUBGROUPS,
    "rules": ZONE_RULES,
}
_PARAMETER_PLAN: dict[str, object] = {
    **_PLAN, "sample_every_s": PARAMETER_EVERY_S, "rules": BEYOND_LIMITS}
_DERIVED_SPC: dict[str, list[dict[str, object]]] = {
    "coater": [
        {"id": "coat_weight", "chart": "xbar_r", "tags": ["coat_weight_mg_cm2"],
         "subgroup_size": 5, "lsl": 19.6, "usl": 20.4, "critical": True, "unit": "mg/cm²",
         "description": "Coat weight (X-bar R over 5 consecutive gauge readings)", **_PLAN},
        {"id": "web_tension_sigma", "chart": "imr", "tags": ["web_tension_n"],
         # Over 10 s (100 samples at 10 Hz), longer than the span's 4 s time constant:
         # the spread of 2 s caught a random slice of the loop's wander, and its points
         # scattered beyond their MR limits on a steady web.
         "statistic": "sigma", "window": 100, "usl": 3.1, "unit": "N",
         "description": "Coater web tension spread (std dev over 100 samples)",
         **_PARAMETER_PLAN},
    ],
    "calender": [
        {"id": "calender_thickness", "chart": "xbar_r", "tags": ["thickness_um"],
         "subgroup_size": 5, "unit": "µm", "description": "Calendered electrode thickness",
         **_PARAMETER_PLAN},
    ],
    "tab_welder": [
        # The twin reports one power reading per weld (every 2 s): 5 consecutive welds.
        {"id": "weld_power", "chart": "xbar_r", "tags": ["laser_power_w"],
         "subgroup_size": 5, "lsl": 1900.0, "usl": 2100.0, "unit": "W",
         "description": "Laser weld power (X-bar R over 5 consecutive welds)",
         **_PARAMETER_PLAN},
    ],
    "filler": [
        # One check-weighed cell per interval (a cell is filled every 4 s).
        {"id": "fill_mass", "chart": "imr", "tags": ["fill_mass_g"], "lsl": 64.675,
         "usl": 65.325, "critical": True, "unit": "g", "description": "Electrolyte fill mass",
         **_PLAN},
    ],
}


def oee_stations(config: LineConfig) -> tuple[StationOee, ...]:
    """The stations whose OEE is tracked: listed ones, plus derived ones whose tags exist."""
    production = production_of(config)
    listed = {s.station: s for s in production.stations}
    tag_ids = {t.id for t in config.tags}
    result: list[StationOee] = []
    for station in config.stations:
        if station.id in listed:
            result.append(listed[station.id])
            continue
        if (not production.derive_defaults or station.kind in _NOT_PRODUCING
                or f"{station.id}.state" not in tag_ids):
            continue
        fields = dict(_DERIVED_OEE.get(station.kind, {}))
        for key in ("total_tag", "good_tag", "reject_tag", "ideal_rate_param"):
            if key in fields:
                tag = f"{station.id}.{fields[key]}"
                fields[key] = tag if tag in tag_ids or key == "ideal_rate_param" else None
        result.append(StationOee.model_validate({"station": station.id, **fields}))
    return tuple(result)


def characteristics(config: LineConfig) -> tuple[Characteristic, ...]:
    """The SPC characteristics: listed ones, plus derived ones whose tags exist."""
    production = production_of(config)
    listed = list(production.characteristics)
    ids = {c.id for c in listed}
    tag_ids = {t.id for t in config.tags}
    if production.derive_defaults:
        for station in config.stations:
            for template in _DERIVED_SPC.get(station.kind, []):
                tags = [f"{station.id}.{t}" for t in template["tags"]]  # type: ignore[attr-defined]
                cid = str(template["id"]) if station.id == station.kind else \
                    f"{template['id']}_{station.id}"
                if cid in ids or not all(t in tag_ids for t in tags):
                    continue
                listed.append(Characteristic.model_validate(
                    {**template, "id": cid, "station": station.id, "tags": tags}))
                ids.add(cid)
    return tuple(listed)


def production_of(config: LineConfig) -> ProductionConfig:
    production = getattr(config, "production", None)
    return production if isinstance(production, ProductionConfig) else ProductionConfig()


def check_production_references(config: LineConfig) -> None:
    """Refuse stations, tags and ids a [production] table names that the line lacks;
    located at the field so the loader says `file:line: production.<...>`."""
    production = production_of(config)
    errors: list[InitErrorDetails] = []
    tag_ids = {t.id for t in config.tags}
    stations = {s.id for s in config.stations}

    def fail(loc: tuple[str | int, ...], value: object, message: str) -> None:
        errors.append(InitErrorDetails(
            type=PydanticCustomError("production_reference", "{message}", {"message": message}),
            loc=("production", *loc), input=value))

    seen: set[str] = set()
    for index, entry in enumerate(production.stations):
        if entry.station not in stations:
            fail(("stations", index, "station"), entry.station,
                 f"station {entry.station!r} is not in [[stations]]")
        if entry.station in seen:
            fail(("stations", index, "station"), entry.station,
                 f"station {entry.station} is listed twice")
        seen.add(entry.station)
        for field in ("state_tag", "total_tag", "good_tag", "reject_tag"):
            tag = getattr(entry, field)
            if tag is not None and tag not in tag_ids:
                fail(("stations", index, field), tag, f"tag {tag!r} is not in [[tags]]")
    seen = set()
    for index, char in enumerate(production.characteristics):
        if char.id in seen:
            fail(("characteristics", index, "id"), char.id, f"duplicate characteristic {char.id}")
        seen.add(char.id)
        if char.station not in stations:
            fail(("characteristics", index, "station"), char.station,
                 f"station {char.station!r} is not in [[stations]]")
        for tag in char.tags:
            if tag not in tag_ids:
                fail(("characteristics", index, "tags"), tag, f"tag {tag!r} is not in [[tags]]")
            elif config.tag(tag).data_type not in ("float", "int"):
                fail(("characteristics", index, "tags"), tag, f"tag {tag} is not numeric")
    if errors:
        raise ValidationError.from_exception_data("LineConfig", errors)
