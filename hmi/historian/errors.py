"""Failures the historian reports with a message a user can act on."""

from __future__ import annotations


class HistoryError(Exception):
    """The history database cannot be used as asked; `str(error)` says what to do."""


class HistoryUnavailable(HistoryError):
    """There is no history database where one was expected (nothing recorded yet?)."""
