"""Load a line config from TOML, turning every problem into `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hmi.config.schema import LineConfig
from hmi.config.toml_locator import TomlLocator
from hmi.core.paths import resources_dir
from recipes.codec import TextFileError, loads_toml, printable, read_text_file

DEMO_LINE = resources_dir() / "lines" / "demo_line.toml"


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        field, message = printable(self.field), printable(self.message)
        return f"{where}: {field}: {message}" if field else f"{where}: {message}"


class ConfigError(Exception):
    """A line config that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def load_line_config(path: str | Path) -> LineConfig:
    path = Path(path)
    try:
        text = read_text_file(path)
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(str(path), None, "", "no such file")]) from None
    except OSError as exc:
        raise ConfigError([ConfigIssue(str(path), None, "", f"cannot read: {exc}")]) from None
    except TextFileError as exc:
        raise ConfigError([ConfigIssue(str(path), exc.line, "", exc.message)]) from None
    return parse_line_config(text, str(path))


def parse_line_config(text: str, source: str = "<config>") -> LineConfig:
    try:
        data = loads_toml(text)
    except TextFileError as exc:
        raise ConfigError([ConfigIssue(source, exc.line, "", exc.message)]) from None
    try:
        return LineConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_issues(exc, data, text, source)) from None


def _issues(
    exc: ValidationError, data: dict[str, Any], text: str, source: str
) -> list[ConfigIssue]:
    locator = TomlLocator(text)
    issues: list[ConfigIssue] = []
    for error in exc.errors(include_url=False):
        loc = _data_path(error["loc"], data)
        message = str(error["msg"]).removeprefix("Value error, ")
        message = _friendly(error["type"], error.get("ctx", {}), message)
        if error["type"] == "union_tag_invalid":
            loc = (*loc, str(error.get("ctx", {}).get("discriminator", "")).strip("'"))
        if not loc and "; " in message:
            # Cross-reference errors come from the whole-config validator: one issue each.
            for part in message.split("; "):
                line = _line_of_reference(part, data, locator)
                issues.append(ConfigIssue(source, line or FILE_START, "", _short(part)))
            continue
        # A field missing from a table the file lacks too is reported at the file's start.
        line = locator.line_of(loc) or FILE_START
        field = _short(_field_name(loc, data), MAX_FIELD)
        issues.append(ConfigIssue(source, line, field, _short(message)))
    return issues


# pydantic's wording where it speaks of Python rather than of the file.
_FRIENDLY = {
    "extra_forbidden": "unknown field (check the spelling)",
    "missing": "required field is missing",
    "model_type": "must be a table: [name] or {{ key = value, ... }}",
    "dict_type": "must be a table: [name] or {{ key = value, ... }}",
    "model_attributes_type": "must be a table: [name] or {{ key = value, ... }}",
    "tuple_type": "must be a list: [ ... ]",
    "list_type": "must be a list: [ ... ]",
    "union_tag_invalid": "{tag!r} is not one of {expected_tags}",
    "union_tag_not_found": "needs protocol = \"opcua\" or \"modbus\"",
}


def _friendly(kind: str, ctx: dict[str, Any], message: str) -> str:
    try:
        return _FRIENDLY[kind].format_map(ctx) if kind in _FRIENDLY else message
    except (KeyError, IndexError, ValueError):  # a context pydantic did not give
        return message
FILE_START = 1
MAX_MESSAGE = 300  # a pasted megabyte of text is named, not echoed back whole
MAX_FIELD = 100  # a field path holding a table key of 5000 digits


def _short(message: str, limit: int = MAX_MESSAGE) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _data_path(loc: tuple[Any, ...], data: dict[str, Any]) -> tuple[str | int, ...]:
    """Drop pydantic's union tags (e.g. 'opcua', 'modbus' discriminators) that are not keys."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            if part.startswith(("function-", "tagged-union")) or part in ("opcua", "modbus"):
                continue
            path.append(part)  # a missing or unknown key: name it
            node = None
        elif isinstance(part, str) and part.startswith(("function-", "tagged-union")):
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


def _field_name(loc: tuple[str | int, ...], data: dict[str, Any]) -> str:
    """`tags[coater.web_tension_n].unit` reads better than `tags.12.unit`."""
    parts: list[str] = []
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            label = str(part)
            if isinstance(node, list) and part < len(node) and isinstance(node[part], dict):
                label = str(node[part].get("id", part))
            parts[-1] = f"{parts[-1]}[{label}]" if parts else f"[{label}]"
        else:
            parts.append(str(part))
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None  # type: ignore[index]
    return ".".join(parts)


def _has(node: dict[str, Any] | list[Any], part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and part < len(node)


def _line_of_reference(message: str, data: dict[str, Any], locator: TomlLocator) -> int | None:
    """Find the table a cross-reference error speaks of by the id it names."""
    for section, noun in (
        ("tags", "tag "),
        ("stations", "station "),
        ("loops", "loop "),
        ("trends", "trend "),
        ("connections", "connection "),
    ):
        if message.startswith(noun) or message.startswith(f"duplicate {noun.strip()} id"):
            ident = message.split(":", 1)[0].removeprefix(noun)
            if message.startswith("duplicate"):
                ident = message.split("'")[1] if "'" in message else ident
                matches = [
                    i for i, item in enumerate(data.get(section, [])) if item.get("id") == ident
                ]
                index = matches[-1] if matches else None
            else:
                index = next(
                    (i for i, item in enumerate(data.get(section, [])) if item.get("id") == ident),
                    None,
                )
            if index is not None:
                field = _referenced_field(message)
                return locator.line_of((section, index, field) if field else (section, index))
    return None


def _referenced_field(message: str) -> str | None:
    for field in ("connection", "station", "enum", "poll group", "pv", "sp", "out", "mode", "pen"):
        if f": {field} " in message or f": unknown {field}" in message:
            return {"poll group": "modbus", "pen": "pens", "station": "id"}.get(field, field)
    return None
