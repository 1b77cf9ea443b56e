"""What the language and fit tests share (tests/ui and tests/widgets): the language switch the
header's picker does, the app at touch or laptop sizes, and what a push button must be on a
panel. One copy here, so a change to how the app switches language or sizes its controls is
made once for every test that checks a screen in a language or at a size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication, QPushButton

from hmi.ui.i18n import translations
from widgets.theme import TouchMetrics, apply_theme, metrics, set_metrics


@contextmanager
def language_switch(app: QApplication,
                    settle: Callable[[], None] | None = None) -> Iterator[Callable[[str], None]]:
    """Yields switch(code): installs that language as the header's picker does, then runs
    `settle` (Qt posts LanguageChange to every widget, it does not send it: a test that reads
    the re-said words at once passes QApplication.sendPostedEvents or processEvents). English
    again afterwards, so the next test in the process reads English."""
    chosen = translations(app)

    def to(code: str) -> None:
        chosen.switch(code)
        if settle is not None:
            settle()

    try:
        yield to
    finally:
        to("en")


@contextmanager
def sized(app: QApplication, chosen: TouchMetrics) -> Iterator[TouchMetrics]:
    """The app at these sizes with its stylesheet (as `lineside run --touch/--laptop` sets
    them), then the sizes and stylesheet it had before."""
    before, sheet = metrics(), app.styleSheet()
    set_metrics(chosen)
    apply_theme("day", app)
    try:
        yield chosen
    finally:
        set_metrics(before)
        app.setStyleSheet(sheet)


def button_misfits(button: QPushButton, name: str, touch_px: int) -> list[str]:
    """A push button narrower than its text (cut) or lower than a touch target."""
    found = []
    if button.width() < button.sizeHint().width():
        found.append(f"{name} cut: {button.width()} < {button.sizeHint().width()} px")
    if button.height() < touch_px:
        found.append(f"{name} {button.height()} px high < touch {touch_px} px")
    return found
