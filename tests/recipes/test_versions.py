"""Versions and approval: immutability, the two-person rule, only Effective runs."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from recipes import (
    ApprovalError,
    Parameter,
    RecipeContent,
    RecipeStatus,
    RecipeStore,
    VerifyMode,
)
from recipes.lifecycle import check_runnable

from .helpers import HEADER, database, make_effective, signature

S = RecipeStatus


def _content(speed: float = 40.0) -> RecipeContent:
    return RecipeContent((
        Parameter("coater.line_speed_sp_mpm", "line speed", "m/min", "float", speed, 0, 80,
                  10, 70, critical=True, verify=VerifyMode.TOLERANCE, tolerance=0.01),
        Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8),
    ), notes="v1")


def test_life_cycle_to_effective_and_superseded(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    v1 = make_effective(store, _content())
    assert (v1.version, v1.status) == (1, S.EFFECTIVE)
    assert [c.to_status for c in v1.status_history] == [S.DRAFT, S.IN_REVIEW, S.APPROVED,
                                                        S.EFFECTIVE]
    assert v1.status_history[2].signer == "bob"
    # Editing a non-draft makes a new draft version; v1 stays as it was.
    v2 = store.edit(HEADER.recipe_id, 1, _content(45.0), "carol")
    assert (v2.version, v2.status, v2.author) == (2, S.DRAFT, "carol")
    assert store.get(HEADER.recipe_id, 1).parameters[0].setpoint == 40.0
    assert v2.content_hash != v1.content_hash
    store.submit(HEADER.recipe_id, 2, "carol")
    store.approve(HEADER.recipe_id, 2, signature("bob", "approved", v2.content_hash))
    store.make_effective(HEADER.recipe_id, 2, "bob")
    assert store.get(HEADER.recipe_id, 1).status is S.SUPERSEDED
    assert store.effective(HEADER.recipe_id).version == 2
    engine.dispose()


def test_the_author_cannot_approve_own_version(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    draft = store.create(HEADER, _content(), "alice")
    store.submit(HEADER.recipe_id, 1, "alice")
    with pytest.raises(ApprovalError, match="alice wrote this version and cannot approve it"):
        store.approve(HEADER.recipe_id, 1, signature("alice", "approved", draft.content_hash))
    with pytest.raises(ApprovalError, match="meaning 'approved'"):
        store.approve(HEADER.recipe_id, 1, signature("bob", "verified", draft.content_hash))
    with pytest.raises(ApprovalError, match="sign the version as it is now"):
        store.approve(HEADER.recipe_id, 1, signature("bob", "approved", "0" * 64))
    assert store.get(HEADER.recipe_id, 1).status is S.IN_REVIEW
    engine.dispose()


def test_in_review_is_immutable_and_rejected_goes_back_to_draft(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    store.create(HEADER, _content(), "alice")
    store.submit(HEADER.recipe_id, 1, "alice")
    with pytest.raises(ApprovalError, match="cannot become Effective"):
        store.make_effective(HEADER.recipe_id, 1, "bob")
    new = store.edit(HEADER.recipe_id, 1, _content(41.0), "alice")
    assert new.version == 2 and store.get(HEADER.recipe_id, 1).status is S.IN_REVIEW
    rejected = store.reject(HEADER.recipe_id, 1, "bob", "speed too high for 15 µm foil")
    assert rejected.status is S.REJECTED
    assert store.reopen(HEADER.recipe_id, 1, "alice").status is S.DRAFT
    engine.dispose()


def test_only_effective_runs_in_production_and_drafts_in_trial(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    draft = store.create(HEADER, _content(), "alice")
    with pytest.raises(ApprovalError, match="only an Effective version may run in production"):
        check_runnable(draft, trial=False)
    check_runnable(draft, trial=True)
    effective = make_effective(store, _content(), replace(HEADER, recipe_id="OTHER"))
    check_runnable(effective, trial=False)
    engine.dispose()


def test_version_numbers_never_collide(tmp_path: Path) -> None:
    engine = database(tmp_path)
    store = RecipeStore(engine)
    store.create(HEADER, _content(), "alice")
    errors: list[BaseException] = []
    made: list[int] = []

    def editor(speed: float) -> None:
        try:
            for _ in range(5):
                made.append(store.new_version(HEADER.recipe_id, _content(speed), "x").version)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=editor, args=(30.0 + i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(made) == list(range(2, 17))
    engine.dispose()
