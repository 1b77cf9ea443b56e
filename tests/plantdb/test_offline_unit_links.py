"""An offline changeover's unit lands on the plant database exactly as it happened, on both
paths (straight in while the server answers, through PlantLink's journal when it does not):
signatures made on the copy get plant ids, and every link to them (changeover_signatures,
the audit entries' signature_id) names that same plant row; each audit entry keeps the time
it was made on the HMI. The plant already holds a signature, so the copy's ids collide with
another row if they are carried over unchanged (the defect this guards)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hmi.core.audit_event import AuditEvent
from hmi.forward.offline_changeover import PlantCheckedJournal
from hmi.plantdb.tables import audit_log, signatures
from hmi.security.signatures import Meaning
from recipes.changeover import ChangeoverState
from recipes.tables import changeover_signatures
from tests.plantdb.offline_setup import PASSWORD, LineHmi, line_hmi
from tests.plantdb.pg_server import PgCluster
from tests.recipes.helpers import content_for
from tests.recipes.twin_setup import line_config

CONTENT = content_for(line_config(), ("coater",))


def assert_links_exact(hmi: LineHmi, co_id: str) -> None:
    """Every changeover signature row and every audit entry naming a signature point at
    the same plant signature row, whose content is what was signed; audit entries carry
    the copy's times; the chain verifies."""
    with hmi.plant.engine.connect() as conn:
        sigs = {r.id: r for r in conn.execute(select(signatures))}
        linked = conn.execute(select(changeover_signatures)
                              .where(changeover_signatures.c.changeover_id == co_id)).all()
        naming = conn.execute(select(audit_log).where(audit_log.c.object_id == co_id,
                                                      audit_log.c.signature_id.is_not(None))
                              ).all()
    assert {r.meaning for r in linked} == {"performed", "verified"}
    for row in linked:
        sig = sigs[row.signature_id]
        assert (sig.username, sig.meaning, sig.record_type, sig.record_id, sig.record_hash) \
            == (row.username, row.meaning, "changeover", co_id, row.record_hash)
    assert sorted(e.signature_id for e in naming) == sorted(r.signature_id for r in linked)
    for entry in naming:
        sig = sigs[entry.signature_id]
        assert (sig.username, sig.meaning, sig.record_id, sig.record_hash) == (
            entry.username, entry.field, entry.object_id, entry.sent_value.strip('"'))
    # Each entry with its own time: as made on the copy, not the unit's or the forward's.
    made = [(e.username, e.action, e.utc_ts) for e in hmi.local.audit.entries()
            if e.object_id == co_id]
    plant = [(e.username, e.action, e.utc_ts) for e in hmi.security.audit.entries()
             if e.object_id == co_id]
    assert len(made) == 2 and plant == made
    assert made[0][2] != made[1][2]
    check = hmi.security.audit.verify_chain()
    assert check.intact, check.describe()


@pytest.mark.parametrize("path", ["straight_in", "journal"])
def test_signature_links_and_audit_times_are_exact_after_forward(
        path: str, pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        v = cached.version
        hmi.security.signatures.sign("quinn", PASSWORD, Meaning.APPROVED, "restore", "r-0",
                                     "b" * 64, "signed on the plant first")
        journal = PlantCheckedJournal(hmi.offline)
        co_id = journal.create(v.recipe_id, v.version, v.content_hash, "LOT-S", False,
                               "olga", [(p.tag, p.setpoint) for p in v.parameters])
        if path == "journal":
            pg_cluster.stop()
        try:
            if path == "journal":  # journaled before the unit: chained before its entries
                hmi.link.append(AuditEvent("olga", "Olga Operator", "operator",
                                           "acknowledge", "alarm", "coater.web_break"))
            control = "c" * 64
            performed = hmi.local.signatures.sign("olga", PASSWORD, Meaning.PERFORMED,
                                                  "changeover", co_id, control, "downloaded")
            verified = hmi.local.signatures.sign("lena", PASSWORD, Meaning.VERIFIED,
                                                 "changeover", co_id, control, "checked",
                                                 distinct_from=[performed])
            assert performed.id == 1  # the copy's first: the plant's 1 is quinn's
            journal.add_signatures(co_id, [(performed, "operator"), (verified, "lead")])
            journal.set_state(co_id, ChangeoverState.RELEASED, "released",
                              control_hash=control)
            hmi.offline.wait_sent()
            assert hmi.link.status().pending == (2 if path == "journal" else 0)
        finally:
            if path == "journal":
                pg_cluster.start()
        if path == "journal":
            result = hmi.link.poll()
            assert result is not None
            assert (result.forwarded, result.problem) == (2, "")
            again = hmi.link.forward()
            assert (again.forwarded, again.already_there) == (0, 0)
        assert hmi.offline.send(co_id)  # sent once: a repeat writes nothing
        assert_links_exact(hmi, co_id)
        chain = [(e.action, e.object_id) for e in hmi.security.audit.entries()
                 if e.object_id in (co_id, "coater.web_break")]
        assert chain == ([("acknowledge", "coater.web_break")] if path == "journal"
                         else []) + [("sign", co_id), ("sign", co_id)]
        with hmi.plant.engine.connect() as conn:
            assert len(conn.execute(select(signatures)).all()) == 3
