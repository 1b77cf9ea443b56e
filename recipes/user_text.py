"""Operator messages made below the UI, in a form the UI can say in the operator's language.

Lives in `recipes` (the lowest package: it may import nothing of hmi) so the changeover
engine and first-article judge mark their lines with the same QT_TRANSLATE_NOOP and UserText
as hmi's layers; hmi.core.user_text re-exports this module (one definition).

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

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

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


def joined(parts: Sequence[UserText | str], sep: str = "; ") -> UserText | str:
    """Several lines said as one (a changeover's pre-check problems): each part is translated
    on its own; the glue template is not a catalogue string, so it stays as it is."""
    if not any(isinstance(p, UserText) for p in parts):
        return sep.join(str(p) for p in parts)
    names = [f"p{i}" for i in range(len(parts))]
    template = sep.join("{" + n + "}" for n in names)
    return UserText("", template, dict(zip(names, parts, strict=True)))


# ---- persisted lines: English for every reader, the UserText for the UI -------------------
# A journal column holds one line of text that the CLI, reports and audit read as English.
# A translatable line is stored as that English line, then MARK, then the UserText as JSON:
# `loaded` gives back the English line as a `Said` (a str: every old reader sees English)
# carrying the UserText for the UI's `show()`. A row written before this (plain English)
# loads as the plain str it always was. MARK is the ASCII unit separator: never typed, and
# allowed in SQLite and PostgreSQL text (NUL is not).
MARK = "\x1fut1:"


class Said(str):
    """A stored line: its English text, carrying the UserText it was made from."""

    user_text: UserText

    @classmethod
    def of(cls, text: UserText | str, english: str | None = None) -> str:
        """`text` as a str every reader takes as its English line (`english` if given: the
        line a reader had before), the UserText kept."""
        if not isinstance(text, UserText):
            return text if english is None else english
        line = cls(text.english() if english is None else english)
        line.user_text = text
        return line


def stored(text: UserText | str) -> str:
    """What a journal column keeps for `text`: plain English, or English + MARK + JSON."""
    if isinstance(text, Said):  # a loaded line stored again (a rollback's reason): its
        # English as it was said, its template as it came
        return str.__str__(text) + MARK + _json(text.user_text)
    if not isinstance(text, UserText):
        return str(text)
    return text.english() + MARK + _json(text)


def _json(text: UserText) -> str:
    return json.dumps(_to_json(text), ensure_ascii=False, separators=(",", ":"))


def loaded(column: str) -> str:
    """A journal column as read: a Said (English, with its UserText) or the plain line."""
    english, mark, data = column.partition(MARK)
    if not mark:
        return column
    try:
        text = _from_json(json.loads(data))
    except (ValueError, KeyError, TypeError):  # a damaged tail: the English still stands
        return english
    said_line = Said(english)
    said_line.user_text = text
    return said_line  # not Said.of: the English kept is the one written


def english_of(column: str) -> str:
    """The English part of a stored column (for a reader of raw rows)."""
    return column.partition(MARK)[0]


def _to_json(text: UserText) -> dict[str, Any]:
    return {"c": text.context, "t": text.template,
            "p": {k: _to_json(v) if isinstance(v, UserText) else v
                  for k, v in text.params.items()}}


def _from_json(data: dict[str, Any]) -> UserText:
    params = {k: _from_json(v) if isinstance(v, dict) else v for k, v in data["p"].items()}
    return UserText(str(data["c"]), str(data["t"]), params)
