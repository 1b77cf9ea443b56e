"""LineTwin: the line models served over real OPC UA and Modbus TCP sockets.

It runs in whatever asyncio loop calls `start()` (the HMI's IoThread loop, or asyncio.run in
`lineside sim`); call `inject`/`clear_faults` from that loop too. Each tick steps every line
by `tick_s` of simulated time, applies the fault schedule and pushes changed values to the
OPC UA address space; Modbus reads are served fresh from the model.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlparse

from hmi.config.schema import LineConfig, ModbusConnection, OpcUaConnection
from hmi.core.net import free_tcp_port
from hmi.sim.faults import (
    LINK_FAULTS,
    STATION_FAULTS,
    FaultError,
    FaultSpec,
    check_name,
    parse_fault,
)
from hmi.sim.line import Line, StationSpec
from hmi.sim.modbus_server import ModbusServer
from hmi.sim.opcua_server import OpcUaServer
from hmi.sim.replicate import replicate_config, retarget, suffix
from hmi.sim.station import Station, Value, WriteResult
from hmi.sim.tagmap import TagMap
from hmi.sim.twin_security import twin_certificates

log = logging.getLogger(__name__)

OUTAGE_GRACE_S = 0.2  # an InjectFault call that asked for the outage still gets its answer
STEP_SLICE = 4  # copies of the line stepped between two returns to the event loop


@dataclass
class _Active:
    name: str
    key: str  # station id or tag id the fault sits on
    detail: str | None  # e.g. the dryer zone
    until_s: float | None


PORT_ATTEMPTS = 5
# A restarting PLC whose port is still held (by its own old server closing, or a stray
# socket) tries again, as a real one does, instead of staying down for good.
RESTART_ATTEMPTS = 40
RESTART_RETRY_S = 0.25


class LineTwin:
    def __init__(
        self,
        config: LineConfig,
        *,
        host: str = "127.0.0.1",
        opcua_port: int = 0,
        modbus_port: int = 0,
        lines: int = 1,
        tick_s: float = 0.1,
        time_scale: float = 1.0,
        seed: int = 0,
        faults: Iterable[FaultSpec | str] = (),
        secure: bool = True,
        users: Mapping[str, str] | None = None,
        served: LineConfig | None = None,
    ) -> None:
        """`secure`: serve the secure endpoints (with the twin's certificate) beside None;
        `users`: user name -> password the secure endpoint checks (None: any name passes);
        `time_scale`: simulated seconds per real second (tests and benchmarks of slow
        dynamics: a 30-minute dew-point recovery in seconds); link outages stay real time;
        `served`: the whole served config when the `lines` copies sit on the wire otherwise
        than `replicate_config` puts them (hmi.sim.big_line: many copies on few connections)."""
        if time_scale <= 0.0:
            raise ValueError(f"time_scale must be > 0, got {time_scale}")
        self.host = host
        self.secure = secure
        self._users = users
        self.tick_s = tick_s
        self.time_scale = time_scale
        self.config = served if served is not None else replicate_config(config, lines)
        self.lines = [
            Line([StationSpec(suffix(s.id, k), s.kind, s.id) for s in config.stations],
                 seed=seed * 100 + k)
            for k in range(1, lines + 1)
        ]
        self._line_of: dict[str, Line] = {}
        for line in self.lines:
            for station in line:
                self._line_of[station.id] = line
        self.tags = TagMap(
            self.config, {sid: ln.station(sid) for sid, ln in self._line_of.items()},
            self._apply_write,
        )
        self._ports = {"opcua": opcua_port, "modbus": modbus_port}
        self._schedule = sorted(
            (f if isinstance(f, FaultSpec) else parse_fault(f) for f in faults),
            key=lambda f: f.at_s,
        )
        self._active: list[_Active] = []
        self._opcua: OpcUaServer | None = None
        self._modbus: ModbusServer | None = None
        self._tick_task: asyncio.Task[None] | None = None
        self._outages: set[asyncio.Task[None]] = set()
        self._stopping = False
        # Overlapping outages stop and start the same servers: a start that ran while a
        # stop still held the port got EADDRINUSE and left that server down. One at a time.
        self._servers_lock = asyncio.Lock()

    # ---- public API ---------------------------------------------------------------
    @property
    def line(self) -> Line:
        return self.lines[0]

    @property
    def opcua_endpoint(self) -> str:
        path = "/"
        for conn in self.config.connections:
            if isinstance(conn, OpcUaConnection):
                path = urlparse(conn.endpoint).path or "/"
                break
        return f"opc.tcp://{self.host}:{self._ports['opcua']}{path}"

    @property
    def modbus_port(self) -> int:
        return self._ports["modbus"]

    @property
    def modbus_units(self) -> list[int]:
        return self._modbus.unit_ids if self._modbus is not None else []

    @property
    def serves_opcua(self) -> bool:
        return any(isinstance(c, OpcUaConnection) for c in self.config.connections)

    @property
    def serves_modbus(self) -> bool:
        return any(isinstance(c, ModbusConnection) for c in self.config.connections)

    def client_config(self, secure: bool | None = None) -> LineConfig:
        """The served config with every connection pointing at this twin.

        OPC UA goes over the twin's secure endpoint (SignAndEncrypt, Aes256_Sha256_RsaPss)
        when the twin serves one and `secure` is not False, whatever the file said: the
        twin's certificate is pinned and a client certificate the twin made is presented,
        so the embedded demo is as secure as a plant without an administrator's step.
        """
        if 0 in (self._ports["opcua"] if self.serves_opcua else 1,
                 self._ports["modbus"] if self.serves_modbus else 1):
            raise RuntimeError("the twin picks its ports in start(): call it first")
        config = retarget(self.config, opcua_endpoint=self.opcua_endpoint,
                          modbus_host=self.host, modbus_port=self.modbus_port)
        if not (self.secure if secure is None else secure):
            return config
        if not self.secure:
            raise RuntimeError("this twin serves no secure endpoint (LineTwin(secure=False))")
        certs = twin_certificates()
        pinned = {"security_mode": "SignAndEncrypt", "security_policy": "Aes256_Sha256_RsaPss",
                  "server_certificate": str(certs.server_cert),
                  "client_certificate": str(certs.client_cert),
                  "client_private_key": str(certs.client_key)}
        return config.model_copy(update={"connections": tuple(
            c.model_copy(update=pinned) if isinstance(c, OpcUaConnection) else c
            for c in config.connections)})

    def station(self, station_id: str) -> Station:
        line = self._line_of.get(station_id)
        if line is None:
            raise KeyError(f"no station {station_id!r} in the twin")
        return line.station(station_id)

    def advance(self, seconds: float) -> None:
        """Step the lines and the fault schedule in simulated time, servers or not."""
        for _ in range(max(1, round(seconds / self.tick_s))):
            self._step(self.tick_s)

    async def __aenter__(self) -> LineTwin:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        # A port chosen here can be taken before the server binds it (an outgoing loopback
        # connection gets its local port from the same range): choose again, a few times.
        chosen = [kind for kind in ("opcua", "modbus") if self._ports[kind] == 0]
        for attempt in range(1, PORT_ATTEMPTS + 1):
            for kind in chosen:
                self._ports[kind] = free_tcp_port(self.host)
            if self.serves_opcua:
                self._opcua = OpcUaServer(
                    self.config, self.tags, self.opcua_endpoint, self.inject,
                    self.clear_faults, secure=self.secure, users=self._users,
                )
            if self.serves_modbus:
                self._modbus = ModbusServer(self.config, self.tags, self.host,
                                            self.modbus_port)
            self._stopping = False
            try:
                await self._start_servers()
            except (OSError, RuntimeError):  # pymodbus says "Could not start listen"
                await self._stop_servers()
                if not chosen or attempt == PORT_ATTEMPTS:
                    raise
                log.info("twin: a chosen port was taken before it was bound; choosing again")
                continue
            except BaseException:
                await self._stop_servers()
                raise
            break
        self._tick_task = asyncio.get_running_loop().create_task(self._run(), name="twin-tick")

    async def stop(self) -> None:
        self._stopping = True
        tasks = [*self._outages, *([self._tick_task] if self._tick_task else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tick_task = None
        await self._stop_servers()

    def inject(
        self, name: str, target: str | None = None, duration_s: float | None = None
    ) -> str:
        """Inject a fault now; returns a one-line description. Raises FaultError."""
        check_name(name)
        if name in LINK_FAULTS:
            seconds = duration_s if duration_s is not None else LINK_FAULTS[name]
            only = self._link_target(name, target)
            task = asyncio.get_running_loop().create_task(
                self._outage(seconds, restart=name == "plc_restart", only=only),
                name=f"twin-{name}",
            )
            self._outages.add(task)
            task.add_done_callback(self._outages.discard)
            text = f"{name} for {seconds:g} s" + (f" ({only} only)" if only else "")
        elif name == "sensor_failure":
            if target is None or target not in self.tags.bindings:
                raise FaultError(f"sensor_failure needs a tag id as target, got {target!r}")
            self.tags.sensor_failed.add(target)
            self._sensor_changed(target, failed=True)
            self._remember(name, target, None, duration_s)
            text = f"sensor_failure on {target}"
        else:
            station, detail = self._fault_station(name, target)
            station.inject(name, detail)
            self._remember(name, station.id, detail, duration_s)
            text = f"{name} on {station.id}" + (f" ({detail})" if detail else "")
        log.info("fault injected: %s", text)
        return text

    def clear_faults(self) -> None:
        for active in self._active:
            self._clear(active)
        self._active.clear()
        for task in self._outages:
            task.cancel()  # the outage's own cleanup brings the servers back

    # ---- internals ----------------------------------------------------------------
    def _apply_write(self, station: Station, signal: str, value: Value) -> WriteResult:
        return station.write(signal, value, self._line_of[station.id])

    def _link_target(self, name: str, target: str | None) -> str | None:
        """A link fault on one protocol's server only (`comm_loss:modbus`): the other keeps
        answering, as when one PLC's cable is pulled and the rest of the line stays up."""
        if target is None:
            return None
        if name != "comm_loss" or target not in ("opcua", "modbus"):
            raise FaultError(f"{name} takes no target or opcua or modbus, got {target!r}")
        if (self._opcua if target == "opcua" else self._modbus) is None:
            raise FaultError(f"{name}:{target}: the twin serves no {target}")
        return target

    def _fault_station(self, name: str, target: str | None) -> tuple[Station, str | None]:
        kind = STATION_FAULTS[name]
        station_id, _, detail = (target or "").partition(".")
        if station_id and station_id not in self._line_of:
            station_id, detail = "", target or ""  # a bare zone like `z2`
        if not station_id:
            found = self.line.station_of_kind(kind)
            if found is None:
                raise FaultError(f"{name}: the line has no {kind} station")
            station = found
        else:
            station = self.station(station_id)
        if station.kind != kind and name != "estop":
            raise FaultError(f"{name} needs a {kind} station, {station.id} is a {station.kind}")
        try:
            station.check_fault(name, detail or None)
        except ValueError as exc:
            raise FaultError(str(exc)) from None
        return station, detail or None

    def _remember(
        self, name: str, key: str, detail: str | None, duration_s: float | None
    ) -> None:
        until = self.line.time_s + duration_s if duration_s is not None else None
        self._active.append(_Active(name, key, detail, until))

    def _clear(self, active: _Active) -> None:
        if active.name == "sensor_failure":
            self.tags.sensor_failed.discard(active.key)
            self._sensor_changed(active.key, failed=False)
        else:
            self.station(active.key).clear(active.name, active.detail)
        log.info("fault cleared: %s on %s", active.name, active.key)

    def _sensor_changed(self, tag_id: str, *, failed: bool) -> None:
        # The PLC sees its own sensor fail too: a loop on that PV sheds to MAN.
        binding = self.tags.bindings[tag_id]
        if binding.station is not None:
            binding.station.sensor_failed(binding.tag.signal, failed)

    def _step(self, dt_s: float) -> None:
        for line in self.lines:
            line.step(dt_s)
        self._after_step()

    async def _step_yielding(self, dt_s: float) -> None:
        """`_step`, giving the loop back between copies of the line: a twin of 112 copies
        steps for a few hundred ms a tick, and its servers must answer meanwhile (a PLC's
        communication does not stop while its scan runs)."""
        for index, line in enumerate(self.lines):
            line.step(dt_s)
            if index % STEP_SLICE == STEP_SLICE - 1:
                await asyncio.sleep(0)
        self._after_step()

    def _after_step(self) -> None:
        now_s = self.line.time_s
        while self._schedule and self._schedule[0].at_s <= now_s:
            spec = self._schedule.pop(0)
            try:
                self.inject(spec.name, spec.target, spec.duration_s)
            except FaultError as exc:
                log.error("scheduled fault not injected: %s", exc)
        expired = [a for a in self._active if a.until_s is not None and a.until_s <= now_s]
        for active in expired:
            self._clear(active)
            self._active.remove(active)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        while True:
            deadline += self.tick_s
            try:
                await self._step_yielding(self.tick_s * self.time_scale)
                if self._opcua is not None:
                    await self._opcua.publish()
            except Exception:  # a twin that dies on one bad tick is no use to the HMI
                log.exception("twin tick failed")
            delay = deadline - loop.time()
            if delay < -self.tick_s:
                deadline = loop.time()  # fell behind: skip, do not burst to catch up
            await asyncio.sleep(max(0.0, delay))

    async def _start_servers(self) -> None:
        async with self._servers_lock:
            if self._opcua is not None and not self._opcua.running:
                await self._opcua.start()
            if self._modbus is not None and not self._modbus.running:
                await self._modbus.start()

    async def _stop_servers(self, only: str | None = None) -> None:
        # Together, so neither protocol answers while the other is already gone.
        servers = [s for s in (self._modbus, self._opcua) if s is not None
                   and only in (None, "modbus" if s is self._modbus else "opcua")]
        async with self._servers_lock:
            await asyncio.gather(*(s.stop() for s in servers))

    async def _restart_servers(self) -> None:
        """After an outage: start what is down, again while its port is still held
        (pymodbus says RuntimeError "Could not start listen", asyncua OSError)."""
        for attempt in range(1, RESTART_ATTEMPTS + 1):
            try:
                await self._start_servers()
                return
            except (OSError, RuntimeError) as exc:
                if attempt == RESTART_ATTEMPTS or self._stopping:
                    log.error("twin: a server did not start again after %d tries (%s): it "
                              "stays down", attempt, exc)
                    return
                log.warning("twin: a server did not start again (%s); again in %g s",
                            exc, RESTART_RETRY_S)
                await asyncio.sleep(RESTART_RETRY_S)

    async def _outage(self, seconds: float, *, restart: bool, only: str | None = None) -> None:
        try:
            await asyncio.sleep(OUTAGE_GRACE_S)
            await self._stop_servers(only)
            down_at = asyncio.get_running_loop().time()
            if restart:
                for line in self.lines:
                    line.restart()
            if self._opcua is not None and not self._opcua.running:
                # Build the next address space while down, so it is back on time.
                await self._opcua.prepare()
            elapsed = asyncio.get_running_loop().time() - down_at
            await asyncio.sleep(max(0.0, seconds - elapsed))
        finally:
            if not self._stopping:
                await self._restart_servers()
