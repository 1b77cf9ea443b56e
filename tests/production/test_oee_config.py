"""The [production] table: sensible defaults for a 3-shift plant, derived stations and
characteristics on the demo line, and mistakes located at file:line."""

from __future__ import annotations

import pytest

from hmi.config.loader import DEMO_LINE, ConfigError, parse_line_config
from hmi.config.production import characteristics, oee_stations

DEMO = DEMO_LINE.read_text(encoding="utf-8")


def test_defaults_three_shifts_and_the_twin_counters() -> None:
    config = parse_line_config(DEMO, "demo_line.toml")
    assert [(s.name, s.start, s.hours) for s in config.production.shifts] == [
        ("early", "06:00", 8), ("late", "14:00", 8), ("night", "22:00", 8)]
    assert config.production.minor_stop_s == 120
    stations = {s.station: s for s in oee_stations(config)}
    assert "dry_room" not in stations  # a utility, not a producing station
    assert stations["coater"].unit == "length"
    assert stations["coater"].ideal_rate_param == "coater.line_speed_sp_mpm"
    assert stations["vision"].reject_tag == "vision.reject_count"
    chars = {c.id: c for c in characteristics(config)}
    assert chars["coat_weight"].chart == "xbar_r" and chars["coat_weight"].critical
    assert chars["fill_mass"].chart == "imr" and chars["coat_weight"].lanes == 5
    # Formation impedance is a per-cell end-of-charge result, not a tag to sample.
    assert not [c for c in chars.values() if c.station == "formation"]
    assert chars["web_tension_sigma"].statistic == "sigma"


def test_listed_entries_replace_derived_ones() -> None:
    text = DEMO + """
[production]
timezone = "Europe/Berlin"
minor_stop_s = 60

[[production.shifts]]
name = "day"
start = "07:00"
hours = 10
days = [0, 1, 2, 3, 4]

[[production.stations]]
station = "filler"
total_tag = "filler.cells_filled"
ideal_rate_per_min = 14

[[production.characteristics]]
id = "fill_mass"
station = "filler"
tags = ["filler.fill_mass_g"]
lsl = 64.0
usl = 66.0
"""
    config = parse_line_config(text, "line.toml")
    filler = next(s for s in oee_stations(config) if s.station == "filler")
    assert filler.ideal_rate_per_min == 14
    fill = [c for c in characteristics(config) if c.id == "fill_mass"]
    assert len(fill) == 1 and fill[0].lsl == 64.0 and not fill[0].critical


@pytest.mark.parametrize(("section", "expected"), [
    ('[[production.stations]]\nstation = "filler"\ntotal_tag = "filler.nope"\n',
     "production.stations[0].total_tag: tag 'filler.nope' is not in [[tags]]"),
    ('[[production.characteristics]]\nid = "x"\nstation = "press"\ntags = ["filler.fill_mass_g"]\n',
     "production.characteristics[x].station: station 'press' is not in [[stations]]"),
    ('[[production.shifts]]\nname = "a"\nstart = "6:00"\nhours = 8\n',
     "production.shifts[0].start: Value error, start '6:00' is not a time of day"),
    ('timezone = "Mars/Olympus"\n', "production.timezone: unknown time zone 'Mars/Olympus'"),
    ('[[production.shifts]]\nname = "a"\nstart = "06:00"\nhours = 12\n'
     '[[production.shifts]]\nname = "b"\nstart = "14:00"\nhours = 8\n',
     "production.shifts: shifts a and b overlap"),
])
def test_mistakes_are_located(section: str, expected: str) -> None:
    text = DEMO + "\n[production]\n" + section
    with pytest.raises(ConfigError) as caught:
        parse_line_config(text, "line.toml")
    first = caught.value.issues[0]
    assert expected.replace("Value error, ", "") in str(first), str(caught.value)
    assert first.line is not None and first.line > DEMO.count("\n")
