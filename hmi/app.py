"""Composition root: from a line config to running services. Nothing else does wiring.

With no config the embedded line twin is started on loopback (on its own thread and loop,
as a separate PLC would be) and the services connect to it over real OPC UA and Modbus TCP
sockets, exactly as they would to a plant.

With ``plc_process`` the drivers run in a PLC process of their own (PlcProcessService) and
this process holds a mirror of the TagStore: what the GUI does, so that decoding thousands
of values a second never competes with painting for the GIL. Tools and most tests keep the
drivers in process (PlcService): one process is simpler to debug and quicker to start.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import socket
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hmi.alarms import AlarmEngine, build_alarm_engine
from hmi.alarms.external import spc_alarm_sink
from hmi.alarms.journal import alarm_journal
from hmi.config import DEMO_LINE, LineConfig, load_line_config
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.tagstore import TagStore
from hmi.forward import OUTBOX_FILE, Outbox, PlantLink
from hmi.forward.offline_changeover import FORWARDED_TABLES
from hmi.forward.offline_line import OfflineLine
from hmi.forward.offline_restore import FORWARDED_TABLES as RESTORE_TABLES
from hmi.forward.offline_restore import OfflineRestores
from hmi.forward.offline_users import USER_CACHE_FILE, OfflineUserStore
from hmi.historian import (
    Historian,
    HistorianStatus,
    HistoryError,
    settings_from_config,
)
from hmi.plantdb import PlantDb, PlantDbError, open_plant_db
from hmi.plantdb import default_url as plant_db_url
from hmi.plantdb.database import plant_db_for_later
from hmi.plc.access import PlcAccess
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.plc.process_service import START_TIMEOUT_S as PLC_PROCESS_START_S
from hmi.plc.process_service import PlcProcessService
from hmi.plc.service import PlcService
from hmi.production.alarm_hints import alarm_hints
from hmi.production.build import Production, start_production
from hmi.production.changeover_glue import attach_variance_monitor, with_first_articles
from hmi.production.holds import LotHoldStore
from hmi.production.variance import VarianceMonitor
from hmi.restore import ProcedureError, RestoreEngine, build_restore_engine
from hmi.security import Security, SecurityPolicy, SignatureService, build_security
from hmi.sim.twin import LineTwin
from recipes import RecipeStore, RecipeVersion
from recipes.changeover import ChangeoverEngine, ChangeoverJournal, ChangeoverState
from recipes.checklists import checklists_for, merged_items

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0
# Longer than the PLC process's own wait for its start, so that when the machine is loaded
# its own reason ("did not start within 30 s", a crash) arrives, not an empty TimeoutError.
SERVICE_START_TIMEOUT_S = PLC_PROCESS_START_S + 30.0
CHECKLISTS = DEMO_LINE.parent.parent / "checklists"  # changeover checklists shipped


@dataclass
class LineRuntime:
    """The running services of one line HMI. Start on any thread; use from any thread."""

    config_path: Path | None = None  # None: the demo line on the embedded twin
    line_config: LineConfig | None = None  # an already loaded config (instead of config_path)
    embedded_twin: bool = True
    lines: int = 1  # copies of the line the embedded twin serves (load tests)
    faults: tuple[str, ...] = ()  # twin faults to inject, `NAME[:TARGET]@S[+DUR]`
    time_scale: float = 1.0  # the embedded twin's simulated seconds per real second
    plc_process: bool = False  # drivers in a PLC process of their own (see module doc)
    data_dir: Path | None = None  # logs of the PLC process, the history file (None: neither)
    history: bool = False  # record every value in the historian (needs data_dir)
    historian: Historian | None = None  # when it records in this process
    secure: bool = False  # users, roles and the audited command path (needs data_dir)
    plant_db: PlantDb | None = None
    # Store-and-forward, with a plant database on a server (None on the local SQLite file):
    # records go through it, kept in <data_dir>/outbox.sqlite while the server is away.
    plant_link: PlantLink | None = None
    link_poll_s: float = 5.0  # how often the link looks for the server while records wait
    # With the link: changeovers run on <data_dir>/offline_plant.sqlite, a copy of the
    # Effective versions, and are sent when they end (hmi.forward.offline_line).
    offline: OfflineLine | None = None
    # and restore runs too: recorded there, sent when they end (hmi.forward.offline_restore)
    offline_restores: OfflineRestores | None = None
    security: Security | None = None
    commands: CommandService | None = None
    recipes: RecipeStore | None = None
    # With the plant database only (their records live there):
    alarms: AlarmEngine | None = None
    holds: LotHoldStore | None = None
    variance: VarianceMonitor | None = None  # released changeovers' parameters vs the PLC
    restore: RestoreEngine | None = None
    restore_problem: str = ""  # why there is no restore engine (a procedure file refused)
    production: Production | None = None  # lots, the recipe in force, OEE, SPC
    io: IoThread = field(default_factory=IoThread)
    twin_io: IoThread = field(default_factory=lambda: IoThread("lineside-twin"))
    twin: LineTwin | None = None
    config: LineConfig | None = None
    store: TagStore | None = None
    service: PlcAccess | None = None
    _plc_starting: concurrent.futures.Future[None] | None = field(
        default=None, init=False, repr=False)

    def start(self, *, wait_for_plc: bool = True) -> None:
        """Start the twin (if embedded), then the PLC service. Returns once both run;
        connecting to PLCs goes on in the background and shows in the health lamps.
        ``wait_for_plc=False``: returns while the PLC service is still starting (a PLC
        process takes seconds to spawn: `lineside run` builds the panel meanwhile, issue
        11) and the caller calls wait_for_plc() before it shows values or sends commands."""
        config = self.line_config or load_line_config(self.config_path or DEMO_LINE)
        if self.embedded_twin:
            self.twin_io.start()
            self.twin = LineTwin(config, lines=self.lines, faults=self.faults,
                                 time_scale=self.time_scale)
            _started(self.twin_io, self.twin.start(), START_TIMEOUT_S * 2, "the line twin")
            config = self.twin.client_config()
            log.info("line twin serving %s", self.twin.opcua_endpoint)
        self.config = config
        self.store = TagStore(config.expected_periods_s())
        record = self.history and self.data_dir is not None
        if self.plc_process:
            self.service = PlcProcessService(config, self.store, self.data_dir, record)
        else:
            self.service = PlcService(config, self.store, data_dir=self.data_dir)
            if record and self.data_dir is not None:
                self._record_here(config, self.store, self.data_dir)
        if self.secure and self.data_dir is not None:
            # Before the PLC links: a plant database that cannot open stops the start with
            # its reason, rather than an HMI that shows values but can never act.
            url = config.security.url if config.security.url else plant_db_url(self.data_dir)
            self.plant_db, online = self._open_plant_db(url)
            self.security = build_security(self.plant_db, config.security)
            if self.plant_db.engine.dialect.name != "sqlite":
                self.security = self._link_up(config, self.plant_db, self.security,
                                              self.data_dir, online)
            self.commands = CommandService(self.service, self.security.policy,
                                           self.security.audit)
            self.recipes = (self.offline.recipes if self.offline is not None
                            else RecipeStore(self.plant_db.engine))
            # Subscribed before the PLC links come up, so the first values are judged too;
            # its state is rebuilt from the journal (an unacknowledged alarm stays so).
            self.alarms = build_alarm_engine(config, self.store, self.plant_db,
                                             self.security.audit, authorizer=self.commands,
                                             recorder=self.plant_link)
            self.holds = LotHoldStore(self.plant_db, self.security.audit,
                                      self.security.signatures, recorder=self.plant_link)
            # A line that changes over on its copy watches its changeovers there and logs
            # through it (a variance while the server is away reaches the plant later).
            self.variance = attach_variance_monitor(
                self.store, self.offline.cache.db if self.offline else self.plant_db,
                self.security.audit, holds=self.holds,
                record=self.offline.changeovers.record_variances if self.offline else None)
            self._build_restore(config, self.store, self.commands, self.plant_db,
                                self.security)
            self.production = start_production(
                config, self.store, self.plant_db, self.security.audit, self.holds,
                hint_source=alarm_hints(self.alarms.summary),
                spc_alarms=spc_alarm_sink(self.alarms), recorder=self.plant_link)
        self.io.start()
        self._plc_starting = self.io.submit(self.service.start())
        if wait_for_plc:
            self.wait_for_plc()

    @property
    def plc_starting(self) -> bool:
        """The PLC service started by start(wait_for_plc=False) is not up yet."""
        return self._plc_starting is not None and not self._plc_starting.done()

    def wait_for_plc(self) -> None:
        """Until the PLC service started by start(wait_for_plc=False) runs; raises
        StartTimeout or the service's own error as start() would. Safe to call twice."""
        starting, self._plc_starting = self._plc_starting, None
        if starting is not None:
            _waited(starting, SERVICE_START_TIMEOUT_S, "the PLC service")

    @staticmethod
    def _open_plant_db(url: str) -> tuple[PlantDb, bool]:
        """The plant database, and whether it answered. A server that cannot be reached is
        no reason to leave the line without its HMI: start offline, record locally (the
        link), check the schema once it answers. Anything else (wrong password, a newer
        schema, a bad URL) stops the start with its reason."""
        try:
            return open_plant_db(url), True
        except PlantDbError as exc:
            # dialect.explain_connect_error's words for "no server there".
            if "cannot reach the plant database server" not in str(exc):
                raise
            log.warning("%s: starting offline; records are kept on this HMI and forwarded "
                        "when the server answers", exc)
            return plant_db_for_later(url), False

    def _link_up(self, config: LineConfig, plant_db: PlantDb, security: Security,
                 data_dir: Path, online: bool) -> Security:
        """A shared plant database on a server: every service records through one link,
        so the line keeps running and recording when the server or network is away; the
        users are cached here so sign-in and role checks answer then too."""
        hmi = f"{socket.gethostname()}/{config.line.id}"
        link = PlantLink(plant_db, Outbox(data_dir / OUTBOX_FILE), security.audit, hmi=hmi,
                         tables=[alarm_journal, *FORWARDED_TABLES, *RESTORE_TABLES], online=online)
        security.audit.send_through(link)  # every stand-alone audit entry
        users = OfflineUserStore(plant_db, security.audit, security.permissions,
                                 config.security, cache_path=data_dir / USER_CACHE_FILE)
        if online:
            users.refresh()
        link.while_online(users.refresh_if_due)
        link.start(self.link_poll_s)
        self.plant_link = link
        secured = replace(security, users=users,
                          policy=SecurityPolicy(users, security.permissions),
                          signatures=SignatureService(plant_db, users, security.audit))
        self.offline = OfflineLine(data_dir, plant_db, link, hmi=hmi, online=online)
        self.offline_restores = OfflineRestores(self.offline.changeovers)
        try:  # runs a previous start ended but did not hand over
            self.offline_restores.send_finished()
        except Exception:  # the line starts anyway; the next run's end retries
            log.exception("restore runs finished earlier could not be handed over")
        # A changeover's signatures are made on the copy while the server is away.
        return replace(secured, signatures=self.offline.signatures(secured))

    def _build_restore(self, config: LineConfig, store: TagStore, commands: CommandService,
                       plant_db: PlantDb, security: Security) -> None:
        twin = self.twin
        # Holds, ramps and settle times are plant seconds: the embedded twin's own clock
        # (the same as the wall's unless a demo or test runs it time-scaled).
        clock = (lambda: twin.line.time_s) if twin is not None else time.monotonic
        # With a server, changeovers and restore runs are on the copy (hmi.forward):
        # the released values are read there, the run recorded there, sent when it ends.
        journal = (self.offline.journal if self.offline is not None
                   else ChangeoverJournal(plant_db.engine))
        runs = self.offline_restores.journal() if self.offline_restores is not None else None
        try:
            self.restore = build_restore_engine(
                config, store, commands, plant_db, signatures=security.signatures,
                holds=self.holds, recipe_targets=lambda tag: released_target(journal, tag),
                clock=clock, journal=runs)
        except ProcedureError as exc:  # the line runs on; the restore screen says why
            self.restore_problem = f"restore procedures refused: {exc}"
            log.error("%s", self.restore_problem)

    def changeover_engine(self, version: RecipeVersion) -> ChangeoverEngine:
        """A changeover engine for this recipe version: its checklists (product and
        stations) from resources/checklists, the PLCs through the running service."""
        assert self.plant_db is not None and self.service is not None
        assert self.config is not None
        stations = {p.station for p in version.parameters}
        checklist = merged_items(checklists_for(CHECKLISTS, version.header.product, stations))
        # The first article after the download must pass each station's SPC checks.
        spc = self.production.spc if self.production is not None else None
        if self.offline is not None:  # a server: on the copy, sent when it ends
            return self.offline.engine(
                version, PlcParameterIO(self.service), PlcLineStatus(self.service),
                handshakes=handshakes_of(self.config),
                checklist=with_first_articles(checklist, stations, spc), first_article=spc)
        return ChangeoverEngine(
            self.plant_db.engine, PlcParameterIO(self.service), PlcLineStatus(self.service),
            handshakes=handshakes_of(self.config),
            checklist=with_first_articles(checklist, stations, spc), first_article=spc,
        )

    def _record_here(self, config: LineConfig, store: TagStore, data_dir: Path) -> None:
        historian = Historian.from_config(config, data_dir)
        try:
            historian.start()
        except HistoryError as exc:  # the line runs on; the banner says history is off
            log.error("%s", exc)
            return
        historian.attach(store)
        self.historian = historian

    def history_url(self) -> str | None:
        """Where the history is read from (None: nothing records)."""
        if not self.history or self.data_dir is None or self.config is None:
            return None
        return settings_from_config(self.config, self.data_dir).url

    async def historian_status(self) -> HistorianStatus | None:
        """The historian's status wherever it records (run on the IoThread)."""
        if self.historian is not None:
            return self.historian.status()
        if isinstance(self.service, PlcProcessService):
            return await self.service.historian_status()
        return None

    def inject_fault(
        self, name: str, target: str | None = None, duration_s: float | None = None
    ) -> str:
        """Inject a twin fault from any thread (demos, tests); returns what was injected."""
        if self.twin is None:
            raise RuntimeError("no embedded twin: faults are injected into the twin only")
        twin = self.twin

        async def inject() -> str:
            return twin.inject(name, target, duration_s)

        return self.twin_io.run(inject(), timeout=START_TIMEOUT_S)

    def stop(self) -> None:
        """Stop everything that start() started, in reverse order; safe to call twice."""
        starting, self._plc_starting = self._plc_starting, None
        if starting is not None:  # never stopped while it starts (a panel that failed)
            with contextlib.suppress(Exception):
                starting.result(SERVICE_START_TIMEOUT_S)
        if self.restore is not None:
            self.restore.close()
            self.restore = None
        if self.alarms is not None:  # before the PLC service: its last values still judged
            self.alarms.stop()
            self.alarms = None
        if self.service is not None and self.io.running:
            self.io.run(self.service.stop(), timeout=START_TIMEOUT_S)
        self.io.stop()
        if self.historian is not None:
            self.historian.stop()
            self.historian = None
        if self.variance is not None:  # before the plant database closes
            self.variance.stop()
            self.variance = None
        if self.production is not None:  # likewise
            self.production.stop()
            self.production = None
        self.holds = None
        self.offline_restores = None  # its sends run on the changeovers' sender: stopped next
        if self.offline is not None:  # a finished changeover handed to the link first
            self.offline.stop()
            self.offline = None
        if self.plant_link is not None:  # its last forward done, before the database closes
            self.plant_link.stop()
            self.plant_link.outbox.close()
            self.plant_link = None
        if self.plant_db is not None:
            self.plant_db.close()
            self.plant_db = None
        self.security = None
        self.commands = None
        self.recipes = None
        if self.twin is not None and self.twin_io.running:
            self.twin_io.run(self.twin.stop(), timeout=START_TIMEOUT_S)
        self.twin_io.stop()
        self.service = None
        self.twin = None


def released_target(journal: ChangeoverJournal, tag: str) -> float | None:
    """The value the newest released changeover put into `tag` (what a restore ramps back
    to); None when no released changeover set it (the ramp falls back on the value the
    tag had when the fault began)."""
    for record in journal.recent():
        if record.state is ChangeoverState.RELEASED and tag in record.targets:
            value = record.targets[tag]
            return float(value) if isinstance(value, int | float) else None
    return None


class StartTimeout(TimeoutError):
    """A part of the line that did not start in time, said with what to do."""


def _started(io: IoThread, start: Coroutine[Any, Any, object], timeout_s: float,
             what: str) -> None:
    _waited(io.submit(start), timeout_s, what)


def _waited(started: concurrent.futures.Future[Any], timeout_s: float, what: str) -> None:
    try:
        started.result(timeout_s)
    except TimeoutError as exc:
        if str(exc):  # a reason of its own (the PLC process's "did not start within")
            raise StartTimeout(f"{what}: {exc}") from exc
        raise StartTimeout(
            f"{what} did not start within {timeout_s:g} s: the machine may be overloaded "
            f"(a large line takes longer under load); close other programs and start "
            f"again, and if it recurs see the log for the connection that stalls") from exc
