"""`lineside`: the command line entry point.

Each command lives in its own module with `add_parser(subparsers)`, which registers its
arguments and sets `run` (a function of the parsed args returning the exit code). Adding a
command, such as `run` for the GUI, is one more module in COMMANDS.

Errors the user can meet come back as CommandError and print as one line on stderr: exit 2
for a wrong command line or config file, 1 for a runtime failure (unreachable PLC, refused
write). No traceback reaches the user unless LINESIDE_DEBUG is set.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from hmi import gui_command
from hmi.alarms import cli as alarms_cli
from hmi.commission import browse, config_check, history, modbus_scan, sim_link, watch, write
from hmi.commission import latency as latency_command
from hmi.commission import pki as pki_command
from hmi.commission import recipe_cmd as recipe_command
from hmi.commission.common import Subparsers
from hmi.commission.errors import EXIT_RUNTIME, EXIT_USAGE, CommandError
from hmi.help import cli as help_cli
from hmi.plantdb import cli as plantdb_cli
from hmi.production import cli as production_cli
from hmi.production import lineage_cli
from hmi.restore import cli as restore_cli
from hmi.security import cli as security_cli

AddParser = Callable[[Subparsers], None]

COMMANDS: tuple[AddParser, ...] = (
    gui_command.add_parser,
    config_check.add_parser,
    browse.add_parser,
    watch.add_parser,
    write.add_parser,
    modbus_scan.add_parser,
    sim_link.add_parser,
    history.add_parser,
    security_cli.add_parser,
    pki_command.add_parser,
    recipe_command.add_parser,
    latency_command.add_parser,
    production_cli.add_parser,
    lineage_cli.add_parser,
    restore_cli.add_parser,
    alarms_cli.add_parser,
    plantdb_cli.add_parser,
    help_cli.add_parser,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that says where to look for help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lineside",
        description="Lineside: line-side HMI and commissioning tool for cell production lines.",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log protocol details to stderr"
    )
    # Sub-parsers are _Parser too (argparse uses the parent's class), so errors stay one line.
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_parser in COMMANDS:
        add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A frozen build (PyInstaller) starts the PLC process by running this same executable:
    # freeze_support makes that child run the PLC process, not a second HMI. A no-op else.
    multiprocessing.freeze_support()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        # `lineside` alone: the HMI on the demo line and the embedded twin.
        args = parser.parse_args(["run"])
    run = args.run
    _configure_logging(args.verbose)
    try:
        code: int = run(args)
        return code
    except CommandError as exc:
        print(f"lineside {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `lineside browse ... | head`: the reader has what it wanted. Point stdout at devnull
        # so the interpreter's final flush does not complain about the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get("LINESIDE_DEBUG"):
            raise
        print(
            f"lineside {args.command}: internal error: {type(exc).__name__}: {exc} "
            "(set LINESIDE_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_RUNTIME


def _configure_logging(verbose: bool) -> None:
    """Keep library and driver logs off the terminal: the commands print what happened.

    asyncua and pymodbus log errors with tracebacks; the PLC service logs each loss and
    retry, which watch already shows as COMM_LOST and a failed command as its one line.
    Only when nothing has set up logging yet: inside a host (pytest, the GUI) leave it be.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="lineside: %(name)s: %(message)s",
    )
    if not verbose:
        for name in ("asyncua", "pymodbus", "hmi.plc"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


if __name__ == "__main__":
    sys.exit(main())
