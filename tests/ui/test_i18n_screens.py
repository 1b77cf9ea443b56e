"""The recipe, audit and users screens, the trend range dialogs and the alarm KPI view speak
German and Chinese in their bodies (labels, buttons, column headers, status lines), and
follow a run-time language switch at once; the loose ends around them: the restore screen's
public way in from help, and touch buttons never narrower than their text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.restore import FaultContext, build_restore_engine
from hmi.restore.engine import RestoreEngine
from hmi.security import Security
from hmi.ui.i18n import translations
from hmi.ui.restore_screen import CHOOSE, RestoreScreen
from hmi.ui.security_gate import SecurityGate


@pytest.fixture
def speak() -> Iterator[object]:
    """switch(code): the app's language; English again after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield translations(app).switch
    translations(app).switch("en")


# -- the restore screen's way in from help ----------------------------------------------------
def _restore_engine(db: PlantDb, security: Security) -> RestoreEngine:
    config = load_line_config(DEMO_LINE)
    commands = CommandService(None, security.policy, security.audit)  # type: ignore[arg-type]
    return build_restore_engine(config, TagStore(config.expected_periods_s()), commands, db)


def test_open_procedure_preselects_it_without_an_earlier_fault(
        qtbot, db: PlantDb, security: Security) -> None:  # type: ignore[no-untyped-def]
    engine = _restore_engine(db, security)
    gate = SecurityGate(security, idle_lock_s=900)
    screen = RestoreScreen(engine, gate, IoThread(), db)  # the IoThread is not used unstarted
    qtbot.addWidget(screen)
    try:
        ids = sorted(engine.procedures)
        assert len(ids) >= 2
        # An alarm's fault was shown before: help's procedure must not carry it over.
        screen.fault = FaultContext("estop", "coater", detail="alarm coater_estop",
                                    at=datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
        screen.pages.setCurrentIndex(2)
        screen.open_procedure(ids[-1])
        assert screen.fault is None
        assert screen.fault_label.text().startswith("No fault context")
        assert screen._selected_procedure() is engine.procedures[ids[-1]]
        assert screen.pages.currentIndex() == CHOOSE
        with pytest.raises(KeyError):
            screen.open_procedure("no_such_procedure")
    finally:
        screen.close()
        gate.close()
