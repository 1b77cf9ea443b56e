"""The I/O checkout screen's actions: write a test value, sign a point Pass or Fail, close
the checkout, export its report, and the keypad for the test value.

A mixin of IoCheckoutScreen (hmi.ui.io_checkout_screen), which lays out the table and the
point panel and shows the checkout; what a button does is here. Its words keep the
screen's translation context ("IoCheckoutScreen"): the catalogues hold them there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit, QTableWidget, QWidget

from hmi.commission.io_checkout import Checkout, CheckPoint, IoCheckoutStore, write_test_value
from hmi.commission.io_checkout_report import write_csv, write_pdf
from hmi.config import LineConfig
from hmi.core.commands import CommandService, WriteOutcome
from hmi.core.iothread import IoThread
from hmi.ui.admin_widgets import StatusLine
from hmi.ui.io_checkout_point import fmt_value, parse_test_value
from hmi.ui.user_text_qt import said_meaning, settle_dialog
from hmi.ui.workbench_access import Gate, workbench_refusal
from hmi.ui.worker import Worker
from widgets.numeric_keypad import NumericKeypad
from widgets.signature_dialog import SignatureDialog

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")
OBSERVED = 2  # the live value's column: what a signature records as observed


class IoCheckoutActions:
    """What IoCheckoutScreen's buttons do; the screen provides the state named here."""

    if TYPE_CHECKING:  # the screen's, set in its __init__ and _build
        said: Signal
        checkout: Checkout | None
        points: list[CheckPoint]
        signature_dialog: SignatureDialog | None
        table: QTableWidget
        test_value: QLineEdit
        note: QLineEdit
        status: StatusLine
        _config: LineConfig
        _checkouts: IoCheckoutStore
        _commands: CommandService | None
        _gate: Gate | None
        _io: IoThread
        _worker: Worker
        _closed: bool
        _export_dir: Path
        _client_host: str

        def current_point(self) -> CheckPoint | None: ...
        def _reload(self) -> None: ...
        def _run(self, call: Callable[[], object], done: Callable[[object], None]) -> None: ...
        def _refused(self, result: object) -> bool: ...
        def _user(self) -> str: ...

    def write_point(self) -> None:
        point, commands = self.current_point(), self._commands
        if point is None or point.kind != "write" or self.checkout is None:
            return
        if commands is None:
            self.status.show_refusal(translate(
                "IoCheckoutScreen", "test writes need the command service: this panel has none "
                "(sign in on a secure HMI)"))
            return
        try:
            data_type = self._config.tag(point.tag_id).data_type
            value = parse_test_value(self.test_value.text(), data_type)
        except ValueError as exc:
            self.status.show_refusal(f"{point.tag_id}: {exc}")
            return
        user, checkout_id = self._user(), self.checkout.id
        self.status.show_note(translate("IoCheckoutScreen", "writing {0} = {1}…").format(
            point.tag_id, fmt_value(value)))
        if self._closed:
            return
        self._worker.await_on(
            self._io, write_test_value(commands, user, point.tag_id, value, self._client_host),
            lambda result: self._on_written(checkout_id, point.tag_id, result))

    def _on_written(self, checkout_id: str, tag_id: str, result: object) -> None:
        if self._refused(result):
            return
        assert not isinstance(result, Exception)
        outcome: WriteOutcome = result  # type: ignore[assignment]
        (self.status.show_ok if outcome.ok else self.status.show_refusal)(outcome.message)
        checkouts = self._checkouts
        self._run(lambda: checkouts.record_write(checkout_id, tag_id, outcome),
                  self._on_write_recorded)

    def _on_write_recorded(self, result: object) -> None:
        if not self._refused(result):
            self._reload()

    def sign_point(self, passed: bool) -> SignatureDialog | None:
        point = self.current_point()
        if point is None or self.checkout is None:
            return None
        refusal = workbench_refusal(self._gate, translate("IoCheckoutScreen",
                                                          "I/O checkout"))
        if refusal:
            self.status.show_refusal(refusal)
            return None
        observed = self.table.item(self.points.index(point), OBSERVED)
        observed_text = observed.text() if observed is not None else ""
        note, result = self.note.text().strip(), "pass" if passed else "fail"
        dialog = SignatureDialog(
            cast(QWidget, self), meaning=said_meaning("checked"),
            record=f"I/O checkout {self.checkout.station}: "
            f"{point.tag_id} {result.upper()}, observed {observed_text or '-'}",
            record_hash=point.record_hash(), user_id=self._user(), reason_required=False)
        checkouts, checkout_id = self._checkouts, self.checkout.id

        def signed(username: str, password: str, reason: str) -> None:
            def work() -> object:
                return checkouts.check(checkout_id, point.tag_id, passed=passed,
                                       observed=observed_text, note=note, username=username,
                                       password=password, reason=reason,
                                       client_host=self._client_host)

            def settle(answer: object) -> None:
                settle_dialog(dialog, answer)  # a refusal in the operator's language
                if not isinstance(answer, Exception):
                    said = (translate("IoCheckoutScreen", "pass") if passed
                            else translate("IoCheckoutScreen", "FAIL"))
                    self.status.show_ok(translate(
                        "IoCheckoutScreen", "{0}: {1} signed by {2}").format(
                            point.tag_id, said, username))
                    self._advance(point)

            self._run(work, settle)

        dialog.sign_requested.connect(signed)
        dialog.open()
        self.signature_dialog = dialog
        return dialog

    def _advance(self, point: CheckPoint) -> None:
        """To the next point: a checkout is walked top to bottom."""
        index = self.points.index(point) if point in self.points else -1
        if 0 <= index + 1 < len(self.points):
            self.table.setCurrentCell(index + 1, 0)
        self._reload()

    def finish(self) -> None:
        if self.checkout is None:
            return
        checkouts, checkout_id, user = self._checkouts, self.checkout.id, self._user()
        self._run(lambda: checkouts.finish(checkout_id, user), self._on_finished)

    def _on_finished(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, Checkout)
        self.checkout = result
        self.status.show_ok(translate("IoCheckoutScreen", "checkout of {0} closed").format(
            result.station))
        self._reload()

    def export(self, kind: str) -> None:
        checkout = self.checkout
        if checkout is None:
            self.status.show_refusal(translate(
                "IoCheckoutScreen", "start or resume a checkout first: the report is of one"))
            return
        checkouts, folder, name = self._checkouts, self._export_dir, self._config.line.name
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = folder / f"io_checkout_{checkout.station}_{stamp}.{kind}"

        def work() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            points = checkouts.points(checkout.id)
            signatures = checkouts.signatures(points)
            if kind == "pdf":
                write_pdf(out, checkout, points, signatures, checkouts.progress(checkout.id),
                          name)
            else:
                write_csv(out, checkout, points, signatures)
            return out

        self._run(work, self._on_exported)

    def _on_exported(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, Path)
        self.status.show_ok(translate("IoCheckoutScreen", "report written: {0}").format(result))
        self.said.emit(translate("IoCheckoutScreen", "I/O checkout report: {0}").format(
            result.name))

    def _on_keypad_clicked(self) -> None:
        point = self.current_point()
        if point is None:
            return
        tag = self._config.tag(point.tag_id)
        low, high = tag.range if tag.range else (None, None)
        keypad = NumericKeypad(cast(QWidget, self), tag=tag.id, unit=tag.unit, low=low, high=high,
                               old=point.test_value if isinstance(point.test_value, float)
                               else None)
        keypad.value_accepted.connect(lambda v: self.test_value.setText(f"{v:g}"))
        keypad.open()
