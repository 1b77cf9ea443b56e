"""`lineside recipe list|show|diff|import|export` on a plant database in a data folder."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.core.roles import Role
from hmi.plantdb import default_url, open_plant_db
from hmi.security import Hasher, build_security
from recipes import Parameter, RecipeContent, RecipeStore
from tests.security.conftest import ADMIN_PASSWORD, PASSWORD, add

from .helpers import HEADER, make_effective

SPEED = Parameter("coater.line_speed_sp_mpm", "line speed", "m/min", "float", 40.0, 0, 80)


def _plant(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    store = RecipeStore(db.engine)
    make_effective(store, RecipeContent((SPEED,), notes="first"))
    store.edit(HEADER.recipe_id, 1, RecipeContent((Parameter(
        SPEED.tag, SPEED.name, SPEED.unit, "float", 45.0, 0, 80),), notes="faster"), "carol")
    db.close()


def _users(folder: Path) -> None:
    """dave may edit recipes (ProcessEngineer); otto may not (Operator)."""
    db = open_plant_db(default_url(folder))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    admin = security.users.create_first_administrator("admin", "Ada Admin", ADMIN_PASSWORD)
    add(security, admin, "dave", Role.PROCESS_ENGINEER)
    add(security, admin, "otto", Role.OPERATOR)
    db.close()


@contextmanager
def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> Iterator[None]:
    with monkeypatch.context() as m:
        m.setattr(sys, "stdin", io.StringIO(text + "\n"))
        yield


def test_list_show_diff_export_import(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
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
    _users(other)
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "dave", "--password-stdin",
                     "--data-dir", str(other)]) == 0
    assert "imported NMC811-CATHODE v1 as a Draft" in capsys.readouterr().out
    out.write_text(out.read_text().replace("40.0", "41.0"))
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "dave", "--password-stdin",
                     "--data-dir", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lineside recipe: {out}:11: content_hash: does not match")
    assert main(["recipe", "show", "NOPE", *where]) == 2


def test_import_asks_who_and_refuses_a_wrong_password_or_role(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(tmp_path)
    out = tmp_path / "v1.json"
    assert main(["recipe", "export", "NMC811-CATHODE", "--version", "1", "--out", str(out),
                 "--data-dir", str(tmp_path)]) == 0
    other = tmp_path / "other"
    other.mkdir()
    where = ["--data-dir", str(other)]
    # No users yet: nobody can be signed in.
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "dave", "--password-stdin",
                     *where]) == 2
    assert "no users exist in this plant database yet" in capsys.readouterr().err
    _users(other)
    # No terminal and no --password-stdin: say how to give the password (never guess it).
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "dave", *where]) == 2
    assert "use --password-stdin" in capsys.readouterr().err
    with _stdin(monkeypatch, "not the password"):
        assert main(["recipe", "import", str(out), "--user", "dave", "--password-stdin",
                     *where]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lineside recipe: --user dave: ") and "password" in err
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "otto", "--password-stdin",
                     *where]) == 2
    assert "--user otto (Operator" in capsys.readouterr().err
    db = open_plant_db(default_url(other))
    try:
        assert RecipeStore(db.engine).list_recipes() == []  # nothing imported by refusals
        security = build_security(db)
        refused = security.audit.entries(action="refused", username="otto")
        assert [e.field for e in refused] == ["recipe_edit"]
    finally:
        db.close()
    with _stdin(monkeypatch, PASSWORD):
        assert main(["recipe", "import", str(out), "--user", "dave", "--password-stdin",
                     *where]) == 0
    db = open_plant_db(default_url(other))
    try:
        security = build_security(db)
        entry = security.audit.entries(action="recipe_import")[-1]
        version = RecipeStore(db.engine).get("NMC811-CATHODE")
        assert (entry.username, entry.full_name, entry.role, entry.object_id) == (
            "dave", "Dave Person", "ProcessEngineer", "NMC811-CATHODE v1")
        assert entry.sent_value == version.content_hash and version.author == "dave"
        assert "v1.json" in entry.reason
    finally:
        db.close()
