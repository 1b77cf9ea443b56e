"""The UI edge of hmi.core.user_text: a message from the Qt-free layers, in the language
installed now.

`show(x)` takes a UserText, an exception (one that carries a UserText is translated; any
other says its own English line) or a write outcome with a `text`, and returns the line to
put on screen. Chrome parameters (a UserText inside) are translated too; content is put in
as it came. A translation whose placeholders do not fit (the catalogue check refuses those,
so this is a safety net) falls back to the English line rather than losing the message.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from hmi.core.user_text import UserText, said
from hmi.security.signatures import Meaning, meaning_word

log = logging.getLogger(__name__)


def show(thing: object) -> str:
    """The operator's line for `thing`, in the language installed now."""
    text = said(thing)
    if isinstance(text, str):
        return text
    return translated(text)


def said_meaning(meaning: str) -> str:
    """A signature's meaning in the panel's language (the signature keeps the English id:
    11.50's manifestation and the audit trail stay one language)."""
    return translated(meaning_word(Meaning(meaning)))


def translated(text: UserText) -> str:
    params = {k: translated(v) if isinstance(v, UserText) else v for k, v in text.params.items()}
    template = QCoreApplication.translate(text.context, text.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        log.warning("translation of %r in %s does not fit its parameters (%s): shown in English",
                    text.template, text.context, exc)
        return text.english()


class Settles(Protocol):
    def refuse(self, message: str) -> None: ...

    def accept(self) -> None: ...


def settle_dialog(dialog: Settles, result: object) -> None:
    """A dialog's answer from the worker (SignatureDialog, sign-in): a refusal is said in
    the operator's language and keeps the dialog open; anything else closes it."""
    if isinstance(result, Exception):
        dialog.refuse(show(result))
    else:
        dialog.accept()
