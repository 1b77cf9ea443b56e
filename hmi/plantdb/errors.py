"""Failures of the plant database a user can act on."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


class PlantDbError(Exception):
    """The plant database cannot be opened or upgraded; `str()` says which and what to do."""


def unreachable(exc: DBAPIError) -> bool:
    """The database is away (down, network, restarted under us), not a wrong statement:
    what store-and-forward (hmi.forward) and the readers that fall back on it ask."""
    return isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated
