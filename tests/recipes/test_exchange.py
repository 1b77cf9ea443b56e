"""Import and export: round trips, and malformed or tampered files refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipes import ImportRefused, Parameter, RecipeContent, RecipeStatus, RecipeStore
from recipes.exchange import export_file, import_files

from .helpers import database, make_effective

CONTENT = RecipeContent((
    Parameter("coater.line_speed_sp_mpm", "line speed", "m/min", "float", 40.0, 0, 80),
    Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8),
    Parameter("calender.nip_open_on_stop", "open nip on stop", "", "bool", True),
), notes="exported")


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_round_trip_arrives_as_a_new_draft(tmp_path: Path, suffix: str) -> None:
    source = database(tmp_path, "a.sqlite")
    version = make_effective(RecipeStore(source), CONTENT)
    path = tmp_path / f"recipe{suffix}"
    export_file(version, path)
    target = database(tmp_path, "b.sqlite")
    [imported] = import_files(target, [path], "dave")
    assert imported.status is RecipeStatus.DRAFT and imported.author == "dave"
    assert imported.content == version.content
    assert [type(p.setpoint) for p in imported.parameters] == [float, int, bool]
    source.dispose()
    target.dispose()


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_tampered_or_malformed_files_are_refused_whole(tmp_path: Path, suffix: str) -> None:
    source = database(tmp_path, "a.sqlite")
    version = make_effective(RecipeStore(source), CONTENT)
    good = tmp_path / f"good{suffix}"
    export_file(version, good)
    text = good.read_text()
    tampered = tmp_path / f"tampered{suffix}"
    tampered.write_text(text.replace("40.0", "41.0"))
    out_of_limits = tmp_path / f"limits{suffix}"
    out_of_limits.write_text(text.replace("40.0", "95.0"))
    broken = tmp_path / f"broken{suffix}"
    broken.write_text(text.replace('"unit": "m/min"', '"unit": m/min') if suffix == ".json"
                      else text.replace(",float,", ",double,"))
    target = database(tmp_path, "b.sqlite")
    with pytest.raises(ImportRefused) as refused:
        import_files(target, [good, tampered], "dave")
    line = 11 if suffix == ".json" else 10
    assert str(refused.value) == (
        f"{tampered}:{line}: content_hash: does not match the content: the file was changed "
        "after export (tampered or edited by hand); export it again from its source")
    with pytest.raises(ImportRefused) as refused:
        import_files(target, [good, out_of_limits], "dave")
    param_line = 15 if suffix == ".json" else 13
    assert str(refused.value).startswith(
        f"{out_of_limits}:{param_line}: coater.line_speed_sp_mpm.setpoint: parameter "
        "coater.line_speed_sp_mpm (line speed): 95 m/min is above its high limit 80 m/min")
    with pytest.raises(ImportRefused) as refused:
        import_files(target, [good, broken], "dave")
    assert str(refused.value).startswith(f"{broken}:{param_line}:")
    assert ("JSON" in str(refused.value)) if suffix == ".json" else \
        "coater.line_speed_sp_mpm.data_type: 'double'" in str(refused.value)
    # The good file went in with none of the refused ones: nothing half-imported.
    assert RecipeStore(target).list_recipes() == []
    source.dispose()
    target.dispose()
