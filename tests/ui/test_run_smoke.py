"""`lineside run` as a user starts it: a headless smoke run and a bad config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def lineside(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "hmi.cli", *args],
        capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )


def test_smoke_run_saves_a_screenshot_of_the_chosen_screen(tmp_path: Path) -> None:
    shot = tmp_path / "coater.png"
    done = lineside("run", "--data-dir", str(tmp_path / "data"), "--screen", "coater",
                    "--screenshot", str(shot), "--quit-after", "4")
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert image.width() >= 1280 and image.height() >= 720
    assert "Traceback" not in done.stderr


def test_bad_config_is_one_line_per_error_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "line.toml"
    config.write_text('[line]\nid = "x"\nname = "X"\n[[connections]]\nid = "plc"\n'
                      'protocol = "opcua"\nendpoint = "tcp://nowhere"\n', encoding="utf-8")
    done = lineside("run", "--config", str(config), "--quit-after", "1")
    assert done.returncode == 2
    assert f"{config}:7: connections[plc].endpoint:" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_screen_is_named(tmp_path: Path) -> None:
    done = lineside("run", "--screen", "kiln", "--quit-after", "1")
    assert done.returncode == 2
    assert "no screen 'kiln'" in done.stderr and "coater" in done.stderr


def test_unknown_fault_is_named_with_the_known_ones() -> None:
    done = lineside("run", "--fault", "meteor@3", "--quit-after", "1")
    assert done.returncode == 2
    assert "unknown fault 'meteor'" in done.stderr and "web_break" in done.stderr
