"""The shipped reason-code tree loads; a bad reason file is refused with file, line and
field; candidates come most likely first."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.production.reasons import (
    REASONS_DIR,
    ReasonFileError,
    load_reason_files,
    load_reason_tree,
)

LOSSES = (REASONS_DIR / "six_big_losses.toml").read_text(encoding="utf-8")


def test_the_shipped_tree_has_the_six_big_losses_and_battery_causes() -> None:
    tree = load_reason_tree()
    assert [loss.id for loss in tree.losses.values()] == [
        "equipment_failure", "setup_adjustment", "minor_stops", "reduced_speed",
        "process_defects", "startup_rejects"]
    assert {r.code for r in tree.reasons.values()} >= {
        "web_break", "die_clog", "laser_source_fault", "dehumidifier_trip", "starved_blocked",
        "recipe_changeover", "die_cleaning", "knife_change", "roll_change",
        "dew_point_recovery", "splice", "short_jam", "coat_weight_oos", "weld_nok",
        "fill_mass_nok", "k_value_reject", "startup_scrap"}
    offered = tree.candidates("coater")
    assert all(tree.loss_of(r.code).factor == "availability" for r in offered)
    assert "knife_change" not in {r.code for r in offered}  # a slitter's reason


def test_candidates_follow_hints_then_station_then_history() -> None:
    tree = load_reason_tree()
    assert tree.candidates("filler", ["plc:302"])[0].code == "dew_point_recovery"
    assert tree.candidates("winder", ["state:Suspended"])[0].code == "starved_blocked"
    # No hint: the station's own reasons first, then what was given most often here.
    plain = [r.code for r in tree.candidates("slitter")]
    assert plain[:3] == ["web_break", "knife_change", "roll_change"]
    often = [r.code for r in tree.candidates("slitter", history={"roll_change": 9})]
    assert often[0] == "roll_change"
    assert tree.prefill("coater", ["procedure:coater_web_break"]).code == "web_break"  # type: ignore[union-attr]
    assert tree.prefill("coater", ["state:Held"]) is None


def write(tmp_path: Path, text: str) -> list[Path]:
    (tmp_path / "a_losses.toml").write_text(LOSSES, encoding="utf-8")
    path = tmp_path / "b_reasons.toml"
    path.write_text(text, encoding="utf-8")
    return sorted(tmp_path.glob("*.toml"))


GOOD = '[[reasons]]\ncode = "web_break"\nloss = "equipment_failure"\ntext = "Web break"\n'


@pytest.mark.parametrize(("text", "message"), [
    (GOOD + 'colour = "red"\n', "b_reasons.toml:5: reasons[web_break].colour: unknown field"),
    (GOOD.replace('loss = "equipment_failure"', 'loss = "gremlins"'),
     "b_reasons.toml:3: reasons[web_break].loss: unknown loss 'gremlins'"),
    (GOOD.replace('text = "Web break"\n', ""),
     "b_reasons.toml:1: reasons[web_break].text: required field is missing"),
    (GOOD + 'hints = ["alarm:Coater"]\n',
     "b_reasons.toml:5: reasons[web_break].hints: 'alarm:Coater' is not alarm:<id>"),
    (GOOD + GOOD, "b_reasons.toml:6: reasons[web_break].code: code 'web_break' is defined twice"),
    (GOOD.replace('"web_break"', '"Web Break"'),
     "b_reasons.toml:2: reasons[Web Break].code: 'Web Break' must be lower case"),
    (GOOD + "stations = []\n", "b_reasons.toml:5: reasons[web_break].stations: name at least"),
    ("[[reasons]\n", "b_reasons.toml:1: not valid TOML"),
    ('[extra]\nx = 1\n', "b_reasons.toml:1: extra: unknown table"),
])
def test_a_bad_file_is_refused_with_file_line_and_field(
        tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ReasonFileError) as caught:
        load_reason_files(write(tmp_path, text))
    assert str(caught.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":")
    assert message.split(":", 1)[1] in str(caught.value)


def test_a_bad_factor_and_an_empty_folder_are_named(tmp_path: Path) -> None:
    (tmp_path / "l.toml").write_text('[[losses]]\nid = "x"\nfactor = "speed"\nname = "X"\n',
                                     encoding="utf-8")
    with pytest.raises(ReasonFileError, match=r"l.toml:3: losses\[x\].factor: 'speed' is no"):
        load_reason_tree(tmp_path)
    with pytest.raises(ReasonFileError, match="no reason files"):
        load_reason_tree(tmp_path / "nothing")
