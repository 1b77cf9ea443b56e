"""The electronic signature over a recipe version (21 CFR 11.50/11.70): the signature dialog
shows the version's content hash; once the signer is re-authenticated on the screen's worker
(and holds a role that may do the action), the change that needs the signature is made.

Split from the recipe screen, which words the record in the language of the moment."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from hmi.core.roles import Action
from hmi.security import Meaning, Signature
from hmi.ui.security_gate import SecurityGate
from hmi.ui.user_text_qt import said_meaning, settle_dialog
from recipes import RecipeVersion
from widgets.signature_dialog import SignatureDialog

Run = Callable[[Callable[[], object], Callable[[object], None]], None]


def open_signature(
    parent: QWidget, gate: SecurityGate, version: RecipeVersion, record: str,
    meaning: Meaning, action: Action,
    then: Callable[[RecipeVersion, Signature, str], object],
    run: Run, after: Callable[[object], None],
) -> SignatureDialog:
    """Open the dialog over `version`; `then(version, signature, reason)` runs on `run`'s
    worker once signed, and `after` hears what it returned (a refusal stays in the dialog)."""
    user = gate.user()
    dialog = SignatureDialog(parent, meaning=said_meaning(meaning), record=record,
                             record_hash=version.content_hash,
                             user_id=user.username if user else "")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    security = gate.security

    def sign(username: str, password: str, reason: str) -> None:
        def work() -> object:
            signature = security.signatures.sign(
                username, password, meaning, "recipe_version",
                f"{version.recipe_id}/v{version.version}", version.content_hash, reason,
                required_action=action, client_host=gate.client_host,
            )
            return then(version, signature, reason)

        def settle(result: object) -> None:
            settle_dialog(dialog, result)  # a refusal in the operator's language
            if not isinstance(result, Exception):
                after(result)

        run(work, settle)

    dialog.sign_requested.connect(sign)
    dialog.open()
    return dialog
