"""The signature dialog fits a 1024 x 768 touch panel with its keyboard up, in English, German
and Chinese at touch sizes (`lineside run --touch`): it asks for no more than the panel, no
button is narrower than its text or lower than a touch target, nothing lies outside it; the
keyboard goes away and comes back on its toggle; the keyboard's word keys follow a language
switch. Real widgets, the real catalogues and theme, offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from tests.fits import button_misfits, language_switch, sized
from widgets.signature_dialog import SignatureDialog
from widgets.theme import TouchMetrics, metrics
from widgets.touch_keyboard import TouchKeyboard

PANEL = (1024, 768)
TITLE_BAR = 40  # a window manager's title bar over the dialog, when there is one
RECORD = "Changeover NMC811-coat v4, lot LOT-2026-0042 on coater and calender (trial)"
KEYS = {"en": ("⇧ Shift", "Space"), "de": ("⇧ Umschalt", "Leertaste"),
        "zh_CN": None}  # zh_CN: whatever the catalogue says, as long as it is not English


@pytest.fixture
def touch(qapp) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The app at touch sizes; yields switch(code), the language with its LanguageChange
    events (posted, not sent) processed. Sizes and English again after the test."""
    with sized(qapp, TouchMetrics.touch()), \
            language_switch(qapp, QApplication.processEvents) as to:
        yield to


def misfits(dialog: SignatureDialog) -> list[str]:
    QApplication.processEvents()
    found = []
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    if hint.width() > PANEL[0] or hint.height() > PANEL[1] - TITLE_BAR:
        found.append(f"asks {hint.width()} x {hint.height()} px, the panel gives "
                     f"{PANEL[0]} x {PANEL[1] - TITLE_BAR}")
    dialog.resize(hint)
    QApplication.processEvents()
    inside = dialog.rect()
    touch = metrics().button_px(dialog)
    for w in dialog.findChildren(QWidget):
        if not w.isVisibleTo(dialog) or not isinstance(w, QPushButton | QLineEdit | QLabel):
            continue
        name = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()[:30]!r}"
        rect = QRect(w.mapTo(dialog, w.rect().topLeft()), w.size())
        if not inside.contains(rect):
            found.append(f"{name} outside the dialog: {rect} of {inside}")
        if isinstance(w, QPushButton):
            found += button_misfits(w, name, touch)
    return found


@pytest.mark.parametrize("language", ["en", "de", "zh_CN"])
def test_the_dialog_with_its_keyboard_fits_a_768_px_panel(
        qtbot, touch, language: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    touch(language)
    dialog = SignatureDialog(meaning="approved", record=RECORD, record_hash="9f2c" * 16,
                             user_id="qa.lee")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keyboard is not None and dialog.keyboard.isVisible()
    assert misfits(dialog) == []
    assert dialog.sizeHint().height() <= PANEL[1] - TITLE_BAR
    shots = os.environ.get("LINESIDE_SHOTS")
    image = dialog.grab()
    assert image.save(str(tmp_path / f"signature_{language}.png"))
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(shots) / f"signature_{language}.png"))
    # Away: the meaning title comes back and the dialog is smaller; back: it fits again.
    with_keyboard = dialog.sizeHint().height()
    assert dialog.keyboard_button is not None
    dialog.keyboard_button.click()
    QApplication.processEvents()
    assert not dialog.keyboard.isVisible() and dialog.meaning_label.isVisible()
    assert dialog.sizeHint().height() < with_keyboard
    assert misfits(dialog) == []
    dialog.keyboard_button.click()
    assert dialog.keyboard.isVisible() and not dialog.meaning_label.isVisible()
    assert misfits(dialog) == []
    if language != "en":  # said in the language, not left in English
        assert dialog.keyboard_button.text() != "⌨ Keyboard"


def test_a_dialog_without_the_keyboard_keeps_its_meaning_title(qtbot, touch) -> None:  # type: ignore[no-untyped-def]
    dialog = SignatureDialog(meaning="approved", record=RECORD, record_hash="9f2c" * 16,
                             keyboard=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keyboard is None and dialog.keyboard_button is None
    assert dialog.meaning_label.isVisible()
    assert misfits(dialog) == []


def test_the_keyboards_word_keys_follow_a_language_switch(qtbot, touch) -> None:  # type: ignore[no-untyped-def]
    keyboard = TouchKeyboard()  # built in English, then the language switches
    qtbot.addWidget(keyboard)
    words = {}
    for code in ("de", "zh_CN", "en"):
        touch(code)
        words[code] = (keyboard.buttons["shift"].text(), keyboard.buttons["space"].text())
    assert words["de"] == KEYS["de"] and words["en"] == KEYS["en"]
    assert all(w not in KEYS["en"] for w in words["zh_CN"])
    # Shift still capitalises the letter keys after the switch, and the word stays.
    keyboard.press("shift")
    assert keyboard.buttons["a"].text() == "A" and keyboard.buttons["shift"].text() == "⇧ Shift"
