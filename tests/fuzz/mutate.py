"""Hypothesis strategies that start from the real shipped files and break them.

Two families, both drawn from the same `data` object so a failure shrinks to one edit:
- structural: parse the real file, pick one node of the tree and drop it, duplicate it
  (duplicate ids), retype it, replace it with a nasty value (NaN, 1e308, -0, huge ints,
  RTL / zero-width / surrogate text, nested tables, deep nesting) or add an unknown key;
  then write the tree back (TOML by `toml_text`, JSON as the exporter lays it out);
- textual: the file's bytes truncated at a chosen position class (mid-line, end of line,
  inside a string, inside a number, after a header), bytes inserted or deleted, a BOM,
  CRLF line ends, an empty file, binary garbage.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import pathlib
import re
import tomllib
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

Tree = Any
Path = tuple[str | int, ...]

# ---- settings -----------------------------------------------------------------------------
LONG = os.environ.get("LINESIDE_FUZZ", "") == "long"


def fuzz_settings(examples: int) -> settings:
    """CI: `examples` per loader, derandomized (reproducible), no deadline.

    LINESIDE_FUZZ=long (or `--hypothesis-profile=long`) explores instead: random seeds and
    LINESIDE_FUZZ_EXAMPLES examples per loader (default 5000)."""
    long = LONG or settings.get_current_profile_name() == "long"
    count = int(os.environ.get("LINESIDE_FUZZ_EXAMPLES", "5000")) if long else examples
    return settings(max_examples=count, deadline=None, derandomize=not long, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture],
                    print_blob=True)


def outcome(label: str) -> None:
    """Count what a case came to (--hypothesis-show-statistics); a no-op in plain tests."""
    if currently_in_test_context():
        event(label)


# ---- nasty values ---------------------------------------------------------------------------
# Characters people paste by accident or on purpose: right-to-left override and marks,
# zero-width space/joiner, BOM, NUL and other controls, line/paragraph separators, combining
# marks, emoji (astral plane), and lone surrogates (not encodable as UTF-8).
ODD_CHARS = ["\u202e", "\u200f", "\u200b", "\u200d", "\ufeff", "\x00", "\x07", "\x1b", "\u2028",
             "\u2029", "\u0301", "\U0001f50b", "\ud800", "\udfff", "\r", "\n", "\t", "\\", '"',
             "'", "[", "]", "{", "}", "=", "#", ".", ",", "é", "Ω", "中"]
odd_text = st.lists(st.one_of(st.sampled_from(ODD_CHARS), st.characters(codec="utf-8")),
                    max_size=12).map("".join)

class Digits(str):
    """A number literal written as is: 5000 digits (str(int) refuses past 4300)."""


FLOATS = [math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, -0.0, 0.0, 1e16 + 1]
INTS = [0, -1, 2**31, 2**63 - 1, -(2**63), 2**64, 10**30]


def scalars(*, toml: bool) -> st.SearchStrategy[Any]:
    values: list[st.SearchStrategy[Any]] = [
        st.sampled_from(FLOATS), st.sampled_from(INTS), st.booleans(), odd_text,
        st.just(""), st.text(max_size=4), st.integers(), st.floats(),
        st.just(Digits("9" * 5000)),
    ]
    if toml:
        values.append(st.sampled_from([dt.date(1979, 5, 27), dt.time(7, 32),
                                       dt.datetime(2026, 1, 1, 6, 0)]))
    else:
        values.append(st.none())
    return st.one_of(values)


def nasty_values(*, toml: bool) -> st.SearchStrategy[Any]:
    leaf = scalars(toml=toml)
    nested = st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "x", "tag", "é"]),
                                                     inner, max_size=3)), max_leaves=6)
    deeply = st.sampled_from([50, 400, 3000]).map(deep)
    huge = st.sampled_from([100_000, 1_000_000]).map(lambda n: "x" * n)
    return st.one_of(leaf, nested, deeply, huge, st.just([]), st.just({}))


class Deep:
    """[[[...1...]]] nested `depth` deep, written as text (repr and the writers would
    recurse as deep as the parsers under test)."""

    def __init__(self, depth: int) -> None:
        self.depth = depth

    def __repr__(self) -> str:
        return f"Deep({self.depth})"

    def text(self) -> str:
        return "[" * self.depth + "1" + "]" * self.depth


def deep(depth: int) -> Deep:
    return Deep(depth)


# ---- structural mutation --------------------------------------------------------------------
def paths(tree: Tree, prefix: Path = ()) -> list[Path]:
    found: list[Path] = [prefix] if prefix else []
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += paths(value, (*prefix, index))
    return found


def _parent(tree: Tree, path: Path) -> Any:
    node = tree
    for part in path[:-1]:
        node = node[part]
    return node


class Source:
    """A real file's text and parsed tree under a short name: hypothesis prints strategy
    arguments, and a 100 kB repr is both slow and useless."""

    def __init__(self, name: str, text: str, tree: Tree = None) -> None:
        self.name, self.text, self.tree = name, text, tree

    def __repr__(self) -> str:
        return f"Source({self.name!r})"


def toml_sources(paths: list[pathlib.Path]) -> list[Source]:
    """Each shipped TOML file as a Source (its text and its parsed tree)."""
    return [Source(p.name, text, tomllib.loads(text))
            for p in paths for text in [p.read_text(encoding="utf-8")]]


class Mutant:
    """A mutated tree whose repr is the list of edits (what hypothesis prints on failure)."""

    def __init__(self, tree: Tree, edits: list[str], source: str = "") -> None:
        self.tree = tree
        self.edits = edits
        self.source = source  # the file it started from

    def __repr__(self) -> str:
        return f"Mutant({self.source!r}, {self.edits!r})"


DROP = object()  # pinned(): delete the key instead of setting it


def pinned(source: Source, *edits: tuple[Path, Any]) -> Mutant:
    """A hand-written mutant for @example: each edit sets (or DROPs) the value at a path."""
    import copy

    tree = copy.deepcopy(source.tree)
    for path, value in edits:
        parent = _parent(tree, path)
        if value is DROP:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    return Mutant(tree, [f"{'.'.join(map(str, p))} = {'<drop>' if v is DROP else repr(v)[:40]}"
                         for p, v in edits], source.name)


OPS = ("drop", "duplicate", "nasty", "retype", "unknown_key", "swap_sibling", "empty")


@st.composite
def mutated_tree(draw: st.DrawFn, source: Source, *, toml: bool,
                 steps: int = 3) -> Mutant:
    """A deep copy of the source's tree with 1..steps structural edits, which it lists."""
    import copy

    tree = copy.deepcopy(source.tree)
    done: list[str] = []
    for _ in range(draw(st.integers(1, steps))):
        candidates = paths(tree)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        op = draw(st.sampled_from(OPS))
        parent = _parent(tree, path)
        key = path[-1]
        if op == "drop":
            del parent[key]
        elif op == "duplicate":
            # In a list: the same element twice (duplicate ids); in a table: a copy under a
            # sibling key (the same value where another was expected).
            if isinstance(parent, list):
                parent.insert(int(key), copy.deepcopy(parent[int(key)]))
            else:
                other = draw(st.sampled_from(sorted(parent, key=str)))
                parent[other] = copy.deepcopy(parent[key])
        elif op == "nasty":
            parent[key] = draw(nasty_values(toml=toml))
        elif op == "retype":
            parent[key] = _retype(parent[key])
        elif op == "unknown_key" and isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from(["idd", "Id", "x", "\u200bid", "tag "]))] = 1
        elif op == "swap_sibling" and isinstance(parent, list) and len(parent) > 1:
            index, other = int(key), draw(st.integers(0, len(parent) - 1))
            parent[index], parent[other] = parent[other], parent[index]
        elif op == "empty":
            parent[key] = type(parent[key])() if isinstance(parent[key], (list, dict, str)) \
                else None if not toml else ""
        done.append(f"{op} {'.'.join(map(str, path))}")
    return Mutant(tree, done, source.name)


def _retype(value: Any) -> Any:
    """The same content in the wrong type: "12" for 12, 12 for "12", [v] for v, ..."""
    if isinstance(value, bool):
        return "true" if value else 0
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Digits):
        return [value]
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return [value]
    if isinstance(value, list):
        return {"0": value[0]} if value else "[]"
    if isinstance(value, dict):
        return list(value.values())
    return str(value)


# ---- TOML writer (the shipped files' layout: tables, then arrays of tables) ---------------
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: object) -> str:
    text = str(key)
    return text if _BARE.match(text) else _string(text)


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)  # lone surrogates stay raw: the file is then not UTF-8
    out.append('"')
    return "".join(out)


def _inline(value: Any) -> str:
    if isinstance(value, Digits):
        return str.__str__(value)
    if isinstance(value, Deep):
        return value.text()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if value is None:
        return '""'
    raise TypeError(type(value))


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def toml_text(tree: dict[str, Any], prefix: tuple[str, ...] = ()) -> str:
    lines: list[str] = []
    nested: list[tuple[str, Any]] = []
    for key, value in tree.items():
        table = isinstance(value, dict) and value and _simple_table(value)
        if table or (_is_table_array(value) and all(_simple_table(v) for v in value)):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_inline(value)}")
    text = "\n".join(lines) + ("\n" if lines else "")
    for key, value in nested:
        name = ".".join(_key(k) for k in (*prefix, key))
        if isinstance(value, dict):
            text += f"\n[{name}]\n" + toml_text(value, (*prefix, key))
        else:
            for item in value:
                text += f"\n[[{name}]]\n" + toml_text(item, (*prefix, key))
    return text


def _simple_table(value: dict[str, Any]) -> bool:
    # A sub-table of an array-of-tables element goes inline: header nesting under [[a]] is
    # legal but the shipped files never do it past one level.
    return all(not (isinstance(v, dict) and v) or _simple_table(v) for v in value.values())


# ---- textual mutation -----------------------------------------------------------------------
def _position_classes(text: str) -> dict[str, list[int]]:
    """Byte offsets of each class of cut point, so every class is reached often."""
    classes: dict[str, list[int]] = {
        "line_end": [m.start() for m in re.finditer("\n", text)],
        "after_eq": [m.end() for m in re.finditer("= ?", text)],
        "in_string": [m.start() + 1 + (m.end() - m.start()) // 2
                      for m in re.finditer(r'"[^"\n]{2,}"', text)],
        "in_number": [m.start() + 1 for m in re.finditer(r"\d\d", text)],
        "in_header": [m.start() + 2 for m in re.finditer(r"^\[", text, re.M)],
        "bracket": [m.start() for m in re.finditer(r"[\[\]{}]", text)],
        "comma": [m.end() for m in re.finditer(",", text)],
    }
    return {k: v for k, v in classes.items() if v}


GARBAGE = st.one_of(st.binary(min_size=1, max_size=40),
                    st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3",
                                     b"\xed\xa0\x80", b"\r", b"\x1a", "\u202e".encode(),
                                     "\u200b".encode()]))


class Broken:
    """A file's bytes after one textual edit; its repr is the edit, not 100 kB of bytes."""

    def __init__(self, data: bytes, edit: str, source: str = "") -> None:
        self.data, self.edit, self.source = data, edit, source

    def __repr__(self) -> str:
        return f"Broken({self.edit!r}, {self.source!r})"


def mutated_bytes(source: Source) -> st.SearchStrategy[Broken]:
    """The file's bytes broken by one textual edit, which it names."""
    return _mutated_bytes(source).map(lambda b: Broken(b.data, b.edit, source.name))


@st.composite
def _mutated_bytes(draw: st.DrawFn, source: Source) -> Broken:
    text = source.text
    data = text.encode("utf-8")
    kind = draw(st.sampled_from(["truncate", "insert", "delete", "bom", "crlf", "empty",
                                 "garbage", "replace_char", "dup_line", "cr_only"]))
    if kind == "truncate":
        classes = _position_classes(text)
        name = draw(st.sampled_from(sorted(classes)))
        cut = draw(st.sampled_from(classes[name]))
        return Broken(text[:cut].encode("utf-8"), f"truncated at {name} {cut}")
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        blob = draw(GARBAGE)
        return Broken(data[:at] + blob + data[at:], f"inserted {blob!r} at byte {at}")
    if kind == "delete":
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        size = draw(st.integers(1, 64))
        return Broken(data[:at] + data[at + size:], f"deleted {size} bytes at {at}")
    if kind == "bom":
        return Broken(b"\xef\xbb\xbf" + data, "UTF-8 BOM")
    if kind == "crlf":
        return Broken(data.replace(b"\n", b"\r\n"), "CRLF line ends")
    if kind == "cr_only":
        return Broken(data.replace(b"\n", b"\r"), "CR line ends")
    if kind == "empty":
        return Broken(draw(st.sampled_from([b"", b"\n", b" ", b"\xef\xbb\xbf"])), "empty")
    if kind == "garbage":
        return Broken(draw(st.binary(max_size=300)), "binary garbage")
    if kind == "replace_char":
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        ch = draw(st.sampled_from(ODD_CHARS))
        changed = (text[:at] + ch + text[at + 1:]).encode("utf-8", "surrogatepass")
        return Broken(changed, f"char {at} -> {ch!r}")
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    return Broken("".join(lines[: at + 1] + lines[at:]).encode("utf-8"), f"line {at + 1} twice")


def encode(text: str) -> bytes:
    """Text to file bytes; a lone surrogate makes the file invalid UTF-8, as on disk."""
    return text.encode("utf-8", "surrogatepass")


Check = Callable[[str], None]


MAX_REFUSAL = 600
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<rest>.+)$")


def assert_located(message: str, path: str | set[str], text_lines: int) -> None:
    """Every line of a refusal is `path:line: [field: ]message`, the line inside the file
    (`path` may be the set of files loaded together)."""
    assert message.strip(), "empty refusal"
    assert "Traceback" not in message
    paths = {path} if isinstance(path, str) else path
    for row in message.splitlines():
        found = LOCATED.match(row)
        assert found is not None, f"not file:line: {row!r}"
        assert found["path"] in paths, row
        assert 1 <= int(found["line"]) <= max(text_lines, 1) + 1, row
        assert found["rest"].strip(), row
        # Readable: a pasted megabyte is named or cut, never echoed whole.
        assert len(found["rest"]) <= MAX_REFUSAL, f"{len(found['rest'])} characters"
