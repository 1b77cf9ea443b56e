"""Fuzzed restore procedures: each shipped resources/procedures/*.toml broken.

Either the file loads against the demo line (every number finite, every tag one of the
line's, every timeout within MAX_TIMEOUT_S) or load_procedure raises ProcedureError whose
every issue is `file:line: field: message` with the line inside the file.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.paths import resources_dir
from hmi.restore.errors import ProcedureError
from hmi.restore.loader import MAX_TIMEOUT_S, load_procedure, load_procedures
from hmi.restore.procedure import Procedure

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

CONFIG = load_line_config(DEMO_LINE)
TAGS = {t.id for t in CONFIG.tags}
FILES = sorted((resources_dir() / "procedures").glob("*.toml"))
SOURCES = toml_sources(FILES)
WEB_BREAK = next(s for s in SOURCES if s.name == "coater_web_break.toml")
DEW_POINT = next(s for s in SOURCES if s.name == "dry_room_dew_point.toml")


def _numbers(procedure: Procedure) -> list[float]:
    found: list[float] = []
    for step in procedure.steps:
        found += [step.hold_s, step.rate_per_s, step.band, step.for_s, step.timeout_s]
        found += [v for v in (step.hold_deviation, step.abort_deviation, step.value)
                  if v is not None]
        if isinstance(step.to, float):
            found.append(step.to)
        for condition in (*step.requires, *step.conditions, *step.until):
            found += [v for v in (condition.below, condition.above, condition.within,
                                  condition.value) if v is not None]
        found += [float(w.value) for w in step.writes if w.value is not None]
    if procedure.exposure is not None:
        found.append(procedure.exposure.above)
    return found


def check_procedure(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "procedure.toml"
        path.write_bytes(raw)
        try:
            procedure = load_procedure(path, CONFIG)
        except ProcedureError as exc:
            outcome(f"refused: {exc.issues[0].field.rsplit('.', 1)[-1] or 'file'}")
            assert exc.issues
            assert_located(str(exc), str(path), raw.count(b"\n") + 1)
            return
    outcome("loaded")
    assert procedure.steps and procedure.tags() <= TAGS | {
        f"{s.station}.command" for s in procedure.steps}
    assert all(math.isfinite(n) for n in _numbers(procedure)), procedure
    assert all(0 < s.timeout_s <= MAX_TIMEOUT_S for s in procedure.steps)
    assert len({s.id for s in procedure.steps}) == len(procedure.steps)


def test_the_shipped_procedures_and_their_rewrites_load() -> None:
    for source in SOURCES:
        check_procedure(source.text.encode())
        check_procedure(toml_text(source.tree).encode())


@fuzz_settings(150)
@given(mutant=st.sampled_from(SOURCES).flatmap(lambda s: mutated_tree(s, toml=True)))
# A role list holding a list: TypeError (unhashable) in the role check.
@example(mutant=pinned(WEB_BREAK, (("steps", 0, "role"), [["Operator"]])))
# NaN passed every `> 0` test (a ramp rate of nan); 1e400 as an int: OverflowError.
@example(mutant=pinned(WEB_BREAK, (("steps", 0, "timeout_s"), math.nan)))
@example(mutant=pinned(WEB_BREAK, (("steps", 0, "hold_s"), Digits("1" + "0" * 400))))
# A station given as a table: TypeError (unhashable) in the station check.
@example(mutant=pinned(WEB_BREAK, (("steps", 0, "station"), {"id": "coater"})))
@example(mutant=pinned(DEW_POINT, (("exposure", "hold_stations"), [["filler"]])))
# No steps: a top-level key missing was reported without a line.
@example(mutant=pinned(WEB_BREAK, (("steps",), DROP)))
def test_structurally_mutated_procedure(mutant: Mutant) -> None:
    check_procedure(encode(toml_text(mutant.tree)))


@fuzz_settings(150)
@given(case=st.sampled_from(SOURCES).flatmap(mutated_bytes))
# Bytes that are not UTF-8: UnicodeDecodeError escaped load_procedure (it caught OSError).
@example(case=Broken(b"schema = 1\n\xff\n", "0xff"))
# Broken TOML was reported without a line (TOMLDecodeError has no lineno on 3.11).
@example(case=Broken(b"schema = 1\nid = \n", "no value"))
def test_textually_mutated_procedure(case: Broken) -> None:
    check_procedure(case.data)


def test_two_files_with_one_id_are_refused_at_the_second_files_id_line(tmp_path: Path) -> None:
    """Duplicate ids across files (a copy saved beside the original): named with a line."""
    (tmp_path / "a.toml").write_text(WEB_BREAK.text, encoding="utf-8")
    (tmp_path / "b.toml").write_text("\n\n" + WEB_BREAK.text, encoding="utf-8")
    with pytest.raises(ProcedureError) as refused:
        load_procedures(tmp_path, CONFIG)
    line = 1 + WEB_BREAK.text.split("\n").index('id = "coater_web_break"')
    assert str(refused.value) == (f"{tmp_path / 'b.toml'}:{line + 2}: id: 'coater_web_break' "
                                  f"is also the id of {tmp_path / 'a.toml'}")
