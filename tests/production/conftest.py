"""The production tests build on the security tests' real plant database and Security."""

from __future__ import annotations

from tests.security.conftest import admin, clock, db, security  # noqa: F401  (pytest fixtures)
