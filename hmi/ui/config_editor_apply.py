"""The line config editor's Save and Save-and-apply: why an apply is refused, the save (a
backup first; a refused text only as a draft), the apply through hmi.reconfigure as the
signed-in user, and what the status line says after.

A mixin of ConfigEditorScreen (hmi.ui.config_editor_screen), which lays out the editor and
checks the text as it is typed. Its words keep the screen's translation context
("ConfigEditorScreen"): the catalogues hold them there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from hmi.commission.config_edit import Checked, Saved, SaveRefused, save_text
from hmi.config.diff import ConfigDiff
from hmi.reconfigure import AppliedConfig, ApplyRefused, apply_config
from hmi.ui.admin_widgets import StatusLine
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.code_editor import CodeEditor

if TYPE_CHECKING:
    from hmi.app import LineRuntime

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


class ConfigSaveApply:
    """What ConfigEditorScreen's Save and Save-and-apply do; the screen provides the state
    named here."""

    if TYPE_CHECKING:  # the screen's, set in its __init__ and _build
        said: Signal
        status: StatusLine
        editor: CodeEditor
        save_button: QPushButton
        last_check: Checked | None
        diff: ConfigDiff | None
        _path: Path | None
        _runtime: LineRuntime | None
        _gate: Gate | None
        _acting_user: Callable[[], str] | None
        _client_host: str
        _busy: bool
        _generation: int
        _checked_generation: int
        _debounce: QTimer
        _worker: Worker

        def check_now(self) -> None: ...
        def _enable(self) -> None: ...

    # ---- save and apply ----------------------------------------------------------------
    def save(self) -> None:
        self._save(then_apply=False)

    def apply(self) -> None:
        """Save, then apply to the running line (refused with the reason when it cannot)."""
        refusal = self._apply_refusal()
        if refusal:
            self.status.show_refusal(refusal)
            return
        self._save(then_apply=True)

    def _apply_refusal(self) -> str | None:
        if self._runtime is None:
            return translate("ConfigEditorScreen",
                             "apply refused: this editor has no running line to apply to")
        gate_refusal = workbench_refusal(
            self._gate, translate("ConfigEditorScreen", "apply a line config"))
        if gate_refusal:
            return gate_refusal
        if (self._debounce.isActive() or self.last_check is None
                or self._checked_generation != self._generation):
            return translate("ConfigEditorScreen", "apply refused: the check of your last "
                             "edit is still running; try again")
        if not self.last_check.ok:
            first = self.last_check.issues[0]
            return translate("ConfigEditorScreen", "apply refused: the checker refuses this "
                             "config ({0}); fix the problems listed first").format(first)
        if self.diff is not None and self.diff.empty:
            return translate("ConfigEditorScreen",
                             "apply refused: nothing to apply, the config is the one running")
        return None

    def _save(self, *, then_apply: bool) -> None:
        if self._path is None:
            self.status.show_refusal(translate("ConfigEditorScreen", "open a config file first"))
            return
        refusal = workbench_refusal(
            self._gate, translate("ConfigEditorScreen", "save a line config"))
        if refusal:
            self.status.show_refusal(refusal)
            return
        path, text = self._path, self.editor.toPlainText()
        runtime = self._runtime
        who = self._who()
        config = self.last_check.config if self.last_check else None

        def work() -> tuple[Saved, AppliedConfig | None]:
            saved = save_text(path, text)
            if not then_apply or saved.draft or runtime is None or config is None:
                return saved, None
            return saved, apply_config(
                runtime, config, username=who[0], full_name=who[1], role=who[2],
                audit=runtime.security.audit if runtime.security else None,
                source=str(path), client_host=self._client_host)

        self._busy = True
        self._enable()
        self.status.show_note(translate("ConfigEditorScreen", "applying…") if then_apply
                              else translate("ConfigEditorScreen", "saving…"))
        self._worker.run(work, self._on_saved)

    def _on_saved(self, result: object) -> None:
        self._busy = False
        self._enable()
        if isinstance(result, (SaveRefused, ApplyRefused)):
            self.status.show_refusal(str(result))
            return
        if isinstance(result, Exception):
            self.status.show_refusal(
                translate("ConfigEditorScreen", "not done: {0}").format(result))
            return
        assert isinstance(result, tuple)
        saved, applied = result
        if saved.draft:
            self.status.show_refusal(translate(
                "ConfigEditorScreen", "saved as draft {0}: the checker refuses the text, so {1} "
                "is unchanged").format(saved.path.name, self._path.name if self._path
                                       else translate("ConfigEditorScreen", "the config")))
            return
        self.editor.document().setModified(False)
        backup = (" " + translate("ConfigEditorScreen", "(previous version: {0})").format(
            saved.backup.name) if saved.backup else "")
        if applied is None:
            self.status.show_ok(
                translate("ConfigEditorScreen", "saved {0}").format(saved.path.name) + backup)
        else:
            kept = ", ".join(applied.kept) or translate("ConfigEditorScreen", "none")
            self.status.show_ok(translate(
                "ConfigEditorScreen", "applied: {0}; kept running: {1}").format(
                    applied.diff.summary(), kept) + backup)
        self.said.emit(self.status.text())
        self.check_now()  # the running config changed: the diff is empty now

    def _who(self) -> tuple[str, str, str]:
        user = self._gate.user() if self._gate is not None else None
        if user is not None:
            return user.username, user.full_name, user.grants_text
        name = self._acting_user() if self._acting_user is not None else ""
        return name or "unknown", "", ""
