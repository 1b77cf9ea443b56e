"""`lineside db conflicts` and `lineside db conflicts resolve` against a real PostgreSQL:
a changeover recorded on the HMI's copy while the server was stopped, its version made
Obsolete by another HMI before the forward; listed for a technician, resolved only with
the signature of a person allowed to release, audited."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.forward.conflicts import conflicts_open
from hmi.forward.offline_changeover import PlantCheckedJournal
from hmi.plantdb import open_plant_db
from recipes import Parameter, RecipeContent, RecipeStore
from recipes.changeover import ChangeoverState
from tests.plantdb.offline_setup import PASSWORD, line_hmi
from tests.plantdb.pg_server import PgCluster

CONTENT = RecipeContent((Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8),),
                        notes="v1")


def _answer(monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    """The password as a script gives it: one line on standard input (not a terminal)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))


def test_conflicts_are_listed_and_resolved_only_with_a_permitted_signature(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        assert main(["db", "conflicts", "--url", pg_url]) == 0
        assert "no conflicts wait for review" in capsys.readouterr().out
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        v = cached.version
        pg_cluster.stop()
        try:  # a changeover refused at its pre-checks is a record too: it ran offline
            journal = PlantCheckedJournal(hmi.offline)
            co_id = journal.create(v.recipe_id, v.version, v.content_hash, "LOT-9", False,
                                   "olga", [("coater.lane_count", 2)])
            journal.set_state(co_id, ChangeoverState.REFUSED, "pre-checks failed",
                              failure="coater running")
            hmi.offline.wait_sent()
            assert hmi.link.status().pending == 1
            # The HMI stopped before the copy noted the hand-over: found in the journal,
            # not journaled twice.
            with sqlite3.connect(hmi.cache.path) as raw:
                raw.execute("DELETE FROM offline_sent")
            raw.close()
            assert hmi.offline.send_finished() == 1
            assert hmi.link.status().pending == 1
        finally:
            pg_cluster.start()
        other = open_plant_db(pg_url, upgrade=False)  # another HMI withdraws the version
        RecipeStore(other.engine).make_obsolete(v.recipe_id, v.version, "quinn", "recall")
        other.close()
        assert hmi.link.forward().forwarded == 1
        [conflict] = conflicts_open(hmi.plant)
        assert main(["db", "conflicts", "--url", pg_url]) == 0
        shown = capsys.readouterr().out
        assert shown.startswith(f"{conflict.key} from line-1: changeover {co_id} (lot LOT-9)")
        assert "made Obsolete by quinn" in shown

        resolve = ["db", "conflicts", "resolve", conflict.key, "--user", "olga",
                   "--reason", "lot LOT-9 scrapped", "--url", pg_url]
        _answer(monkeypatch, PASSWORD)  # an operator may not decide on a lot's release
        assert main(resolve) == 1
        refused = capsys.readouterr().err
        assert f"{conflict.key}: not resolved: olga (Operator) may not recipe_release" \
            in refused, refused
        _answer(monkeypatch, "wrong password")
        resolve[5] = "quinn"
        assert main(resolve) == 1
        assert "not resolved" in capsys.readouterr().err
        assert conflicts_open(hmi.plant) == [conflict]  # nothing changed by either refusal

        _answer(monkeypatch, PASSWORD)
        assert main(resolve) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{conflict.key}: resolved, approved by Quinn QA (quinn) at ")
        assert out.rstrip().endswith("lot LOT-9 scrapped")
        assert conflicts_open(hmi.plant) == []
        [entry] = hmi.security.audit.entries(action="resolve_conflict")
        assert (entry.username, entry.object_id, entry.sent_value) == (
            "quinn", conflict.key, "lot LOT-9 scrapped")
        assert entry.signature_id is not None
        assert main(["db", "conflicts", "resolve", conflict.key, "--user", "quinn",
                     "--reason", "again", "--url", pg_url]) == 1  # resolved once only
        assert "no open conflict" in capsys.readouterr().err
        assert main(["db", "check", "--url", pg_url]) == 0
        assert "wait for a person's review" not in capsys.readouterr().out
