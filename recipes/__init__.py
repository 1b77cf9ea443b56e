"""Lineside's Qt-free recipe domain (ISA-88 master recipes, DOMAIN.md section 2).

Model and rules: `model`, `lifecycle` (status and approval), `limits`, `hashing`, `diff`
(versions, PLC values, teach-in); persistence: `tables` (own MetaData, `create_schema`),
`store.RecipeStore`; files: `exchange` (JSON/CSV, schema version, content hash);
`checklists`; and `changeover` (the engine). PLCs are reached only through the
`parameter_io.ParameterIO` protocol, which hmi implements; this package never imports hmi.
"""

from recipes.errors import (
    ApprovalError,
    ChangeoverError,
    ChecklistError,
    ImmutableVersionError,
    ImportRefused,
    LimitError,
    NotFoundError,
    RecipeError,
)
from recipes.model import (
    EquipmentRequirement,
    Parameter,
    ParamValue,
    RecipeContent,
    RecipeHeader,
    RecipeStatus,
    RecipeVersion,
    VerifyMode,
)
from recipes.parameter_io import Handshake, ParameterIO, ParameterRead, ParameterWrite
from recipes.signatures import SignatureLike, SignatureValue
from recipes.store import RecipeStore, RecipeSummary
from recipes.tables import create_schema

__all__ = [
    "ApprovalError", "ChangeoverError", "ChecklistError", "EquipmentRequirement", "Handshake",
    "ImmutableVersionError", "ImportRefused", "LimitError", "NotFoundError", "ParamValue",
    "Parameter", "ParameterIO", "ParameterRead", "ParameterWrite", "RecipeContent",
    "RecipeError", "RecipeHeader", "RecipeStatus", "RecipeStore", "RecipeSummary",
    "RecipeVersion", "SignatureLike", "SignatureValue", "VerifyMode", "create_schema",
]
