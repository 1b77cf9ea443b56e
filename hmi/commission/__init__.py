"""The commissioning commands behind `lineside` (browse, watch, write, scan, config check).

Qt-free and protocol-free: each command is a small module with `add_parser(subparsers)` and
`run(args) -> int`; the protocol work happens in hmi.plc, whose results come back as plain
Python values, so asyncua and pymodbus objects never reach this package.
"""

from hmi.commission.errors import CommandError, RuntimeFailure, UsageError

__all__ = ["CommandError", "RuntimeFailure", "UsageError"]
