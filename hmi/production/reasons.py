"""The reason-code tree: the six big losses and the battery-line causes under them
(DOMAIN.md 5.1), shipped as data in resources/reasons/*.toml.

    tree = load_reason_tree()                 # every *.toml of resources/reasons
    tree.candidates("coater", ["alarm:coater_web_break", "plc:202"], history={"die_clog": 4})

`candidates` orders a stop's possible reasons most likely first: reasons a hint names (the
first-out alarm, the PLC reason code, the restore that followed; earlier hints weigh
more), then the station's own reasons before the generic ones, then the ones given most
often at this station before, then file order. Only availability losses are offered for
a downtime event (a stop is never "reduced speed").

A bad file is refused whole, with `file:line: field: message` (ReasonFileError).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hmi.config.toml_locator import TomlLocator
from hmi.core.paths import resources_dir
from recipes.codec import TextFileError, loads_toml, printable, read_text_file

REASONS_DIR = resources_dir() / "reasons"
FACTORS = ("availability", "performance", "quality")
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
HINT = re.compile(r"^(alarm:[a-z][a-z0-9_]*|plc:\d+|procedure:[a-z][a-z0-9_.-]*|"
                  r"state:[A-Z][a-z]+|changeover)$")
_LOSS_KEYS = {"id", "factor", "name"}
FILE_START = 1  # where a problem with the file as a whole is reported
_REASON_KEYS = {"code", "loss", "text", "stations", "hints"}


@dataclass(frozen=True, slots=True)
class Loss:
    id: str
    factor: str
    name: str


@dataclass(frozen=True, slots=True)
class ReasonCode:
    code: str
    loss: str
    text: str
    stations: tuple[str, ...]  # station kinds; "*" for all
    hints: tuple[str, ...]

    def applies_to(self, kind: str) -> bool:
        return "*" in self.stations or kind in self.stations


class ReasonFileError(Exception):
    """A reason file that cannot be used; `str()` is `file:line: field: message`."""

    def __init__(self, path: str, line: int | None, field: str, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        # One readable line: a pasted megabyte in an id or value is cut, not echoed whole.
        field, message = printable(field)[:120], printable(message)[:300]
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class ReasonTree:
    def __init__(self, losses: Sequence[Loss], reasons: Sequence[ReasonCode]) -> None:
        self.losses = {loss.id: loss for loss in losses}
        self.reasons = {r.code: r for r in reasons}
        self._order = {r.code: i for i, r in enumerate(reasons)}

    def get(self, code: str) -> ReasonCode:
        reason = self.reasons.get(code)
        if reason is None:
            raise KeyError(code)
        return reason

    def loss_of(self, code: str) -> Loss:
        return self.losses[self.get(code).loss]

    def is_downtime_reason(self, code: str) -> bool:
        return code in self.reasons and self.loss_of(code).factor == "availability"

    def candidates(self, kind: str, hints: Sequence[str] = (),
                   history: Mapping[str, int] | None = None) -> list[ReasonCode]:
        """The downtime reasons for a station of `kind`, most likely first."""
        history = history or {}
        weight = {hint: len(hints) - i for i, hint in enumerate(hints)}

        def score(reason: ReasonCode) -> tuple[int, int, int, int]:
            hinted = max((weight.get(h, 0) for h in reason.hints), default=0)
            own = 1 if kind in reason.stations else 0
            return (-hinted, -own, -history.get(reason.code, 0), self._order[reason.code])

        offered = [r for r in self.reasons.values()
                   if r.applies_to(kind) and self.losses[r.loss].factor == "availability"]
        return sorted(offered, key=score)

    def prefill(self, kind: str, hints: Sequence[str]) -> ReasonCode | None:
        """The reason a hint names outright (None when no hint points anywhere)."""
        for hint in hints:
            for reason in self.candidates(kind, hints):
                if hint in reason.hints:
                    return reason
        return None


def load_reason_tree(folder: Path = REASONS_DIR) -> ReasonTree:
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ReasonFileError(str(folder), None, "", "no reason files (*.toml) here")
    return load_reason_files(files)


def load_reason_files(files: Iterable[Path]) -> ReasonTree:
    losses: list[tuple[Loss, str, _Lines]] = []
    reasons: list[tuple[ReasonCode, str, _Lines]] = []
    paths = list(files)
    for path in paths:
        file_losses, file_reasons = _parse_file(path)
        losses += file_losses
        reasons += file_reasons
    seen: dict[str, str] = {}
    for loss, source, lines in losses:
        if loss.id in seen:
            raise ReasonFileError(source, lines("id"), f"losses[{loss.id}].id",
                                  f"loss {loss.id!r} is defined twice (also in {seen[loss.id]})")
        seen[loss.id] = source
    codes: dict[str, str] = {}
    for reason, source, lines in reasons:
        if reason.loss not in seen:
            raise ReasonFileError(source, lines("loss"), f"reasons[{reason.code}].loss",
                                  f"unknown loss {reason.loss!r}; known: {', '.join(seen)}")
        if reason.code in codes:
            raise ReasonFileError(source, lines("code"), f"reasons[{reason.code}].code",
                                  f"code {reason.code!r} is defined twice "
                                  f"(also in {codes[reason.code]})")
        codes[reason.code] = source
    if not reasons:
        last = str(paths[-1]) if paths else "reasons"
        raise ReasonFileError(last, FILE_START, "reasons", "no [[reasons]] in any of the "
                              "reason files (add them to this one)")
    return ReasonTree([loss for loss, _, _ in losses], [r for r, _, _ in reasons])


def _parse_file(path: Path) -> tuple[list[tuple[Loss, str, _Lines]],
                                     list[tuple[ReasonCode, str, _Lines]]]:
    name = str(path)
    try:
        text = read_text_file(path)
        data = loads_toml(text)
    except OSError as exc:
        raise ReasonFileError(name, None, "", f"cannot read: {exc}") from None
    except TextFileError as exc:
        raise ReasonFileError(name, exc.line, "", exc.message) from None
    locator = TomlLocator(text)
    unknown = set(data) - {"losses", "reasons"}
    if unknown:
        key = sorted(unknown)[0]
        raise ReasonFileError(name, locator.line_of((key,)) or FILE_START, key,
                              "unknown table (a reason file has [[losses]] and [[reasons]])")
    losses = [(_loss(entry, index, name, locator), name, _lines_of(locator, "losses", index))
              for index, entry in enumerate(_tables(data, "losses", name, locator))]
    reasons = [(_reason(entry, index, name, locator), name,
                _lines_of(locator, "reasons", index))
               for index, entry in enumerate(_tables(data, "reasons", name, locator))]
    return losses, reasons


_Lines = Callable[[str], int | None]  # field -> its line in the file


def _lines_of(locator: TomlLocator, table: str, index: int) -> _Lines:
    return lambda key: locator.line_of((table, index, key)) or FILE_START


def _tables(data: dict[str, Any], key: str, name: str, locator: TomlLocator
            ) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ReasonFileError(name, locator.line_of((key,)) or FILE_START, key,
                              f"write [[{key}]] tables")
    return value


class _Entry:
    """Field access that knows where it is, for the error messages."""

    def __init__(self, entry: dict[str, Any], table: str, index: int, label: str,
                 name: str, locator: TomlLocator, allowed: set[str]) -> None:
        self._entry, self._table, self._index = entry, table, index
        self._label, self._name, self._locator = label, name, locator
        for key in entry:
            if key not in allowed:
                self.fail(key, "unknown field (check the spelling)")

    def fail(self, key: str, message: str) -> None:
        line = (self._locator.line_of((self._table, self._index, key))
                or self._locator.line_of((self._table, self._index)) or FILE_START)
        raise ReasonFileError(self._name, line, f"{self._table}[{self._label}].{key}", message)

    def text(self, key: str, pattern: re.Pattern[str] | None = None) -> str:
        value = self._entry.get(key)
        if value is None:
            self.fail(key, "required field is missing")
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty string")
        assert isinstance(value, str)
        if pattern is not None and not pattern.match(value):
            self.fail(key, f"{value!r} must be lower case letters, digits and _")
        return value

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self._entry.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of strings")
        return tuple(value)


def _loss(entry: dict[str, Any], index: int, name: str, locator: TomlLocator) -> Loss:
    e = _Entry(entry, "losses", index, str(entry.get("id", index)), name, locator, _LOSS_KEYS)
    factor = e.text("factor")
    if factor not in FACTORS:
        e.fail("factor", f"{factor!r} is no OEE factor: use {', '.join(FACTORS)}")
    return Loss(e.text("id", CODE), factor, e.text("name"))


def _reason(entry: dict[str, Any], index: int, name: str, locator: TomlLocator) -> ReasonCode:
    e = _Entry(entry, "reasons", index, str(entry.get("code", index)), name, locator,
               _REASON_KEYS)
    stations = e.strings("stations", ("*",))
    if not stations:
        e.fail("stations", 'name at least one station kind, or "*"')
    hints = e.strings("hints")
    for hint in hints:
        if not HINT.match(hint):
            e.fail("hints", f"{hint!r} is not alarm:<id>, plc:<code>, procedure:<id>, "
                   "state:<PackML state> or changeover")
    return ReasonCode(e.text("code", CODE), e.text("loss", CODE), e.text("text"), stations,
                      hints)
