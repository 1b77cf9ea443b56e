"""Failures a command reports as one line on stderr, with the exit code that fits."""

from __future__ import annotations

EXIT_OK = 0
EXIT_RUNTIME = 1  # the command was right but the plant said no (unreachable, refused, ...)
EXIT_USAGE = 2  # the command line or the config file is wrong (argparse uses 2 as well)


class CommandError(Exception):
    """A failure the user can act on; `str(error)` is the whole message."""

    exit_code = EXIT_RUNTIME


class RuntimeFailure(CommandError):
    exit_code = EXIT_RUNTIME


class UsageError(CommandError):
    exit_code = EXIT_USAGE
