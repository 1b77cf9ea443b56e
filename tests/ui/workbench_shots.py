"""Screenshots of the workbench screens, as the app styles them, at a laptop's 1280 x 800.

Saved under the test's tmp_path, and also under $LINESIDE_SHOTS when set, to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from widgets.theme import app_stylesheet

SIZE = (1280, 800)


def grab(widget: QWidget, tmp_path: Path, name: str) -> Path:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(app_stylesheet())
    try:
        widget.resize(*SIZE)
        app.processEvents()
        image = widget.grab()
    finally:
        app.setStyleSheet(before)
    path = tmp_path / f"{name}.png"
    assert image.save(str(path))
    shots = os.environ.get("LINESIDE_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(shots) / f"{name}.png"))
    assert (image.width(), image.height()) == SIZE
    return path
