"""The changeover wizard fits a 1024 x 768 touch panel (and a 1920 x 1080 screen) in English,
German and Chinese at touch sizes, on every page and in every state an operator meets:
choose (with an interrupted changeover and the trial banner), download verified and rolled
back, the checklist, the signatures, and the released trial with its lot held.

"Fits": the screen asks for no more than the panel gives beside the side bar; no button is
narrower than its text or lower than a touch target; no two buttons overlap; no list or
table scrolls sideways; no label is cut (a wrapped label gets the height its text needs)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hmi.security import Meaning
from hmi.ui.changeover_screen import ChangeoverScreen
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.fits import button_misfits
from tests.ui.test_changeover_screen import PASSWORDS, line, sign_as, state  # noqa: F401
from tests.ui.test_i18n_screens import SIZES, _screen_area, touch_theme  # noqa: F401
from widgets.theme import metrics

St = ChangeoverState
LANGUAGES = ("en", "de", "zh_CN")


def _rect(widget: QWidget, screen: QWidget) -> QRect:
    return QRect(widget.mapTo(screen, widget.rect().topLeft()), widget.size())


def _leaves(screen: QWidget) -> list[QWidget]:
    """What an operator reads or touches: buttons, fields, labels with text, lists, tables."""
    kinds = (QAbstractButton, QLineEdit, QAbstractScrollArea)
    found = [w for w in screen.findChildren(QWidget) if w.isVisibleTo(screen) and (
        isinstance(w, kinds) or (isinstance(w, QLabel) and w.text()))]
    # A list's viewport and a table's header are parts of their view, not leaves of their own.
    views = [w for w in found if isinstance(w, QAbstractScrollArea)]
    return [w for w in found if not any(v.isAncestorOf(w) for v in views)]


def misfits(screen: ChangeoverScreen, width: int, height: int) -> list[str]:
    """What does not fit the area a panel of width x height gives the screen (empty: fits)."""
    area = _screen_area(width, height, screen)
    QApplication.processEvents()
    hint = screen.minimumSizeHint()
    found = []
    if hint.width() > area[0]:
        pages = screen.wizard.pages
        found.append(f"asks {hint.width()} px wide, the panel gives {area[0]}; the pages ask "
                     + str([(type(pages.widget(i)).__name__, pages.widget(i).minimumSizeHint()
                             .width()) for i in range(pages.count())]))
    screen.resize(*area)
    QApplication.processEvents()
    QApplication.processEvents()
    touch = metrics().button_px(screen)
    leaves = _leaves(screen)
    for w in leaves:
        name = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()[:40]!r}"
        if w.visibleRegion().boundingRect().size() != w.size():
            found.append(f"{name} clipped: {w.visibleRegion().boundingRect()} of {w.size()}")
        if not isinstance(w, QLabel) and w.height() < w.minimumSizeHint().height():
            found.append(f"{name} squashed: {w.height()} < {w.minimumSizeHint().height()} px")
        if isinstance(w, QPushButton):
            found += button_misfits(w, name, touch)
        if isinstance(w, QAbstractScrollArea) and w.horizontalScrollBar().isVisible():
            found.append(f"{name} scrolls sideways")
        if isinstance(w, QLabel):
            if w.wordWrap() and w.height() < w.heightForWidth(w.width()):
                found.append(f"{name} cut: {w.height()} < {w.heightForWidth(w.width())} px")
            elif not w.wordWrap() and w.width() < w.minimumSizeHint().width():
                found.append(f"{name} cut: {w.width()} < {w.minimumSizeHint().width()} px")
    rects = [(w, _rect(w, screen)) for w in leaves]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if ra.intersects(rb):
                found.append(f"{type(a).__name__} {getattr(a, 'text', lambda: '')()[:30]!r} "
                             f"and {type(b).__name__} {getattr(b, 'text', lambda: '')()[:30]!r}"
                             " overlap")
    return found


def assert_fits(screen: ChangeoverScreen, say_in, what: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    """The screen as it is now fits in every language and size; each is saved to look at."""
    failures = []
    for code in LANGUAGES:
        say_in(code)
        QApplication.processEvents()
        for width, height in SIZES:
            found = misfits(screen, width, height)
            screen.grab().save(str(shots / f"changeover_{what}_{code}_{width}.png"))
            failures += [f"{what} {code} {width}: {f}" for f in found]
    say_in("en")
    QApplication.processEvents()
    assert failures == []


def test_every_page_of_the_changeover_fits_a_1024_panel_in_every_language(
        qtbot, touch_theme: None, speak, line, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    runtime, screen = line
    shots = Path(os.environ.get("LINESIDE_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    store, db = runtime.recipes, runtime.plant_db.engine
    # An interrupted changeover (its process died) and the trial mode: both banners show.
    version = store.effective("NMC811-CATHODE")
    journal = ChangeoverJournal(db)
    co_id = journal.create(version.recipe_id, version.version, version.content_hash, "LOT-0003",
                           False, "otto", [(p.tag, p.setpoint) for p in version.parameters])
    with db.begin() as conn:
        conn.exec_driver_sql("UPDATE changeovers SET owner = ? WHERE id = ?",
                             (f"{socket.gethostname()}:999999", co_id))
    store.edit(version.recipe_id, version.version, version.content, "ed")  # a Draft v2
    screen._gate.session.login("otto", PASSWORDS["otto"])
    screen.trial_button.setChecked(True)
    qtbot.waitUntil(lambda: screen.resume_button.isVisibleTo(screen)
                    and screen.version_list.count() == 1
                    and "v2" in screen.version_list.item(0).text(), timeout=10_000)
    assert_fits(screen, speak, "choose_interrupted", shots)
    # Rolled back: the download page says why it stopped
    screen.recover(resume=False)
    # (never downloaded, it ends refused, with the reason)
    qtbot.waitUntil(lambda: state(screen) is St.REFUSED, timeout=20_000)
    assert_fits(screen, speak, "rolled_back", shots)
    # A new changeover: the trial's version, its banner, the lot typed on the keyboard.
    screen.wizard.show_step(0)
    assert_fits(screen, speak, "choose", shots)
    speak("zh_CN")  # the version's line is said again in the new language, still chosen
    QApplication.processEvents()
    assert "个参数" in screen.version_list.item(0).text()
    assert screen.version_list.currentRow() == 0
    speak("en")
    screen.choose_page.keyboard_button.setChecked(True)
    assert not screen.version_list.isVisibleTo(screen) and not _steps_shown(screen)
    assert_fits(screen, speak, "choose_keyboard", shots)
    # The trial: downloaded and verified, checked, signed, released with its lot held.
    screen.lot_edit.setText("TRIAL-0007")
    screen.start()
    qtbot.waitUntil(lambda: state(screen) is St.VERIFIED, timeout=20_000)
    # The next step put the keyboard away and the steps back.
    assert not screen.choose_page.keyboard_button.isChecked() and _steps_shown(screen)
    assert screen.param_table.rowCount() == 11
    assert_fits(screen, speak, "download", shots)
    screen.run_checks()
    qtbot.waitUntil(lambda: screen.record is not None and sum(
        c.status == "passed" for c in screen.record.checks) == 2, timeout=20_000)
    screen.check_list.setCurrentRow(2)
    screen.wizard.show_step(2)
    screen.checklist_page.keyboard_button.setChecked(True)
    assert_fits(screen, speak, "checklist_keyboard", shots)
    screen.checklist_page.keyboard_button.setChecked(False)
    screen.note_edit.setText("roll AL15-0042 scanned")
    screen.confirm_selected()
    qtbot.waitUntil(lambda: state(screen) is St.CHECKED, timeout=5000)
    screen.wizard.show_step(2)
    assert_fits(screen, speak, "checklist", shots)
    sign_as(qtbot, screen, Meaning.PERFORMED, "otto")
    qtbot.waitUntil(lambda: screen.performed is not None, timeout=5000)
    screen.signature_dialog.close()
    screen.wizard.show_step(3)
    assert_fits(screen, speak, "sign", shots)
    sign_as(qtbot, screen, Meaning.VERIFIED, "lena")
    qtbot.waitUntil(lambda: state(screen) is St.RELEASED, timeout=5000)
    qtbot.waitUntil(lambda: screen.result.release_lot_button.isVisibleTo(screen), timeout=5000)
    assert_fits(screen, speak, "released_held", shots)
    # The steps' details and the outcome are said again in the language switched to.
    speak("de")
    QApplication.processEvents()
    assert "Parameter gleich zurückgelesen" in screen.wizard.step_text(1)
    assert "PROBELAUF" in screen.result_label.text()
    speak("en")


def _steps_shown(screen: ChangeoverScreen) -> bool:
    return all(screen.wizard.findChild(QLabel, "step") is not None and label.isVisibleTo(screen)
               for label in screen.wizard.findChildren(QLabel, "step"))
