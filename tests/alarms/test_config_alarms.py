"""Alarm definitions: a mistake is refused naming file, line, alarm, field and tag."""

from __future__ import annotations

import tomllib

import pytest

from hmi.config.loader import DEMO_LINE, ConfigError, load_line_config

from .helpers import HEAD, RATIONALE, line_config, tags_toml


def issues_of(alarms: str) -> list[str]:
    with pytest.raises(ConfigError) as refused:
        line_config(alarms)
    return [str(i) for i in refused.value.issues]


def alarm(body: str) -> str:
    return f'\n[[alarms]]\nid = "bad_one"\ndescription = "x"\n{body}\n{RATIONALE}'


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_tag_names_file_line_alarm_field_and_tag() -> None:
    body = alarm('kind = "limit"\ntag = "coater.no_such_tag"\nlimit = "H"\nvalue = 1')
    [issue] = issues_of(body)
    line = line_of(HEAD + tags_toml() + body, "coater.no_such_tag")
    assert issue.startswith(f"test.toml:{line}: alarms[bad_one].tag: ")
    assert "'coater.no_such_tag' is not in [[tags]]" in issue


@pytest.mark.parametrize(("body", "field", "words"), [
    ('kind = "deviation"\ntag = "coater.web_tension_n"\nsetpoint = "coater.nope"\nvalue = 5',
     "setpoint", "'coater.nope' is not in [[tags]]"),
    ('kind = "quality"\nconnection = "plc9"\ncondition = "comm_loss"',
     "connection", "'plc9' is not in [[connections]]"),
    ('kind = "limit"\ntag = "coater.web_break"\nlimit = "H"\nvalue = 1',
     "tag", "needs a numeric tag; coater.web_break is bool"),
    ('kind = "discrete"\ntag = "coater.estop"\nconsequence_of = "nowhere"',
     "consequence_of", "no alarm has trip_group 'nowhere'"),
    ('kind = "discrete"\ntag = "coater.estop"\n'
     'suppress_unless = { station = "mixer" }', "suppress_unless", "'mixer' is not in"),
])
def test_bad_references_are_located(body: str, field: str, words: str) -> None:
    [issue] = issues_of(alarm(body))
    assert f"alarms[bad_one].{field}: " in issue and words in issue, issue


@pytest.mark.parametrize(("body", "words"), [
    ('kind = "limit"\ntag = "coater.web_tension_n"\nvalue = 1', "needs limit"),
    ('kind = "limit"\ntag = "coater.web_tension_n"\nlimit = "HHH"\nvalue = 1', "limit"),
    ('kind = "discrete"\ntag = "coater.estop"\npriority = 5', "priority"),
    ('kind = "rate"\ntag = "coater.web_tension_n"\nvalue = 1\ndeadband = 2',
     "deadband must be smaller"),
    ('kind = "discrete"\ntag = "coater.estop"\nsuppress_unless = { station = "coater", '
     'states = ["Runing"] }', "unknown PackML state Runing"),
    ('kind = "discrete"\ntag = "coater.estop"\nprocedure = "Bad Id"', "procedure"),
])
def test_bad_fields_are_refused_with_the_field(body: str, words: str) -> None:
    issues = issues_of(alarm(body))
    assert any("alarms[bad_one]" in i and words in i for i in issues), issues


def test_rationalisation_is_required() -> None:
    body = '\n[[alarms]]\nid = "bad_one"\ndescription = "x"\nkind = "discrete"\n' \
           'tag = "coater.estop"\n'
    issues = issues_of(body)
    assert {i.split(": ")[1] for i in issues} == {
        f"alarms[bad_one].{f}" for f in ("cause", "consequence", "action", "respond_within_s")}


def test_duplicate_alarm_id() -> None:
    body = alarm('kind = "discrete"\ntag = "coater.estop"') * 2
    assert any("duplicate alarm id 'bad_one'" in i for i in issues_of(body))


def test_demo_line_alarm_set() -> None:
    config = load_line_config(DEMO_LINE)
    alarms = {a.id: a for a in config.alarms}
    trip = {a.id for a in config.alarms if a.trip_group == "coater_trip"}
    assert trip == {"coater_tension_ll", "coater_lfl_hh", "coater_web_break", "coater_estop"}
    assert {a.connection for a in config.alarms if a.connection} == {
        c.id for c in config.connections}
    for station in ("coater", "calender", "slitter", "winder"):
        assert {alarms[f"{station}_tension_{x}"].limit for x in ("hh", "h", "l", "ll")} == {
            "HH", "H", "L", "LL"}
    assert alarms["coater_lfl_hh"].value == 25 and alarms["coater_lfl_hh"].on_delay_s == 0
    assert alarms["dry_room_dew_point_h"].on_delay_s == 120
    dryer = alarms["coater_dryer_z2_dev"]
    assert (dryer.kind, dryer.value, dryer.on_delay_s) == ("deviation", 5, 60)


def test_demo_alarms_name_shipped_restore_procedures() -> None:
    folder = DEMO_LINE.parent.parent / "procedures"
    shipped = {tomllib.loads(f.read_text(encoding="utf-8"))["id"]
               for f in folder.glob("*.toml")}
    named = {a.procedure for a in load_line_config(DEMO_LINE).alarms if a.procedure}
    assert named and named <= shipped, named - shipped
