"""`lineside recipe list|show|diff|import|export` on a plant database in a data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.cli import main
from hmi.plantdb import default_url, open_plant_db
from recipes import Parameter, RecipeContent, RecipeStore

from .helpers import HEADER, make_effective

SPEED = Parameter("coater.line_speed_sp_mpm", "line speed", "m/min", "float", 40.0, 0, 80)


def _plant(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    store = RecipeStore(db.engine)
    make_effective(store, RecipeContent((SPEED,), notes="first"))
    store.edit(HEADER.recipe_id, 1, RecipeContent((Parameter(
        SPEED.tag, SPEED.name, SPEED.unit, "float", 45.0, 0, 80),), notes="faster"), "carol")
    db.close()


def test_list_show_diff_export_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    _plant(tmp_path)
    where = ["--data-dir", str(tmp_path)]
    assert main(["recipe", "list", *where]) == 0
    assert "NMC811-CATHODE" in capsys.readouterr().out
    assert main(["recipe", "show", "NMC811-CATHODE", "--version", "1", *where]) == 0
    shown = capsys.readouterr().out
    assert "Effective" in shown and "[signed by bob]" in shown
    assert main(["recipe", "diff", "NMC811-CATHODE", "1", "2", *where]) == 0
    assert "~ coater.line_speed_sp_mpm setpoint: 40.0 -> 45.0" in capsys.readouterr().out
    out = tmp_path / "v1.json"
    assert main(["recipe", "export", "NMC811-CATHODE", "--version", "1", "--out", str(out),
                 *where]) == 0
    other = tmp_path / "other"
    other.mkdir()
    assert main(["recipe", "import", str(out), "--user", "dave", "--data-dir",
                 str(other)]) == 0
    assert "imported NMC811-CATHODE v1 as a Draft" in capsys.readouterr().out
    out.write_text(out.read_text().replace("40.0", "41.0"))
    assert main(["recipe", "import", str(out), "--user", "dave", "--data-dir",
                 str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lineside recipe: {out}:11: content_hash: does not match")
    assert main(["recipe", "show", "NOPE", *where]) == 2
