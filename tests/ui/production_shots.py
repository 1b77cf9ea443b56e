"""Screenshots of the production screens (OEE, SPC, lineage) as the app styles them, at a
1024 x 600 touch panel and a 1920 x 1080 desktop; saved under the test's tmp_path, and also
under $LINESIDE_SHOTS when set, to look at."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from widgets.theme import app_stylesheet

SIZES = ((1024, 600), (1920, 1080))


def grab_sizes(widget: QWidget, tmp_path: Path, name: str) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(app_stylesheet())
    paths = []
    try:
        for width, height in SIZES:
            widget.resize(width, height)
            app.processEvents()
            image = widget.grab()
            path = tmp_path / f"{name}_{width}x{height}.png"
            assert image.save(str(path))
            shots = os.environ.get("LINESIDE_SHOTS")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                image.save(str(Path(shots) / path.name))
            assert image.width() >= width and image.height() >= height
            paths.append(path)
    finally:
        app.setStyleSheet(before)
    return paths
