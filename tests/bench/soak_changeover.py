"""The soak bench's changeovers: every few minutes the sample NMC811 recipe goes through
the real changeover engine on line 1 (pre-checks, snapshot, download with read-back, the
checklist, two signatures through the signature service, release), as the changeover
screen drives it. Auto checks hold a few seconds instead of a minute, so a short run sees
them through; under chaos a changeover may be refused or rolled back: that is counted,
and its record must survive like any other."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import Counter

from hmi.app import CHECKLISTS, LineRuntime
from hmi.config import DEMO_LINE
from hmi.core.packml import PackMLState
from hmi.core.roles import Action, Role
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.security import Meaning
from recipes import RecipeVersion
from recipes.changeover import ChangeoverEngine, ChangeoverOptions, ChangeoverState
from recipes.checklists import checklists_for, merged_items
from recipes.exchange import import_files
from tests.bench.soak_twin import TwinProcess

log = logging.getLogger("soak")

SAMPLE = DEMO_LINE.parent.parent / "recipes" / "nmc811_cathode.json"
PASSWORDS = {"otto": "operator-password-1", "lena": "lead-password-01",
             "quinn": "quality-password-1", "ed": "engineer-password-1"}
ROLES = {"otto": Role.OPERATOR, "lena": Role.LEAD, "quinn": Role.QA,
         "ed": Role.PROCESS_ENGINEER}
STATIONS = ("coater", "calender")
HOLD_S = 3.0  # auto checks hold this long (the shipped list says 30-60 s)
# Items whose process settles in minutes (a dryer zone 4 °C off, a stopped calender's roll
# gap): the twin models that honestly, so a changeover every few minutes leaves them out.
SLOW_ITEMS = {"dryer_z2_at_temperature", "roll_gap_set"}
St = ChangeoverState


class Changeovers:
    def __init__(self, runtime: LineRuntime, twin: TwinProcess) -> None:
        self.runtime = runtime
        self.twin = twin
        self.outcomes: Counter[str] = Counter()
        self.errors: list[str] = []
        self.version: RecipeVersion | None = None

    def prepare(self) -> None:
        """Test users, and the sample recipe approved (signed by QA) and Effective."""
        security, db, store = self.runtime.security, self.runtime.plant_db, self.runtime.recipes
        assert security is not None and db is not None and store is not None
        admin = security.users.create_first_administrator("ada", "Ada Admin",
                                                          "admin-password-1")
        for name, role in ROLES.items():
            security.users.add_user(admin, name, name.title(), PASSWORDS[name], role,
                                    reason="soak bench")
        [draft] = import_files(db.engine, [SAMPLE], by="ed")
        store.submit(draft.recipe_id, draft.version, "ed")
        signature = security.signatures.sign(
            "quinn", PASSWORDS["quinn"], Meaning.APPROVED, "recipe_version",
            f"{draft.recipe_id}/v{draft.version}", draft.content_hash, "soak bench",
            required_action=Action.RECIPE_APPROVE)
        store.approve(draft.recipe_id, draft.version, signature)
        self.version = store.make_effective(draft.recipe_id, draft.version, "quinn")

    def run(self, t0: float, every_s: float, stop: threading.Event) -> None:
        number = 0
        while not stop.wait(max(0.0, t0 + every_s * (number + 0.25) - time.monotonic())):
            number += 1
            try:
                self.outcomes[self.one(number)] += 1
            except Exception as exc:  # counted; the soak goes on
                self.outcomes[f"error {type(exc).__name__}"] += 1
                self.errors.append(f"changeover {number}: {type(exc).__name__}: {exc}")
                log.error("soak: changeover %d failed: %s", number, exc)
            finally:
                self._force(PackMLState.EXECUTE)

    def one(self, number: int) -> str:
        runtime, version = self.runtime, self.version
        assert version is not None and runtime.security is not None
        self._force(PackMLState.STOPPED)
        engine = self._engine()
        io = runtime.io
        record = io.run(engine.start(version, f"SOAK-{number}", "otto"), timeout=120.0)
        if record.state is St.VERIFIED:
            record = io.run(engine.run_checks(record.id), timeout=180.0)
        if record.state not in (St.VERIFIED, St.CHECKED):
            self.errors.append(f"changeover {number}: {record.state}: {record.failure}")
            return str(record.state)
        for check in record.checks:
            if check.kind == "manual" and check.status == "open":
                record = engine.confirm(record.id, check.item_id, "otto", "seen at the line")
        assert record.control_hash is not None
        security = runtime.security
        performed = security.signatures.sign(
            "otto", PASSWORDS["otto"], Meaning.PERFORMED, "changeover", record.id,
            record.control_hash, "soak changeover", required_action=Action.CHANGEOVER)
        verified = security.signatures.sign(
            "lena", PASSWORDS["lena"], Meaning.VERIFIED, "changeover", record.id,
            record.control_hash, "soak changeover", required_action=Action.RECIPE_VERIFY,
            distinct_from=[performed])
        engine.sign(record.id, performed, "operator", verified, "lead")
        return str(engine.release(record.id, "otto").state)

    def _engine(self) -> ChangeoverEngine:
        runtime, version = self.runtime, self.version
        assert runtime.plant_db is not None and runtime.service is not None
        assert runtime.config is not None and version is not None
        items = merged_items(checklists_for(CHECKLISTS, version.header.product, STATIONS))
        quick = tuple(dataclasses.replace(i, hold_s=min(i.hold_s, HOLD_S)) for i in items
                      if i.id not in SLOW_ITEMS)
        return ChangeoverEngine(
            runtime.plant_db.engine, PlcParameterIO(runtime.service),
            PlcLineStatus(runtime.service), handshakes=handshakes_of(runtime.config),
            checklist=quick, options=ChangeoverOptions(auto_check_timeout_s=45.0))

    def _force(self, state: PackMLState) -> None:
        self.twin.force(list(STATIONS), state)
