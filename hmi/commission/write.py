"""`lineside watch`: live values (placeholder until PlcService lands)."""

from __future__ import annotations

from hmi.commission.common import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    return None
