"""The last engine lines of issue 9 said in the panel's language, English kept for every
other reader: the changeover engine's own refusals, a checklist condition's "seen" note,
the alarm journal's shelf-expiry reason, and the SPC capability notes and baseline.

Real parts: the demo twin with the real changeover engine and screen (a note-less
confirmation, the held conditions' notes); the real engine and journal on a SQLite file for
the signature refusals shown in the changeover's signature dialog; the real alarm engine
and journal on the plant database read by the journal view; a real SpcMonitor fed through a
TagStore on the SPC screen, and SpcStore on the plant database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hmi.alarms import AlarmEngine, AlarmJournal, Event
from hmi.alarms.external import spc_alarm_defs, spc_alarm_id
from hmi.alarms.journal import alarm_journal
from hmi.config.production import Characteristic
from hmi.core.roles import Role
from hmi.plantdb import PlantDb
from hmi.production.capability import Limits
from hmi.production.spc_analysis import first_subgroups
from hmi.production.spc_store import SpcStore, spc_limits
from hmi.security import Meaning
from hmi.ui.alarm_journal_view import AlarmJournalView
from hmi.ui.alarm_table import VALUE, alarm_table, show_alarms
from hmi.ui.changeover_signing import ChangeoverSignPage
from hmi.ui.i18n import translations
from hmi.ui.spc_screen import SpcScreen
from hmi.ui.user_text_qt import settle_dialog, show
from recipes import ApprovalError, ChangeoverError, LimitError, NotFoundError, RecipeStore
from recipes.changeover import ChangeoverEngine, ChangeoverState
from recipes.changeover.transfer import verify
from recipes.lifecycle import check_runnable
from recipes.limits import check_value
from recipes.model import Parameter, VerifyMode
from recipes.user_text import (
    MARK,
    QT_TRANSLATE_NOOP,
    Said,
    english_of,
    joined,
    loaded,
    said,
    stored,
    user_text,
)
from tests.alarms.conftest import add, admin, clock, commands, config, db, engine, security  # noqa: F401
from tests.alarms.test_spc_alarms import feed, spc_config, spc_past_its_baseline
from tests.recipes.helpers import HEADER, content_for, database, make_effective, signature
from tests.recipes.test_limits_diff import FakeIO
from tests.recipes.twin_setup import line_config
from tests.security.conftest import FakeClock
from tests.ui.test_changeover_screen import PASSWORDS, line  # noqa: F401  (the twin fixture)
from tests.ui.test_i18n_workbench import fed_spc

St = ChangeoverState

NO_NOTE = {"en": "foil_roll: say what you checked in the note",
           "de": "foil_roll: in der Notiz angeben, was geprüft wurde",
           "zh_CN": "foil_roll：请在备注中写明检查了什么"}
# A held condition's note: the tag and values as they were, the words around them translated.
HELD = {"en": r"dry_room\.dew_point_c = -?[\d.e+-]+, held 0\.3 s$",
        "de": r"dry_room\.dew_point_c = -?[\d.e+-]+, gehalten 0\.3 s$",
        "zh_CN": r"dry_room\.dew_point_c = -?[\d.e+-]+，保持 0\.3 秒$"}


def _said_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    said: list[str] = []
    widget.said.connect(said.append)
    return said


def test_a_changeover_refusal_and_the_held_conditions_are_said_in_the_language(
        qtbot, line) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """On the twin: the download verified, the automatic items held (their notes name what
    was seen), then the manual item confirmed without a note: the engine's refusal is said
    on the wizard in German and Chinese; the journal and str() keep English."""
    _runtime, wizard = line
    wizard._gate.session.login("otto", PASSWORDS["otto"])
    said = _said_lines(wizard)
    qtbot.waitUntil(lambda: wizard.version_list.count() == 1, timeout=5000)
    wizard.lot_edit.setText("LOT-I18N")
    wizard.start()
    qtbot.waitUntil(lambda: wizard.record is not None
                    and wizard.record.state is St.VERIFIED, timeout=30_000)
    wizard.run_checks()
    qtbot.waitUntil(lambda: wizard.record is not None and sum(
        c.status == "passed" for c in wizard.record.checks) == 2, timeout=30_000)
    dew = next(c for c in wizard.record.checks if c.item_id == "dew_point")
    assert re.fullmatch(HELD["en"], dew.note), dew.note  # every reader: the English line
    assert isinstance(dew.note, Said)
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            wizard.checklist_page.show_checks(wizard.record)
            first = wizard.check_list.item(0).text()
            assert re.search(HELD[language], first), first
            wizard.check_list.setCurrentRow(2)  # the manual item: no note given
            wizard.note_edit.setText("")
            count = len(said)
            wizard.confirm_selected()
            qtbot.waitUntil(lambda count=count: len(said) > count, timeout=5000)
            assert said[-1] == "✗ " + NO_NOTE[language]
        assert wizard.record.state is St.VERIFIED  # refused: nothing confirmed
    finally:
        translations().switch("en")
    with pytest.raises(ChangeoverError) as refused:
        wizard.engine.confirm(wizard.record.id, "foil_roll", "otto", " ")
    assert str(refused.value) == NO_NOTE["en"]


ROLE_REFUSED = {"en": "pete signs as operator; verified by needs lead or qa",
                "de": "pete unterschreibt als Bediener; „Verifiziert von“ erfordert "
                      "Schichtführer oder QS",
                "zh_CN": "pete 以操作员身份签名；“核验人”签名需要班组长或质量部门"}
SAME_PERSON = {"en": "pete cannot both perform and verify; a second person (Lead or QA) must "
                     "verify",
               "de": "pete kann nicht zugleich durchführen und verifizieren; eine zweite Person "
                     "(Schichtführer oder QS) muss verifizieren",
               "zh_CN": "pete 不能既执行又核验；须由第二人（班组长或质量部门）核验"}
WRONG_STATE = {"en": "changeover {0} is checked, not verified",
               "de": "Umrüsten {0} ist abgehakt, nicht geprüft",
               "zh_CN": "换型 {0} 的状态是已检查，而不是已校验"}


def test_the_engines_signature_refusals_are_said_in_the_signature_dialog(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The real engine and journal (SQLite), a changeover at CHECKED: its refusals of a
    wrong role and of one person signing twice, as the changeover screen's signature
    dialog shows them (settle_dialog), in German and Chinese; English for the CLI."""
    recipes_db = database(tmp_path)
    version = make_effective(RecipeStore(recipes_db), content_for(line_config(), ("coater",)))
    changeovers = ChangeoverEngine(recipes_db, io=None, status=None)  # type: ignore[arg-type]  # unused
    co_id = changeovers.journal.create(version.recipe_id, version.version,
                                       version.content_hash, "LOT-S", False, "pete",
                                       [(p.tag, p.setpoint) for p in version.parameters])
    changeovers.journal.set_state(co_id, St.CHECKED, "checked", control_hash="c0ffee")
    record = changeovers.journal.load(co_id)
    pete = signature("pete", "performed", "c0ffee")
    refusals = []
    for role in ("operator", "lead"):
        with pytest.raises(ChangeoverError) as refused:
            changeovers.sign(co_id, pete, "operator",
                             signature("pete", "verified", "c0ffee", 2), role)
        refusals.append(refused.value)
    with pytest.raises(ChangeoverError) as wrong_state:
        changeovers.confirm(co_id, "foil_roll", "pete", "scanned")
    assert [str(r) for r in refusals] == [ROLE_REFUSED["en"], SAME_PERSON["en"]]
    assert str(wrong_state.value) == WRONG_STATE["en"].format(co_id[:8])
    page = ChangeoverSignPage()
    qtbot.addWidget(page)
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            for refusal, expected in zip(refusals, (ROLE_REFUSED, SAME_PERSON), strict=True):
                dialog = page.dialog(record, Meaning.VERIFIED, "pete")
                settle_dialog(dialog, refusal)
                assert dialog.error_label.text() == expected[language]
                dialog.close()
            assert show(wrong_state.value) == WRONG_STATE[language].format(co_id[:8])
    finally:
        translations().switch("en")


EXPIRED = {"en": "timed shelve expired at its time limit",
           "de": "zeitlich begrenzte Zurückstellung nach Ablauf ihrer Zeit beendet",
           "zh_CN": "定时搁置已达时限而到期"}


def test_a_shelf_the_clock_ended_is_said_in_the_journal_view_in_the_language(
        qtbot: QtBot, engine, security, admin, clock: FakeClock,  # noqa: F811
        db: PlantDb) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The real alarm engine: a timed shelf runs out on its clock; the journal row read back
    says why in the journal view's language, the column keeps the English line first."""
    lead = add(security, admin, "lena", Role.LEAD).username
    engine.shelve(lead, "dew_rate", reason="sensor swap", duration_s=60)
    clock.advance(61)
    engine.tick()
    journal = AlarmJournal(db)
    [row] = [r for r in journal.rows() if r.event is Event.UNSHELVE]
    assert row.reason == EXPIRED["en"] and isinstance(row.reason, Said)  # CLI, reports
    with db.engine.connect() as conn:
        column = conn.execute(select(alarm_journal.c.reason)
                              .where(alarm_journal.c.seq == row.seq)).scalar_one()
    assert MARK in column and english_of(column) == EXPIRED["en"]
    view = AlarmJournalView(["dry_room"], ["line"], {"dew_rate": "dry_room"})
    qtbot.addWidget(view)
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            view.show_rows([row])
            assert view.texts("Reason") == [EXPIRED[language]]
    finally:
        translations().switch("en")


FILL = Characteristic(id="fill_mass", station="filler", chart="imr",
                      tags=("filler.fill_mass_g",), lsl=64.4, usl=65.6, unit="g",
                      description="Electrolyte fill mass", baseline_subgroups=25,
                      min_subgroups=40)
TOO_FEW = {"en": "Cp/Cpk: 30 subgroups, at least 40 needed",
           "de": "Cp/Cpk: 30 Stichproben, mindestens 40 nötig",
           "zh_CN": "Cp/Cpk：30 个子组，至少需要 40 个"}
BASELINE = {"en": "first 25 subgroups", "de": "ersten 25 Stichproben", "zh_CN": "前 25 个子组"}


def test_spc_capability_notes_and_baseline_are_said_in_the_language(
        qtbot: QtBot, tmp_path: Path) -> None:
    """A real monitor with 30 subgroups (40 needed for Cp/Cpk): the note why Cpk is missing
    and where the limits came from, on the SPC spc_screen in German and Chinese; the notes stay
    English for the CLI's JSON."""
    spc = fed_spc(FakeClock(), FILL, seed=5)
    spc_screen = SpcScreen(spc, refresh_ms=60_000)
    qtbot.addWidget(spc_screen)
    try:
        view = spc.chart("fill_mass")
        assert view.capability is not None and TOO_FEW["en"] in view.capability.refused
        assert view.baseline == BASELINE["en"]
        with qtbot.waitSignal(spc_screen.refreshed, timeout=5000):
            spc_screen.select("fill_mass")
        for language in ("de", "zh_CN"):
            translations().switch(language)
            QApplication.sendPostedEvents()  # the LanguageChange Qt posts to each widget
            assert TOO_FEW[language] in spc_screen.capability_label.text()
            assert BASELINE[language] in spc_screen.limits_label.text()
            assert TOO_FEW["en"] not in spc_screen.capability_label.text()
    finally:
        translations().switch("en")
        spc_screen.close()
        spc.stop()


def test_a_stored_baseline_keeps_its_template_beside_its_english(db: PlantDb) -> None:  # noqa: F811
    """Limits stored from the first subgroups read back as English for the CLI, with the
    template the screen says in the panel's language; a baseline period stays as written."""
    spc_store = SpcStore(db)
    limits = Limits("imr", 1, 65.0, 65.2, 64.8, 0.05, 0.2, 0.0, 0.05)
    spc_store.add_limits("fill_mass", limits, first_subgroups(25), clock_now(), "spc-monitor")
    spc_store.add_limits("weld", limits, "2026-11-01 06:00 .. 2026-11-01 14:00 UTC",
                         clock_now(), "ada")
    stored = spc_store.latest_limits()
    assert stored["fill_mass"].baseline == BASELINE["en"]
    assert isinstance(stored["fill_mass"].baseline, Said)
    assert stored["weld"].baseline == "2026-11-01 06:00 .. 2026-11-01 14:00 UTC"
    with db.engine.connect() as conn:
        columns = dict(conn.execute(select(spc_limits.c.characteristic, spc_limits.c.baseline)
                                    ).all())
    assert english_of(columns["fill_mass"]) == BASELINE["en"] and MARK in columns["fill_mass"]
    try:
        translations().switch("de")
        assert show(stored["fill_mass"].baseline) == BASELINE["de"]
    finally:
        translations().switch("en")


def clock_now():  # type: ignore[no-untyped-def]
    return FakeClock().now


OWN_VERSION = {"en": "NMC811-CATHODE v1: ed wrote this version and cannot approve it; another "
                     "person must sign (two-person rule)",
               "de": "NMC811-CATHODE v1: ed hat diese Version erstellt und kann sie nicht "
                     "genehmigen; eine andere Person muss unterschreiben (Vier-Augen-Prinzip)",
               "zh_CN": "NMC811-CATHODE v1：ed 编写了此版本，不能批准它；"
                        "须由另一人签名（双人原则）"}
NOT_EFFECTIVE = {"en": "NMC811-CATHODE v1 is InReview: only an Effective version may run in "
                       "production",
                 "de": "NMC811-CATHODE v1 ist in Prüfung: nur eine gültige Version darf in der "
                       "Produktion laufen",
                 "zh_CN": "NMC811-CATHODE v1 的状态为审核中：只有生效版本可用于生产"}


def test_the_recipe_rules_refusals_keep_their_english_and_are_said_in_the_language(
        tmp_path: Path) -> None:
    """The store's two-person rule (a version approved by its author) and the version a
    changeover may not run, from the real store and lifecycle on a SQLite file."""
    store = RecipeStore(database(tmp_path))
    draft = store.create(HEADER, content_for(line_config(), ("coater",)), "ed")
    store.submit(draft.recipe_id, draft.version, "ed")
    with pytest.raises(ApprovalError) as own:
        store.approve(draft.recipe_id, draft.version,
                      signature("ed", "approved", draft.content_hash))
    with pytest.raises(ApprovalError) as not_effective:
        check_runnable(store.get(draft.recipe_id, draft.version), trial=False)
    with pytest.raises(ApprovalError) as no_reason:
        store.reject(draft.recipe_id, draft.version, "quinn", " ")
    with pytest.raises(NotFoundError) as no_version:
        store.get(draft.recipe_id, 7)
    assert str(own.value) == OWN_VERSION["en"]
    assert str(not_effective.value) == NOT_EFFECTIVE["en"]
    assert str(no_reason.value) == NO_REASON["en"]
    assert str(no_version.value) == NO_VERSION["en"]
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            assert show(own.value) == OWN_VERSION[language]
            assert show(not_effective.value) == NOT_EFFECTIVE[language]
            assert show(no_reason.value) == NO_REASON[language]
            assert show(no_version.value) == NO_VERSION[language]
    finally:
        translations().switch("en")


NO_REASON = {"en": "a rejection needs a reason the author can act on",
             "de": "eine Ablehnung braucht einen Grund, mit dem der Autor arbeiten kann",
             "zh_CN": "驳回需要填写作者可据以修改的原因"}
NO_VERSION = {"en": "recipe NMC811-CATHODE has no version 7",
              "de": "Rezept NMC811-CATHODE hat keine Version 7",
              "zh_CN": "配方 NMC811-CATHODE 没有版本 7"}


LIMIT = {"en": "parameter coater.web_tension_sp_n (Web tension setpoint): 500 N is above its "
               "high limit 150 N; enter a value up to 150",
         "de": "Parameter coater.web_tension_sp_n (Web tension setpoint): 500 N liegt über der "
               "oberen Grenze 150 N; einen Wert bis 150 eingeben",
         "zh_CN": "参数 coater.web_tension_sp_n (Web tension setpoint)：500 N 高于上限 150 N；"
                  "请输入不大于 150 的值"}


def test_a_limit_refusal_keeps_its_english_and_is_said_in_the_language() -> None:
    param = Parameter("coater.web_tension_sp_n", "Web tension setpoint", "N", "float", 60.0,
                      10.0, 150.0)
    with pytest.raises(LimitError) as refused:
        check_value(param, 500.0)
    assert str(refused.value) == LIMIT["en"]
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            assert show(refused.value) == LIMIT[language]
    finally:
        translations().switch("en")


RULE_LINE = {"en": "tension_mean at coater: {0} 1 point beyond 3 sigma ({1})",
             "de": "tension_mean an coater: {0} 1 Punkt außerhalb 3 Sigma ({1})",
             "zh_CN": "coater 的 tension_mean：{0} 1 点超出 3 sigma（{1}）"}


def rule_lines(language: str, value: str) -> str:
    """Both rules a point beyond 3 sigma fires (Western Electric's and Nelson's first)."""
    return "; ".join(RULE_LINE[language].format(rule, value) for rule in ("WE1", "N1"))


def test_an_spc_alarms_rule_line_is_said_on_the_alarm_list_and_journal_in_the_language(
        qtbot: QtBot, db: PlantDb, security, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A real SpcMonitor drives the real alarm engine (its run-rule alarm): the rule that
    fired, the alarm's value, is said in the alarm list and, read back from the journal,
    in the journal view in German and Chinese; the journal's value column stays English
    first for the CLI and the audit trail."""
    spc_line = spc_config()
    alarms = AlarmEngine(spc_line, AlarmJournal(db, security.audit), clock=clock,
                         external=spc_alarm_defs(spc_line))
    alarm = spc_alarm_id("tension_mean")
    with spc_past_its_baseline(spc_line, alarms, clock) as (store, spc, limits):
        high = limits.center + 3.2 * limits.sigma_chart
        feed(store, clock, [high])  # N1: one point beyond 3 sigma
        spc.drain()
    value = f"{high:.4g}"  # the characteristic has no unit
    view = alarms.view(alarm)
    assert view.value == rule_lines("en", value)  # the CLI's and the audit's line
    [row] = [r for r in AlarmJournal(db).rows(alarm_id=alarm) if r.event is Event.ACTIVATE]
    assert row.value == rule_lines("en", value) and isinstance(row.value, Said)
    with db.engine.connect() as conn:
        column = conn.execute(select(alarm_journal.c.value)
                              .where(alarm_journal.c.seq == row.seq)).scalar_one()
    assert english_of(json.loads(column)) == rule_lines("en", value)
    table = alarm_table()
    qtbot.addWidget(table)
    journal_view = AlarmJournalView(["coater"], ["line"], {alarm: "coater"})
    qtbot.addWidget(journal_view)
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            show_alarms(table, [view], None)
            assert table.item(0, VALUE).text() == rule_lines(language, value)
            journal_view.show_rows([row])
            assert journal_view.texts("Value") == [rule_lines(language, value)]
    finally:
        translations().switch("en")


READ_BACK = {
    "en": "read-back verification failed: coater.die_gap_sp_um: sent 150.0, the PLC holds 152.0 "
          "(tolerance 0.5); coater.lane_count: could not be read back (coater.lane_count: BAD)",
    "de": "Prüfung durch Rücklesen fehlgeschlagen: coater.die_gap_sp_um: gesendet 150.0, die "
          "SPS hält 152.0 (Toleranz 0.5); coater.lane_count: konnte nicht zurückgelesen werden "
          "(coater.lane_count: BAD)",
    "zh_CN": "回读校验失败：coater.die_gap_sp_um：已发送 150.0，PLC 保持 152.0（公差 0.5）; "
             "coater.lane_count：无法回读（coater.lane_count: BAD）"}  # joined's glue as is


async def test_a_read_back_failure_names_each_parameter_in_the_language() -> None:
    """transfer.verify's lines (a value the PLC holds otherwise, one it does not answer for),
    joined into the engine's failure as the state line shows it; English for the journal."""
    gap = Parameter("coater.die_gap_sp_um", "Die gap", "µm", "float", 150.0, 50.0, 300.0,
                    verify=VerifyMode.TOLERANCE, tolerance=0.5)
    lanes = Parameter("coater.lane_count", "Lanes", "", "int", 2, 1, 4)
    result = await verify(FakeIO({gap.tag: 152.0}), [(gap, 150.0), (lanes, 2)])
    failure = user_text(QT_TRANSLATE_NOOP("ChangeoverEngine",
                                          "read-back verification failed: {why}"),
                        why=joined([said(m) for m in (*result.mismatches, *result.failures)]))
    assert str(failure) == READ_BACK["en"]
    assert loaded(stored(failure)) == READ_BACK["en"]  # as the journal keeps it
    try:
        for language in ("de", "zh_CN"):
            translations().switch(language)
            assert show(loaded(stored(failure))) == READ_BACK[language]
    finally:
        translations().switch("en")
