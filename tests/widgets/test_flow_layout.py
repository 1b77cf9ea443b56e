"""FlowLayout: a toolbar that wraps instead of making its screen wider than the glass.

Real widgets offscreen: fixed-size buttons (so the sums below are exact), a field that
stretches, a list that takes the height there is, and a word-wrapped label.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QSizePolicy, QWidget
from pytestqt.qtbot import QtBot

from widgets.age_histogram import AgeHistogram
from widgets.flow_layout import FlowLayout, labelled

GAP = 10


def _button(width: int, height: int = 40) -> QPushButton:
    button = QPushButton("x")
    button.setFixedSize(width, height)
    return button


def _host(qtbot: QtBot, *items: tuple[QWidget, int]) -> tuple[QWidget, FlowLayout]:
    host = QWidget()
    flow = FlowLayout(host, spacing=GAP)
    for widget, stretch in items:
        flow.addWidget(widget, stretch)
    qtbot.addWidget(host)
    return host, flow


def test_one_row_when_there_is_room_and_wrapped_rows_when_not(qtbot: QtBot) -> None:
    a, b, c = _button(100), _button(120), _button(80)
    host, flow = _host(qtbot, (a, 0), (b, 0), (c, 0))
    assert flow.sizeHint().width() == 100 + 120 + 80 + 2 * GAP
    assert flow.minimumSize().width() == 120  # one item a row: the widest one
    host.resize(320, 200)
    host.show()
    qtbot.waitUntil(lambda: a.isVisible())
    assert a.y() == b.y() == c.y()
    assert flow.heightForWidth(320) == 40
    host.resize(250, 200)  # room for a and b (230), c goes below
    qtbot.waitUntil(lambda: c.y() > a.y())
    assert (a.x(), b.x(), c.x()) == (0, 100 + GAP, 0)
    assert b.y() == a.y() and c.y() == 40 + GAP
    assert flow.heightForWidth(250) == 2 * 40 + GAP
    assert flow.heightForWidth(119) == 3 * 40 + 2 * GAP


def test_a_stretching_field_takes_its_row_spare_width(qtbot: QtBot) -> None:
    field = QLabel("field")
    field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button = _button(100)
    host, _flow = _host(qtbot, (field, 1), (button, 0))
    host.resize(600, 100)
    host.show()
    qtbot.waitUntil(lambda: button.isVisible())
    qtbot.waitUntil(lambda: button.x() + button.width() == 600)
    assert field.x() == 0 and field.width() == 600 - 100 - GAP


def test_a_button_is_never_narrower_than_its_text(qtbot: QtBot) -> None:
    """A row narrower than one button: the layout's minimum is the button's whole text, so
    a box or scroll area around it gives it that width instead of cutting it."""
    long_text = QPushButton("Verbindungsdiagnose messen und anzeigen")
    host, flow = _host(qtbot, (long_text, 0), (_button(50), 0))
    assert flow.minimumSize().width() >= long_text.sizeHint().width()
    host.resize(flow.minimumSize().width(), 200)
    host.show()
    qtbot.waitUntil(lambda: long_text.isVisible())
    assert long_text.width() >= long_text.sizeHint().width()


def test_rows_of_growing_items_take_the_height_there_is(qtbot: QtBot) -> None:
    listing = QListWidget()
    listing.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    listing.setMinimumHeight(50)
    top = _button(100)
    host, _flow = _host(qtbot, (top, 0), (listing, 1))
    host.resize(100 + GAP + 20, 400)  # the list wraps below the button
    host.show()
    qtbot.waitUntil(lambda: listing.isVisible())
    qtbot.waitUntil(lambda: listing.height() == 400 - 40 - GAP)
    assert listing.y() == 40 + GAP and top.height() == 40


def test_a_word_wrapped_label_is_as_tall_as_its_width_needs(qtbot: QtBot) -> None:
    words = QLabel("Alter seit dem Zeitstempel der SPS; ein unveränderter Sollwert behält "
                   "seinen Zeitstempel.")
    words.setWordWrap(True)
    _host_widget, flow = _host(qtbot, (words, 1))
    assert flow.heightForWidth(120) > flow.heightForWidth(1200)


def test_labelled_keeps_a_label_with_its_field(qtbot: QtBot) -> None:
    label, field = QLabel("Host"), QLabel("127.0.0.1")
    pair = labelled(label, field, GAP)
    qtbot.addWidget(pair)
    pair.resize(300, 40)
    pair.show()
    qtbot.waitUntil(lambda: field.isVisible())
    assert label.y() == field.y() and field.x() >= label.x() + label.width()


def test_the_age_histogram_keeps_its_labels_apart(qtbot: QtBot) -> None:
    bars = AgeHistogram()
    qtbot.addWidget(bars)
    before = bars.minimumSizeHint().width()
    labels = ["<1 s", "<5 s", "<1 min", "nicht aktuell"]
    bars.set_buckets(labels, [3, 0, 1, 2], 3)
    widest = max(bars.fontMetrics().horizontalAdvance(t) for t in labels)
    assert bars.minimumSizeHint().width() >= len(labels) * widest > before
