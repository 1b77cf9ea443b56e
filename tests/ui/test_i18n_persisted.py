"""Engine lines kept in the journals (issue 9), said in the panel's language after a reload
while every other reader (CLI, reports, audit) keeps reading the English line.

Real parts: the demo twin with the real changeover engine and journal on the plant database
(a changeover refused by its pre-checks is read back by a second screen over the same
database), and recipes.user_text's storage form on its own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hmi.alarms import AlarmActionRefused
from hmi.config import DEMO_LINE
from hmi.config.loader import load_line_config
from hmi.core.roles import Role
from hmi.production.first_article import first_article_status
from hmi.restore.engine import not_allowed
from hmi.restore.loader import load_procedure
from hmi.restore.tables import restore_runs
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.i18n import translations
from hmi.ui.user_text_qt import show
from recipes.changeover import ChangeoverJournal, ChangeoverState
from recipes.first_article import first_article_item
from recipes.tables import changeovers
from recipes.user_text import MARK, QT_TRANSLATE_NOOP, Said, english_of, loaded, stored, user_text
from tests.alarms.conftest import add, admin, clock, commands, config, db, engine, security  # noqa: F401
from tests.ui.conftest import (
    alarm_panel,
    coater_running_as_the_hmi_sees_it,
    estop_restore_at_its_second_step,
)
from tests.ui.test_changeover_screen import PASSWORDS, line  # noqa: F401  (the twin fixture)

PROCEDURES = DEMO_LINE.parent.parent / "procedures"

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

    coater_running_as_the_hmi_sees_it(qtbot, runtime)
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    screen.lot_edit.setText("LOT-P")
    screen.start()
    qtbot.waitUntil(lambda: screen.record is not None
                    and screen.record.state is ChangeoverState.REFUSED, timeout=30_000)
    co_id = screen.record.id

    # Another screen over the same plant database, as after a restart: only the journal.
    plant = runtime.plant_db.engine
    journal = ChangeoverJournal(plant)
    reloaded = ChangeoverScreen(screen._store, screen._engine_for, screen._gate, runtime.io,
                                runtime.commands, journal)
    qtbot.addWidget(reloaded)
    record = journal.load(co_id)
    # Every reader but the panel sees the English line, as journalled before this change.
    assert record.failure == REFUSED_REASON["en"] and isinstance(record.failure, Said)
    with plant.connect() as conn:
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
    # A line whose English a reader already had (a PLC write's message) keeps that English.
    write = Said.of(text, "coater.speed: refused by the PLC (BadOutOfRange)")
    assert loaded(stored(write)) == "coater.speed: refused by the PLC (BadOutOfRange)"
    assert loaded(stored(write)).user_text == text  # type: ignore[attr-defined]
    # A damaged tail never loses the English line.
    assert loaded(column[:-3]) == "download failed: coater.speed: Bad"


CONFIRMED = {"en": "confirmed: guard closed, cause found",
             "de": "bestätigt: guard closed, cause found",
             "zh_CN": "已确认：guard closed, cause found"}


def test_a_restore_runs_step_result_after_reload_is_in_the_panels_language(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The E-stop procedure on the twin: its confirm step done with a note; the run read back
    from the restore journal shows that step's result in German and Chinese on the wizard,
    while the run's message stays the English line for every other reader."""
    with alarm_panel(qtbot, tmp_path, role="Lead", time_scale=10.0) as (runtime, panel):
        screen = estop_restore_at_its_second_step(qtbot, runtime, panel)
        screen.note_edit.setText("guard closed, cause found")
        screen.do_button.click()
        qtbot.waitUntil(lambda: not screen.performing and screen.run.step_index == 2,
                        timeout=10_000)
        run_id = screen.run.id
        with runtime.plant_db.engine.connect() as conn:
            column = conn.execute(select(restore_runs.c.message)
                                  .where(restore_runs.c.id == run_id)).scalar_one()
        assert MARK in column and english_of(column) == CONFIRMED["en"]
        try:
            for language in ("de", "zh_CN", "en"):
                translations().switch(language)
                run = screen.engine.view(run_id)  # read back from the journal
                assert run.message == CONFIRMED["en"]  # English for the CLI and reports
                assert show(run.message) == CONFIRMED[language]
                screen.show_run(run)
                assert screen.wizard._details[1] == CONFIRMED[language]
        finally:
            translations().switch("en")


NEEDS_TWO = {
    "en": "mike (Maintenance) may not do step loops_manual: it needs Lead or QA",
    "de": "mike (Instandhaltung) darf Schritt loops_manual nicht ausführen: er braucht "
          "Schichtführer oder QS",
    "zh_CN": "mike（维修）不能执行步骤 loops_manual：需要 班组长 或 质量部门"}


def test_a_step_needing_one_of_two_roles_says_it_in_one_translated_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    line_config = load_line_config(DEMO_LINE)
    procedure = load_procedure(PROCEDURES / "coater_estop.toml", line_config)
    step = replace(procedure.steps[0], id="loops_manual", roles=("Lead", "QA"))
    refusal = not_allowed("mike", ("Maintenance",), step)
    assert str(refusal) == NEEDS_TWO["en"]
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            assert show(refusal) == NEEDS_TWO[language]
    finally:
        translations().switch("en")


def test_first_article_lines_come_back_from_the_journal_in_the_panels_language(
        qtbot) -> None:  # type: ignore[no-untyped-def]
    """The first-article item and the SPC monitor's status as the changeover journal stores
    them (recipes.user_text.stored) and loads them: English str, template for the wizard."""
    item = first_article_item("coater")
    status = first_article_status("coater", (), datetime.now(UTC), 1)
    text, note = loaded(stored(item.text)), loaded(stored(status.text))
    assert (text, note) == ("First article on coater passes SPC",
                            "coater has no SPC characteristics")
    try:
        translations().switch("de")
        assert (show(text), show(note)) == ("Erstmuster an coater besteht SPC",
                                            "coater hat keine SPC-Merkmale")
        translations().switch("zh_CN")
        assert (show(text), show(note)) == ("coater 的首件通过 SPC", "coater 没有 SPC 特性")
    finally:
        translations().switch("en")


SHELVE_TOO_LONG = {
    "en": "alarm dew_rate may be shelved for at most 8 h (28800 s): choose a shorter time",
    "de": "Alarm dew_rate darf höchstens 8 h (28800 s) zurückgestellt werden: eine kürzere "
          "Zeit wählen",
    "zh_CN": "报警 dew_rate 最多可搁置 8 小时（28800 秒）：请选择更短的时间"}


def test_an_alarm_action_refusal_is_said_in_the_panels_language(
        qtbot, engine, security, admin) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The alarm engine's own refusal (a shelve past the alarm's limit), from the real engine
    and command path; English stays the line for logs and the CLI."""
    lead = add(security, admin, "lena", Role.LEAD).username
    with pytest.raises(AlarmActionRefused) as refused:
        engine.shelve(lead, "dew_rate", reason="sensor swap", duration_s=9 * 3600)
    assert str(refused.value) == SHELVE_TOO_LONG["en"]
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            assert show(refused.value) == SHELVE_TOO_LONG[language]
    finally:
        translations().switch("en")
