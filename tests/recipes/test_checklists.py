"""Checklist files: the shipped NMC811 one loads; a broken one is refused by item and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipes import ChecklistError
from recipes.checklists import Condition, checklists_for, load_checklist, merged_items

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "checklists"


def test_the_nmc811_electrode_checklist_loads_for_coater_and_calender() -> None:
    found = checklists_for(RESOURCES, "NMC811", ["coater", "calender"])
    items = merged_items(found)
    assert {i.kind for i in items} == {"auto", "manual"}
    gap = next(i for i in items if i.id == "die_gap_stable")
    assert gap.hold_s == 30 and gap.condition == Condition(
        "coater.die_gap_um", within=2.0, of="coater.die_gap_sp_um")
    assert checklists_for(RESOURCES, "LFP", ["coater"]) == []


def test_conditions_judge_live_values_against_the_control_recipe() -> None:
    gap = Condition("coater.die_gap_um", within=2.0, of="coater.die_gap_sp_um")
    assert gap.judge({"coater.die_gap_um": 151.5}, {"coater.die_gap_sp_um": 150.0})[0]
    ok, seen = gap.judge({"coater.die_gap_um": 153.0}, {"coater.die_gap_sp_um": 150.0})
    assert not ok and seen == "coater.die_gap_um = 153, needs 150 ± 2"
    dew = Condition("dry_room.dew_point_c", below=-40.0)
    assert dew.judge({"dry_room.dew_point_c": -38.0}, {}) == (
        False, "dry_room.dew_point_c = -38, needs below -40")


def test_a_broken_checklist_is_refused_naming_item_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\nid = "x"\nproduct = "*"\nstations = ["coater"]\n'
                    '[[items]]\nid = "gap"\nkind = "auto"\ntext = "gap"\n'
                    'tag = "coater.die_gap_um"\nwithin = 2.0\n')
    with pytest.raises(ChecklistError) as refused:
        load_checklist(path)
    assert str(refused.value) == f"{path}:10: item gap: within needs `of` (a tag) or `value`"
