"""Limits refused naming the parameter and the limit; diffs of versions and of PLC values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from recipes import (
    LimitError,
    Parameter,
    ParameterRead,
    ParameterWrite,
    ParamValue,
    RecipeContent,
    RecipeStore,
)
from recipes.diff import diff_against_plc, diff_contents, teach_in

from .helpers import HEADER, database

SPEED = Parameter("coater.line_speed_sp_mpm", "line speed", "m/min", "float", 40.0, 0, 80)
GAP = Parameter("coater.die_gap_sp_um", "die gap", "µm", "float", 150.0, 100, 300)
LANES = Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8)


def test_a_value_outside_its_limits_is_refused_by_name(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    too_fast = RecipeContent((replace(SPEED, setpoint=95.0), GAP))
    with pytest.raises(LimitError) as refused:
        store.create(HEADER, too_fast, "alice")
    assert str(refused.value) == ("parameter coater.line_speed_sp_mpm (line speed): 95 m/min "
                                  "is above its high limit 80 m/min; enter a value up to 80")
    assert store.list_recipes() == []  # nothing stored
    store.create(HEADER, RecipeContent((SPEED, GAP)), "alice")
    with pytest.raises(LimitError, match=r"coater.die_gap_sp_um \(die gap\): 50 µm is below "
                                         r"its low limit 100 µm"):
        store.edit(HEADER.recipe_id, 1, RecipeContent((SPEED, replace(GAP, setpoint=50.0))),
                   "alice")
    with pytest.raises(LimitError, match=r"lane_count.*2.5 is not a whole number"):
        store.edit(HEADER.recipe_id, 1, RecipeContent((replace(LANES, setpoint=2.5),)), "alice")
    with pytest.raises(LimitError, match="low warning 90 is above high warning 80"):
        store.edit(HEADER.recipe_id, 1,
                   RecipeContent((replace(SPEED, warn_low=90.0, warn_high=80.0),)), "alice")
    engine.dispose()


def test_diff_lists_added_removed_and_changed_old_to_new() -> None:
    old = RecipeContent((SPEED, GAP), notes="a")
    new = RecipeContent((replace(SPEED, setpoint=45.0, high=70.0), LANES), notes="b")
    diff = diff_contents(old, new)
    assert [p.tag for p in diff.added] == ["coater.lane_count"]
    assert [p.tag for p in diff.removed] == ["coater.die_gap_sp_um"]
    assert [(c.field, c.old, c.new) for c in diff.changed] == [("setpoint", 40.0, 45.0),
                                                              ("high", 80, 70.0)]
    assert diff.notes_changed and not diff.equipment_changed
    assert "~ coater.line_speed_sp_mpm setpoint: 40.0 -> 45.0" in diff.lines()
    assert diff_contents(old, old).empty


class FakeIO:
    def __init__(self, values: dict[str, ParamValue]) -> None:
        self.values = values

    async def read_many(self, tags: Sequence[str]) -> list[ParameterRead]:
        return [ParameterRead(t, self.values.get(t), t in self.values,
                              "" if t in self.values else f"{t}: BAD") for t in tags]

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]:
        raise AssertionError("no writes here")


async def test_diff_against_the_plc_and_teach_in() -> None:
    content = RecipeContent((SPEED, GAP, LANES))
    io = FakeIO({SPEED.tag: 40.0, GAP.tag: 180.0, LANES.tag: 3})
    changes = await diff_against_plc(content, io)
    assert [(c.tag, c.old, c.new) for c in changes] == [(GAP.tag, 150.0, 180.0),
                                                        (LANES.tag, 2, 3)]
    taught = await teach_in(content, io)
    assert [p.setpoint for p in taught.parameters] == [40.0, 180.0, 3]
    io.values[GAP.tag] = 999.0
    with pytest.raises(LimitError, match=r"die_gap_sp_um.*above its high limit 300"):
        await teach_in(content, io)
    del io.values[GAP.tag]
    with pytest.raises(LimitError, match=r"teach-in: parameter coater.die_gap_sp_um could not "
                                         "be read"):
        await teach_in(content, io)
