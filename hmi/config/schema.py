"""The line config: what a line is made of and how each tag is reached.

Frozen pydantic models. Everything downstream (drivers, twin, UI) reads a `LineConfig`;
nothing reads TOML directly. Cross-references (a tag's station, connection, poll group)
are checked here so a bad file fails at load with the field named, not later at run time.
"""

from __future__ import annotations

import re
import weakref
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hmi.config.alarms import AlarmDef, check_alarm_references
from hmi.config.production import ProductionConfig, check_production_references
from hmi.config.security import SecurityConfig
from hmi.core.packml import BUILTIN_ENUMS

TAG_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
ID = r"^[a-z][a-z0-9_]*$"
NODE_ID = re.compile(r"^(ns=\d+;|nsu=[^;]+;)?[isgb]=.+$")

StationKind = Literal[
    "mixer",
    "coater",
    "calender",
    "slitter",
    "winder",
    "tab_welder",
    "filler",
    "formation",
    "vision",
    "dry_room",
    "generic",
]
ModbusTable = Literal["coil", "discrete", "holding", "input"]
ModbusType = Literal["bool", "int16", "uint16", "int32", "uint32", "float32"]
WordOrder = Literal["big", "little"]
DataType = Literal["float", "int", "bool", "enum", "string"]
SecurityMode = Literal["None", "Sign", "SignAndEncrypt"]
SecurityPolicy = Literal[
    "None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"
]
PASSWORD_REF = r"^(keyring:[^/\s]+/\S+|env:[A-Za-z_][A-Za-z0-9_]*|store:[A-Za-z0-9_.-]+)$"


class _Frozen(BaseModel):
    # NaN or inf in a config is a typo or a paste, never a setting: an alarm limit of nan
    # never trips, a Modbus scale of inf shows every value as inf. Refused at the field.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class LineInfo(_Frozen):
    id: str = Field(pattern=ID)
    name: str
    description: str = ""


class PollGroup(_Frozen):
    id: str = Field(pattern=ID)
    rate_ms: int = Field(ge=10, le=3_600_000)


class OpcUaConnection(_Frozen):
    id: str = Field(pattern=ID)
    protocol: Literal["opcua"]
    endpoint: str
    # Secure unless the file says `security_mode = "None"` (or policy "None") explicitly.
    security_mode: SecurityMode = "SignAndEncrypt"
    security_policy: SecurityPolicy = "Aes256_Sha256_RsaPss"
    publishing_interval_ms: int = Field(default=100, ge=10, le=60_000)
    timeout_s: float = Field(default=4.0, gt=0, le=120)
    username: str | None = None
    password_ref: str | None = Field(
        default=None,
        description="where the password is kept: keyring:SERVICE/NAME, env:VAR or store:NAME",
    )
    user_certificate: str | None = Field(default=None, description="X.509 user token (DER/PEM)")
    user_private_key: str | None = None
    client_certificate: str | None = Field(
        default=None, description="None: this installation's own, <data dir>/pki/own"
    )
    client_private_key: str | None = None
    server_certificate: str | None = Field(
        default=None, description="pin: only this certificate is accepted from the server"
    )

    @field_validator("password_ref")
    @classmethod
    def _password_ref_form(cls, value: str | None) -> str | None:
        if value is not None and not re.match(PASSWORD_REF, value):
            raise ValueError(
                f"{value!r} is not a password reference: use keyring:SERVICE/NAME (the OS "
                "keyring), env:VARIABLE or store:NAME (`lineside pki password set NAME`)"
            )
        return value

    @model_validator(mode="before")
    @classmethod
    def _security_defaults(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        if "password" in data:
            raise ValueError(
                "a password is never written in a line config: set password_ref to where it "
                "is kept (keyring:SERVICE/NAME, env:VAR or store:NAME)"
            )
        # Saying one half "None" says both: security_mode = "None" alone is explicit enough.
        if data.get("security_mode") == "None" and "security_policy" not in data:
            data = {**data, "security_policy": "None"}
        if data.get("security_policy") == "None" and "security_mode" not in data:
            data = {**data, "security_mode": "None"}
        return data

    @field_validator("endpoint")
    @classmethod
    def _endpoint_form(cls, value: str) -> str:
        if not value.startswith("opc.tcp://") or len(value) <= len("opc.tcp://"):
            raise ValueError(f"endpoint {value!r} must be an opc.tcp://host:port/... URL")
        return value

    @model_validator(mode="after")
    def _mode_matches_policy(self) -> OpcUaConnection:
        if (self.security_mode == "None") != (self.security_policy == "None"):
            raise ValueError(
                "security_mode and security_policy must both be None, or both be set "
                f"(got mode {self.security_mode!r}, policy {self.security_policy!r})"
            )
        for cert, key in (("client_certificate", "client_private_key"),
                          ("user_certificate", "user_private_key")):
            if (getattr(self, cert) is None) != (getattr(self, key) is None):
                raise ValueError(f"{cert} and {key} go together: set both or neither")
        if self.password_ref and not self.username:
            raise ValueError("password_ref needs a username")
        if self.username and self.user_certificate:
            raise ValueError("use a username or a user_certificate, not both")
        return self


class ModbusConnection(_Frozen):
    id: str = Field(pattern=ID)
    protocol: Literal["modbus"]
    host: str
    port: int = Field(default=502, ge=1, le=65535)
    unit_id: int = Field(default=1, ge=0, le=255)
    timeout_s: float = Field(default=1.0, gt=0, le=60)
    max_block: int = Field(default=100, ge=1, le=125, description="registers per read")
    max_gap: int = Field(default=8, ge=0, le=64, description="unused registers merged over")
    poll_groups: tuple[PollGroup, ...] = (PollGroup(id="default", rate_ms=500),)

    @field_validator("poll_groups")
    @classmethod
    def _unique_groups(cls, groups: tuple[PollGroup, ...]) -> tuple[PollGroup, ...]:
        seen = [g.id for g in groups]
        dupes = sorted({g for g in seen if seen.count(g) > 1})
        if dupes:
            raise ValueError(f"duplicate poll group id {', '.join(dupes)}")
        return groups


Connection = Annotated[OpcUaConnection | ModbusConnection, Field(discriminator="protocol")]


class OpcUaBinding(_Frozen):
    node_id: str

    @field_validator("node_id")
    @classmethod
    def _node_id_form(cls, value: str) -> str:
        if not NODE_ID.match(value):
            raise ValueError(
                f"node id {value!r} is not an OPC UA NodeId"
                " like ns=2;s=coater.web_tension_n or i=2258"
            )
        return value


class ModbusBinding(_Frozen):
    table: ModbusTable
    address: int = Field(ge=0, le=65535)
    type: ModbusType = "uint16"
    bit: int | None = Field(default=None, ge=0, le=15)
    word_order: WordOrder = "big"
    scale: float = 1.0
    offset: float = 0.0
    poll_group: str = "default"

    @model_validator(mode="after")
    def _type_fits_table(self) -> ModbusBinding:
        bit_table = self.table in ("coil", "discrete")
        if bit_table and self.type != "bool":
            raise ValueError(f"a {self.table} holds one bit: type must be bool, not {self.type}")
        if self.type == "bool" and not bit_table and self.bit is None:
            raise ValueError(f"a bool in the {self.table} table needs `bit` (0-15) to name its bit")
        if self.bit is not None and (bit_table or self.type != "bool"):
            raise ValueError("`bit` is only for a bool inside a holding or input register")
        if self.scale == 0:
            raise ValueError("scale must not be 0")
        return self

    @property
    def width(self) -> int:
        """Registers (or bits) this value occupies."""
        return 2 if self.type in ("int32", "uint32", "float32") else 1


class AlarmLimits(_Frozen):
    ll: float | None = None
    l: float | None = None  # noqa: E741 - ISA names: LL, L, H, HH
    h: float | None = None
    hh: float | None = None
    priority: int = Field(default=3, ge=1, le=4)

    @model_validator(mode="after")
    def _ordered(self) -> AlarmLimits:
        values = [v for v in (self.ll, self.l, self.h, self.hh) if v is not None]
        if values != sorted(values):
            raise ValueError("alarm limits must be ordered ll <= l <= h <= hh")
        return self


class TagHistory(_Frozen):
    """How the historian records one tag: `history = { deadband = 0.5, heartbeat_s = 30 }`.

    A value is recorded when it moved more than `deadband` from the last recorded one, when
    its quality changed, and at least every `heartbeat_s` while it keeps arriving.
    """

    record: bool = True
    deadband: float | None = Field(
        default=None, ge=0, description="None: the tag's own deadband (0: every change)"
    )
    heartbeat_s: float | None = Field(
        default=None, gt=0, le=86_400, description="None: [historian] heartbeat_s"
    )


class TagConfig(_Frozen):
    id: str
    description: str = ""
    unit: str = ""
    data_type: DataType = "float"
    enum: str | None = None
    range: tuple[float, float] | None = None
    writable: bool = False
    rate_ms: int | None = Field(default=None, ge=10, le=3_600_000)
    connection: str | None = None
    opcua: OpcUaBinding | None = None
    modbus: ModbusBinding | None = None
    deadband: float = Field(default=0.0, ge=0)
    read_back_tolerance: float | None = Field(default=None, ge=0)
    alarm: AlarmLimits | None = None
    history: TagHistory = Field(default_factory=TagHistory)

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not TAG_ID.match(value):
            raise ValueError(
                f"tag id {value!r} must be `station.signal` in lower case (letters, digits, _)"
            )
        return value

    @field_validator("range")
    @classmethod
    def _range_order(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and not value[0] < value[1]:
            raise ValueError(f"range low {value[0]} must be below high {value[1]}")
        return value

    @model_validator(mode="after")
    def _one_binding(self) -> TagConfig:
        if (self.opcua is None) == (self.modbus is None):
            raise ValueError("a tag needs exactly one binding: `opcua` or `modbus`")
        if self.data_type == "enum" and self.enum is None:
            raise ValueError("an enum tag needs `enum` naming an [enums] table")
        if self.modbus is not None:
            mb = self.modbus
            if self.writable and mb.table in ("discrete", "input"):
                raise ValueError(f"a {mb.table} is read-only: the tag cannot be writable")
            if (mb.type == "bool") != (self.data_type == "bool"):
                raise ValueError(f"data_type {self.data_type} does not fit modbus type {mb.type}")
        return self

    @property
    def station(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def signal(self) -> str:
        return self.id.split(".", 1)[1]


class Station(_Frozen):
    id: str = Field(pattern=ID)
    name: str
    kind: StationKind = "generic"
    connection: str


class Loop(_Frozen):
    """A control loop's tags, for faceplates and restore procedures."""

    id: str = Field(pattern=ID)
    station: str
    name: str
    pv: str
    sp: str
    out: str
    mode: str


class TrendGroup(_Frozen):
    id: str = Field(pattern=ID)
    title: str
    pens: tuple[str, ...] = Field(min_length=1)


class HistorianConfig(_Frozen):
    """The `[historian]` table: where samples go and how long each tier is kept."""

    url: str | None = Field(
        default=None, description="SQLAlchemy URL; None: history.sqlite in the data folder"
    )
    # Days each tier is kept; a week of raw 10 Hz samples of 1000 tags is about 170 GB.
    raw_days: float = Field(default=7, gt=0, le=3650)
    rollup_1s_days: float = Field(default=30, gt=0, le=3650)
    rollup_1m_days: float = Field(default=730, gt=0, le=36_500)
    # A tag is recorded at least this often while it arrives (per tag: history.heartbeat_s).
    heartbeat_s: float = Field(default=60, gt=0, le=86_400)
    # Samples waiting for the writer before new ones are dropped (and marked as gaps):
    # 20 s of 1000 tags at 10 Hz, about 40 MB.
    queue_samples: int = Field(default=200_000, ge=100, le=10_000_000)
    # A commit rewrites each tag's last page of each table, whatever the batch size, so
    # fewer larger batches are cheaper; a kill -9 loses at most the last interval.
    batch_samples: int = Field(default=20_000, ge=1, le=1_000_000)
    flush_interval_s: float = Field(default=1.0, gt=0, le=60)

    @field_validator("url")
    @classmethod
    def _url_form(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError(
                f"{value!r} is not an SQLAlchemy URL like sqlite:////var/lib/lineside/h.sqlite"
            ) from None
        return value

    @model_validator(mode="after")
    def _tiers_ordered(self) -> HistorianConfig:
        # A coarser tier kept shorter than a finer one would leave holes no query can fill.
        if not self.raw_days <= self.rollup_1s_days <= self.rollup_1m_days:
            raise ValueError(
                "keep coarser tiers at least as long: raw_days <= rollup_1s_days <= "
                f"rollup_1m_days (got {self.raw_days:g}, {self.rollup_1s_days:g}, "
                f"{self.rollup_1m_days:g})"
            )
        return self


class _ConfigIndex:
    def __init__(self, config: LineConfig) -> None:
        self.sources = (config.tags, config.connections, config.stations)
        self.tags = {t.id: t for t in reversed(config.tags)}  # the first of duplicates
        self.connections = {c.id: c for c in reversed(config.connections)}
        self.station_connection = {s.id: s.connection for s in reversed(config.stations)}
        self.by_connection: dict[str, list[TagConfig]] = {}
        for tag in config.tags:
            conn = tag.connection or self.station_connection.get(tag.station)
            if conn is not None:
                self.by_connection.setdefault(conn, []).append(tag)

    def built_from(self, config: LineConfig) -> bool:
        tags, connections, stations = self.sources
        return (tags is config.tags and connections is config.connections
                and stations is config.stations)


# Kept beside the configs, not in them: a private attribute would take part in equality
# (a config that was asked a lookup would differ from the same config loaded again).
_INDEXES: dict[int, _ConfigIndex] = {}


class LineConfig(_Frozen):
    line: LineInfo
    connections: tuple[Connection, ...]
    stations: tuple[Station, ...]
    tags: tuple[TagConfig, ...] = ()
    loops: tuple[Loop, ...] = ()
    trends: tuple[TrendGroup, ...] = ()
    enums: dict[str, dict[int, str]] = Field(default_factory=dict)
    historian: HistorianConfig = Field(default_factory=HistorianConfig)
    security: SecurityConfig = Field(default_factory=SecurityConfig)
    alarms: tuple[AlarmDef, ...] = ()
    production: ProductionConfig = Field(default_factory=ProductionConfig)

    @model_validator(mode="after")
    def _references(self) -> LineConfig:
        errors: list[str] = []
        if not self.connections:
            errors.append("the config needs at least one [[connections]] table")
        if not self.stations:
            errors.append("the config needs at least one [[stations]] table")
        _dupes(errors, "connection", [c.id for c in self.connections])
        _dupes(errors, "station", [s.id for s in self.stations])
        _dupes(errors, "tag", [t.id for t in self.tags])
        connections = {c.id: c for c in self.connections}
        stations = {s.id: s for s in self.stations}
        for station in self.stations:
            if station.connection not in connections:
                errors.append(f"station {station.id}: unknown connection {station.connection!r}")
        enums = self.all_enums()
        for tag in self.tags:
            errors.extend(_tag_reference_errors(tag, stations, connections, enums))
        tag_ids = {t.id for t in self.tags}
        for loop in self.loops:
            for role in ("pv", "sp", "out", "mode"):
                if getattr(loop, role) not in tag_ids:
                    errors.append(f"loop {loop.id}: {role} {getattr(loop, role)!r} is no tag")
        for trend in self.trends:
            errors.extend(
                f"trend {trend.id}: pen {pen!r} is no tag"
                for pen in trend.pens
                if pen not in tag_ids
            )
        for rule in self.security.permissions:
            errors.extend(
                f"security.permissions {rule.role}: station {s!r} is not in [[stations]]"
                for s in rule.stations
                if s != "*" and s not in stations
            )
        if errors:
            raise ValueError("; ".join(errors))
        return self

    @model_validator(mode="after")
    def _alarm_references(self) -> LineConfig:
        check_alarm_references(self)  # errors located at the alarm's field (file:line)
        return self

    @model_validator(mode="after")
    def _production_references(self) -> LineConfig:
        check_production_references(self)  # located at the [production] field (file:line)
        return self

    def all_enums(self) -> dict[str, dict[int, str]]:
        return {**BUILTIN_ENUMS, **self.enums}

    def tag(self, tag_id: str) -> TagConfig:
        try:
            return self._index().tags[tag_id]
        except KeyError:
            raise KeyError(tag_id) from None

    def connection(self, connection_id: str) -> OpcUaConnection | ModbusConnection:
        try:
            return self._index().connections[connection_id]
        except KeyError:
            raise KeyError(connection_id) from None

    def tag_connection(self, tag: TagConfig) -> str:
        """The connection a tag is read through: its own, else its station's."""
        if tag.connection is not None:
            return tag.connection
        return self._index().station_connection[tag.station]

    def _index(self) -> _ConfigIndex:
        """Lookups by id, built once: a plant-sized config (20,000 tags, 1,000 stations)
        made every tag's station lookup a walk of all stations, and PlcService's start
        took minutes (tests/bench/startup.py). Rebuilt when a model_copy changed the tuples
        it was built from (an id can be reused once its config is gone)."""
        index = _INDEXES.get(id(self))
        if index is None or not index.built_from(self):
            if index is None:
                weakref.finalize(self, _INDEXES.pop, id(self), None)
            index = _INDEXES[id(self)] = _ConfigIndex(self)
        return index

    def tags_of_connection(self, connection_id: str) -> tuple[TagConfig, ...]:
        return tuple(self._index().by_connection.get(connection_id, ()))

    def expected_periods_s(self) -> dict[str, float]:
        """Every tag's refresh period in seconds: what a TagStore's staleness clock needs."""
        return {tag.id: self.expected_period_ms(tag) / 1000.0 for tag in self.tags}

    def expected_period_ms(self, tag: TagConfig) -> int:
        """How often a healthy link refreshes this tag (the staleness clock's unit)."""
        if tag.rate_ms is not None:
            return tag.rate_ms
        conn = self.connection(self.tag_connection(tag))
        if isinstance(conn, ModbusConnection):
            assert tag.modbus is not None
            return next(g.rate_ms for g in conn.poll_groups if g.id == tag.modbus.poll_group)
        return conn.publishing_interval_ms


def _dupes(errors: list[str], what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            errors.append(f"duplicate {what} id {item!r}")
        seen.add(item)


def _tag_reference_errors(
    tag: TagConfig,
    stations: dict[str, Station],
    connections: dict[str, OpcUaConnection | ModbusConnection],
    enums: dict[str, dict[int, str]],
) -> list[str]:
    errors: list[str] = []
    station = stations.get(tag.station)
    if station is None:
        return [f"tag {tag.id}: station {tag.station!r} is not in [[stations]]"]
    conn_id = tag.connection or station.connection
    conn = connections.get(conn_id)
    if conn is None:
        # A station's own bad connection is reported once, at the station.
        return [f"tag {tag.id}: unknown connection {conn_id!r}"] if tag.connection else []
    if isinstance(conn, OpcUaConnection) and tag.opcua is None:
        errors.append(f"tag {tag.id}: connection {conn_id} is OPC UA, the tag needs `opcua`")
    if isinstance(conn, ModbusConnection):
        if tag.modbus is None:
            errors.append(f"tag {tag.id}: connection {conn_id} is Modbus, the tag needs `modbus`")
        elif tag.modbus.poll_group not in {g.id for g in conn.poll_groups}:
            errors.append(
                f"tag {tag.id}: poll group {tag.modbus.poll_group!r} is not in connection {conn_id}"
            )
    if tag.enum is not None and tag.enum not in enums:
        errors.append(f"tag {tag.id}: enum {tag.enum!r} is not defined in [enums]")
    return errors
