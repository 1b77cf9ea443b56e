"""The reasons the changeover screen gives the engine for a rollback (the operator's abort, a
recovered interruption) are stored as templates: after a reload the failure line is said in
the panel's language, while str() (CLI, reports) and the stored column's English part stay
English. Real engine and journal on a SQLite file; the real catalogues."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from hmi.ui.changeover_actions import ABORTED, INTERRUPTED
from hmi.ui.i18n import translations
from hmi.ui.user_text_qt import show
from recipes import RecipeStore
from recipes.changeover import ChangeoverEngine, ChangeoverState
from recipes.user_text import MARK, Said, english_of, stored, user_text
from tests.recipes.helpers import content_for, database, make_effective
from tests.recipes.twin_setup import line_config

SAID = {
    ABORTED: {"en": "aborted by the operator", "de": "vom Bediener abgebrochen",
              "zh_CN": "由操作员中止"},
    INTERRUPTED: {"en": "rolled back after an interruption",
                  "de": "nach einer Unterbrechung zurückgesetzt",
                  "zh_CN": "中断后已回滚"},
}


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("reason", [ABORTED, INTERRUPTED], ids=["aborted", "interrupted"])
def test_a_rollback_reason_is_said_in_the_language_after_a_reload(
        tmp_path: Path, reason: str) -> None:
    recipes_db = database(tmp_path)
    version = make_effective(RecipeStore(recipes_db), content_for(line_config(), ("coater",)))
    engine = ChangeoverEngine(recipes_db, io=None, status=None)  # type: ignore[arg-type]  # nothing written: no snapshot
    co_id = engine.journal.create(version.recipe_id, version.version, version.content_hash,
                                  "LOT-R", False, "pete",
                                  [(p.tag, p.setpoint) for p in version.parameters])
    record = asyncio.run(engine.roll_back(co_id, user_text(reason)))  # type: ignore[arg-type]
    assert record.state is ChangeoverState.REFUSED
    # A fresh engine on the same file: what a restarted panel reads.
    reloaded = ChangeoverEngine(recipes_db, io=None, status=None).journal.load(co_id)  # type: ignore[arg-type]
    failure = reloaded.failure
    assert isinstance(failure, Said)
    assert str(failure) == SAID[reason]["en"]  # the CLI and reports read English
    assert english_of(stored(failure)) == SAID[reason]["en"]
    assert MARK in stored(failure)
    try:
        for language in ("de", "zh_CN", "en"):
            translations().switch(language)
            assert show(failure) == SAID[reason][language]
    finally:
        translations().switch("en")
