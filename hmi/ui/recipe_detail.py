"""One recipe version on the recipe screen: its heading, its parameter table and the line
under it that says what changed (from the version before, or against the PLCs).

Recipe ids, products, parameter names, tags, units and values are the recipe's own and are
shown as stored; the words around them, the column headers and the status and verify-mode
names are said in the language installed, and said again on a language switch."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recipes import RecipeStatus, RecipeVersion
from recipes.diff import ParameterChange, diff_contents
from widgets.retranslating import Retranslating

COLUMNS = (
    QT_TRANSLATE_NOOP("RecipeVersionView", "Parameter"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Tag"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Setpoint"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Unit"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Low"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "High"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Critical"),
    QT_TRANSLATE_NOOP("RecipeVersionView", "Verify"),
)
# ISA-88 / 21 CFR 11 life cycle words (the stored value is the id).
STATUS_NAMES = {
    RecipeStatus.DRAFT: QT_TRANSLATE_NOOP("RecipeStatus", "Draft"),
    RecipeStatus.IN_REVIEW: QT_TRANSLATE_NOOP("RecipeStatus", "InReview"),
    RecipeStatus.APPROVED: QT_TRANSLATE_NOOP("RecipeStatus", "Approved"),
    RecipeStatus.EFFECTIVE: QT_TRANSLATE_NOOP("RecipeStatus", "Effective"),
    RecipeStatus.SUPERSEDED: QT_TRANSLATE_NOOP("RecipeStatus", "Superseded"),
    RecipeStatus.OBSOLETE: QT_TRANSLATE_NOOP("RecipeStatus", "Obsolete"),
    RecipeStatus.REJECTED: QT_TRANSLATE_NOOP("RecipeStatus", "Rejected"),
}
VERIFY_NAMES = {
    "exact": QT_TRANSLATE_NOOP("RecipeVersionView", "exact"),
    "tolerance": QT_TRANSLATE_NOOP("RecipeVersionView", "tolerance"),
    "manual": QT_TRANSLATE_NOOP("RecipeVersionView", "manual"),
}


def status_text(status: RecipeStatus) -> str:
    """A version's status in the language installed (English: the stored value)."""
    return translate("RecipeStatus", STATUS_NAMES.get(status, status.value))


# lupdate reads translate("Context", "text") calls by this name too.
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("RecipeVersionView", text)


def column_titles() -> list[str]:
    return [_tr(title) for title in COLUMNS]


class RecipeVersionView(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.version: RecipeVersion | None = None
        self._older: RecipeVersion | None = None
        self._diff_words: Callable[[], str] = lambda: ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # room to spare goes right, not into the names
        # Shown after the values: the setpoint is read beside its name, the long tag id
        # scrolls off first on a narrow panel (the columns keep their logical order).
        header.moveSection(1, len(COLUMNS) - 3)
        self.diff_label = QLabel()
        self.diff_label.setWordWrap(True)
        box.addWidget(self.detail_label)
        box.addWidget(self.table, 1)
        box.addWidget(self.diff_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(column_titles())
        if self.version is not None:
            self._show_heading(self.version)
            self._show_words(self.version)
        self.diff_label.setText(self._diff_words())

    def show_version(self, version: RecipeVersion, versions: Sequence[RecipeVersion]) -> None:
        """`version` in full; the line under it: what changed from the one before it."""
        self.version = version
        older = [v for v in versions if v.version < version.version]
        self._older = max(older, key=lambda v: v.version) if older else None
        self._show_heading(version)
        self.table.setRowCount(len(version.parameters))
        for row, p in enumerate(version.parameters):
            cells = (p.name, p.tag, p.setpoint, p.unit, p.low, p.high, None, None)
            for col, cell in enumerate(cells):
                item = QTableWidgetItem("" if cell is None else str(cell))
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self._show_words(version)
        self._say_diff(self._changes_words)

    def show_plc_diff(self, version: RecipeVersion,
                      differences: tuple[ParameterChange, ...]) -> None:
        """What the PLCs hold against `version`, parameter by parameter."""
        def words() -> str:
            if not differences:
                return translate("RecipeVersionView", "The PLCs hold v{0}: every parameter "
                                 "matches.").format(version.version)
            lines = [self.tr("The PLCs differ from v{0} in %n parameter(s):", "",
                             len(differences)).format(version.version)]
            unreadable = translate("RecipeVersionView", "not readable")
            lines += ["  " + translate("RecipeVersionView", "{0}: recipe {1}, PLC {2}").format(
                c.tag, c.old, unreadable if c.new is None else c.new) for c in differences]
            return "\n".join(lines)

        self._say_diff(words)

    def _say_diff(self, words: Callable[[], str]) -> None:
        self._diff_words = words
        self.diff_label.setText(words())

    def _show_heading(self, version: RecipeVersion) -> None:
        h = version.header
        self.detail_label.setText(translate(
            "RecipeVersionView",
            "<b>{0} v{1}</b> — {2}; {3}, {4}; by {5}<br>content hash {6}…").format(
            h.recipe_id, version.version, status_text(version.status), h.product,
            h.station_group, version.author, version.content_hash[:16]))

    def _show_words(self, version: RecipeVersion) -> None:
        """The cells that are words, not the recipe's values: critical, verify mode."""
        yes = translate("RecipeVersionView", "yes", "a critical parameter")
        for row, p in enumerate(version.parameters):
            for col, text in ((6, yes if p.critical else ""),
                              (7, _tr(VERIFY_NAMES.get(p.verify.value, p.verify.value)))):
                item = self.table.item(row, col)
                if item is not None:
                    item.setText(text)

    def _changes_words(self) -> str:
        version, older = self.version, self._older
        if version is None:
            return ""
        if older is None:
            return translate("RecipeVersionView", "The first version.")
        diff = diff_contents(older.content, version.content)
        lines = [translate("RecipeVersionView", "Changes from v{0}:").format(older.version)]
        lines += [f"  + {p.tag} = {p.setpoint}" for p in diff.added]
        lines += [f"  − {p.tag}" for p in diff.removed]
        lines += [f"  {c.tag} {c.field}: {c.old} → {c.new}" for c in diff.changed]
        return "\n".join(lines) if len(lines) > 1 else translate("RecipeVersionView",
            "Same parameters as v{0}.").format(older.version)
