"""The recipe model (ISA-88 master recipe, DOMAIN.md 2.1) as frozen dataclasses.

A `RecipeVersion` is one immutable version of one master recipe: the header fields, the
formula parameters, the equipment requirements and notes. Its `content_hash` covers what a
signature vouches for (never the status or dates, which change after signing).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ParamValue = float | int | bool
DataType = Literal["float", "int", "bool"]
DATA_TYPES: tuple[DataType, ...] = ("float", "int", "bool")


class RecipeStatus(enum.StrEnum):
    DRAFT = "Draft"
    IN_REVIEW = "InReview"
    APPROVED = "Approved"
    EFFECTIVE = "Effective"
    SUPERSEDED = "Superseded"
    OBSOLETE = "Obsolete"
    REJECTED = "Rejected"


class VerifyMode(enum.StrEnum):
    EXACT = "exact"  # read back and compare exactly (ints, enums, bools)
    TOLERANCE = "tolerance"  # read back within +- tolerance (floats)
    MANUAL = "manual"  # a person checks it (no PLC tag to read back reliably)


@dataclass(frozen=True, slots=True)
class Parameter:
    """One formula parameter: a PLC tag (`station.signal`) and its approved setpoint."""

    tag: str
    name: str
    unit: str
    data_type: DataType
    setpoint: ParamValue
    low: float | None = None
    high: float | None = None
    warn_low: float | None = None
    warn_high: float | None = None
    critical: bool = False  # CPP/CQA: a change needs QA attention
    verify: VerifyMode = VerifyMode.EXACT
    tolerance: float = 0.0

    @property
    def station(self) -> str:
        return self.tag.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class EquipmentRequirement:
    station: str
    requirement: str  # e.g. "slot die 600 mm, shim 250 um"


@dataclass(frozen=True, slots=True)
class RecipeHeader:
    """What stays the same across versions of one master recipe."""

    recipe_id: str  # e.g. "NMC811-CATHODE"
    product: str  # e.g. "NMC811"
    station_group: str  # e.g. "coater+dryer+calender"
    description: str = ""


@dataclass(frozen=True, slots=True)
class RecipeContent:
    """What an author edits: the formula, equipment and notes."""

    parameters: tuple[Parameter, ...]
    equipment: tuple[EquipmentRequirement, ...] = ()
    notes: str = ""

    def parameter(self, tag: str) -> Parameter | None:
        return next((p for p in self.parameters if p.tag == tag), None)


@dataclass(frozen=True, slots=True)
class RecipeVersion:
    header: RecipeHeader
    version: int
    status: RecipeStatus
    content: RecipeContent
    author: str  # who made this version (the one who may not approve it)
    created_at: datetime
    status_changed_at: datetime
    content_hash: str
    status_history: tuple[StatusChange, ...] = field(default=())

    @property
    def recipe_id(self) -> str:
        return self.header.recipe_id

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self.content.parameters

    @property
    def label(self) -> str:
        return f"{self.header.recipe_id} v{self.version}"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a version's life, as recorded (who, when, why, and the signature)."""

    from_status: RecipeStatus | None
    to_status: RecipeStatus
    by: str
    at: datetime
    reason: str = ""
    signer: str | None = None
    signature_id: int | None = None
    signed_hash: str | None = None
