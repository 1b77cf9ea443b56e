"""中文 needs a font with Chinese glyphs. ./dev installs one (fonts-wqy-microhei); a frozen
build carries the build machine's in resources/fonts for a plant PC without any. Each case
runs in its own interpreter: fontconfig reads its configuration once per process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hmi.ui.i18n import ensure_chinese_font

SYSTEM_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# A machine whose only fonts are DejaVu: no Chinese glyphs at all.
LATIN_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""
PROBE = """
import sys
if len(sys.argv) > 1:
    sys._MEIPASS = sys.argv[1]  # as a PyInstaller build runs
from PySide6.QtWidgets import QApplication
app = QApplication(["probe", "-platform", "offscreen"])
from hmi.ui.i18n import ensure_chinese_font, has_chinese_font
print(has_chinese_font(), ensure_chinese_font())
"""


def test_this_machine_shows_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    assert ensure_chinese_font(), "no CJK font: apt-get install fonts-wqy-microhei (./dev does)"


@pytest.mark.skipif(not SYSTEM_FONT.is_file(), reason="needs fonts-wqy-microhei to copy")
def test_a_build_without_system_font_uses_the_one_it_carries(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(LATIN_ONLY.format(cache=tmp_path / "cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}

    def probe(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=Path.cwd(),
                              capture_output=True, text=True, timeout=60, check=True)
        return done.stdout.strip()

    assert probe() == "False False"  # the bare machine: Chinese would be boxes
    bundle = tmp_path / "bundle"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    shutil.copy(SYSTEM_FONT, bundle / "resources" / "fonts")
    assert probe(str(bundle)) == "False True"  # the build's own font fills the gap
