""""Add to line config": a tag entry found by browsing or scanning, appended to a config file.

The entry is checked by the same checker as `lineside config check` (parse_line_config on
the whole file as it would be with the entry appended) before anything is written; a
refused entry leaves the file untouched and says why, file:line: field: message. The file
is replaced in one step (a temporary file beside it, flushed, then renamed over it), so a
crash or a full disk never leaves a half-written config.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hmi.config import ConfigError, LineConfig
from hmi.config.loader import parse_line_config
from hmi.config.schema import DataType, ModbusTable, ModbusType, WordOrder


class SnippetRefused(Exception):
    """The entry would make the config unusable, or the file cannot be written; the text
    names the file and the problem."""


@dataclass(frozen=True, slots=True)
class TagEntry:
    """One [[tags]] entry as the commissioning engineer chose it on a screen."""

    tag_id: str  # station.name
    data_type: DataType = "float"
    description: str = ""
    unit: str = ""
    writable: bool = False
    connection: str = ""  # "" = the station's own connection
    node_id: str = ""  # OPC UA
    modbus_table: ModbusTable | None = None  # Modbus
    modbus_address: int = 0
    modbus_type: ModbusType = "uint16"
    word_order: WordOrder = "big"
    poll_group: str = ""  # Modbus: "" = "default"


def tag_snippet(entry: TagEntry) -> str:
    """The TOML of one [[tags]] entry, in the demo file's layout."""
    lines = ["[[tags]]", f"id = {_quote(entry.tag_id)}"]
    if entry.description:
        lines.append(f"description = {_quote(entry.description)}")
    if entry.unit:
        lines.append(f"unit = {_quote(entry.unit)}")
    lines.append(f"data_type = {_quote(entry.data_type)}")
    if entry.writable:
        lines.append("writable = true")
    if entry.connection:
        lines.append(f"connection = {_quote(entry.connection)}")
    if entry.modbus_table is not None:
        parts = [f"table = {_quote(entry.modbus_table)}", f"address = {entry.modbus_address}",
                 f"type = {_quote(entry.modbus_type)}"]
        if entry.modbus_type in ("int32", "uint32", "float32"):
            parts.append(f"word_order = {_quote(entry.word_order)}")
        if entry.poll_group:
            parts.append(f"poll_group = {_quote(entry.poll_group)}")
        lines.append(f"modbus = {{ {', '.join(parts)} }}")
    else:
        lines.append(f"opcua = {{ node_id = {_quote(entry.node_id)} }}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A TOML basic string (escapes per the TOML spec)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04X}" for c in escaped)
    return f'"{escaped}"'


def with_snippet(current: str, snippet: str) -> str:
    """The file's text with the entry appended after one blank line."""
    body = current if current.endswith("\n") or not current else current + "\n"
    return f"{body}\n{snippet}" if body else snippet


def check_appended(path: Path, snippet: str) -> tuple[str, LineConfig]:
    """The new text and the config it makes; SnippetRefused with every issue otherwise."""
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SnippetRefused(f"{path}: cannot read ({exc}); nothing written") from None
    text = with_snippet(current, snippet)
    try:
        config = parse_line_config(text, str(path))
    except ConfigError as exc:
        first_new = current.count("\n") + 2
        issues = "; ".join(str(i) for i in exc.issues)
        raise SnippetRefused(
            f"not added, {path} is unchanged: {issues} (the entry would start at line "
            f"{first_new})"
        ) from None
    return text, config


def append_tag(path: str | Path, entry: TagEntry) -> LineConfig:
    """Append `entry` to the config at `path` once the whole file checks; all or nothing."""
    path = Path(path)
    text, config = check_appended(path, tag_snippet(entry))
    if entry.tag_id not in {t.id for t in config.tags}:  # a check of our own layout
        raise SnippetRefused(f"{entry.tag_id}: not found after appending; nothing written")
    write_atomically(path, text)
    return config


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one rename: readers see the old file or the new, never half."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as exc:
        raise SnippetRefused(f"{path}: cannot write beside it ({exc}); nothing written") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise SnippetRefused(f"{path}: cannot write ({exc}); the file is unchanged") from None
