"""The audit viewer on a real plant database: rows, filters, time ranges, chain check, CSV.

The tampering is done as an attacker would: straight in the SQLite file with sqlite3, after
dropping the append-only trigger.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hmi.core.audit_event import AuditEvent
from hmi.core.roles import Role
from hmi.plantdb import PLANT_DB_FILE
from hmi.security import AuditEntry, AuditTrail, ChainCheck, Security
from hmi.ui.audit_screen import AuditFilter, AuditScreen
from tests.security.conftest import FakeClock

PASSWORD = "operator password 1"


@pytest.fixture
def clock() -> FakeClock:
    # Six days before the security tests' start: the trail's "today" stays in November.
    return FakeClock(datetime(2026, 11, 20, 8, 0, tzinfo=UTC))


def _write_event(value: float) -> AuditEvent:
    return AuditEvent(
        username="olga", full_name="Olga Operator", role="Operator", action="write_setpoint",
        object_type="tag", object_id="coater.web_tension_sp_n", field="value",
        old_value=value - 1, sent_value=value, read_back=value, reason="tension drift",
        client_host="panel-3",
    )


@pytest.fixture
def trail(security: Security, clock: FakeClock) -> AuditTrail:
    """Entries 1-2 a week ago; 3-7 today (the screen's now is the clock's now)."""
    users = security.users
    admin = users.create_first_administrator("ada", "Ada Admin", "correct horse battery")
    users.add_user(admin, "olga", "Olga Operator", PASSWORD, Role.OPERATOR, ("coater",),
                   reason="new starter")
    clock.now += timedelta(days=6)
    users.authenticate("olga", PASSWORD, "panel-3")
    security.audit.append(_write_event(61.0))
    security.audit.append(_write_event(62.0))
    with pytest.raises(Exception, match="wrong user name or password"):
        users.authenticate("olga", "not her password", "panel-3")
    users.add_user(admin, "quinn", "Quinn QA", PASSWORD, Role.QA, reason="audit season")
    return security.audit


@pytest.fixture
def screen(qtbot, trail: AuditTrail, tmp_path: Path, clock: FakeClock) -> Iterator[AuditScreen]:
    widget = AuditScreen(trail, tmp_path / "exports", clock=lambda: clock.now)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.entries_loaded):
        widget.set_range(None)
    yield widget
    widget.close()


def _column(screen: AuditScreen, column: int) -> list[str]:
    return [screen.model.cell_text(row, column) for row in range(screen.model.rowCount())]


def _combo_items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def test_table_shows_every_entry_newest_first(screen: AuditScreen) -> None:
    assert screen.model.rowCount() == 7
    assert [screen.model.entry(r).seq for r in range(7)] == [7, 6, 5, 4, 3, 2, 1]
    top = screen.model
    assert top.cell_text(0, 1) == "ada" and top.cell_text(0, 4) == "add_user"
    assert top.cell_text(0, 5) == "user quinn" and top.cell_text(0, 10) == "audit season"
    write = top.entry(2)
    assert write.action == "write_setpoint"
    assert [top.cell_text(2, c) for c in (0, 7, 8, 9, 11)] == [
        write.utc_ts.strftime("%Y-%m-%d %H:%M:%S"), "61.0", "62.0", "62.0", "panel-3",
    ]
    assert _combo_items(screen.user_combo) == ["All users", "ada", "olga"]
    assert "write_setpoint" in _combo_items(screen.action_combo)
    assert _combo_items(screen.object_combo) == ["All objects", "tag", "user"]
    assert screen.summary_label.text() == "7 of 7 entries in the whole trail"
    screen.table.selectRow(2)  # a touch on a row spells the whole entry out
    assert screen.detail_label.text().endswith(
        "olga (Olga Operator, Operator) · write_setpoint · tag coater.web_tension_sp_n"
        " · value: old 61.0 → sent 62.0 → read back 62.0 · reason: tension drift · at panel-3"
    )


def test_filters_narrow_the_rows(screen: AuditScreen) -> None:
    screen.user_combo.setCurrentIndex(screen.user_combo.findData("olga"))
    assert set(_column(screen, 1)) == {"olga"} and screen.model.rowCount() == 4
    screen.action_combo.setCurrentIndex(screen.action_combo.findData("write_setpoint"))
    assert _column(screen, 8) == ["62.0", "61.0"]
    screen.set_filter(AuditFilter(object_type="user"))
    assert set(_column(screen, 5)) == {"user ada", "user olga", "user quinn"}
    assert screen.model.rowCount() == 5
    assert screen.summary_label.text() == "5 of 7 entries in the whole trail"


def test_time_range_presets_reload_from_the_database(qtbot, screen: AuditScreen) -> None:
    with qtbot.waitSignal(screen.entries_loaded) as loaded:
        screen.range_buttons[3600.0].click()
    assert loaded.args == [5]
    assert [screen.model.entry(r).seq for r in range(5)] == [7, 6, 5, 4, 3]
    assert screen.summary_label.text() == "5 of 5 entries in the last hour"
    # A filter survives a range with none of its entries (it stays offered, shows nothing).
    screen.set_filter(AuditFilter(action="create_first_administrator"))
    assert screen.model.rowCount() == 0
    with qtbot.waitSignal(screen.entries_loaded):
        screen.range_buttons[7 * 86400.0].click()
    assert [screen.model.entry(r).seq for r in range(screen.model.rowCount())] == [1]


def test_verify_chain_says_intact_then_names_the_changed_entry(
    qtbot, screen: AuditScreen, tmp_path: Path
) -> None:
    with qtbot.waitSignal(screen.chain_checked) as checked:
        screen.verify_button.click()
    assert checked.args == [True]
    assert screen.chain_line.text().startswith("✓ Audit trail intact: 7 entries")
    assert not screen.chain_line.abnormal

    raw = sqlite3.connect(tmp_path / PLANT_DB_FILE)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET sent_value = '99.0' WHERE seq = 4")
    raw.commit()
    raw.close()

    with qtbot.waitSignal(screen.chain_checked) as checked:
        screen.verify_button.click()
    assert checked.args == [False]
    text = screen.chain_line.text()
    assert text.startswith("✗ Audit trail BROKEN at entry 4:") and "changed" in text
    assert screen.chain_line.abnormal and "#F28C00" in screen.chain_line.styleSheet()
    assert screen.verify_button.isEnabled()


def test_export_writes_the_filtered_rows(qtbot, screen: AuditScreen, tmp_path: Path) -> None:
    assert str(tmp_path / "exports") in screen.export_line.text()
    screen.set_filter(AuditFilter(username="olga"))
    with qtbot.waitSignal(screen.exported) as exported:
        path = screen.export_csv()
    assert path.parent == tmp_path / "exports"
    assert exported.args == [f"4 entries written to {path}"]
    assert screen.export_line.text() == f"✓ 4 entries written to {path}"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["seq"]) for r in rows] == [3, 4, 5, 6]
    assert {r["username"] for r in rows} == {"olga"}
    assert rows[1]["sent_value"] == "61.0" and rows[1]["object_id"] == "coater.web_tension_sp_n"


class _BrokenSource:
    def entries(self, since: datetime | None = None) -> list[AuditEntry]:
        raise OSError("disk I/O error")

    def verify_chain(self) -> ChainCheck:
        raise OSError("disk I/O error")


def test_a_database_failure_is_said_in_words(qtbot, tmp_path: Path) -> None:
    widget = AuditScreen(_BrokenSource(), tmp_path)
    qtbot.addWidget(widget)
    try:
        with qtbot.waitSignal(widget.chain_checked) as checked:
            widget.verify_chain()
        assert checked.args == [False]
        assert widget.chain_line.text() == "✗ The audit trail could not be verified: disk I/O error"
        widget.refresh()
        qtbot.waitUntil(lambda: widget.summary_label.text() == "Not loaded")
        assert "could not be read: disk I/O error" in widget.chain_line.text()
    finally:
        widget.close()
