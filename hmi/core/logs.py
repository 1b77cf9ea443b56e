"""The HMI's log file: what happened to the PLC links, for the engineer after the shift.

The operator sees losses on the screen; the log keeps cause and gap of each (the
supervisor's lines) in the data folder, rotated so it never fills a disk.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_BYTES = 5 * 1024 * 1024
LOG_FILES = 5


def log_to_file(data_dir: Path, verbose: bool = False, file_name: str = "lineside.log") -> Path:
    """Lineside's own INFO lines (and libraries' warnings) into data_dir/logs/<file_name>;
    the terminal keeps only errors unless verbose. Each process has its own file: two
    processes rotating one file would lose lines."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES,
                                  encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not verbose:
        for terminal in root.handlers:
            terminal.setLevel(logging.ERROR)
    root.addHandler(handler)
    logging.getLogger("hmi").setLevel(logging.INFO)
    logging.getLogger("hmi.plc").setLevel(logging.INFO)
    logging.getLogger("asyncua").setLevel(logging.WARNING)
    # pymodbus logs every timeout with a frame dump; the driver puts it in the tag status.
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    return path
