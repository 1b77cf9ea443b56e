"""Map TOML key paths to line numbers, so config errors can say `file:line`.

tomllib gives values but no positions. This scanner follows table headers (`[a.b]`,
`[[a.b]]` with their running index) and `key =` lines, which is all a line config uses.
Keys inside inline tables and multi-line arrays resolve to the line of their parent key.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def _split_dotted(text: str) -> list[str]:
    return [part.strip().strip('"') for part in text.split(".")]


class TomlLocator:
    """Line numbers (1-based) of tables and keys in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        array_counts: dict[tuple[str | int, ...], int] = {}
        current: Path = ()
        in_multiline = 0  # depth of open brackets of a multi-line value
        # Lines end at "\n" only, as TOML counts them (splitlines would also split at
        # U+2028 or a form feed inside a string and shift every later line).
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.split("#", 1)[0] if '"' not in raw else raw
            if in_multiline:
                in_multiline += line.count("[") - line.count("]")
                in_multiline = max(in_multiline, 0)
                continue
            header = _HEADER.match(raw)
            if header and not _KEY.match(raw):
                names = _split_dotted(header.group(2))
                prefix = self._resolve_prefix(names[:-1], array_counts)
                if header.group(1) == "[[":
                    key = (*prefix, names[-1])
                    index = array_counts.get(key, -1) + 1
                    array_counts[key] = index
                    current = (*key, index)
                else:
                    current = (*prefix, names[-1])
                self._lines.setdefault(current, number)
                continue
            key_match = _KEY.match(raw)
            if key_match:
                names = _split_dotted(key_match.group(1))
                path = (*current, *names)
                self._lines.setdefault(path, number)
                value = raw[key_match.end() :]
                depth = value.count("[") - value.count("]")
                if depth > 0 and '"""' not in value:
                    in_multiline = depth

    def _resolve_prefix(
        self, names: list[str], array_counts: dict[tuple[str | int, ...], int]
    ) -> Path:
        """A dotted header like [[connections.poll_groups]] nests in the latest connection."""
        path: list[str | int] = []
        for name in names:
            path.append(name)
            index = array_counts.get(tuple(path))
            if index is not None:
                path.append(index)
        return tuple(path)

    def line_of(self, path: Path) -> int | None:
        """The line of the deepest known prefix of `path` (a value's own line when known)."""
        for end in range(len(path), -1, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None
