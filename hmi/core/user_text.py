"""Operator messages made below the UI, in a form the UI can say in the operator's language.

The Qt-free layers (security, the command service, the PLC write path) refuse and report in
one-line English: logs, the CLI and the audit trail read that, and the audit record stays
English by rule. A panel set to German or Chinese must say the same thing in its language,
yet these packages may not import Qt (import-linter). So a message is made as a `UserText`:
the English template, its translation context and its parameters. `str()` of it (and of an
exception that carries it) is the English line, unchanged; the UI edge
(hmi/ui/user_text_qt.py) looks the template up with QCoreApplication.translate and fills
in the parameters there.

Why this cut: pyside6-lupdate finds a template by the call ``QT_TRANSLATE_NOOP("Context",
"text")`` whatever module it is in (no Qt import needed; tried: it reads the call by name,
and only when both arguments are string literals: a context in a variable is silently
skipped, so tests/ui/test_i18n_messages.py refuses one). The catalogues then carry these
templates beside the UI's own strings (hmi/ui/i18n_catalogues.py SOURCE_DIRS names the
modules), and the catalogue tests refuse one left untranslated.

Parameters: content (tag ids, values, units, user names, times) is shown as given; a
parameter that is itself chrome (a state name, a role word) is a `UserText` too and is
translated before it is put in. The translated template is filled in whole, never glued
from translated pieces, so each language orders its words itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union

# Content shown as given, or chrome translated in turn.
Param = Union[str, int, float, bool, None, "UserText"]


class Source(str):
    """An English template marked for translation; remembers its context."""

    context: str


def QT_TRANSLATE_NOOP(context: str, text: str) -> Source:  # the name lupdate reads
    """Marks `text` for the catalogues under `context`; returns it unchanged (as a Source).

    Both arguments must be string literals, or lupdate does not see the call."""
    source = Source(text)
    source.context = context
    return source


@dataclass(frozen=True, slots=True)
class UserText:
    """One operator message: its English template, its context and its parameters."""

    context: str
    template: str  # English, with {name} placeholders (format specs allowed: {minutes:g})
    params: Mapping[str, Param] = field(default_factory=dict)

    def english(self) -> str:
        return self.template.format(**{
            k: v.english() if isinstance(v, UserText) else v for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.english()


def user_text(template: Source, /, **params: Param) -> UserText:
    """The message `template` (from QT_TRANSLATE_NOOP) with its parameters."""
    return UserText(template.context, str(template), params)


class Explained(Exception):
    """An exception whose `str()` is its English line and which may carry that line as a
    UserText (`user_text`), for the UI to say it in the operator's language."""

    user_text: UserText | None

    def __init__(self, message: str | UserText = "") -> None:
        if isinstance(message, Source):  # a marked template without parameters
            message = UserText(message.context, str(message))
        self.user_text = message if isinstance(message, UserText) else None
        super().__init__(str(message))


def said(thing: object) -> UserText | str:
    """What an exception or report says: its UserText when it has one, else its text."""
    if isinstance(thing, UserText):
        return thing
    text = getattr(thing, "user_text", None)
    return text if isinstance(text, UserText) else str(thing)
