"""Failures of the plant database a user can act on."""

from __future__ import annotations


class PlantDbError(Exception):
    """The plant database cannot be opened or upgraded; `str()` says which and what to do."""
