"""Recipes: master recipes, their versions and the approval workflow (ISA-88, 21 CFR 11).

An engineer submits a Draft for review; QA approves it with an electronic signature (the
signer re-enters the password, sees the version's content hash, gives a reason, and may
not be its author); a release makes it Effective, the only status production runs. Each
step is checked against the signed-in user's role by the command service, refused in words
when not allowed, and written to the audit trail. Database calls run on a worker thread.
The screen's words follow a language switch; what a step did is worded on the GUI thread
(and said again after a switch); recipes' own names and values are shown as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.core.audit_event import AuditEvent
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.roles import ALL_STATIONS, Action
from hmi.security import Meaning, Signature
from hmi.ui.recipe_detail import RecipeVersionView, status_text
from hmi.ui.recipe_signing import open_signature
from hmi.ui.security_gate import SecurityGate
from hmi.ui.worker import WorkerScreen
from recipes import (
    ParameterIO,
    RecipeContent,
    RecipeStatus,
    RecipeStore,
    RecipeSummary,
    RecipeVersion,
)
from recipes.diff import diff_against_plc, teach_in
from recipes.exchange import import_files
from widgets.numeric_keypad import NumericKeypad
from widgets.retranslating import Retranslating
from widgets.signature_dialog import SignatureDialog
from widgets.theme import metrics, palette

# What a step did, worded when shown (on the GUI thread, and again after a language switch).
Said = Callable[[], str]


class RecipeScreen(Retranslating, WorkerScreen):

    def __init__(
        self,
        store: RecipeStore,
        engine: Any,
        gate: SecurityGate,
        commands: CommandService,
        import_dirs: Sequence[Path],
        parent: QWidget | None = None,
        plc: tuple[IoThread, ParameterIO] | None = None,
    ) -> None:
        """``plc``: the IoThread and the PLCs as the changeover reaches them, for comparing
        a version with what the PLCs hold and for teach-in (None: those buttons are off)."""
        super().__init__("recipes", parent)
        self._plc = plc
        self._store, self._engine, self._gate = store, engine, gate
        self._commands, self._import_dirs = commands, list(import_dirs)
        self.recipes: list[RecipeSummary] = []
        self.versions: list[RecipeVersion] = []
        self._message: Said = lambda: ""
        m = metrics()
        row_px = m.button_px(self)
        p = palette()
        # Selection in grey with a frame, not the platform's blue: colour is for alarms.
        self.setStyleSheet(
            f"QListWidget::item {{ min-height: {row_px}px; padding: 4px; }}"
            f"QListWidget::item:selected {{ background: {p.button_pressed}; color: {p.text};"
            f" border: 2px solid {p.text}; }}"
        )
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = title = QLabel()
        title.setStyleSheet("font-weight: bold; font-size: 150%;")
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_recipes)
        self.message = QLabel()
        self.message.setWordWrap(True)
        top.addWidget(title)
        top.addWidget(self.import_button)
        top.addWidget(self.message, 1)
        box.addLayout(top)
        body = QHBoxLayout()
        box.addLayout(body, 1)
        self.recipe_list = QListWidget()
        self.recipe_list.currentRowChanged.connect(self._on_recipe_list_row_changed)
        self.version_list = QListWidget()
        self.version_list.currentRowChanged.connect(self._on_version_list_row_changed)
        # Recipes over their versions in one column: the parameter table gets the width
        # (on a 1024 px panel three columns left it one column of parameters).
        lists = QVBoxLayout()
        for widget, stretch in ((self.recipe_list, 2), (self.version_list, 1)):
            widget.setMaximumWidth(m.px(70, self))
            widget.setWordWrap(True)  # "NMC811-CATHODE: v2 Entwurf, v1 gültig"
            lists.addWidget(widget, stretch)
        body.addLayout(lists, 2)
        detail = QVBoxLayout()
        body.addLayout(detail, 5)
        self.version_view = RecipeVersionView()
        view = self.version_view
        self.detail_label, self.table, self.diff_label = (
            view.detail_label, view.table, view.diff_label)
        # Two rows of three under the whole screen: one row of six, in German, is wider than
        # a 1024 px panel beside the side bar.
        actions = QGridLayout()
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.compare_with_plc)
        self.teach_button = QPushButton()
        self.teach_button.clicked.connect(self.teach_in)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_setpoint)
        self.submit_button = QPushButton()
        self.approve_button = QPushButton()
        self.effective_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        self.approve_button.clicked.connect(self.approve)
        self.effective_button.clicked.connect(self.make_effective)
        for index, button in enumerate((self.compare_button, self.teach_button,
                                        self.edit_button, self.submit_button,
                                        self.approve_button, self.effective_button)):
            button.setMinimumHeight(row_px)
            actions.addWidget(button, index // 3, index % 3)
        actions.setColumnStretch(3, 1)  # a wide screen keeps them together, on the left
        detail.addWidget(view, 1)
        box.addLayout(actions)
        self._show_actions(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Recipes"))
        self.import_button.setText(self.tr("Import recipe files"))
        self.compare_button.setText(self.tr("Compare with the PLCs"))
        self.teach_button.setText(self.tr("Teach in (new draft)"))
        self.edit_button.setText(self.tr("Change setpoint…"))
        self.submit_button.setText(self.tr("Submit for review"))
        self.approve_button.setText(self.tr("Approve (sign)…"))
        self.effective_button.setText(self.tr("Release (sign)…"))
        self._list_recipes()
        self._list_versions()
        self.message.setText(self._message())

    # -- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._run(self._store.list_recipes, self._on_recipes_loaded)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    def selected(self) -> RecipeVersion | None:
        row = self.version_list.currentRow()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def _on_recipes_loaded(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        keep = self.recipe_list.currentRow()
        self.recipes = result
        self.recipe_list.clear()
        for _ in result:
            self.recipe_list.addItem("")
        self._list_recipes()
        if result:
            self.recipe_list.setCurrentRow(min(max(keep, 0), len(result) - 1))
        else:
            self._show_message(lambda: self.tr(
                "No recipes yet: import recipe files (from {0}).").format(self._dirs()))

    def _list_recipes(self) -> None:
        """The recipe list's words (rows already there: a retranslate keeps the selection)."""
        for row, summary in enumerate(self.recipes):
            template = (self.tr("{0}: v{1} {2}, v{3} effective") if summary.effective_version
                        else self.tr("{0}: v{1} {2}, none effective"))
            item = self.recipe_list.item(row)
            if item is not None:
                item.setText(template.format(
                    summary.header.recipe_id, summary.latest_version,
                    status_text(summary.latest_status), summary.effective_version))

    def _list_versions(self) -> None:
        for row, version in enumerate(self.versions):
            item = self.version_list.item(row)
            if item is not None:
                item.setText(f"v{version.version} {status_text(version.status)}")

    def _dirs(self) -> str:
        return ", ".join(str(d) for d in self._import_dirs)

    def _on_recipe_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.recipes):
            recipe_id = self.recipes[row].header.recipe_id
            self._run(lambda: self._store.versions(recipe_id), self._on_versions_loaded)

    def _on_versions_loaded(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.versions = sorted(result, key=lambda v: v.version, reverse=True)
        self.version_list.clear()
        for _ in self.versions:
            self.version_list.addItem("")
        self._list_versions()
        if self.versions:
            self.version_list.setCurrentRow(0)

    def _on_version_list_row_changed(self, _row: int) -> None:
        version = self.selected()
        self._show_actions(version)
        if version is not None:
            self.version_view.show_version(version, self.versions)

    def _show_actions(self, version: RecipeVersion | None) -> None:
        status = version.status if version is not None else None
        # Any version can be the start of a change: a Draft is edited, any other makes a
        # new Draft (versions in review or beyond never change).
        self.edit_button.setEnabled(version is not None)
        for button in (self.compare_button, self.teach_button):
            button.setEnabled(version is not None and self._plc is not None)
        self.submit_button.setEnabled(status is RecipeStatus.DRAFT)
        self.approve_button.setEnabled(status is RecipeStatus.IN_REVIEW)
        self.effective_button.setEnabled(status is RecipeStatus.APPROVED)

    # -- acting -----------------------------------------------------------------------------
    def import_recipes(self) -> None:
        files = sorted(p for d in self._import_dirs if d.is_dir()
                       for p in (*d.glob("*.json"), *d.glob("*.csv")))

        def work() -> Said:
            user = self._authorized(Action.RECIPE_EDIT, "recipe_import", "files",
                                    ", ".join(f.name for f in files))
            made = import_files(self._engine, files, by=user)
            names = ", ".join(f"{v.recipe_id} v{v.version}" for v in made)
            return lambda: self.tr("Imported as Drafts: {0}").format(names)

        if not files:
            self._tell(lambda: self.tr("No recipe files in {0}.").format(self._dirs()))
            return
        self._run(work, self._after_action)

    def edit_setpoint(self) -> NumericKeypad | None:
        """The keypad for the selected parameter, with its limits: a value outside them is
        refused before anything is stored (and the store checks them again)."""
        version = self.selected()
        row = self.table.currentRow()
        if version is None or not (0 <= row < len(version.parameters)):
            self._tell(lambda: "✗ " + self.tr("Touch the parameter to change in the table "
                                               "first."))
            return None
        parameter = version.parameters[row]
        old = parameter.setpoint
        keypad = NumericKeypad(
            self, tag=parameter.tag, label=parameter.name, unit=parameter.unit,
            low=parameter.low, high=parameter.high,
            old=float(old) if isinstance(old, int | float) else None,
        )
        keypad.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted(value: float) -> None:
            new = round(value) if parameter.data_type == "int" else value
            content = replace(version.content, parameters=tuple(
                replace(p, setpoint=new) if p.tag == parameter.tag else p
                for p in version.parameters))

            def work() -> Said:
                user = self._authorized(Action.RECIPE_EDIT, "recipe_edit", "recipe_version",
                                        f"{version.recipe_id}/v{version.version}")
                edited = self._store.edit(version.recipe_id, version.version, content, user)
                return lambda: (f"{edited.recipe_id} v{edited.version} "
                                f"({status_text(edited.status)}): {parameter.tag} {old} → {new}")

            self._run(work, self._after_action)

        keypad.value_accepted.connect(accepted)
        keypad.open()
        self.keypad = keypad
        return keypad

    def compare_with_plc(self) -> None:
        """What the PLCs hold now against the selected version, parameter by parameter
        (with each parameter's read-back rule), in the diff line."""
        version = self.selected()
        if version is None or self._plc is None:
            return
        io, plc = self._plc

        def shown(result: object) -> None:
            if self._refused(result):
                return
            assert isinstance(result, tuple)
            self.version_view.show_plc_diff(version, result)

        self._await(io, diff_against_plc(version.content, plc), shown)

    def teach_in(self) -> None:
        """A new Draft whose setpoints are what the PLCs hold now (refused by name when a
        value cannot be read or is outside the parameter's limits)."""
        version = self.selected()
        if version is None or self._plc is None:
            return
        io, plc = self._plc

        def store(result: object) -> None:
            if self._refused(result):
                return
            assert isinstance(result, RecipeContent)

            def work() -> Said:
                user = self._authorized(Action.RECIPE_EDIT, "recipe_teach_in",
                                        "recipe_version", f"{version.recipe_id}")
                made = self._store.new_version(version.recipe_id, result, user)
                return lambda: self.tr("{0} v{1}: a Draft taught from the PLCs").format(
                    made.recipe_id, made.version)

            self._run(work, self._after_action)

        self._await(io, teach_in(version.content, plc), store)

    def submit(self) -> None:
        version = self.selected()
        if version is not None:
            self._act(version, Action.RECIPE_EDIT, "recipe_submit",
                      lambda user: self._store.submit(version.recipe_id, version.version, user))

    def make_effective(self) -> SignatureDialog | None:
        """QA releases an approved version for production with a signature (released)."""
        def release(version: RecipeVersion, signature: Signature, reason: str) -> Said:
            self._commands.authorize(signature.username, ALL_STATIONS, Action.RECIPE_RELEASE,
                                     reason=reason, client_host=self._gate.client_host)
            made = self._store.make_effective(version.recipe_id, version.version,
                                              signature.username)
            return lambda: self.tr("{0} v{1} Effective, released by {2} (signature "
                                   "#{3})").format(made.recipe_id, made.version,
                                                   signature.printed_name, signature.id)

        return self._signed(Meaning.RELEASED, Action.RECIPE_RELEASE, release)

    def approve(self) -> SignatureDialog | None:
        """QA signs the version's content hash; the store refuses its author as signer."""
        def approve(version: RecipeVersion, signature: Signature, reason: str) -> Said:
            approved = self._store.approve(version.recipe_id, version.version, signature,
                                           reason)
            return lambda: self.tr("{0} v{1} approved by {2} (signature #{3})").format(
                approved.recipe_id, approved.version, signature.printed_name, signature.id)

        return self._signed(Meaning.APPROVED, Action.RECIPE_APPROVE, approve)

    def _signed(
        self, meaning: Meaning, action: Action,
        then: Callable[[RecipeVersion, Signature, str], Said],
    ) -> SignatureDialog | None:
        """A signature dialog over the selected version's content hash; once the signer is
        re-authenticated (and holds a role that may do `action`), `then` does the change."""
        version = self.selected()
        if version is None:
            return None
        record = self.tr("Recipe {0} version {1} (%n parameter(s), by {2})", "",
                         len(version.parameters)).format(
            version.recipe_id, version.version, version.author)
        self.signature_dialog = open_signature(self, self._gate, version, record, meaning,
                                               action, then, self._run, self._after_action)
        return self.signature_dialog

    def _act(self, version: RecipeVersion, action: Action, audit_action: str,
             change: Callable[[str], RecipeVersion]) -> None:
        def work() -> Said:
            user = self._authorized(action, audit_action, "recipe_version",
                                    f"{version.recipe_id}/v{version.version}")
            changed = change(user)
            return lambda: (f"{changed.recipe_id} v{changed.version}: "
                            f"{status_text(changed.status)}")

        self._run(work, self._after_action)

    def _authorized(self, action: Action, audit_action: str, object_type: str,
                    object_id: str) -> str:
        """The acting user, if their role allows the action (refusals are audited by the
        command service); the action itself is audited here."""
        username = self._gate.acting_user()
        actor, role = self._commands.authorize(username, ALL_STATIONS, action,
                                               client_host=self._gate.client_host)
        self._gate.security.audit.append(AuditEvent(
            username=actor.username, full_name=actor.full_name, role=role,
            action=audit_action, object_type=object_type, object_id=object_id,
            client_host=self._gate.client_host,
        ))
        return username

    def _after_action(self, result: object) -> None:
        if self._refused(result):
            return
        self._tell(result if callable(result) else lambda: str(result))
        self.refresh()

    # -- plumbing ---------------------------------------------------------------------------
    def _tell(self, words: Said) -> None:
        """Say what was done, worded now, and again after a language switch."""
        self._show_message(words)
        super()._say(words())

    def _show_message(self, words: Said) -> None:
        self._message = words
        self.message.setText(words())

    def _say(self, text: str) -> None:  # a refusal, as WorkerScreen words it
        self._show_message(lambda: text)
        super()._say(text)
