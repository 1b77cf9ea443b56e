"""`lineside run` (and `lineside` alone): the HMI window on a line config or the twin.

Kept apart from the Qt code so `lineside --help` and the commissioning commands start
without loading Qt; the GUI is imported only when it is asked for.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "run",
        help="start the HMI (default: the demo line on the embedded line twin)",
        description="Start the HMI. With no --config it starts the embedded line twin on "
        "loopback and connects to it over real OPC UA and Modbus TCP.",
    )
    add_run_arguments(parser)
    parser.set_defaults(run=run)


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="line config (TOML); default: the demo line on the twin")
    parser.add_argument(
        "--twin",
        action="store_true",
        help="serve --config with the embedded line twin instead of connecting to real PLCs",
    )
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME[:TARGET]@S[+DUR]",
        help="inject a twin fault S seconds after start (repeatable; demos and training), "
        "e.g. web_break@30, dew_point_excursion@10+120",
    )
    parser.add_argument("--data-dir", help="where Lineside keeps its files")
    parser.add_argument("--kiosk", action="store_true", help="full screen, no window decorations")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument(
        "--touch", action="store_true",
        help="touchscreen sizes: 15 mm targets, 20 mm keypad keys (default on a kiosk or "
        "when a touchscreen is present)",
    )
    sizes.add_argument(
        "--laptop", action="store_true",
        help="denser layout for mouse and keyboard (default when there is no touchscreen)",
    )
    parser.add_argument(
        "--theme", choices=("day", "night"), default="day",
        help="ISA-101 grey day theme, or the dark night-shift one (switchable in the header)",
    )
    parser.add_argument(
        # The codes of hmi.ui.i18n.LANGUAGES (not imported here: it loads Qt).
        "--lang", choices=("en", "de", "zh_CN"), default=None,
        help="operator language: English, Deutsch or 中文 (default: the one last chosen on "
        "this panel, else English; switchable in the header)",
    )
    parser.add_argument(
        "--screen",
        help="open this screen: overview, trends, or a station (coater, calender, winder, "
        "dryroom, ...)",
    )
    parser.add_argument("--screenshot", help="save a PNG of the window (with --quit-after)")
    parser.add_argument(
        "--quit-after",
        type=float,
        default=None,
        metavar="S",
        help="quit after S seconds; with --screenshot, capture first. Exit 1 if anything failed",
    )


def run(args: argparse.Namespace) -> int:
    from hmi.ui.run import run_gui  # Qt loads here, and only here

    return run_gui(args)
