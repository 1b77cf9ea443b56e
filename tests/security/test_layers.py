"""The command service in hmi.core stays below the PLC drivers and the security package."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_security_import_no_driver_and_no_qt() -> None:
    code = (
        "import sys, hmi.core.commands, hmi.security, hmi.plantdb\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('hmi.plc', 'PySide6', 'asyncua',"
        " 'pymodbus')))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    only_core = subprocess.run(
        [sys.executable, "-c", "import sys, hmi.core.commands\n"
         "assert not [m for m in sys.modules if m.startswith('hmi.security')]"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert only_core.returncode == 0, only_core.stderr
