"""Fuzzed checklists: resources/checklists/*.toml broken.

Either load_checklist returns a usable checklist (ids unique, every auto item a condition
of finite numbers on a tag, stations strings) or raises ChecklistError as
`file:line: item X: field: message` with the line inside the file.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from hmi.core.paths import resources_dir
from recipes.checklists import load_checklist
from recipes.errors import ChecklistError

from .mutate import (
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

FILES = sorted((resources_dir() / "checklists").glob("*.toml"))
SOURCES = toml_sources(FILES)
ELECTRODE = SOURCES[0]


def check_checklist(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checklist.toml"
        path.write_bytes(raw)
        try:
            checklist = load_checklist(path)
        except ChecklistError as exc:
            outcome("refused")
            assert_located(str(exc), str(path), raw.count(b"\n") + 1)
            return
    outcome("loaded")
    assert len({i.id for i in checklist.items}) == len(checklist.items)
    assert all(isinstance(s, str) for s in checklist.stations)
    checklist.applies_to("NMC811", ["coater"])  # hashable stations
    for item in checklist.items:
        assert isinstance(item.station, str) and math.isfinite(item.hold_s) and item.hold_s >= 0
        if item.kind == "auto":
            assert item.condition is not None and isinstance(item.condition.tag, str)
            numbers = (item.condition.below, item.condition.above, item.condition.within,
                       item.condition.value)
            assert all(math.isfinite(n) for n in numbers if n is not None)
            assert item.condition.of is None or isinstance(item.condition.of, str)


def test_the_shipped_checklists_and_their_rewrites_load() -> None:
    for source in SOURCES:
        check_checklist(source.text.encode())
        check_checklist(toml_text(source.tree).encode())


@fuzz_settings(150)
@given(mutant=st.sampled_from(SOURCES).flatmap(lambda s: mutated_tree(s, toml=True)))
# An item that is no table: AttributeError ('list' object has no attribute 'get').
@example(mutant=pinned(ELECTRODE, (("items", 0), [1])))
# A station list holding a list: TypeError (unhashable) in applies_to, after loading.
@example(mutant=pinned(ELECTRODE, (("stations",), [["coater"]])))
# below = nan loaded (the condition then never holds); an int past 1e308: OverflowError.
@example(mutant=pinned(ELECTRODE, (("items", 0, "below"), math.nan)))
@example(mutant=pinned(ELECTRODE, (("items", 0, "hold_s"), Digits("1" + "0" * 400))))
# `of` as a number: loaded, then judged against no tag.
@example(mutant=pinned(ELECTRODE, (("items", 1, "of"), 3)))
def test_structurally_mutated_checklist(mutant: Mutant) -> None:
    check_checklist(encode(toml_text(mutant.tree)))


@fuzz_settings(150)
@given(case=st.sampled_from(SOURCES).flatmap(mutated_bytes))
# Bytes that are not UTF-8: UnicodeDecodeError escaped; broken TOML named no line.
@example(case=Broken(b"schema = 1\n\xff\n", "0xff"))
@example(case=Broken(b"schema = 1\nid = \n", "no value"))
def test_textually_mutated_checklist(case: Broken) -> None:
    check_checklist(case.data)
