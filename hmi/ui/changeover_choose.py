"""The changeover wizard's first page: an interrupted changeover to resume or roll back, the
recipe versions that may run (Effective, or Draft/Approved for a trial), the lot id and Start.

The page only shows and collects; the screen (changeover_screen) loads the lists, starts the
engine and wires the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.ui.changeover_words import state_word
from hmi.ui.user_text_qt import show
from recipes import RecipeStatus, RecipeStore, RecipeVersion
from recipes.changeover import ChangeoverJournal, ChangeoverRecord, ChangeoverState
from recipes.changeover.journal import owner_alive
from recipes.lifecycle import TRIAL_RUNNABLE
from widgets.flow_layout import FlowLayout
from widgets.retranslating import Retranslating
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

CachedAt = Callable[[RecipeVersion], datetime | None]


class ChangeoverChoosePage(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interrupted: ChangeoverRecord | None = None
        self.trial_mode = False
        self._shown: tuple[list[RecipeVersion], CachedAt | None] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)  # the wizard has its margins
        touch = metrics().button_px(self)
        # A changeover cut short (power, crash, kill) comes first: the PLC may hold part of
        # a recipe, and only a person decides to finish it or put the old values back.
        self.interrupted_label = QLabel()
        self.interrupted_label.setWordWrap(True)
        self.interrupted_label.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.interrupted_label)
        self.resume_button = QPushButton()
        self.rollback_button = QPushButton()
        # The rows of buttons wrap (FlowLayout): a 1024 px panel in German is too narrow
        # for some of them side by side, and a cut or sideways-scrolling button is worse.
        recovery = FlowLayout(spacing=metrics().gap_px(self))
        for button in (self.resume_button, self.rollback_button):
            recovery.addWidget(button, 1)
        outer.addLayout(recovery)
        # A new changeover; it gives way to an interrupted one, which is decided first
        # (and a 768 px panel has no room for both).
        self.new_part = QWidget()
        box = QVBoxLayout(self.new_part)
        box.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.new_part, 1)
        outer.addStretch(0)  # under the interrupted one alone, the spare height
        # What to run; it gives way to the keyboard while the lot id is typed.
        self.choice_part = QWidget()
        choice = QVBoxLayout(self.choice_part)
        choice.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.choice_part, 1)
        self.versions_label = QLabel()
        self.versions_label.setWordWrap(True)
        choice.addWidget(self.versions_label)
        # Trial mode: a Draft or Approved version on the line to try it, never unnoticed:
        # a banner says so all through the changeover, and its lot is held.
        self.trial_button = QPushButton()
        self.trial_button.setCheckable(True)
        # The released changeover running now (after a restart too): its variances, and
        # its lot's hold for QA to release.
        self.active_button = QPushButton()
        self.active_button.hide()
        modes = FlowLayout(spacing=metrics().gap_px(self))
        modes.addWidget(self.trial_button, 1)
        modes.addWidget(self.active_button, 1)
        choice.addLayout(modes)
        self.trial_banner = QLabel()
        self.trial_banner.setObjectName("lostBanner")  # the header's abnormal-banner style
        self.trial_banner.setWordWrap(True)
        self.trial_banner.hide()
        choice.addWidget(self.trial_banner)
        self.version_list = QListWidget()
        self.version_list.setWordWrap(True)  # a long line wraps, never scrolls sideways
        self.version_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for two touch-high lines; the rest scrolls (a panel is 768 px high).
        self.version_list.setMinimumHeight(touch * 2)
        self.version_list.setStyleSheet(f"QListWidget::item {{ min-height: {touch}px; }}")
        choice.addWidget(self.version_list, 1)
        self.start_button = QPushButton()
        self.lot_edit, self.lot_label, self.keyboard_button, self.keyboard = text_entry(
            self.new_part, box, self.start_button, hides=[self.choice_part])
        for button in (self.resume_button, self.rollback_button, self.trial_button,
                       self.active_button, self.start_button):
            button.setMinimumHeight(touch)
        self.retranslate()

    def retranslate(self) -> None:
        self.resume_button.setText(self.tr("Resume it"))
        self.rollback_button.setText(self.tr("Roll it back"))
        self.trial_button.setText(self.tr("Trial run (lot held)"))
        self.trial_banner.setText(self.tr(
            "⚠ TRIAL: not an Effective recipe version. The lot of this changeover is held "
            "until QA releases it."))
        self.active_button.setText(self.tr("Active changeover: variances and lot hold"))
        self.start_button.setText(self.tr("Start changeover"))
        self.lot_label.setText(self.tr("Lot id"))
        self.keyboard_button.setText(self.tr("⌨ Keyboard"))
        self.show_versions_title(self.trial_mode)
        self.show_interrupted(self.interrupted)
        if self._shown is not None:  # the lines again, in the new language (same choice)
            row = self.version_list.currentRow()
            self.show_versions(*self._shown)
            if 0 <= row < self.version_list.count():
                self.version_list.setCurrentRow(row)

    def show_versions_title(self, trial: bool) -> None:
        self.trial_mode = trial
        self.versions_label.setText(
            self.tr("Draft and Approved versions, for a trial:") if trial else
            self.tr("Effective recipe versions (only these run in production):"))

    def show_versions(self, versions: list[RecipeVersion], cached_at: CachedAt | None) -> None:
        """One line per version (the first chosen), or what to do when there is none."""
        self._shown = (versions, cached_at)
        self.version_list.clear()
        for v in versions:
            text = self.tr("{0} v{1} ({2}, {3}; %n parameter(s))", "",
                           len(v.parameters)).format(
                v.recipe_id, v.version, v.header.product, v.header.station_group)
            cached = cached_at(v) if cached_at is not None else None
            if cached is not None:  # the plant database is away: say whose word this is
                text = self.tr("{0}: cached at {1} (plant database offline)").format(
                    text, f"{cached.astimezone():%H:%M}")
            self.version_list.addItem(text)
        if versions:
            self.version_list.setCurrentRow(0)
        else:  # say what to do, in the list where the operator looks
            self.version_list.addItem(self.tr(
                "No Effective recipe version yet: an engineer imports and submits one, QA "
                "approves and releases it on the Recipes screen."))

    def active_text(self, record: ChangeoverRecord) -> str:
        """The released changeover running now, as the result page heads it."""
        # Whole sentences per case: a language orders its own words (no glued fragments).
        what = (record.recipe_id, record.version, record.lot_id)
        if record.finished_at is None:
            return (self.tr("Active: {0} v{1}, lot {2} (TRIAL)") if record.trial else
                    self.tr("Active: {0} v{1}, lot {2}")).format(*what)
        return (self.tr("Active: {0} v{1}, lot {2}, released {3} (TRIAL)") if record.trial
                else self.tr("Active: {0} v{1}, lot {2}, released {3}")).format(
            *what, f"{record.finished_at:%d %b %H:%M}")

    def show_interrupted(self, first: ChangeoverRecord | None) -> None:
        """The first interrupted changeover with its resume and roll-back buttons, or none."""
        self.interrupted = first
        if first is not None:
            self.interrupted_label.setText(self.tr(
                "⚠ Interrupted changeover: {0} v{1}, lot {2}, stopped at '{3}' ({4}). {5}"
            ).format(first.recipe_id, first.version, first.lot_id, state_word(first.state),
                     f"{first.started_at:%d %b %H:%M}", show(first.plc_holds_said())))
        for widget in (self.interrupted_label, self.resume_button, self.rollback_button):
            widget.setVisible(first is not None)
        self.new_part.setVisible(first is None)


def runnable_versions(store: RecipeStore, trial: bool) -> list[RecipeVersion]:
    """What may run: each recipe's Effective version, or for a trial the Draft and Approved
    ones (worker thread)."""
    if not trial:
        return [store.get(s.header.recipe_id, s.effective_version)
                for s in store.list_recipes() if s.effective_version]
    return [v for s in store.list_recipes() for v in store.versions(s.header.recipe_id)
            if v.status in TRIAL_RUNNABLE and v.status is not RecipeStatus.EFFECTIVE]


def newest_released(journal: ChangeoverJournal) -> ChangeoverRecord | None:
    """The released changeover running now, if any (worker thread)."""
    released = next((co_id for co_id, st, _ in journal.latest(50)
                      if st is ChangeoverState.RELEASED), None)
    return journal.load(released) if released is not None else None


def interrupted_changeovers(journal: ChangeoverJournal) -> list[ChangeoverRecord]:
    """Unfinished changeovers whose owning process is gone (worker thread)."""
    return [r for r in journal.unfinished() if not owner_alive(r.owner)]


def text_entry(page: QWidget, box: QVBoxLayout, button: QPushButton,
               hides: list[QWidget]) -> tuple[QLineEdit, QLabel, QPushButton, TouchKeyboard]:
    """A labelled text field with a keyboard toggle and its button beside it (a row that
    wraps when narrow), and the touch keyboard (no hardware keyboard at the panel) under
    it, shown on demand: a 768 px panel has no room for it and the page's list at once, so
    `hides` give way while it is up (as on the lineage screen), and the wizard's step list
    too (the screen, on the toggle's signal): ten 15 mm keys need the page's whole width.
    Returns the field, its label, the toggle and the keyboard; the caller sets the words."""
    gap = metrics().gap_px(page)
    row = FlowLayout(spacing=gap)
    label = QLabel()
    edit = QLineEdit()
    edit.setMinimumHeight(metrics().button_px(page))
    edit.setMinimumWidth(metrics().button_px(page) * 3)  # a lot id or a short note, whole
    toggle = QPushButton()
    toggle.setCheckable(True)
    toggle.setMinimumHeight(metrics().button_px(page))
    row.addWidget(label)
    row.addWidget(edit, 1)
    row.addWidget(toggle)
    row.addWidget(button)
    box.addLayout(row)
    keyboard = TouchKeyboard(page)
    keyboard.attach(edit)
    keyboard.hide()
    box.addWidget(keyboard)

    def toggled(on: bool) -> None:
        keyboard.setVisible(on)
        for widget in hides:
            widget.setVisible(not on)
        # Qt re-measures a layout for a child hidden or shown while the page itself is off
        # screen (the wizard moved on) only when told; else the page keeps asking for the
        # keyboard's width.
        box.invalidate()
        page.updateGeometry()
        if on:
            edit.setFocus()

    toggle.toggled.connect(toggled)
    return edit, label, toggle, keyboard
