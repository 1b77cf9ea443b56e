"""A changeover run on the copy while the plant database ANSWERS, signed through the
runtime's signature service (SignaturesWithCopy): the unit that reaches the plant must
carry the signatures its rows name, and every link must point at the plant's own row."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hmi.forward.offline_line import SignaturesWithCopy
from hmi.plantdb.tables import signatures
from hmi.security.signatures import Meaning
from hmi.sim.twin import LineTwin
from recipes.changeover import ChangeoverState
from recipes.tables import changeover_signatures, changeovers
from tests.plantdb.offline_setup import PASSWORD, line_hmi
from tests.plantdb.pg_server import PgCluster
from tests.plantdb.test_offline_changeover import CONTENT, STATIONS, _engine
from tests.plc.helpers import connected, services
from tests.recipes.twin_setup import line_config, stop_stations


async def test_an_online_changeover_on_the_copy_reaches_the_plant_with_its_signatures(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        signing = SignaturesWithCopy(
            hmi.plant, hmi.security.users, hmi.security.audit, hmi.local.signatures,
            lambda: hmi.link.status().online, refresh=lambda: hmi.cache.refresh(hmi.plant))
        # The plant already holds a signature with the copy's first id, so a carried-over
        # copy id would point at the wrong row.
        hmi.security.signatures.sign("quinn", PASSWORD, Meaning.APPROVED, "recipe_version",
                                     "other/v9", "0" * 64, "an earlier approval")
        [cached] = hmi.cache.versions()
        async with LineTwin(line_config()) as twin, services() as make:
            stop_stations(twin, *STATIONS)
            _, service = await connected(make, twin.client_config())
            engine = _engine(hmi, service, twin.client_config())
            record = await engine.start(cached.version, "LOT-ON-1", "olga")
            assert record.state is ChangeoverState.VERIFIED, record.failure
            record = await engine.run_checks(record.id)
            record = engine.confirm(record.id, "foil_roll", "olga", "roll scanned")
            assert record.control_hash is not None
            performed = signing.sign("olga", PASSWORD, Meaning.PERFORMED, "changeover",
                                     record.id, record.control_hash, "downloaded")
            verified = signing.sign("lena", PASSWORD, Meaning.VERIFIED, "changeover",
                                    record.id, record.control_hash, "second person",
                                    distinct_from=[performed])
            record = engine.sign(record.id, performed, "operator", verified, "lead")
            record = engine.release(record.id, "olga")
            assert record.state is ChangeoverState.RELEASED
        hmi.offline.wait_sent()
        hmi.link.poll()
        with hmi.plant.engine.connect() as conn:
            assert conn.execute(select(changeovers.c.state)).scalars().all() == ["released"]
            links = conn.execute(select(changeover_signatures.c.username,
                                        changeover_signatures.c.signature_id)).all()
            rows = {r.id: r for r in conn.execute(select(signatures))}
        assert {u for u, _ in links} == {"olga", "lena"}
        for username, signature_id in links:
            row = rows[signature_id]
            assert (row.username, row.record_type, row.record_id) == (
                username, "changeover", record.id)
        check = hmi.security.audit.verify_chain()
        assert check.intact, check.describe()
