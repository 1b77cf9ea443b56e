"""Engine lines kept in the journals (issue 9), said in the panel's language after a reload
while every other reader (CLI, reports, audit) keeps reading the English line.

Real parts: the demo twin with the real changeover engine and journal on the plant database
(a changeover refused by its pre-checks is read back by a second screen over the same
database), and recipes.user_text's storage form on its own.
"""

from __future__ import annotations

from sqlalchemy import select

from hmi.core.packml import PackMLState
from hmi.sim.plc import Reason
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.i18n import translations
from hmi.ui.user_text_qt import show
from recipes.changeover import ChangeoverJournal, ChangeoverState
from recipes.tables import changeovers
from recipes.user_text import MARK, QT_TRANSLATE_NOOP, Said, english_of, loaded, stored, user_text
from tests.ui.test_changeover_screen import PASSWORDS, line  # noqa: F401  (the twin fixture)

ALLOWED = "Complete, Idle, Stopped"
REFUSED_REASON = {
    "en": f"coater is Execute: stop it first (a changeover needs {ALLOWED})",
    "de": f"coater ist in Execute: zuerst anhalten (zum Umrüsten nötig: {ALLOWED})",
    "zh_CN": f"coater 处于 Execute：请先停止（换型需要 {ALLOWED}）"}
REFUSED_STATE = {"en": "NMC811-CATHODE v1, lot LOT-P: refused — ",
                 "de": "NMC811-CATHODE v1, Los LOT-P: abgelehnt — ",
                 "zh_CN": "NMC811-CATHODE v1，批次 LOT-P：已拒绝 — "}


def test_a_refused_changeover_reloaded_from_its_journal_says_its_reason_in_the_language(
        qtbot, line) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    runtime, screen = line
    screen._gate.session.login("otto", PASSWORDS["otto"])

    async def run_coater() -> None:
        runtime.twin.station("coater").plc.force(PackMLState.EXECUTE, Reason.NONE)

    runtime.twin_io.run(run_coater(), timeout=10)
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    screen.lot_edit.setText("LOT-P")
    screen.start()
    qtbot.waitUntil(lambda: screen.record is not None
                    and screen.record.state is ChangeoverState.REFUSED, timeout=30_000)
    co_id = screen.record.id

    # Another screen over the same plant database, as after a restart: only the journal.
    engine = runtime.plant_db.engine
    journal = ChangeoverJournal(engine)
    reloaded = ChangeoverScreen(screen._store, screen._engine_for, screen._gate, runtime.io,
                                runtime.commands, journal)
    qtbot.addWidget(reloaded)
    record = journal.load(co_id)
    # Every reader but the panel sees the English line, as journalled before this change.
    assert record.failure == REFUSED_REASON["en"] and isinstance(record.failure, Said)
    with engine.connect() as conn:
        column = conn.execute(select(changeovers.c.failure)
                              .where(changeovers.c.id == co_id)).scalar_one()
    assert MARK in column and english_of(column) == REFUSED_REASON["en"]
    events = [e.message for e in record.events]
    assert "pre-checks failed; nothing was written" in events
    try:
        for language in ("de", "zh_CN", "en"):
            translations().switch(language)
            assert reloaded.state_line(record) == (REFUSED_STATE[language]
                                                   + REFUSED_REASON[language])
        translations().switch("de")
        assert show(record.events[-1].message) == (
            "Vorprüfungen nicht bestanden; nichts wurde geschrieben")
    finally:
        translations().switch("en")
        reloaded.close()


def test_an_old_plain_english_row_loads_as_it_was() -> None:
    assert loaded("coater is Execute: stop it first") == "coater is Execute: stop it first"
    assert not isinstance(loaded("plain"), Said)
    text = user_text(QT_TRANSLATE_NOOP("ChangeoverEngine", "download failed: {why}"),
                     why="coater.speed: Bad")
    column = stored(text)
    assert loaded(column) == "download failed: coater.speed: Bad"
    assert loaded(column).user_text == text  # type: ignore[attr-defined]
    assert stored(loaded(column)) == column  # a reason stored again keeps its template
    # A damaged tail never loses the English line.
    assert loaded(column[:-3]) == "download failed: coater.speed: Bad"
