"""`lineside sim ...`: the line twin's own sub-command, provided by hmi.sim.cli.

The twin engineer owns its arguments (`add_sim_parser`) and its body (`run_sim`); this module
only plugs them in, and keeps `lineside --help` working while hmi.sim.cli does not exist yet.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from hmi.commission.common import Subparsers
from hmi.commission.errors import RuntimeFailure

_SIM_CLI = "hmi.sim.cli"


def add_parser(subparsers: Subparsers) -> None:
    sim_cli = _load_sim_cli()
    if sim_cli is None:
        # TODO(twin): remove this placeholder once hmi/sim/cli.py is committed.
        placeholder = subparsers.add_parser("sim", help="serve the line twin (not in this build)")
        placeholder.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        placeholder.set_defaults(run=_missing)
        return
    sim_cli.add_sim_parser(subparsers)
    subparsers.choices["sim"].set_defaults(run=sim_cli.run_sim)


def _load_sim_cli() -> Any:
    try:
        return importlib.import_module(_SIM_CLI)
    except ModuleNotFoundError as exc:
        if exc.name != _SIM_CLI:
            raise  # a real missing dependency inside the twin must not be hidden
        return None


def _missing(args: argparse.Namespace) -> int:
    raise RuntimeFailure("the line twin is not part of this build yet (hmi.sim.cli is missing)")
