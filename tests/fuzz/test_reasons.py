"""Fuzzed reason trees: resources/reasons/*.toml broken, loaded beside the intact others.

Either the tree loads (every reason's loss known, codes unique) or load_reason_files
raises ReasonFileError as `file:line: field: message` with the line inside the file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from hmi.core.paths import resources_dir
from hmi.production.reasons import FACTORS, ReasonFileError, load_reason_files

from .mutate import (
    DROP,
    Broken,
    Digits,
    Mutant,
    assert_located,
    encode,
    fuzz_settings,
    mutated_bytes,
    mutated_tree,
    outcome,
    pinned,
    toml_sources,
    toml_text,
)

FILES = sorted((resources_dir() / "reasons").glob("*.toml"))
SOURCES = toml_sources(FILES)
LOSSES = next(s for s in SOURCES if s.name == "six_big_losses.toml")
BATTERY = next(s for s in SOURCES if s.name == "battery_line.toml")


def check_reasons(name: str, raw: bytes) -> None:
    """`name` replaced by `raw`, the other shipped files as they are."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for source in SOURCES:
            path = Path(folder) / source.name
            path.write_bytes(raw if source.name == name else source.text.encode())
            paths.append(path)
        try:
            tree = load_reason_files(paths)
        except ReasonFileError as exc:
            outcome("refused")
            lines = max(raw.count(b"\n"), *(s.text.count("\n") for s in SOURCES)) + 1
            # A code defined twice is refused at the second definition: either file.
            assert_located(str(exc), {str(p) for p in paths}, lines)
            return
    outcome("loaded")
    assert tree.reasons
    for reason in tree.reasons.values():
        assert tree.losses[reason.loss].factor in FACTORS
        assert reason.stations


def test_the_shipped_reason_files_and_their_rewrites_load() -> None:
    for source in SOURCES:
        check_reasons(source.name, source.text.encode())
        check_reasons(source.name, toml_text(source.tree).encode())


@fuzz_settings(150)
@given(mutant=st.sampled_from(SOURCES).flatmap(lambda s: mutated_tree(s, toml=True)))
# No [[reasons]] left: the refusal named the files joined by commas, and no line.
@example(mutant=pinned(BATTERY, (("reasons",), DROP)))
# A code of 5000 digits: ValueError from tomllib.
@example(mutant=pinned(BATTERY, (("reasons", 0, "code"), Digits("9" * 5000))))
def test_structurally_mutated_reasons(mutant: Mutant) -> None:
    check_reasons(mutant.source, encode(toml_text(mutant.tree)))


@fuzz_settings(150)
@given(case=st.sampled_from(SOURCES).flatmap(mutated_bytes))
# Bytes that are not UTF-8: UnicodeDecodeError escaped (only OSError was caught).
@example(case=Broken(b"[[losses]]\n\xff\n", "0xff", LOSSES.name))
def test_textually_mutated_reasons(case: Broken) -> None:
    check_reasons(case.source, case.data)
