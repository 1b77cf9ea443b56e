"""Recipes for the tests: parameters taken from a line config's writable tags, signatures,
and a recipe taken through review to Effective."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine

from hmi.config.schema import LineConfig, TagConfig
from recipes import (
    Parameter,
    RecipeContent,
    RecipeHeader,
    RecipeStore,
    RecipeVersion,
    SignatureValue,
    VerifyMode,
    create_schema,
)
from recipes.model import EquipmentRequirement

# Commands, handshake bits and loop modes are no recipe parameters.
NOT_RECIPE = {"command", "trip_reset", "recipe_download", "recipe_commit", "tension_mode",
              "tension_out_pct"}
HEADER = RecipeHeader("NMC811-CATHODE", "NMC811", "coater+dryer+calender",
                      "NMC811 cathode, 20 mg/cm², 600 mm")


def database(tmp_path: Path, name: str = "plant.sqlite") -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / name}")
    create_schema(engine)
    return engine


def recipe_tags(config: LineConfig, stations: tuple[str, ...]) -> list[TagConfig]:
    return [t for t in config.tags if t.writable and t.station in stations
            and t.signal not in NOT_RECIPE and t.data_type in ("float", "int", "bool")]


def parameter_for(tag: TagConfig, fraction: float = 0.37) -> Parameter:
    """A setpoint `fraction` of the way up the tag's range (unlike the twin's defaults)."""
    low, high = tag.range if tag.range is not None else (None, None)
    if tag.data_type == "bool":
        return Parameter(tag.id, tag.description, tag.unit, "bool", fraction > 0.5)
    assert low is not None and high is not None
    value = low + fraction * (high - low)
    if tag.data_type == "int":
        return Parameter(tag.id, tag.description, tag.unit, "int", round(value), low, high)
    tolerance = tag.read_back_tolerance or 1e-3
    return Parameter(tag.id, tag.description, tag.unit, "float", round(value, 3), low, high,
                     verify=VerifyMode.TOLERANCE, tolerance=tolerance)


def content_for(config: LineConfig, stations: tuple[str, ...], fraction: float = 0.37
                ) -> RecipeContent:
    return RecipeContent(
        tuple(parameter_for(t, fraction) for t in recipe_tags(config, stations)),
        (EquipmentRequirement("coater", "slot die 600 mm, shim 250 µm"),),
        "test recipe")


def signature(user: str, meaning: str, record_hash: str, sig_id: int = 1) -> SignatureValue:
    return SignatureValue(sig_id, user, user.title(), datetime.now(UTC), meaning, record_hash)


def make_effective(store: RecipeStore, content: RecipeContent,
                   header: RecipeHeader = HEADER, author: str = "alice",
                   approver: str = "bob") -> RecipeVersion:
    draft = store.create(header, content, author)
    store.submit(header.recipe_id, draft.version, author)
    approved = store.approve(header.recipe_id, draft.version,
                             signature(approver, "approved", draft.content_hash))
    return store.make_effective(header.recipe_id, approved.version, approver)
