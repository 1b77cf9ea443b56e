"""Messages made below the UI (hmi.security, the command service, the PLC write path, the
changeover engine's states) said in the panel's language, content intact; English unchanged.

Real parts: a plant database with Security for the sign-in; the demo twin with the real
command path and changeover engine for the writes and the changeover state line.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from hmi.core.commands import PermissionDenied
from hmi.core.user_text import QT_TRANSLATE_NOOP, UserText, user_text
from hmi.security import AuthenticationFailed, Security
from hmi.ui.i18n import translations
from hmi.ui.i18n_catalogues import ROOT, source_files, tool
from hmi.ui.login_dialog import LoginDialog
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import show
from hmi.ui.write_feedback import WriteFeedback
from recipes.changeover import ChangeoverState
from tests.ui.conftest import (
    alarm_panel,
    coater_running_as_the_hmi_sees_it,
    estop_restore_at_its_second_step,
)
from tests.ui.test_changeover_screen import PASSWORDS, line  # noqa: F401  (the twin fixture)

LANGUAGES = ("en", "de", "zh_CN")

# What the operator reads, per language (the catalogue's words, checked whole).
WRONG_PASSWORD = {"en": "wrong user name or password",
                  "de": "falscher Benutzername oder falsches Passwort",
                  "zh_CN": "用户名或密码错误"}
LOCKED = {"en": "ada is locked after too many failed attempts until {0} UTC: wait, or ask an "
                "administrator to reset the password",
          "de": "ada ist nach zu vielen Fehlversuchen bis {0} UTC gesperrt: warten, oder einen "
                "Administrator bitten, das Passwort zurückzusetzen",
          "zh_CN": "ada 因失败次数过多已被锁定至 {0} UTC：请等待，或请管理员重置密码"}
NOT_PERMITTED = {
    "en": "✗ Not written: quinn (QA) may not write_setpoint at coater: ask a user whose role "
          "allows it",
    "de": "✗ Nicht geschrieben: quinn (QA) darf an coater nicht Sollwerte schreiben: einen "
          "Benutzer fragen, dessen Rolle es erlaubt",
    "zh_CN": "✗ 未写入：quinn（QA）无权在 coater 写入设定值：请由角色允许的用户操作"}
OUT_OF_RANGE = {"en": "✗ PLC refused coater.web_tension_sp_n = 500: {0}",
                "de": "✗ SPS hat coater.web_tension_sp_n = 500 abgelehnt: {0}",
                "zh_CN": "✗ PLC 拒绝了 coater.web_tension_sp_n = 500：{0}"}
REFUSED_STATE = {"en": "NMC811-CATHODE v1, lot LOT-R: refused — ",
                 "de": "NMC811-CATHODE v1, Los LOT-R: abgelehnt — ",
                 "zh_CN": "NMC811-CATHODE v1，批次 LOT-R：已拒绝 — "}


@pytest.fixture
def app() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        yield app
    finally:
        translations(app).switch("en")  # the next test in this process reads English


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_sign_in_is_said_in_the_panels_language(
        qtbot, app: QApplication, security: Security, language: str) -> None:  # type: ignore[no-untyped-def]
    security.users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
    translations(app).switch(language)
    gate = SecurityGate(security, idle_lock_s=900)
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.password_login_requested.connect(
        lambda name, password: gate.login(name, password, dialog.settle))
    try:
        attempts = security.config.lockout_attempts
        for attempt in range(attempts):
            dialog.error_label.clear()
            dialog.user_edit.setText("ada")
            dialog.password_edit.setText(f"not-the-password-{attempt}")
            dialog.request_login()
            qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
            if attempt < attempts - 1:
                assert dialog.error_label.text() == WRONG_PASSWORD[language]
        # The last wrong one locks the account: the time is content, put in as it came.
        locked = dialog.error_label.text()
        time = re.search(r"\d\d:\d\d", locked)
        assert time is not None, locked
        assert locked == LOCKED[language].format(time.group())
        assert dialog.isVisible() and dialog.password_edit.text() == ""
    finally:
        gate.close()


def test_write_refusals_and_the_changeover_state_line_follow_the_language(
        qtbot, app: QApplication, line) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    runtime, screen = line
    commands, io = runtime.commands, runtime.io
    feedback = WriteFeedback(runtime.config)
    qtbot.addWidget(feedback)

    # A permission refusal: QA may not write setpoints (the real policy, audited).
    with pytest.raises(PermissionDenied) as denied:
        io.run(commands.write("quinn", [("coater.web_tension_sp_n", 60.0)]), timeout=10)
    # An out-of-limit setpoint: the HMI sends it, the twin's PLC refuses it (range 10..150).
    [outcome] = io.run(commands.write("otto", [("coater.web_tension_sp_n", 500.0)]),
                       timeout=10)
    assert not outcome.ok and outcome.user_text is not None
    status = outcome.status  # the PLC's own status code: content, never translated
    # A changeover refused by its pre-checks: the coater runs again (Execute).
    screen._gate.session.login("otto", PASSWORDS["otto"])

    coater_running_as_the_hmi_sees_it(qtbot, runtime)
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    screen.lot_edit.setText("LOT-R")
    said: list[str] = []
    screen.said.connect(said.append)
    screen.start()

    def refused() -> None:
        assert screen.record is not None and screen.record.state is ChangeoverState.REFUSED, \
            said  # what the screen said meanwhile, when it did not get there

    qtbot.waitUntil(refused, timeout=30_000)
    failure = screen.record.failure
    assert "coater" in failure  # the engine's reason, as journalled (English)

    for language in ("de", "zh_CN", "en"):
        translations(app).switch(language)
        feedback.show_result(denied.value)
        assert feedback.text() == NOT_PERMITTED[language]
        feedback.show_result(outcome)
        assert feedback.text() == OUT_OF_RANGE[language].format(status)
        # The screen re-says the state line on the language switch, the reason in the
        # language too (the journal kept its template: tests/ui/test_i18n_persisted.py).
        expected = REFUSED_STATE[language] + show(failure)

        def state_line_is(want: str = expected) -> None:
            assert screen.state_label.text() == want

        qtbot.waitUntil(state_line_is, timeout=3000)
    assert str(denied.value) == NOT_PERMITTED["en"].removeprefix("✗ Not written: ")
    assert outcome.message == OUT_OF_RANGE["en"].format(status).removeprefix("✗ ")


def test_chrome_inside_a_message_is_translated_and_content_is_not(
        app: QApplication) -> None:
    locked = AuthenticationFailed(user_text(QT_TRANSLATE_NOOP(
        "CommandMessages", "{user} ({role}) may not {action} at {station}: ask a user whose "
        "role allows it"), user="ernst", role=user_text(QT_TRANSLATE_NOOP(
            "CommandMessages", "no role")), action="write_setpoint", station="coater"))
    assert str(locked) == ("ernst (no role) may not write_setpoint at coater: ask a user "
                           "whose role allows it")
    translations(app).switch("de")
    # "no role" is chrome (translated), the action passed as plain text is content (kept).
    assert show(locked) == ("ernst (keine Rolle) darf an coater nicht write_setpoint: einen "
                            "Benutzer fragen, dessen Rolle es erlaubt")
    # A message not in the catalogue, or plain text, is said as it is.
    assert show(UserText("Nowhere", "{n} things", {"n": 3})) == "3 things"
    assert show(ValueError("plain English")) == "plain English"


def test_every_marker_is_one_lupdate_can_read() -> None:
    """lupdate skips QT_TRANSLATE_NOOP silently unless both arguments are string literals
    (an f-string would be a template that never matches); and every module with a marker
    must be among the catalogues' sources."""
    sources = set(source_files())
    readable = re.compile(r'QT_TRANSLATE_NOOP\(\s*"[A-Za-z_]+",\s*"')
    found = 0
    for package in ("hmi", "recipes", "widgets"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            calls = [m.start() for m in re.finditer(r"(?<!def )QT_TRANSLATE_NOOP\(", text)]
            if not calls:
                continue
            assert path in sources, f"{path.relative_to(ROOT)}: add its folder to SOURCE_DIRS"
            for at in calls:
                found += 1
                where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, at) + 1}"
                assert readable.match(text, at), \
                    f"{where}: QT_TRANSLATE_NOOP needs a literal context and a plain literal text"
    assert found > 100  # the security, command, write and changeover messages


def test_the_catalogues_read_the_qt_free_message_modules() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in source_files()}
    for module in ("hmi/security/users.py", "hmi/core/commands.py", "hmi/plc/service.py",
                   "hmi/plc/values.py", "hmi/ui/changeover_words.py"):
        assert module in names


def test_a_translation_that_lost_a_placeholder_falls_back_to_english(
        qtbot, app: QApplication, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The catalogue check refuses such a translation; should one reach a panel anyway, the
    operator reads the English line, not a traceback and not a half-filled sentence."""
    ts, qm = tmp_path / "broken_de.ts", tmp_path / "broken_de.qm"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        "<context><name>Broken</name><message><source>{n} things at {station}</source>"
        "<translation>{anzahl} Dinge an {station}</translation></message></context></TS>",
        encoding="utf-8")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    app.installTranslator(translator)
    try:
        text = UserText("Broken", "{n} things at {station}", {"n": 3, "station": "coater"})
        with qtbot.captureExceptions() as raised:
            assert show(text) == "3 things at coater"
        assert not raised
    finally:
        app.removeTranslator(translator)


RESTORE_REFUSED = {
    "en": "Step 2 refused: step resolve_cause: say what was done (a note is needed)",
    "de": "Schritt 2 abgelehnt: Schritt resolve_cause: angeben, was getan wurde (eine Notiz "
          "ist nötig)",
    "zh_CN": "第 2 步被拒绝：步骤 resolve_cause：请说明做了什么（需要备注）"}


def test_a_refused_restore_step_is_said_in_the_panels_language(
        qtbot, app: QApplication, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The E-stop procedure on the twin: its confirm step without a note is refused by the
    engine; the banner says so in the panel's language (the step id is content)."""
    with alarm_panel(qtbot, tmp_path, role="Lead", time_scale=10.0) as (runtime, panel):
        screen = estop_restore_at_its_second_step(qtbot, runtime, panel)
        for language in ("de", "zh_CN", "en"):
            translations(app).switch(language)
            screen.note_edit.clear()
            screen.do_button.click()
            qtbot.waitUntil(lambda: not screen.performing, timeout=10_000)
            assert screen.banner.text() == RESTORE_REFUSED[language]
