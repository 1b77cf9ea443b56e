"""Refusals of the restore package; `str()` is one line (or one line per issue) for people."""

from __future__ import annotations

from dataclasses import dataclass

from hmi.core.user_text import Explained
from recipes.codec import printable


@dataclass(frozen=True, slots=True)
class ProcedureIssue:
    path: str
    line: int | None
    field: str  # e.g. "steps[3] (ramp_tension).rate_per_s"
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        if not self.field:
            return f"{where}: {printable(self.message)}"
        return f"{where}: {printable(self.field)}: {printable(self.message)}"


class ProcedureError(Exception):
    """A procedure file that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[ProcedureIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


class RestoreError(Explained):
    """A restore call refused (unknown run, wrong state, role); one line for the user (and,
    where made as a UserText, the same line for the panel in the operator's language)."""


class StepRefused(RestoreError):
    """The current step cannot be done now; the run stays at the step and says why."""
