"""ConflictView: what the plant database found when this HMI's offline records came back
(a changeover that ran on a version another HMI obsoleted meanwhile), for a person to
resolve by signing a decision. Nothing here resolves anything by itself.

It shows the open conflicts of the whole plant database (any HMI's: the person who
decides may stand at any line); `resolve` signs (password again, the permission to
release) and records the decision with its audit entry (hmi.forward.conflicts). Database
calls run on the screen's worker, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from hmi.forward.conflicts import Conflict
from hmi.ui.user_text_qt import settle_dialog
from hmi.ui.worker import WorkerScreen
from widgets.signature_dialog import SignatureDialog
from widgets.theme import metrics

Load = Callable[[], list[Conflict]]
Resolve = Callable[[str, str, str, str], object]  # key, user, password, decision


class ConflictView(WorkerScreen):
    conflicts_loaded = Signal(int)  # how many are open
    conflict_resolved = Signal(str)  # the key

    def __init__(self, load: Load, resolve: Resolve, user_id: Callable[[], str] = str) -> None:
        """`load` and `resolve` block (they ask the plant database): they run on the
        worker. `user_id`: who is signed in at the panel, to pre-fill the signature."""
        super().__init__("conflicts")
        self._load, self._resolve, self._user_id = load, resolve, user_id
        self.conflicts: list[Conflict] = []
        self.signature_dialog: SignatureDialog | None = None
        box = QVBoxLayout(self)
        self.title_label = QLabel(self.tr(
            "Records forwarded after the plant database was offline that need a decision"))
        self.title_label.setWordWrap(True)
        box.addWidget(self.title_label)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        box.addWidget(self.list, 1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        box.addWidget(self.status_label)
        self.resolve_button = QPushButton(self.tr("Resolve with a signature…"))
        self.resolve_button.setMinimumHeight(metrics().button_px(self))
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self._on_resolve_button_clicked)
        box.addWidget(self.resolve_button)
        self.list.currentRowChanged.connect(self._on_list_row_changed)

    def refresh(self) -> None:
        self._run(self._load, self._on_loaded)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: fresh when looked at
        super().showEvent(event)
        self.refresh()

    def _on_loaded(self, result: object) -> None:
        if isinstance(result, Exception):  # the plant database away: say so, keep the list
            self.status_label.setText(self.tr("Cannot read the conflicts: {0}").format(result))
            return
        assert isinstance(result, list)
        self.conflicts = result
        self.list.clear()
        for conflict in result:
            item = QListWidgetItem(self.tr("{0} (from {1})").format(conflict.what, conflict.hmi))
            item.setToolTip(conflict.key)
            self.list.addItem(item)
        self.status_label.setText(self.tr("%n conflict(s) to review.", "", len(result))
                                  if result else self.tr("No conflicts to review."))
        if result:
            self.list.setCurrentRow(0)
        self.resolve_button.setEnabled(bool(result))
        self.conflicts_loaded.emit(len(result))

    def _on_list_row_changed(self, row: int) -> None:
        self.resolve_button.setEnabled(0 <= row < len(self.conflicts))

    def _on_resolve_button_clicked(self) -> None:
        self.resolve(self.list.currentRow())

    def resolve(self, row: int) -> SignatureDialog | None:
        """Ask for the decision and a signature for the conflict in `row`."""
        if not 0 <= row < len(self.conflicts):
            return None
        conflict = self.conflicts[row]
        dialog = SignatureDialog(self, meaning=self.tr("decision on a conflict"),
                                 record=conflict.what, record_hash=conflict.record_hash,
                                 user_id=self._user_id())
        dialog.reason_edit.setPlaceholderText(self.tr("What was decided, e.g. lot re-tested"))

        def signed(username: str, password: str, decision: str) -> None:
            def settle(result: object) -> None:
                settle_dialog(dialog, result)  # a refusal in the operator's language
                if not isinstance(result, Exception):
                    self.conflict_resolved.emit(conflict.key)
                    self.refresh()

            self._run(lambda: self._resolve(conflict.key, username, password, decision),
                      settle)

        dialog.sign_requested.connect(signed)
        dialog.open()
        self.signature_dialog = dialog
        return dialog
