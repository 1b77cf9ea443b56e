"""`lineside db outbox [--data-dir DIR]`: what an HMI keeps in its local journal.

For the technician at an HMI whose plant database (on a server) was or is away: whether it
is offline and since when, how many records wait to be forwarded and since when, how many
forwarded records a person has to review, and whether the journal's hash chain holds (a
journal that does not is never forwarded: a person must look). Reads the file only; the
running HMI forwards by itself once the server answers.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from hmi.commission.errors import EXIT_OK, RuntimeFailure
from hmi.core.paths import data_dir
from hmi.forward.outbox import OUTBOX_FILE, Outbox


def add_outbox_parser(actions: Any) -> None:
    """Registered under `lineside db` (hmi.plantdb.cli)."""
    outbox = actions.add_parser(
        "outbox", help="this HMI's local journal: offline since, records waiting to forward")
    outbox.add_argument("--data-dir", metavar="DIR",
                        help="the HMI's data folder (default: the per-user one)")
    outbox.set_defaults(run=run_outbox)


def _when(at: datetime) -> str:
    return f"{at.astimezone():%Y-%m-%d %H:%M:%S %Z} ({at:%H:%M:%S} UTC)"


def run_outbox(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir, create=False)
    path = folder / OUTBOX_FILE
    if not path.is_file():
        print(f"{path}: no local journal: this HMI has not recorded through a plant database "
              "on a server (or never from this data folder)")
        return EXIT_OK
    outbox = Outbox(path)
    try:
        since = outbox.offline_since()
        pending = outbox.pending(limit=1)
        count = outbox.pending_count()
        conflicts = outbox.conflicts()
        problem = outbox.verify()
    finally:
        outbox.close()
    print(f"{path}:")
    print(f"  plant database offline since {_when(since)}" if since is not None
          else "  plant database online at the last record")
    if count:
        print(f"  {count} records wait to be forwarded, the oldest from "
              f"{_when(pending[0].recorded_at)}; the running HMI forwards them once the "
              "plant database answers")
    else:
        print("  nothing waits to be forwarded")
    if conflicts:
        print(f"  {len(conflicts)} forwarded records wait for a person's review "
              "(`lineside db conflicts`)")
    if problem:
        raise RuntimeFailure(f"{path}: {problem}; it is not forwarded until a person has "
                             "looked (keep the file)")
    print("  journal chain intact")
    return EXIT_OK
