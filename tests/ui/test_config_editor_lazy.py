"""The panel's config editor reads its file when first shown, not at start (issue 11: a
20,000-tag file's text, check and structure held the GUI thread seconds at every start)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from hmi.config import DEMO_LINE
from hmi.ui.config_editor_screen import ConfigEditorScreen


def test_a_lazy_editor_reads_the_file_when_first_shown(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "line.toml"
    shutil.copyfile(DEMO_LINE, path)
    eager = ConfigEditorScreen(path)
    lazy = ConfigEditorScreen(path, lazy=True)
    for screen in (eager, lazy):
        qtbot.addWidget(screen)
    try:
        assert lazy.editor.toPlainText() == "" and lazy.last_check is None
        assert lazy.path == path and lazy.file_label.text() == "no file open"
        # Changed on disk after start: the lazy one shows the file as it is when opened.
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited after start\n",
                        encoding="utf-8")
        with qtbot.waitSignal(lazy.checked, timeout=10_000) as checked:
            lazy.show()
        assert lazy.editor.toPlainText().endswith("# edited after start\n")
        assert "# edited after start" not in eager.editor.toPlainText()
        assert checked.args[0].ok and lazy.structure.topLevelItemCount() > 1
        lazy.editor.setPlainText(lazy.editor.toPlainText() + "# typed\n")
        lazy.hide()
        lazy.show()  # shown again: the operator's text stays, the file is not read again
        assert lazy.editor.toPlainText().endswith("# typed\n")
    finally:
        eager.close()
        lazy.close()
