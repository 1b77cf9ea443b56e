"""Engine rules on an in-memory PLC: a read-back mismatch blocks release and is listed, a
checklist item that never holds rolls back, signatures must be over this control recipe,
values in a mailbox are verified once, after the commit, and never go unverified."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from recipes import (
    ChangeoverError,
    Handshake,
    Parameter,
    ParameterRead,
    ParameterWrite,
    ParamValue,
    RecipeContent,
    RecipeStore,
    VerifyMode,
)
from recipes.changeover import (
    ChangeoverEngine,
    ChangeoverOptions,
    ChangeoverRecord,
    ChangeoverState,
    ParamPhase,
)
from recipes.checklists import ChecklistItem, Condition

from .helpers import database, make_effective, signature

St = ChangeoverState
PARAMS = tuple(Parameter(f"coater.p{i}", f"p{i}", "mm", "float", 10.0 + i, 0, 100,
                         verify=VerifyMode.TOLERANCE, tolerance=0.01) for i in range(6))


class FakePlc:
    """Values by tag, a recipe mailbox for `coater`, and a PLC that may clamp on commit."""

    def __init__(self) -> None:
        self.active: dict[str, ParamValue] = {p.tag: 1.0 for p in PARAMS}
        self.active["dry_room.dew_point_c"] = -30.0
        self.staged: dict[str, ParamValue] | None = None
        self.clamp: dict[str, float] = {}
        self.mailbox_clamp: dict[str, float] = {}  # stores something else, says nothing
        self.writes: list[tuple[list[str], bool]] = []  # (tags, read back?) per call
        self.reads: list[list[str]] = []
        self.on_commit: Callable[[], None] = lambda: None

    async def read_many(self, tags: Sequence[str]) -> list[ParameterRead]:
        self.reads.append(list(tags))
        return [ParameterRead(t, self._read(t), True) for t in tags]

    def _read(self, tag: str) -> ParamValue:
        if tag == "coater.recipe_download":
            return self.staged is not None
        if tag == "coater.recipe_commit":
            return False
        return (self.staged or {}).get(tag, self.active[tag])

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]:
        self.writes.append(([t for t, _ in items], read_back))
        out = []
        for tag, value in items:
            if tag == "coater.recipe_download":
                self.staged = {} if value else None
            elif tag == "coater.recipe_commit":
                self.on_commit()
                staged, self.staged = self.staged or {}, None
                self.active.update({t: self.clamp.get(t, v) for t, v in staged.items()})
                self.clamp = {}  # once: the rollback after it goes through
                value = False
            elif self.staged is not None:
                self.staged[tag] = self.mailbox_clamp.pop(tag, value)  # once, as clamp
            else:
                self.active[tag] = value
            out.append(ParameterWrite(tag, True, value if read_back else None,
                                      f"{tag} = {value}"))
        return out


class Status:
    async def packml_state(self, station: str) -> str | None:
        return "Stopped"

    async def active_alarms(self, stations: Sequence[str]) -> Sequence[str]:
        return ()

    async def open_lot(self, station: str) -> str | None:
        return None


def _engine(tmp_path: Path, plc: FakePlc, checklist: Sequence[ChecklistItem] = ()
            ) -> tuple[ChangeoverEngine, RecipeStore]:
    db = database(tmp_path)
    engine = ChangeoverEngine(
        db, plc, Status(), handshakes={"coater": Handshake("coater", "coater.recipe_download",
                                                           "coater.recipe_commit")},
        checklist=checklist, options=ChangeoverOptions(
            batch_size=4, check_poll_s=0.01, auto_check_timeout_s=0.2, dew_point=None,
            rollback_timeout_s=1.0))
    return engine, RecipeStore(db)


async def test_a_read_back_mismatch_blocks_release_lists_it_and_rolls_back(
    tmp_path: Path,
) -> None:
    plc = FakePlc()
    plc.clamp["coater.p3"] = 12.5  # the PLC applies something else than it was sent
    engine, store = _engine(tmp_path, plc)
    version = make_effective(store, RecipeContent(PARAMS))
    record = await engine.start(version, "LOT-1", "olga")
    assert record.state is St.ROLLED_BACK
    assert record.failure == ("read-back verification failed: coater.p3: sent 13.0, the PLC "
                              "holds 12.5 (tolerance 0.01)")
    assert plc.active == {**{p.tag: 1.0 for p in PARAMS}, "dry_room.dew_point_c": -30.0}
    assert [e.state for e in record.events][-3:] == [St.DOWNLOADED, St.ROLLING_BACK,
                                                      St.ROLLED_BACK]


async def test_mailbox_values_are_read_back_once_after_the_commit_and_the_record_says_so(
    tmp_path: Path,
) -> None:
    plc = FakePlc()
    engine, store = _engine(tmp_path, plc)
    at_commit: list[ChangeoverRecord] = []
    plc.on_commit = lambda: at_commit.extend(engine.journal.unfinished())
    version = make_effective(store, RecipeContent(PARAMS))
    record = await engine.start(version, "LOT-4", "olga")
    assert record.state is St.VERIFIED, record.failure
    tags = [p.tag for p in PARAMS]
    # The download bit is read back; the values in the mailbox are not (one write of all,
    # not batches of 4: none is live before the commit), nor the commit bit (a PLC may
    # pulse it): the read of every value after it is the proof.
    assert plc.writes[-3:] == [(["coater.recipe_download"], True), (tags, False),
                               (["coater.recipe_commit"], False)]
    assert plc.reads[-1] == tags  # every one read back after the commit
    # While the commit is out the values' outcome is unknown (in the mailbox, or applied if
    # the commit lands): the record says so and claims nothing applied.
    phases = {p.tag: p.phase for p in at_commit[0].parameters}
    assert phases == dict.fromkeys(tags, ParamPhase.SENDING)
    assert {p.phase for p in record.parameters} == {ParamPhase.VERIFIED}


async def test_a_value_the_mailbox_holds_wrong_is_caught_after_the_commit_and_rolled_back(
    tmp_path: Path,
) -> None:
    plc = FakePlc()
    plc.mailbox_clamp["coater.p1"] = 11.5  # accepted, stored as something else
    engine, store = _engine(tmp_path, plc)
    version = make_effective(store, RecipeContent(PARAMS))
    record = await engine.start(version, "LOT-5", "olga")
    assert record.state is St.ROLLED_BACK
    assert record.failure == ("read-back verification failed: coater.p1: sent 11.0, the PLC "
                              "holds 11.5 (tolerance 0.01)")
    assert plc.active == {**{p.tag: 1.0 for p in PARAMS}, "dry_room.dew_point_c": -30.0}


async def test_values_without_a_handshake_are_read_back_batch_by_batch(
    tmp_path: Path,
) -> None:
    plc = FakePlc()
    bare = Parameter("calender.q0", "q0", "mm", "float", 20.0, 0, 100)  # no mailbox there
    plc.active[bare.tag] = 1.0
    engine, store = _engine(tmp_path, plc)
    version = make_effective(store, RecipeContent((*PARAMS, bare)))
    record = await engine.start(version, "LOT-6", "olga")
    assert record.state is St.VERIFIED, record.failure
    tags = [p.tag for p in PARAMS]
    assert plc.writes[-4:] == [(["coater.recipe_download"], True), (tags[:4], False),
                               ([*tags[4:], bare.tag], True), (["coater.recipe_commit"], False)]


async def test_a_checklist_item_that_never_holds_rolls_back(tmp_path: Path) -> None:
    plc = FakePlc()
    dew = ChecklistItem("dew", "auto", "Dew point below -40 °C", "coater",
                        Condition("dry_room.dew_point_c", below=-40.0), hold_s=0.05)
    engine, store = _engine(tmp_path, plc, [dew])
    version = make_effective(store, RecipeContent(PARAMS))
    record = await engine.start(version, "LOT-2", "olga")
    assert record.state is St.VERIFIED
    record = await engine.run_checks(record.id)
    assert record.state is St.ROLLED_BACK
    assert record.failure == ("checklist failed: Dew point below -40 °C: dry_room.dew_point_c "
                              "= -30, needs below -40")
    assert [(c.item_id, c.status) for c in record.checks] == [("dew", "failed")]


async def test_signatures_must_be_over_this_control_recipe(tmp_path: Path) -> None:
    plc = FakePlc()
    engine, store = _engine(tmp_path, plc)
    manual = Parameter("coater.p9", "shim", "µm", "float", 250.0, 0, 500,
                       verify=VerifyMode.MANUAL)
    plc.active[manual.tag] = 100.0
    version = make_effective(store, RecipeContent((*PARAMS, manual)))
    record = await engine.start(version, "LOT-3", "olga")
    assert record.state is St.VERIFIED
    with pytest.raises(ChangeoverError, match="is verified, not checked"):
        engine.sign(record.id, signature("olga", "performed", "x"), "operator",
                    signature("lena", "verified", "x"), "qa")
    record = engine.confirm(record.id, "param:coater.p9", "olga", "shim gauge reads 250 µm")
    assert record.state is St.CHECKED
    with pytest.raises(ChangeoverError, match="sign this control recipe"):
        engine.sign(record.id, signature("olga", "performed", version.content_hash),
                    "operator", signature("lena", "verified", version.content_hash), "qa")
    assert record.control_hash is not None
    record = engine.sign(record.id, signature("olga", "performed", record.control_hash),
                         "operator", signature("lena", "verified", record.control_hash), "qa")
    assert engine.release(record.id, "olga").state is St.RELEASED
    plc.active["coater.p2"] = 99.0  # changed at the panel after release
    assert await engine.check_variance(record.id) == ["coater.p2: downloaded 12.0, now 99.0"]
