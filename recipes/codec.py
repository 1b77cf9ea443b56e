"""Small conversions shared by the stores and the file formats: times, JSON values, and
the reading of text files people hand in (UTF-8, TOML, JSON) with the line of each refusal."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recipes.model import ParamValue
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, user_text


def utc_now() -> datetime:
    return datetime.now(UTC)


def ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def parse_ts(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def dump_value(value: ParamValue | None) -> str:
    return json.dumps(value)


def load_value(text: str | None) -> ParamValue | None:
    if text is None:
        return None
    value = json.loads(text)
    if value is None or isinstance(value, bool | int | float):
        return value
    raise ValueError(f"{text!r} is not a number or true/false")


# ---- text files a person hands in (recipes, checklists, line configs, procedures) ---------
class TextFileError(ValueError):
    """A file that is no usable text, JSON or TOML, at `line` (1-based) of the file.

    `message` is the English line (config loaders, the CLI and logs read it); `user_text`
    is the same line for a screen to say in the panel's language (context RecipeMessages):
    the words translate, the column and the parser's own detail stay as written."""

    def __init__(self, line: int, message: UserText) -> None:
        super().__init__(str(message))
        self.line = line
        self.message = str(message)
        self.user_text = message


def read_text_file(path: Path) -> str:
    """The file as text: UTF-8, with or without the BOM some editors write (Notepad).

    OSError (no such file, a folder, no permission) goes to the caller, which knows the
    words for it; bytes that are not UTF-8 raise TextFileError at their line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TextFileError(line, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not UTF-8 text: byte {byte} at column {column} (save the file "
            "as UTF-8)"), byte=f"0x{data[exc.start]:02x}", column=column)) from None


def loads_toml(text: str) -> dict[str, Any]:
    """tomllib.loads, every refusal a TextFileError with its line (tomllib itself raises
    ValueError for a number of over 4300 digits and RecursionError for deep nesting)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(found.group(1)) if found else text.count("\n") + 1  # "at end of document"
        reason = message.split(" (at ", 1)[0]  # tomllib's own words: kept as written
        if found:
            raise TextFileError(line, user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "not valid TOML: {detail} (column {column})"),
                detail=reason, column=int(found.group(2)))) from None
        raise TextFileError(line, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not valid TOML: {detail} (at the end of the file)"),
            detail=reason)) from None
    except RecursionError:
        raise TextFileError(_deepest_line(text), user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not usable TOML: arrays or tables nested too deep"))) from None
    except ValueError:
        raise TextFileError(_long_number_line(text), user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not usable TOML: a number with more than 4300 digits"))
                            ) from None


def loads_json(text: str) -> Any:
    """json.loads, every refusal a TextFileError with its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:  # json's own words kept as the detail
        raise TextFileError(exc.lineno, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not valid JSON: {detail} (column {column})"),
            detail=exc.msg, column=exc.colno)) from None
    except RecursionError:
        raise TextFileError(_deepest_line(text), user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not usable JSON: arrays or objects nested too deep"))) from None
    except ValueError:
        raise TextFileError(_long_number_line(text), user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not usable JSON: a number with more than 4300 digits"))
                            ) from None


def _deepest_line(text: str) -> int:
    """The line where brackets nest deepest (strings not told apart: good enough to point)."""
    depth = best = 0
    best_line = line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > best:
                best, best_line = depth, line
        elif char in "]}":
            depth -= 1
        elif char == "\n":
            line += 1
    return best_line


def _long_number_line(text: str) -> int:
    found = re.search(r"[0-9_]{4000,}", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def has_surrogates(text: str) -> bool:
    """A lone surrogate (JSON "\\ud800") cannot be stored or hashed as UTF-8."""
    return any("\ud800" <= char <= "\udfff" for char in text)


def printable(text: str) -> str:
    """One visible line: control, format (bidi overrides, zero-width), separator and
    surrogate characters written as escapes, so a refusal quoting a file cannot break the
    terminal line or reorder what the reader sees."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
