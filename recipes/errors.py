"""Errors a user can meet in the recipe domain: each message names the recipe, version,
parameter, file, line or field, and says what to do. Never a traceback."""

from __future__ import annotations

from recipes.codec import printable
from recipes.user_text import Explained, UserText


class RecipeError(Explained):
    """Base of every recipe-domain refusal; `str(error)` is the whole message (English: the
    CLI, logs and tests read it). Raised with a UserText, it carries that line too
    (`user_text`), for a screen to say it in the operator's language (user_text_qt.show)."""


class LimitError(RecipeError):
    """A parameter value or its limits are refused (names the parameter and the limit)."""


class ApprovalError(RecipeError):
    """A status change that the approval rules do not allow."""


class ImmutableVersionError(RecipeError):
    """An edit of a version that is no longer a draft (edit makes a new draft instead)."""


class NotFoundError(RecipeError):
    """No such recipe or version in the store."""


class ImportRefused(RecipeError):
    """A recipe file that is malformed or tampered with; nothing was imported."""

    def __init__(self, path: str, line: int | None, field: str, message: str | UserText) -> None:
        where = f"{path}:{line}" if line is not None else path
        shown_field = _cut(printable(field), 100)
        super().__init__(f"{where}: {shown_field}: {_cut(printable(str(message)), 300)}")
        if isinstance(message, UserText):
            # The words translate; file, line and field stay as written. The glue template
            # (context "") is no catalogue string, like user_text.joined.
            self.user_text = UserText("", "{where}: {field}: {message}",
                                      {"where": where, "field": shown_field, "message": message})
        self.path = path
        self.line = line
        self.field = field


def _cut(text: str, limit: int) -> str:
    """A field or message quoting a pasted megabyte is cut, not echoed whole."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ChecklistError(RecipeError):
    """A checklist file that cannot be used (names file, item and field)."""

    def __init__(self, message: str | UserText) -> None:
        super().__init__(_cut(printable(str(message)), 500))  # one visible line, whatever
        if isinstance(message, UserText):  # it held; the UserText for a screen to say it
            self.user_text = message


class ChangeoverError(RecipeError):
    """A changeover step that cannot go on (pre-check failed, wrong state, bad signature)."""
