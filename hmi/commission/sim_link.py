"""`lineside sim ...`: the line twin's own sub-command, provided by hmi.sim.cli.

The twin owns its arguments (`add_sim_parser`) and its body (`run_sim`); this module only
plugs them into `lineside` the way every other command is plugged in (`run` in the args).
"""

from __future__ import annotations

from hmi.commission.common import Subparsers
from hmi.sim.cli import add_sim_parser, run_sim


def add_parser(subparsers: Subparsers) -> None:
    add_sim_parser(subparsers)
    subparsers.choices["sim"].set_defaults(run=run_sim)
