"""The changeover's result page: the outcome, the lot's holds with QA's release, and the
variance log of the released changeover while it is the active one of its stations.

A trial changeover's lot is held from its release (hmi.production); QA releases it here
with an electronic signature (touch-first: the signature dialog brings its own keyboard).
Variances (a recipe parameter changed at the PLC after release, with who and when) are
re-read every few seconds while the page is on screen. Database calls run on the screen's
worker thread; this page only fills its widgets with the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QWidget

from hmi.production.holds import LotHold, LotHoldStore
from hmi.production.variance import variance_lines
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import said_meaning, settle_dialog, show
from hmi.ui.wizard_page import page_column, touch_button, wrapped_label
from recipes import RecipeStore
from recipes.changeover import ChangeoverJournal, ChangeoverRecord, ChangeoverState
from widgets.signature_dialog import SignatureDialog

Run = Callable[[Callable[[], object], Callable[[object], None]], None]
RELOAD_MS = 3000


@dataclass(frozen=True, slots=True)
class _Loaded:
    co_id: str
    holds: tuple[LotHold, ...]
    release_hash: str
    variances: tuple[str, ...]


class ChangeoverResult(QWidget):
    def __init__(self, run: Run, say: Callable[[str], None], gate: SecurityGate,
                 store: RecipeStore, journal: ChangeoverJournal,
                 holds: LotHoldStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run, self._say, self._gate = run, say, gate
        self._store, self._journal, self._holds = store, journal, holds
        self.record: ChangeoverRecord | None = None
        self.loaded: _Loaded | None = None
        self.signature_dialog: SignatureDialog | None = None
        box = page_column(self)
        self.result_label = wrapped_label(box)
        self.hold_label = wrapped_label(box)
        self.hold_label.setObjectName("lostBanner")  # the abnormal-banner style: a held lot
        self.release_lot_button = touch_button(self, box,
                                               self.tr("QA: release the lot from hold…"))
        self.release_lot_button.clicked.connect(self.release_lot)
        self.variance_title = wrapped_label(box)  # a 1024 px panel in German: two lines
        self.variance_list = QListWidget()
        self.variance_list.setWordWrap(True)  # who changed what: wrapped, never sideways
        self.variance_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.addWidget(self.variance_list, 1)
        for widget in (self.hold_label, self.release_lot_button):
            widget.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(RELOAD_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def changeEvent(self, event: QEvent) -> None:
        # Holds and variances are re-read every few seconds, in the language of the moment.
        if event.type() == QEvent.Type.LanguageChange:
            self.release_lot_button.setText(self.tr("QA: release the lot from hold…"))
            if self.loaded is not None:
                self._on_loaded(self.loaded)
        super().changeEvent(event)

    def show_record(self, record: ChangeoverRecord, text: str) -> None:
        """The outcome line now; holds and variances once the worker has read them."""
        self.record = record
        self.result_label.setText(text)
        self.reload()

    def reload(self) -> None:
        record, holds, journal, store = self.record, self._holds, self._journal, self._store
        if record is None or record.state is not ChangeoverState.RELEASED:
            return

        def load() -> _Loaded:
            held = tuple(holds.of_lot(record.lot_id)) if holds is not None else ()
            digest = holds.release_hash(record.lot_id) if holds is not None else ""
            return _Loaded(record.id, held, digest,
                           tuple(variance_lines(journal, store, record.id)))

        self._run(load, self._on_loaded)

    def _on_timer_timeout(self) -> None:
        if self.isVisible():
            self.reload()

    def _on_loaded(self, result: object) -> None:
        if isinstance(result, Exception):
            self._say(f"✗ {show(result)}")
            return
        assert isinstance(result, _Loaded)
        self.loaded = result
        open_holds = [h for h in result.holds if h.active]
        released = [h for h in result.holds if not h.active]
        lines = [self.tr("⚠ HELD: {0}").format(self.hold_line(h)) for h in open_holds]
        lines += [f"✓ {self.hold_line(h)}" for h in released]
        self.hold_label.setText("\n".join(lines))
        self.hold_label.setObjectName("lostBanner" if open_holds else "")
        self.hold_label.setVisible(bool(lines))
        self.release_lot_button.setVisible(bool(open_holds))
        self.variance_title.setText(
            self.tr("Variance monitoring: %n change(s) at the PLC since release", "",
                    len(result.variances))
            if result.variances else
            self.tr("Variance monitoring: every parameter still at its downloaded value"))
        self.variance_list.clear()
        self.variance_list.addItems(list(result.variances))

    def release_lot(self) -> SignatureDialog | None:
        """QA signs the lot's release (re-entering the password); all its holds end."""
        record, loaded, holds = self.record, self.loaded, self._holds
        if record is None or loaded is None or holds is None or not any(
                h.active for h in loaded.holds):
            return None
        user = self._gate.user()
        dialog = SignatureDialog(
            self, meaning=said_meaning("released"),
            record=self.tr("Lot {0}: release from hold (%n hold(s))", "",
                           sum(h.active for h in loaded.holds)).format(record.lot_id),
            record_hash=loaded.release_hash, user_id=user.username if user else "")
        host = self._gate.client_host

        def signed(username: str, password: str, reason: str) -> None:
            def settle(result: object) -> None:
                settle_dialog(dialog, result)
                if not isinstance(result, Exception):
                    self._say(self.tr("Lot {0} released from hold by {1}.").format(
                        record.lot_id, username))
                    self.reload()

            self._run(lambda: holds.release(record.lot_id, username, password, reason,
                                            client_host=host), settle)

        dialog.sign_requested.connect(signed)
        dialog.open()
        self.signature_dialog = dialog
        return dialog

    def hold_line(self, hold: LotHold) -> str:
        """LotHold.describe() in the operator's language (the reasons are as recorded)."""
        where = ", ".join(hold.stations) or self.tr("all stations")
        placed = self.tr("lot {0} held at {1} since {2} UTC by {3}: {4}").format(
            hold.lot_id, where, f"{hold.placed_at:%Y-%m-%d %H:%M}", hold.placed_by, hold.reason)
        if hold.released_at is None:
            return placed
        return self.tr("{0}; released by {1} at {2} UTC: {3}").format(
            placed, hold.released_by, f"{hold.released_at:%Y-%m-%d %H:%M}", hold.release_reason)

    def stop(self) -> None:
        self._timer.stop()
