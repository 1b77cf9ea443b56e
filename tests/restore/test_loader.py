"""Procedure files: the shipped ones load; impossible ones are refused by file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig
from hmi.restore import PROCEDURES, ProcedureError, StepKind, load_procedure, load_procedures

GOOD = '''schema = 1
id = "demo"
title = "Demo"
faults = ["web_break"]
station = "coater"
downtime_reason = "availability.equipment_failure.web_break"

[[steps]]
id = "stopped"
kind = "check"
role = "Operator"
text = "Coater aborted"
all = [{ tag = "coater.state", equals = 8 }]
hold_s = 1

[[steps]]
id = "ramp"
kind = "ramp"
role = ["Operator", "Lead"]
text = "Ramp tension"
tag = "coater.web_tension_sp_n"
pv = "coater.web_tension_n"
to = "recipe"
rate_per_s = 6.2

[[steps]]
id = "stable"
kind = "wait-stable"
role = "Operator"
text = "Stable"
pv = "coater.web_tension_n"
band = 3.0
for_s = 10
timeout_s = 60
'''


@pytest.fixture(scope="module")
def config() -> LineConfig:
    return load_line_config(DEMO_LINE)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "proc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, config: LineConfig, text: str) -> list[str]:
    with pytest.raises(ProcedureError) as caught:
        load_procedure(write(tmp_path, text), config)
    return [str(issue) for issue in caught.value.issues]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_shipped_procedures_load_and_cover_the_twins_faults(config: LineConfig) -> None:
    procedures = load_procedures(PROCEDURES, config)
    served = {fault for p in procedures.values() for fault in p.faults}
    assert {"web_break", "estop", "dew_point_excursion", "tension_loop_manual",
            "dryer_heater_fault", "comm_loss"} <= served
    for procedure in procedures.values():
        assert procedure.steps and procedure.downtime_reason
        assert all(step.text and step.roles for step in procedure.steps)
    kinds = {step.kind for p in procedures.values() for step in p.steps}
    assert kinds == set(StepKind)


def test_a_good_file_loads(tmp_path: Path, config: LineConfig) -> None:
    procedure = load_procedure(write(tmp_path, GOOD), config)
    assert [s.id for s in procedure.steps] == ["stopped", "ramp", "stable"]
    assert procedure.steps[1].to == "recipe" and procedure.steps[1].rate_per_s == 6.2
    assert procedure.steps[0].line == line_of(GOOD, "[[steps]]")


def test_an_unknown_tag_is_refused_with_file_line_and_field(
    tmp_path: Path, config: LineConfig,
) -> None:
    text = GOOD.replace('pv = "coater.web_tension_n"\nto', 'pv = "coater.web_tensoin_n"\nto')
    [issue] = refused(tmp_path, config, text)
    line = line_of(text, "web_tensoin_n")
    assert issue.startswith(f"{tmp_path / 'proc.toml'}:{line}: steps[1] (ramp).pv: ")
    assert "unknown tag 'coater.web_tensoin_n'" in issue


def test_an_unknown_tag_inside_a_condition_names_the_condition(
    tmp_path: Path, config: LineConfig,
) -> None:
    text = GOOD.replace('{ tag = "coater.state", equals = 8 }',
                        '{ tag = "coater.stat", equals = 8 }')
    [issue] = refused(tmp_path, config, text)
    assert f":{line_of(text, 'coater.stat')}: steps[0] (stopped).all[0].tag: " in issue


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    ('kind = "ramp"', 'kind = "rampe"', "steps[1] (ramp).kind", "is not one of"),
    ("rate_per_s = 6.2", "rate_per_s = 0", "steps[1] (ramp).rate_per_s", "must be > 0"),
    ("band = 3.0", "band = -1.0", "steps[2] (stable).band", "must be > 0"),
    ("for_s = 10", "for_s = 120", "steps[2] (stable).for_s", "can never pass"),
    ("timeout_s = 60", "timeout_s = 100000", "steps[2] (stable).timeout_s",
     "longer than any step may wait"),
    ('role = ["Operator", "Lead"]', 'role = ["Operator", "Wizard"]', "steps[1] (ramp).role",
     "role 'Wizard' does not exist"),
    ('role = ["Operator", "Lead"]', 'role = "Viewer"', "steps[1] (ramp).role",
     "may not act on the process"),
    ('to = "recipe"', "to = 500.0", "steps[1] (ramp).to", "outside coater.web_tension_sp_n"),
    ('tag = "coater.web_tension_sp_n"', 'tag = "coater.web_tension_n"', "steps[1] (ramp).tag",
     "is not writable"),
])
def test_impossible_steps_are_refused_by_line_and_field(
    tmp_path: Path, config: LineConfig, old: str, new: str, field: str, says: str,
) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    issues = refused(tmp_path, config, text)
    line = line_of(text, new)
    assert any(i.startswith(f"{tmp_path / 'proc.toml'}:{line}: {field}: ") and says in i
               for i in issues), issues


def test_every_problem_is_listed_at_once(tmp_path: Path, config: LineConfig) -> None:
    text = GOOD.replace("rate_per_s = 6.2", "rate_per_s = 0").replace(
        "band = 3.0", "band = -2").replace('id = "stable"', 'id = "stopped"')
    issues = refused(tmp_path, config, text)
    assert len(issues) == 3, issues
    assert any("'stopped' is used twice" in i for i in issues)


def test_a_guard_must_name_a_later_step(tmp_path: Path, config: LineConfig) -> None:
    text = GOOD.replace("hold_s = 1\n", 'hold_s = 1\nguard_until = "nowhere"\n')
    [issue] = refused(tmp_path, config, text)
    assert "steps[0] (stopped).guard_until: 'nowhere' is not a later step" in issue


def test_broken_toml_is_one_line_with_its_position(tmp_path: Path, config: LineConfig) -> None:
    [issue] = refused(tmp_path, config, GOOD.replace('title = "Demo"', "title = Demo"))
    assert issue.startswith(f"{tmp_path / 'proc.toml'}:") and "not valid TOML" in issue


def test_an_item_of_a_multi_line_condition_list_is_reported_at_its_own_line(
    tmp_path: Path, config: LineConfig,
) -> None:
    text = GOOD.replace('all = [{ tag = "coater.state", equals = 8 }]',
                        'all = [\n  { tag = "coater.state", equals = 8 },\n'
                        '  { tag = "coater.line_sped_mpm", below = 0.5 },\n]')
    [issue] = refused(tmp_path, config, text)
    line = line_of(text, "line_sped_mpm")
    assert f":{line}: steps[0] (stopped).all[1].tag: unknown tag" in issue
