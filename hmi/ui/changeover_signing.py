"""The changeover wizard's signature page: performed by one person (Operator, Lead or QA),
then verified by a different one (Lead or QA), each over the control recipe's hash.

The page shows who has signed and offers the two buttons; the screen (changeover_screen)
opens the signature dialog and hands the signatures to the engine.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hmi.core.roles import Action
from hmi.security import Meaning, Security, Signature
from hmi.ui.user_text_qt import said_meaning
from hmi.ui.wizard_page import page_column, touch_button, wrapped_label
from recipes.changeover import ChangeoverEngine, ChangeoverRecord
from widgets.retranslating import Retranslating
from widgets.signature_dialog import SignatureDialog


class ChangeoverSignPage(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.performed: Signature | None = None
        box = page_column(self)
        self.signature_label = wrapped_label(box)
        self.perform_button = touch_button(self, box)
        self.verify_button = touch_button(self, box)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_performed(self.performed)
        self.perform_button.setText(self.tr("Sign: performed…"))
        self.verify_button.setText(self.tr("Sign: verified…"))

    def show_performed(self, performed: Signature | None) -> None:
        """Who signed "performed", or what the two signatures are, before the first."""
        self.performed = performed
        if performed is None:
            self.signature_label.setText(self.tr(
                "Performed by (Operator, Lead or QA), then verified by a second person "
                "(Lead or QA)."))
        else:
            self.signature_label.setText(self.tr(
                "Performed by {0}; now verified by a second person.").format(
                    performed.printed_name))

    def dialog(self, record: ChangeoverRecord, meaning: Meaning,
               user_id: str) -> SignatureDialog:
        """The signature dialog over the control recipe's hash (touch-first: it brings its
        own keyboard), not yet open."""
        return SignatureDialog(
            self, meaning=said_meaning(meaning),
            record=self.tr("Changeover {0} v{1}, lot {2} (%n parameter(s) verified)", "",
                           len(record.parameters)).format(
                record.recipe_id, record.version, record.lot_id),
            record_hash=record.control_hash or "", user_id=user_id)


def sign_changeover(security: Security, engine: ChangeoverEngine, record: ChangeoverRecord,
                    meaning: Meaning, performed: Signature | None, username: str,
                    password: str, reason: str, client_host: str) -> object:
    """One signature (on the screen's worker thread): "performed" returns the Signature;
    "verified" (by a different person) hands both to the engine and returns its record."""
    action = Action.CHANGEOVER if meaning is Meaning.PERFORMED else Action.RECIPE_VERIFY
    earlier = [performed] if performed is not None else []
    signature = security.signatures.sign(
        username, password, meaning, "changeover", record.id, record.control_hash or "",
        reason, required_action=action, distinct_from=earlier, client_host=client_host)
    if meaning is Meaning.PERFORMED:
        return signature
    assert performed is not None
    return engine.sign(record.id, performed, _role_of(security, performed),
                       signature, _role_of(security, signature))


def _role_of(security: Security, signature: Signature) -> str:
    """The signer's role as the engine's role rules name it (operator, lead, qa)."""
    user = security.users.get(signature.username)
    return str(user.grants[0].role).lower() if user and user.grants else ""
