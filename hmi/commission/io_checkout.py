"""I/O checkout: every tag of a station checked against the field, each point signed.

A checkout is a checklist made from the line config: one point per tag of the station.
A writable tag is checked by writing a test value through the command service (the one
write path: role check, reason, write, read-back, audit) and seeing it come back; a
read-only tag by the technician comparing the live value with the field (a gauge, a
forced input, a switch they operate) against what the config expects. Each point is then
signed "checked" (hmi.security SignatureService: re-authentication, printed name, time),
with pass or fail and a note. A re-check replaces the point's result with a new signature;
the old signature stays, its link to the point now broken, so nothing is silently lost.

Stored in the plant database (migration 0007_io_checkout); reports in
hmi.commission.io_checkout_report.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from hmi.config.schema import LineConfig, TagConfig
from hmi.core.commands import CommandService, WriteOutcome
from hmi.core.roles import Action
from hmi.core.tags import Scalar, utc_now
from hmi.plantdb import PlantDb
from hmi.security.audit_chain import content_hash
from hmi.security.signatures import Meaning, Signature, SignatureService

Clock = Callable[[], datetime]
RECORD_TYPE = "io_checkout_point"  # a signature's record: "<checkout id>/<tag id>"

metadata = MetaData()

# The same schema as migration 0007_io_checkout (tests/commission check they agree).
io_checkouts = Table(
    "io_checkouts", metadata,
    Column("id", String(36), primary_key=True),
    Column("line_id", String(100), nullable=False),
    Column("station", String(100), nullable=False),
    Column("config_hash", String(64), nullable=False),  # the station's tags when started
    Column("started_by", String(64), nullable=False),
    Column("started_at", String(40), nullable=False),  # ISO 8601 UTC
    Column("finished_by", String(64)),
    Column("finished_at", String(40)),
)
io_checkout_points = Table(
    "io_checkout_points", metadata,
    Column("checkout_id", String(36), ForeignKey("io_checkouts.id"), primary_key=True),
    Column("tag_id", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # "write" or "confirm"
    Column("expected", Text, nullable=False),
    Column("test_value", Text, nullable=False),  # JSON scalar; "null" for a confirm point
    Column("observed", Text, nullable=False),
    Column("write_ok", Boolean),  # the last test write read back equal; None: not written
    Column("write_message", Text, nullable=False),
    Column("result", String(10), nullable=False),  # "", "pass", "fail"
    Column("note", Text, nullable=False),
    Column("checked_by", String(64)),
    Column("checked_at", String(40)),
    Column("signature_id", Integer),
)


class CheckoutRefused(Exception):
    """Not recorded; the text names the point and what to do."""


@dataclass(frozen=True, slots=True)
class PointPlan:
    tag_id: str
    kind: str  # "write": write test_value and see it read back; "confirm": compare
    expected: str  # what the technician should see, in words
    test_value: Scalar


@dataclass(frozen=True, slots=True)
class CheckPoint:
    checkout_id: str
    tag_id: str
    position: int
    kind: str
    expected: str
    test_value: Scalar
    observed: str
    write_ok: bool | None
    write_message: str
    result: str
    note: str
    checked_by: str | None
    checked_at: str | None
    signature_id: int | None

    @property
    def record_id(self) -> str:
        return f"{self.checkout_id}/{self.tag_id}"

    def record_hash(self) -> str:
        """What a signature links to: the point's content except the signature itself."""
        content = asdict(self)
        for name in ("signature_id", "checked_by", "checked_at"):
            content.pop(name)
        return content_hash(content)


@dataclass(frozen=True, slots=True)
class Checkout:
    id: str
    line_id: str
    station: str
    config_hash: str
    started_by: str
    started_at: str
    finished_by: str | None
    finished_at: str | None


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    passed: int
    failed: int

    @property
    def checked(self) -> int:
        return self.passed + self.failed

    def __str__(self) -> str:
        return (f"{self.checked}/{self.total} checked, {self.passed} pass, "
                f"{self.failed} fail")


def plan_station(config: LineConfig, station: str) -> list[PointPlan]:
    tags = [t for t in config.tags if t.station == station]
    if not tags:
        raise CheckoutRefused(f"station {station!r} has no tags in the line config")
    return [_plan(t, config) for t in tags]


def _plan(tag: TagConfig, config: LineConfig) -> PointPlan:
    unit = f" {tag.unit}" if tag.unit else ""
    if tag.writable:
        value: Scalar
        if tag.data_type == "bool":
            value, said = True, "write true"
        elif tag.data_type == "enum":
            states = config.all_enums().get(tag.enum or "", {})
            value = min(states) if states else 0
            said = f"write {value} ({states.get(int(value), '?')})"
        elif tag.data_type == "string":
            value, said = "CHECKOUT", "write 'CHECKOUT'"
        else:
            # The middle of the configured range: inside every limit the PLC should hold.
            low, high = tag.range if tag.range else (0.0, 0.0)
            middle = (low + high) / 2
            value = round(middle) if tag.data_type == "int" else round(middle, 3)
            said = f"write {value:g}{unit}"
        return PointPlan(tag.id, "write", f"{said}; the PLC reads it back and the field "
                                          "device follows", value)
    if tag.data_type == "bool":
        expected = "operate it in the field: the value follows (true / false)"
    elif tag.data_type == "enum":
        states = config.all_enums().get(tag.enum or "", {})
        expected = "one of " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())[:6])
    elif tag.range is not None:
        expected = f"within {tag.range[0]:g} to {tag.range[1]:g}{unit}, as the field shows"
    else:
        expected = "the value the field device shows"
    return PointPlan(tag.id, "confirm", expected, None)


def station_hash(config: LineConfig, station: str) -> str:
    return content_hash({"tags": [t.model_dump() for t in config.tags if t.station == station]})


class IoCheckoutStore:
    def __init__(self, db: PlantDb, signatures: SignatureService,
                 clock: Clock = utc_now) -> None:
        self._db = db
        self._signatures = signatures
        self._clock = clock

    # ---- checkouts ---------------------------------------------------------------------
    def start(self, config: LineConfig, station: str, username: str) -> Checkout:
        """The station's open checkout, or a new one with a point per tag."""
        current = self.open_checkout(station)
        if current is not None:
            return current
        plans = plan_station(config, station)
        checkout_id = str(uuid.uuid4())
        now = self._clock().isoformat()
        with self._db.writing() as conn:
            conn.execute(insert(io_checkouts).values(
                id=checkout_id, line_id=config.line.id, station=station,
                config_hash=station_hash(config, station), started_by=username,
                started_at=now))
            conn.execute(insert(io_checkout_points), [
                {"checkout_id": checkout_id, "tag_id": p.tag_id, "position": i,
                 "kind": p.kind, "expected": p.expected, "test_value": json.dumps(p.test_value),
                 "observed": "", "write_ok": None, "write_message": "", "result": "",
                 "note": ""}
                for i, p in enumerate(plans)])
        checkout = self.get(checkout_id)
        assert checkout is not None
        return checkout

    def get(self, checkout_id: str) -> Checkout | None:
        with self._db.engine.connect() as conn:
            row = conn.execute(select(io_checkouts).where(
                io_checkouts.c.id == checkout_id)).mappings().first()
        return _checkout(row) if row is not None else None

    def open_checkout(self, station: str) -> Checkout | None:
        return next((c for c in self.checkouts(station) if c.finished_at is None), None)

    def checkouts(self, station: str) -> list[Checkout]:
        """The station's checkouts, newest first."""
        query = (select(io_checkouts).where(io_checkouts.c.station == station)
                 .order_by(io_checkouts.c.started_at.desc()))
        with self._db.engine.connect() as conn:
            return [_checkout(r) for r in conn.execute(query).mappings()]

    def finish(self, checkout_id: str, username: str) -> Checkout:
        progress = self.progress(checkout_id)
        if progress.checked < progress.total:
            raise CheckoutRefused(f"{progress.total - progress.checked} point(s) not checked "
                                  "yet: check every point before closing the checkout")
        with self._db.writing() as conn:
            conn.execute(update(io_checkouts).where(io_checkouts.c.id == checkout_id)
                         .values(finished_by=username, finished_at=self._clock().isoformat()))
        checkout = self.get(checkout_id)
        assert checkout is not None
        return checkout

    # ---- points ------------------------------------------------------------------------
    def points(self, checkout_id: str) -> list[CheckPoint]:
        query = (select(io_checkout_points)
                 .where(io_checkout_points.c.checkout_id == checkout_id)
                 .order_by(io_checkout_points.c.position))
        with self._db.engine.connect() as conn:
            return [_point(r) for r in conn.execute(query).mappings()]

    def point(self, checkout_id: str, tag_id: str) -> CheckPoint:
        for point in self.points(checkout_id):
            if point.tag_id == tag_id:
                return point
        raise CheckoutRefused(f"{tag_id} is no point of checkout {checkout_id}")

    def record_write(self, checkout_id: str, tag_id: str, outcome: WriteOutcome) -> CheckPoint:
        """What the test write did: the value read back becomes the observed value."""
        observed = "" if outcome.read_back is None else _text(outcome.read_back)
        with self._db.writing() as conn:
            conn.execute(update(io_checkout_points).where(
                io_checkout_points.c.checkout_id == checkout_id,
                io_checkout_points.c.tag_id == tag_id,
            ).values(test_value=json.dumps(outcome.requested), observed=observed,
                     write_ok=outcome.ok, write_message=outcome.message))
        return self.point(checkout_id, tag_id)

    def check(self, checkout_id: str, tag_id: str, *, passed: bool, observed: str, note: str,
              username: str, password: str, reason: str = "", client_host: str = ""
              ) -> tuple[CheckPoint, Signature]:
        """Record pass or fail for a point and sign it "checked" (re-authentication);
        `reason`: the signer's words, after what is signed."""
        point = self.point(checkout_id, tag_id)
        checkout = self.get(checkout_id)
        assert checkout is not None
        if checkout.finished_at is not None:
            raise CheckoutRefused(f"the checkout of {checkout.station} is closed: start a "
                                  "new one to check again")
        if passed and point.kind == "write" and not point.write_ok:
            raise CheckoutRefused(f"{tag_id}: write the test value and see it read back "
                                  "before passing this point")
        if not passed and not note.strip():
            raise CheckoutRefused(f"{tag_id}: say in the note what was wrong (a failed point "
                                  "needs a note)")
        if point.kind == "write":
            observed = point.observed  # the read-back is the evidence, not a typed value
        result = "pass" if passed else "fail"
        content = CheckPoint(**{**asdict(point), "observed": observed, "result": result,
                                "note": note})
        signature = self._signatures.sign(
            username, password, Meaning.CHECKED, RECORD_TYPE, point.record_id,
            content.record_hash(),
            f"I/O checkout {checkout.station}: {tag_id} {result}"
            + (f"; {reason.strip()}" if reason.strip() else ""),
            station=checkout.station, client_host=client_host)
        with self._db.writing() as conn:
            conn.execute(update(io_checkout_points).where(
                io_checkout_points.c.checkout_id == checkout_id,
                io_checkout_points.c.tag_id == tag_id,
            ).values(observed=observed, result=result, note=note,
                     checked_by=signature.username,
                     checked_at=signature.utc_ts.isoformat(), signature_id=signature.id))
        return self.point(checkout_id, tag_id), signature

    def signatures(self, points: Sequence[CheckPoint]) -> dict[int, Signature]:
        """The current signature of each signed point, by signature id."""
        out: dict[int, Signature] = {}
        for point in points:
            if point.signature_id is None:
                continue
            for signature in self._signatures.signatures_for(RECORD_TYPE, point.record_id):
                if signature.id == point.signature_id:
                    out[signature.id] = signature
        return out

    def progress(self, checkout_id: str) -> Progress:
        points = self.points(checkout_id)
        return Progress(len(points), sum(p.result == "pass" for p in points),
                        sum(p.result == "fail" for p in points))

    def station_progress(self, config: LineConfig) -> dict[str, Progress | None]:
        """Each station's latest checkout's progress (None: never checked out)."""
        out: dict[str, Progress | None] = {}
        for station in config.stations:
            latest = self.checkouts(station.id)
            out[station.id] = self.progress(latest[0].id) if latest else None
        return out


async def write_test_value(commands: CommandService, username: str, tag_id: str,
                           value: Scalar, client_host: str = "") -> WriteOutcome:
    """Write one test value through the command service (audited with its read-back)."""
    (outcome,) = await commands.write(
        username, [(tag_id, value)], action=Action.WRITE_SETPOINT,
        reason=f"I/O checkout: test value for {tag_id}", client_host=client_host)
    return outcome


def _text(value: Scalar) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _checkout(row: RowMapping) -> Checkout:
    return Checkout(row["id"], row["line_id"], row["station"], row["config_hash"],
                    row["started_by"], row["started_at"], row["finished_by"],
                    row["finished_at"])


def _point(row: RowMapping) -> CheckPoint:
    return CheckPoint(row["checkout_id"], row["tag_id"], row["position"], row["kind"],
                      row["expected"], json.loads(row["test_value"]), row["observed"],
                      row["write_ok"], row["write_message"], row["result"], row["note"],
                      row["checked_by"], row["checked_at"], row["signature_id"])
