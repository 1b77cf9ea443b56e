"""The recipe, audit and users screens, the trend range dialogs and the alarm KPI view speak
German and Chinese in their bodies (labels, buttons, column headers, status lines), and
follow a run-time language switch at once; the loose ends around them: the restore screen's
public way in from help, and touch buttons never narrower than their text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.roles import Role
from hmi.core.tagstore import TagStore
from hmi.help import HelpBook, load_help_texts
from hmi.plantdb import PlantDb
from hmi.restore import PROCEDURES, FaultContext, build_restore_engine, load_procedures
from hmi.restore.engine import RestoreEngine
from hmi.security import Security
from hmi.ui.alarm_kpi_view import AlarmKpiView, KpiReport
from hmi.ui.audit_screen import AuditScreen
from hmi.ui.help_panel import HelpPanel
from hmi.ui.i18n_catalogues import catalogue_path, read
from hmi.ui.navigation import NAV_WIDTH_MM
from hmi.ui.recipe_screen import RecipeScreen
from hmi.ui.restore_screen import CHOOSE, RestoreScreen
from hmi.ui.security_gate import SecurityGate
from hmi.ui.trend_range import CompareDialog, RangePickerDialog
from hmi.ui.user_form import UserFormDialog
from hmi.ui.users_screen import UsersScreen
from tests.fits import sized
from tests.security.conftest import FakeClock
from tests.ui.test_recipe_screen import recipe_screen_on
from widgets.theme import TouchMetrics, apply_theme, metrics, set_metrics
from widgets.trend_toolbar import TrendToolbar


# -- the restore screen's way in from help ----------------------------------------------------
def _restore_engine(db: PlantDb, security: Security) -> RestoreEngine:
    config = load_line_config(DEMO_LINE)
    commands = CommandService(None, security.policy, security.audit)  # type: ignore[arg-type]
    return build_restore_engine(config, TagStore(config.expected_periods_s()), commands, db)


def test_open_procedure_preselects_it_without_an_earlier_fault(
        qtbot, db: PlantDb, security: Security) -> None:  # type: ignore[no-untyped-def]
    engine = _restore_engine(db, security)
    gate = SecurityGate(security, idle_lock_s=900)
    screen = RestoreScreen(engine, gate, IoThread(), db)  # the IoThread is not used unstarted
    qtbot.addWidget(screen)
    try:
        ids = sorted(engine.procedures)
        assert len(ids) >= 2
        # An alarm's fault was shown before: help's procedure must not carry it over.
        screen.fault = FaultContext("estop", "coater", detail="alarm coater_estop",
                                    at=datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
        screen.pages.setCurrentIndex(2)
        screen.open_procedure(ids[-1])
        assert screen.fault is None
        assert screen.fault_label.text().startswith("No fault context")
        assert screen._selected_procedure() is engine.procedures[ids[-1]]
        assert screen.pages.currentIndex() == CHOOSE
        with pytest.raises(KeyError):
            screen.open_procedure("no_such_procedure")
    finally:
        screen.close()
        gate.close()


# -- touch buttons are never narrower than their text -----------------------------------------
@pytest.fixture
def touch_theme() -> Iterator[None]:
    """Touch sizes and the app stylesheet, as `lineside run --touch` sets them."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with sized(app, TouchMetrics.touch()):
        yield


def _text_px(button: QPushButton) -> int:
    return button.fontMetrics().horizontalAdvance(button.text())


def test_a_crowded_row_of_german_buttons_keeps_every_text_whole(
        qtbot, touch_theme: None) -> None:  # type: ignore[no-untyped-def]
    row = QWidget()
    qtbot.addWidget(row)
    box = QHBoxLayout(row)
    texts = ("Benutzer hinzufügen…", "OK", "Passwort zurücksetzen…", "Ausweis + PIN…")
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        box.addWidget(button)
    row.show()
    qtbot.waitExposed(row)
    row.resize(200, 100)  # far too narrow: the row must refuse it, not cut the texts
    QApplication.processEvents()
    touch = metrics().button_px(row)
    for button in buttons:
        assert button.width() >= _text_px(button), (button.text(), button.width())
        assert button.width() >= touch, (button.text(), button.width())
    # A longer text later (a language switch) widens the button as well.
    buttons[1].setText("Abbrechen und zurück zur Liste")
    QApplication.processEvents()
    assert buttons[1].width() >= _text_px(buttons[1])
    # A day/night switch re-polishes every button: still whole.
    apply_theme("night", QApplication.instance())  # type: ignore[arg-type]
    QApplication.processEvents()
    assert all(b.width() >= _text_px(b) for b in buttons)


def _bold_width_needed(button: QPushButton) -> int:
    """Its text in bold (a checked toolbar button is bold), the padding and the border."""
    font = QFont(button.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(button.text()) + 2 * metrics().gap_px(button) + 4


@pytest.mark.parametrize("sizes", [TouchMetrics.touch, TouchMetrics.laptop])
def test_the_trend_toolbars_bold_buttons_are_whole(
        qtbot, touch_theme: None, speak, sizes) -> None:  # type: ignore[no-untyped-def]
    set_metrics(sizes())
    apply_theme("day", QApplication.instance())  # type: ignore[arg-type]
    toolbar = TrendToolbar()
    qtbot.addWidget(toolbar)
    toolbar.show()
    qtbot.waitExposed(toolbar)
    for code in ("en", "de", "zh_CN"):
        speak(code)
        QApplication.processEvents()
        for checked in (True, False):  # "Follow" and "Cursor" checked (bold), then not
            toolbar.sync(60.0, following=checked, cursor_shown=checked)
            QApplication.processEvents()
            for button in (toolbar.follow_button, toolbar.cursor_button):
                assert button.width() >= _bold_width_needed(button), (
                    code, button.text(), button.width())


# -- the help panel's search hint at 1024 px ----------------------------------------------------
def test_the_help_search_hint_is_whole_on_a_1024_panel(
        qtbot, touch_theme: None, speak, demo_config) -> None:  # type: ignore[no-untyped-def]
    book = HelpBook(demo_config, load_procedures(PROCEDURES, demo_config), load_help_texts())
    panel = HelpPanel(book, lambda _p: None)
    qtbot.addWidget(panel)
    panel.show_page(book.screen_page("coater"))
    panel.resize(1024 - 190, 540)  # the panel covers the screen beside the side bar
    panel.show()
    qtbot.waitExposed(panel)
    for code in ("de", "zh_CN", "en"):
        speak(code)
        QApplication.processEvents()  # LanguageChange is posted; the layout follows
        QApplication.processEvents()
        edit = panel.search_edit
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert edit.width() >= hint + 2 * metrics().gap_px(edit) + 4, (code, edit.width(), hint)
        assert panel.close_button.width() >= panel.close_button.sizeHint().width()


# -- the screens' bodies in German and Chinese --------------------------------------------------
SIZES = ((1024, 768), (1920, 1080))
SAMPLES = DEMO_LINE.parent.parent / "recipes"


def _english_chrome(*contexts: str) -> set[str]:
    """The English chrome of these contexts whose German differs (so seeing it is a miss)."""
    return {m.source for m in read(catalogue_path("de"))
            if m.context in contexts and not m.numerus and "{" not in m.source
            and m.translations[0] != m.source}


def _headers(view: QTableView | QTableWidget) -> list[str]:
    model = view.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def _chrome(widget: QWidget) -> list[str]:
    """Every text of the widget's buttons, labels, combos' first entry and table headers."""
    texts = [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [label.text() for label in widget.findChildren(QLabel)]
    texts += [c.itemText(0) for c in widget.findChildren(QComboBox) if c.count()]
    for view in widget.findChildren(QTableView):
        texts += _headers(view)
    return [t.removesuffix("…").strip("✓✗ ") for t in texts]


def _no_english(widget: QWidget, *contexts: str) -> None:
    english = _english_chrome(*contexts)
    english |= {e.removesuffix("…") for e in english}
    assert [t for t in _chrome(widget) if t in english] == []


def _screen_area(width: int, height: int, widget: QWidget) -> tuple[int, int]:
    """What a screen gets of a panel: the side bar (NAV_WIDTH_MM) and the layout's gaps off
    the width; the header's two rows and the feedback strip off the height."""
    m = metrics()
    return (width - m.px(NAV_WIDTH_MM, widget) - 3 * m.gap_px(widget),
            height - 3 * m.button_px(widget))


def _shoot(widget: QWidget, name: str, tmp_path: Path) -> None:
    """The widget where a 1024 x 768 panel and a 1920 x 1080 screen show it: it fits, and
    no button is cut short. Saved under $LINESIDE_SHOTS too, to look at."""
    shots = os.environ.get("LINESIDE_SHOTS")
    for width, height in SIZES:
        area = _screen_area(width, height, widget)
        QApplication.processEvents()
        hint = widget.minimumSizeHint()
        assert hint.width() <= area[0] and hint.height() <= area[1], (name, width, hint, area)
        widget.resize(*area)
        QApplication.processEvents()
        image = widget.grab()
        assert image.save(str(tmp_path / f"{name}_{width}x{height}.png"))
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            image.save(str(Path(shots) / f"{name}_{width}x{height}.png"))
        cut = [(b.text(), b.width(), b.sizeHint().width())
               for b in widget.findChildren(QPushButton)
               if b.isVisibleTo(widget) and b.width() < b.sizeHint().width()]
        assert cut == [], f"{name} at {width} px: buttons narrower than their text"


@pytest.fixture
def recipe_screen(qtbot, db: PlantDb, security: Security) -> Iterator[RecipeScreen]:  # type: ignore[no-untyped-def]
    with recipe_screen_on(qtbot, db, security, [SAMPLES]) as made:
        made.show()
        made._gate.session.login("ed", "engineer-password-1")
        made.import_recipes()
        qtbot.waitUntil(lambda: made.selected() is not None, timeout=10_000)
        yield made


RECIPE_SEEN = {
    "de": ("Rezepte", "Sollwert", "Variable", "Entwurf", "Inhalts-Hash", "Zur Prüfung einreichen"),
    "zh_CN": ("配方", "设定值", "变量", "草稿", "内容哈希", "提交审核"),
}


def test_the_recipe_screen_in_german_and_chinese(
        qtbot, recipe_screen: RecipeScreen, speak, touch_theme: None,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    screen = recipe_screen
    assert _headers(screen.table)[2] == "Setpoint"
    message = screen.message.text()
    assert message.startswith("Imported as Drafts")
    for code, (title, setpoint, tag, draft, content_hash, submit) in RECIPE_SEEN.items():
        speak(code)
        QApplication.processEvents()
        # At once, without reloading: the headers, the lists, the version, the message.
        assert screen.title.text() == title
        assert _headers(screen.table)[1:3] == [tag, setpoint]
        assert draft in screen.version_list.item(0).text()
        assert draft in screen.recipe_list.item(0).text()
        assert content_hash in screen.detail_label.text()
        assert screen.submit_button.text() == submit
        assert screen.message.text() != message and "NMC811" in screen.message.text()
        assert screen.diff_label.text() != ""
        _no_english(screen, "RecipeScreen", "RecipeVersionView", "RecipeStatus")
        _shoot(screen, f"recipes_{code}", tmp_path)
    speak("en")
    QApplication.processEvents()
    assert screen.message.text() == message and _headers(screen.table)[2] == "Setpoint"


@pytest.fixture
def audit_screen(qtbot, security: Security, clock: FakeClock,  # type: ignore[no-untyped-def]
                 tmp_path: Path) -> Iterator[AuditScreen]:
    admin = security.users.create_first_administrator("ada", "Ada Admin", "correct horse battery")
    security.users.add_user(admin, "olga", "Olga Operator", "operator password 1",
                            Role.OPERATOR, ("coater",), reason="new starter")
    made = AuditScreen(security.audit, tmp_path / "exports", clock=clock)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.entries_loaded):
        made.show()
    yield made
    made.close()


AUDIT_SEEN = {
    "de": ("Zeit (UTC)", "Rückgelesen", "Letzte Stunde", "Alle", "Einträgen",
           "Kette prüfen", "Audit-Trail intakt"),
    "zh_CN": ("时间 (UTC)", "回读值", "最近 1 小时", "全部", "个条目", "校验链",
              "审计追踪完好"),
}


def test_the_audit_screen_in_german_and_chinese(
        qtbot, audit_screen: AuditScreen, speak, touch_theme: None,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    screen = audit_screen
    with qtbot.waitSignal(screen.chain_checked):
        screen.verify_chain()
    screen.table.selectRow(0)
    for code, (utc, read_back, hour, users, entries, verify, intact) in AUDIT_SEEN.items():
        speak(code)
        QApplication.processEvents()
        headers = _headers(screen.table)
        assert headers[0] == utc and headers[9] == read_back  # column headers at once
        assert screen.range_buttons[3600.0].text() == hour
        assert screen.user_combo.itemText(0) == users
        assert entries in screen.summary_label.text()
        assert screen.verify_button.text() == verify
        assert intact in screen.chain_line.text()  # the last result, said again
        assert "add_user" in screen.detail_label.text()  # the record as written
        _no_english(screen, "AuditScreen", "AuditTableModel")
        _shoot(screen, f"audit_{code}", tmp_path)


@pytest.fixture
def users_screen(qtbot, security: Security) -> Iterator[UsersScreen]:  # type: ignore[no-untyped-def]
    admin = security.users.create_first_administrator("ada", "Ada Admin", "correct horse battery")
    security.users.add_user(admin, "olga", "Olga Operator", "operator password 1",
                            Role.OPERATOR, reason="new starter")
    made = UsersScreen(security.users, lambda: "ada", client_host="panel-1")
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.users_loaded):
        made.show()
    yield made
    for dialog in made.findChildren(UserFormDialog):
        dialog.close()
    made.close()


USERS_SEEN = {
    "de": ("Vollständiger Name", "Bediener", "alle", "aktiv", "Passwort zurücksetzen…",
           "Benutzerkennung", "Bitte Grund eingeben.", "gibt es bereits"),
    "zh_CN": ("姓名", "操作员", "全部", "已启用", "重置密码…", "用户 ID", "请输入原因。", "已存在"),
}


def test_the_users_screen_and_its_form_in_german_and_chinese(
        qtbot, users_screen: UsersScreen, speak, touch_theme: None,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    screen = users_screen
    olga = screen.model.row_of("olga")
    assert olga is not None
    for code, (full, operator, every, enabled, reset, user_id, no_reason, exists) in (
            USERS_SEEN.items()):
        speak(code)
        QApplication.processEvents()
        assert _headers(screen.table)[1] == full  # at once, on the list on show
        assert [screen.model.cell_text(olga, c) for c in (2, 3, 4)] == [operator, every, enabled]
        assert screen.password_button.text() == reset
        _no_english(screen, "UsersScreen", "UsersTableModel", "Roles")
        _shoot(screen, f"users_{code}", tmp_path)
        # A form is built in the language of the moment; the role is chosen by its name.
        form = screen.add_user()
        assert user_id in [label.text() for label in form.findChildren(QLabel)]
        form.fill(username="quinn", full_name="Quinn QA", role="QA", password="x" * 14,
                  repeat="x" * 14)
        assert form.values()["role"] == "QA"  # the role's value, whatever it is called
        form.confirm_button.click()
        assert form.message_line.text() == f"✗ {no_reason}"
        _no_english(form, "UserFormDialog", "UsersScreen", "Roles")
        # The store's refusal, in this language too (hmi.core.user_text).
        form.fill(username="olga", reason="test")
        with qtbot.waitSignal(screen.step_finished, timeout=10_000) as finished:
            form.confirm_button.click()
        assert finished.args[0] is False and exists in finished.args[1]
        assert exists in form.message_line.text() and exists in screen.message_line.text()
        form.reject()


def test_the_trend_range_dialogs_and_the_kpi_view_in_german_and_chinese(
        qtbot, speak) -> None:  # type: ignore[no-untyped-def]
    seen = {"de": ("Diesen Zeitraum zeigen", "7 Tage", "1 Tag früher", "Leitstand", "Kennzahl",
                   "Die 10 häufigsten Alarme"),
            "zh_CN": ("显示此时间段", "7 天", "1 天前", "操作台", "指标", "报警次数最多的前 10 项")}
    view = AlarmKpiView(["main", "dry_room"])
    qtbot.addWidget(view)
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    view.show_report(KpiReport(now - timedelta(days=1), now, timedelta(minutes=10), {}, {}))
    for code, (show, week, day, console, kpi, top) in seen.items():
        speak(code)
        QApplication.processEvents()
        picker, compare = RangePickerDialog(now_s=now.timestamp()), CompareDialog()
        for dialog in (picker, compare):
            qtbot.addWidget(dialog)
        texts = [b.text() for b in picker.findChildren(QPushButton)]
        assert show in texts and week in texts
        assert day in [b.text() for b in compare.buttons.values()]
        _no_english(picker, "RangePickerDialog", "PeriodButtons")
        _no_english(compare, "CompareDialog")
        # The KPI view on show follows the switch: labels, headers, bar titles, summary.
        assert console in [label.text() for label in view.findChildren(QLabel)]
        assert _headers(view.table)[0] == kpi and view.actor_bars.title == top
        assert "main" in view.summary_label.text() or "dry_room" in view.summary_label.text()
        assert [b.text() for b in view._periods.buttons()][2] == week
        assert view.period_s() == 86_400.0  # the period by its id, not its words
        _no_english(view, "AlarmKpiView", "PeriodButtons")


def test_german_says_bild_for_a_screen_throughout() -> None:
    """One word for "screen" (Bild: short enough for buttons), never Bildschirm beside it."""
    said = [(m.context, m.source, t) for m in read(catalogue_path("de"))
            for t in m.translations if "bildschirm" in t.lower()]
    assert said == []
    assert any(" Bild " in f" {t} " or "Bild:" in t or "Bilder" in t
               for m in read(catalogue_path("de")) for t in m.translations)
