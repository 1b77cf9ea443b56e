"""The first-article gate of a changeover, against the line twin over real OPC UA: the
download goes to the twin's coater, a real SpcMonitor judges coat weight from samples the
test constructs (the twin's own coat weight comes once a station runs, minutes away), and
the changeover can be checked only once the first subgroup after the download passes."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from hmi.config.production import characteristics
from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.plc.service import PlcService
from hmi.production.spc import SpcMonitor
from recipes import ChangeoverError, RecipeStore
from recipes.changeover import ChangeoverEngine, ChangeoverOptions, ChangeoverState
from recipes.checklists import ChecklistItem, load_checklist
from recipes.errors import ChecklistError
from recipes.first_article import first_article_item

from ..plc.helpers import wait_until
from .helpers import content_for, make_effective, signature
from .twin_setup import CHECKLIST, TwinLine, twin_line

St = ChangeoverState
TAG = "coater.coat_weight_mg_cm2"
ITEM = "first_article:coater"


def coat_weight_monitor(line: TwinLine) -> tuple[SpcMonitor, TagStore]:
    (char,) = [c for c in characteristics(line.client) if c.id == "coat_weight"]
    # The line's coat weight with a test's sampling plan: every value, 25 subgroups of
    # baseline (the demo's takes a subgroup each 30 s and a quarter hour of baseline).
    char = char.model_copy(update={"sample_every_s": 0.0, "baseline_subgroups": 25})
    store = TagStore({TAG: 1.0})
    return SpcMonitor([char], store=store), store


def feed(store: TagStore, values: list[float]) -> None:
    for v in values:
        now = utc_now()
        store.update([TagValue(TAG, v, Quality.GOOD, now, now)])


def engine_with_gate(line: TwinLine, service: PlcService, spc: SpcMonitor) -> ChangeoverEngine:
    # The manual item and the gate: the automatic items are the changeover tests' subject.
    manual = tuple(i for i in CHECKLIST if i.kind == "manual")
    checklist: tuple[ChecklistItem, ...] = (*manual, first_article_item("coater"))
    return ChangeoverEngine(
        line.db, PlcParameterIO(service), PlcLineStatus(service),
        handshakes=handshakes_of(line.client),
        checklist=checklist, first_article=spc,
        options=ChangeoverOptions(check_poll_s=0.05, auto_check_timeout_s=20.0,
                                  first_article_timeout_s=20.0, rollback_timeout_s=20.0))


def note(engine: ChangeoverEngine, co_id: str) -> str:
    check = next(c for c in engine.journal.load(co_id).checks if c.item_id == ITEM)
    return f"{check.status}: {check.note}"


async def verified(line: TwinLine, spc: SpcMonitor, lot: str) -> tuple[ChangeoverEngine, str]:
    service = await line.connected_service()
    engine = engine_with_gate(line, service, spc)
    version = make_effective(RecipeStore(line.db), content_for(line.client, ("coater",)))
    record = await engine.start(version, lot, "olga")
    assert record.state is St.VERIFIED, record.failure
    assert any(c.item_id == ITEM and c.kind == "spc" for c in record.checks)
    return engine, record.id


async def test_a_changeover_completes_only_after_its_first_article_passes_spc(
        tmp_path: Path) -> None:
    """One twin for both cases (its start is most of the time): a first article in control
    releases; on the next changeover one breaking a run rule rolls back."""
    async with twin_line(tmp_path, ("coater", "calender")) as line:
        spc, store = coat_weight_monitor(line)
        spc.start()
        try:
            rng = random.Random(11)
            feed(store, [rng.gauss(20.0, 0.03) for _ in range(25 * 5)])  # the baseline
            engine, co_id = await verified(line, spc, "LOT-FA-1")
            checks = asyncio.create_task(engine.run_checks(co_id))
            # The wizard's live status: the item waits for the first subgroup.
            await wait_until(lambda: "waiting for first article on coater: 0/1 subgroups"
                             in note(engine, co_id), timeout_s=20)
            record = engine.confirm(co_id, "foil_roll", "olga", "roll AL15-0042 scanned")
            assert record.state is St.VERIFIED  # the first article still open: not checked
            with pytest.raises(ChangeoverError, match="is verified, not signed"):
                engine.release(co_id, "olga")
            feed(store, [20.01, 19.98, 20.02, 20.0, 19.99])  # one subgroup, in control
            record = await asyncio.wait_for(checks, 20)
            assert note(engine, co_id).startswith("passed: coat_weight 20")
            assert "in control and in spec" in note(engine, co_id)
            assert record.state is St.CHECKED
            assert record.control_hash is not None
            record = engine.sign(
                co_id, signature("olga", "performed", record.control_hash), "operator",
                signature("lena", "verified", record.control_hash, 2), "lead")
            assert engine.release(co_id, "lena").state is St.RELEASED

            engine, co_id = await verified(line, spc, "LOT-FA-2")
            engine.confirm(co_id, "foil_roll", "olga", "roll AL15-0043 scanned")
            # In spec (19.6..20.4) but far beyond the X-bar chart's 3 sigma: WE1 / N1.
            feed(store, [20.25, 20.3, 20.28, 20.26, 20.31])
            record = await engine.run_checks(co_id)
        finally:
            spc.stop()
        assert record.state is St.ROLLED_BACK
        assert "first article failed" in record.failure
        assert "rule WE1 1 point beyond 3 sigma" in record.failure
        assert note(engine, co_id).startswith("failed: coat_weight: rule WE1")


def test_a_checklist_file_may_list_a_first_article_item(tmp_path: Path) -> None:
    path = tmp_path / "fa.toml"
    path.write_text('schema = 1\nid = "fa"\nproduct = "*"\nstations = ["coater"]\n'
                    '[[items]]\nid = "coater_fa"\nkind = "spc"\ntext = "First article"\n'
                    'subgroups = 3\n', encoding="utf-8")
    (item,) = load_checklist(path).items
    assert (item.kind, item.station, item.subgroups) == ("spc", "coater", 3)
    path.write_text(path.read_text(encoding="utf-8").replace("subgroups = 3",
                                                             "subgroups = 0"), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"fa.toml:\d+: item coater_fa: subgroups: 0 is not"):
        load_checklist(path)
