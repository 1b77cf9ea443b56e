"""Many HMIs on one plant database: the audit chain stays one chain, version numbers never
collide, an approval on one HMI is Effective on all at once, and a changeover cannot start
or be released on a version another HMI has just obsoleted."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hmi.plantdb import PlantDb, open_plant_db
from hmi.plantdb.changes import RecipeChanges
from hmi.security import AuditTrail
from recipes import ApprovalError, Parameter, RecipeContent, RecipeStatus, RecipeStore
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.recipes.helpers import HEADER, make_effective

ROOT = Path(__file__).resolve().parents[2]
CONTENT = RecipeContent((Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8),),
                        notes="v1")


def _writers(url: str, mode: str, count: int, names: tuple[str, ...], *extra: str
             ) -> None:
    """Start one process per name, let them all go at once, wait for all."""
    procs = [subprocess.Popen([sys.executable, "-m", "tests.plantdb.writer_proc", mode, url,
                               name, str(count), *extra], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in names]
    try:
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=180) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    assert [p.returncode for p in procs] == [0] * len(procs), [r[1] for r in results]


@pytest.mark.slow
def test_1000_audit_appends_from_two_processes_make_one_valid_chain(pg_url: str) -> None:
    _writers(pg_url, "audit", 500, ("hmi-1", "hmi-2"))
    db = open_plant_db(pg_url)
    try:
        trail = AuditTrail(db)
        check = trail.verify_chain()
        assert check.intact, check.describe()
        assert check.entries == 1000
        entries = trail.entries()
        assert [e.seq for e in entries] == list(range(1, 1001))
        # Both really wrote at the same time: their entries interleave.
        switches = sum(a.client_host != b.client_host
                       for a, b in itertools.pairwise(entries))
        assert switches > 2
    finally:
        db.close()


def test_version_numbers_from_two_processes_never_collide(pg_url: str) -> None:
    db = open_plant_db(pg_url)
    try:
        RecipeStore(db.engine).create(HEADER, CONTENT, "alice")
        _writers(pg_url, "versions", 15, ("hmi-1", "hmi-2"), HEADER.recipe_id)
        versions = RecipeStore(db.engine).versions(HEADER.recipe_id)
        assert [v.version for v in versions] == list(range(1, 32))
        assert sorted(v.author for v in versions).count("hmi-1") == 15
    finally:
        db.close()


@pytest.fixture
def two_hmis(plant_db_url: str) -> tuple[PlantDb, PlantDb]:
    one, two = open_plant_db(plant_db_url), open_plant_db(plant_db_url)
    yield one, two  # type: ignore[misc]
    one.close()
    two.close()


def test_a_version_approved_on_one_hmi_is_effective_on_the_other_at_once(
        two_hmis: tuple[PlantDb, PlantDb]) -> None:
    one, two = two_hmis
    other = RecipeStore(two.engine)
    v1 = make_effective(RecipeStore(one.engine), CONTENT)
    assert other.effective(HEADER.recipe_id).version == v1.version
    store = RecipeStore(one.engine)
    draft = store.new_version(HEADER.recipe_id, CONTENT, "carol")
    store.submit(HEADER.recipe_id, draft.version, "carol")
    from tests.recipes.helpers import signature
    store.approve(HEADER.recipe_id, draft.version,
                  signature("bob", "approved", draft.content_hash))
    store.make_effective(HEADER.recipe_id, draft.version, "bob")
    # No cache between the HMIs: the other one's next read is the plant database's now.
    assert other.effective(HEADER.recipe_id).version == draft.version
    assert other.get(HEADER.recipe_id, v1.version).status is RecipeStatus.SUPERSEDED


def test_a_changeover_cannot_start_a_version_another_hmi_just_obsoleted(
        two_hmis: tuple[PlantDb, PlantDb]) -> None:
    one, two = two_hmis
    loaded = make_effective(RecipeStore(one.engine), CONTENT)  # HMI 1 shows it
    RecipeStore(two.engine).make_obsolete(HEADER.recipe_id, loaded.version, "quinn",
                                          "solvent lot recalled")
    journal = ChangeoverJournal(one.engine)
    with pytest.raises(ApprovalError) as refused:
        journal.create(loaded.recipe_id, loaded.version, loaded.content_hash, "LOT-1", False,
                       "olga", [("coater.lane_count", 2)])
    assert str(refused.value) == (
        f"{HEADER.recipe_id} v1 was made Obsolete by quinn at "
        f"{RecipeStore(one.engine).get(HEADER.recipe_id, 1).status_history[-1].at.isoformat()}"
        " (solvent lot recalled) on the plant database; the changeover was not started")
    assert journal.unfinished() == []


def test_a_changeover_cannot_be_released_on_a_version_obsoleted_meanwhile(
        two_hmis: tuple[PlantDb, PlantDb]) -> None:
    one, two = two_hmis
    loaded = make_effective(RecipeStore(one.engine), CONTENT)
    journal = ChangeoverJournal(one.engine)
    co_id = journal.create(loaded.recipe_id, loaded.version, loaded.content_hash, "LOT-1",
                           False, "olga", [("coater.lane_count", 2)])
    journal.set_state(co_id, ChangeoverState.SIGNED, "signed")
    RecipeStore(two.engine).make_obsolete(HEADER.recipe_id, loaded.version, "quinn",
                                          "solvent lot recalled")
    with pytest.raises(ApprovalError, match="may not be released: roll it back"):
        journal.set_state(co_id, ChangeoverState.RELEASED, "released")
    assert journal.load(co_id).state is ChangeoverState.SIGNED


def test_the_other_hmi_hears_of_a_status_change_within_its_poll_interval(
        two_hmis: tuple[PlantDb, PlantDb]) -> None:
    one, two = two_hmis
    heard = threading.Event()
    changes = RecipeChanges(two, heard.set, interval_s=0.2)
    changes.start()
    try:
        assert not heard.wait(0.5)  # nothing changed yet
        started = time.monotonic()
        make_effective(RecipeStore(one.engine), CONTENT)
        assert heard.wait(5.0)
        assert time.monotonic() - started < 2.0
        assert RecipeStore(two.engine).effective(HEADER.recipe_id).version == 1
    finally:
        changes.stop()
