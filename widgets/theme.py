"""ISA-101 look in one place: palette, alarm priorities, sizes in millimetres, the app stylesheet.

Grey is normal. Colour appears only for abnormal states, and every colour has a shape and a
text twin so a colour-blind operator reads the same thing. Widgets read the palette at paint
time, so ``set_palette`` (a night palette later) repaints everything from one place.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

MM_PER_INCH = 25.4
# Monitors report nonsense physical sizes often enough (projectors, KVMs, missing EDID);
# outside this band the logical DPI is the better guess.
_SANE_DPI = (40.0, 600.0)
_FALLBACK_DPI = 96.0


@dataclass(frozen=True, slots=True)
class Palette:
    """Every colour a widget paints with. Hex strings, so QSS and QPainter share them."""

    window: str = "#D6D6D6"  # low-saturation grey background
    panel: str = "#E3E3E3"  # tiles and keypad face, a step lighter than the window
    panel_border: str = "#9E9E9E"
    text: str = "#1C1C1C"
    text_muted: str = "#5C5C5C"
    process: str = "#4F4F4F"  # value pointers, normal lamps: dark grey, never a hue
    track: str = "#C8C8C8"  # deviation bar background
    normal_band: str = "#AFAFAF"  # the band the value should live in
    limit: str = "#3A3A3A"  # alarm limit ticks
    setpoint: str = "#1C1C1C"
    old_fill: str = "#C9C9C9"  # stale / lost value background
    old_hatch: str = "#B2B2B2"
    old_text: str = "#6E6E6E"
    button: str = "#CDCDCD"
    button_pressed: str = "#A9A9A9"
    button_disabled_text: str = "#9A9A9A"
    focus: str = "#2B2B2B"
    # Alarm priority colours, used for nothing else.
    p1: str = "#D7191C"  # red
    p2: str = "#F28C00"  # orange
    p3: str = "#F5D800"  # yellow
    p4: str = "#20B8D8"  # cyan
    diagnostic: str = "#C21DC2"  # magenta: instrument/quality fault (BAD), not a process alarm
    # Trend pens: muted, none of them an alarm hue, distinct from each other.
    pens: tuple[str, ...] = (
        "#1F4E79", "#7A4A1E", "#2E6B4F", "#5B3F8C", "#3C3C3C", "#8A4B6E",
        "#4C6A1F", "#2A5D8F", "#6B5B2E", "#40707A", "#6E3B3B", "#505A8C",
        "#7F7F2F", "#35506B", "#5E4A3A", "#3F6F3F",
    )
    plot_background: str = "#E8E8E8"
    plot_grid: str = "#BEBEBE"

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def pen_color(self, index: int) -> QColor:
        return QColor(self.pens[index % len(self.pens)])


DAY = Palette()
# Night shift: the same meanings on dark grey, so a dim control room is not lit by the panel.
# Normal stays grey; the alarm hues are the day ones (they must read the same at 3 a.m.).
NIGHT = Palette(
    window="#1F2022", panel="#2A2B2E", panel_border="#4A4C50", text="#D2D3D5",
    text_muted="#9A9CA0", process="#A8AAAE", track="#36383B", normal_band="#4E5054",
    limit="#C4C6CA", setpoint="#E2E3E5", old_fill="#2C2D30", old_hatch="#3A3B3F",
    old_text="#7C7E82", button="#35373A", button_pressed="#505256",
    button_disabled_text="#66686C", focus="#E2E3E5",
    pens=(
        "#7FA7D0", "#C99A6B", "#7DB89B", "#A891CF", "#B4B4B4", "#CC8FB1",
        "#9DBB6A", "#79A9D9", "#BDAA72", "#84B5BF", "#C48C8C", "#98A2D6",
        "#C2C26E", "#86A2BE", "#B39A86", "#8FBF8F",
    ),
    plot_background="#18191B", plot_grid="#3A3C40",
)
THEMES = {"day": DAY, "night": NIGHT}
_current = DAY
_listeners: list[Callable[[Palette], None]] = []


def palette() -> Palette:
    return _current


def set_palette(new: Palette) -> None:
    """Switch palettes and repaint every widget (self-painted ones read the palette on paint).

    Widgets that hand colours to something that keeps them (pyqtgraph backgrounds, pens)
    register with `on_palette_changed` and re-apply them.
    """
    global _current
    _current = new
    for listener in list(_listeners):
        listener(new)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.allWidgets():
            widget.update()


def on_palette_changed(listener: Callable[[Palette], None]) -> Callable[[], None]:
    """Call `listener(palette)` after every switch; returns the function that unregisters it."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def apply_theme(name: str, app: QApplication) -> None:
    """Switch the whole app to a named theme ("day", "night"): palette and stylesheet."""
    try:
        new = THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; themes: {', '.join(THEMES)}") from None
    set_palette(new)
    keep_buttons_wide_enough(app)
    app.setStyleSheet(app_stylesheet(new))


class _TouchButtonSizer(QObject):
    """Lets a touch button never be narrower than its text.

    The stylesheet's ``min-width`` (one touch target) reaches a button twice: in its size
    hint (text plus padding, at least the touch minimum: right) and, when Qt's stylesheet
    style polishes it, as an explicit ``setMinimumWidth`` (wrong: an explicit minimum
    replaces QPushButton's minimum size hint, which is its text's width, so a crowded row
    squeezed "Passwort zurücksetzen…" to one target and cut it). Once the style has done
    that (the button is shown, or restyled) the explicit minimum is taken back: the layout
    then keeps the size hint, max(text, touch minimum), and follows a new text or language
    by itself. Only minimums the stylesheet set are touched (Qt marks them).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the app passes here (79,000 while a 20,000-tag panel is built,
        # issue 11): the cheap C-level type check first; event.type() makes a Python
        # enum member, which cost most of the filter's time, so only a button's events ask.
        if (isinstance(watched, QAbstractButton)
                and event.type() in _SIZER_EVENTS
                and watched.property("_q_stylesheet_minw")):
            watched.setMinimumWidth(0)
        return False


_SIZER_EVENTS = frozenset((QEvent.Type.Show, QEvent.Type.StyleChange))


def keep_buttons_wide_enough(app: QApplication) -> None:
    """Install the button sizer on `app` (once; apply_theme does it)."""
    if app.findChild(_TouchButtonSizer) is None:
        app.installEventFilter(_TouchButtonSizer(app))


class BadgeShape(enum.Enum):
    CIRCLE = "circle"
    RING = "ring"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    HEXAGON = "hexagon"


class AlarmPriority(enum.Enum):
    """ISA-18.2 priorities, each with colour + shape + text (redundant coding, ISA-101)."""

    P1 = 1
    P2 = 2
    P3 = 3
    P4 = 4

    @property
    def label(self) -> str:
        return f"P{self.value}"

    @property
    def shape(self) -> BadgeShape:
        return _PRIORITY_SHAPES[self]

    def color(self, pal: Palette | None = None) -> QColor:
        return (pal or palette()).color(f"p{self.value}")

    def text_color(self, pal: Palette | None = None) -> QColor:
        # White on red reads best; the lighter hues carry black text, in either theme (the
        # hue is the background here, not the window).
        del pal
        return QColor("#FFFFFF") if self is AlarmPriority.P1 else QColor(DAY.text)


_PRIORITY_SHAPES = {
    AlarmPriority.P1: BadgeShape.SQUARE,
    AlarmPriority.P2: BadgeShape.TRIANGLE,
    AlarmPriority.P3: BadgeShape.DIAMOND,
    AlarmPriority.P4: BadgeShape.HEXAGON,
}


def _screen_of(screen_or_widget: QScreen | QWidget | None) -> QScreen | None:
    if isinstance(screen_or_widget, QScreen):
        return screen_or_widget
    if isinstance(screen_or_widget, QWidget):
        return screen_or_widget.screen()
    return QGuiApplication.primaryScreen()


def screen_dpi(screen_or_widget: QScreen | QWidget | None = None) -> float:
    """Logical pixels per physical inch: Qt's physical DPI is measured in device-independent
    pixels already, so it needs no device-pixel-ratio correction."""
    screen = _screen_of(screen_or_widget)
    if screen is None:
        return _FALLBACK_DPI
    dpi = float(screen.physicalDotsPerInch())
    if _SANE_DPI[0] <= dpi <= _SANE_DPI[1]:
        return dpi
    logical = float(screen.logicalDotsPerInch())
    return logical if _SANE_DPI[0] <= logical <= _SANE_DPI[1] else _FALLBACK_DPI


def mm_to_px(
    mm: float, screen_or_widget: QScreen | QWidget | None = None, dpi: float | None = None
) -> int:
    """Millimetres on the glass to widget pixels (px = mm x DPI / 25.4), at least 1."""
    return max(1, round(mm * (dpi or screen_dpi(screen_or_widget)) / MM_PER_INCH))


@dataclass(frozen=True, slots=True)
class TouchMetrics:
    """Target sizes in mm (DOMAIN.md 6.2). ``dpi`` overrides a screen that lies about its size."""

    name: str = "touch"
    button_mm: float = 15.0
    key_mm: float = 20.0
    gap_mm: float = 3.0
    text_mm: float = 4.0  # body text pixel height
    value_text_mm: float = 9.0  # the big number on a tile, read from arm's length
    dpi: float | None = None

    @classmethod
    def touch(cls, dpi: float | None = None) -> TouchMetrics:
        return cls(dpi=dpi)

    @classmethod
    def gloved(cls, dpi: float | None = None) -> TouchMetrics:
        return cls(name="gloved", button_mm=20.0, key_mm=20.0, gap_mm=4.0, text_mm=4.5, dpi=dpi)

    @classmethod
    def laptop(cls, dpi: float | None = None) -> TouchMetrics:
        return cls(
            name="laptop", button_mm=7.0, key_mm=11.0, gap_mm=1.5, text_mm=3.2,
            value_text_mm=6.5, dpi=dpi,
        )

    def px(self, mm: float, screen_or_widget: QScreen | QWidget | None = None) -> int:
        return mm_to_px(mm, screen_or_widget, self.dpi)

    def button_px(self, where: QScreen | QWidget | None = None) -> int:
        return self.px(self.button_mm, where)

    def key_px(self, where: QScreen | QWidget | None = None) -> int:
        return self.px(self.key_mm, where)

    def gap_px(self, where: QScreen | QWidget | None = None) -> int:
        return self.px(self.gap_mm, where)

    def text_px(self, where: QScreen | QWidget | None = None) -> int:
        return self.px(self.text_mm, where)

    def value_text_px(self, where: QScreen | QWidget | None = None) -> int:
        return self.px(self.value_text_mm, where)


_metrics = TouchMetrics.touch()


def metrics() -> TouchMetrics:
    return _metrics


def set_metrics(new: TouchMetrics) -> None:
    """Switch touch/laptop sizes app-wide; widgets built afterwards pick them up."""
    global _metrics
    _metrics = new


def app_stylesheet(
    pal: Palette | None = None,
    m: TouchMetrics | None = None,
    screen_or_widget: QScreen | QWidget | None = None,
) -> str:
    """The QSS for standard Qt widgets, sized in mm for the screen it will show on."""
    p = pal or palette()
    m = m or metrics()
    button = m.button_px(screen_or_widget)
    gap = m.gap_px(screen_or_widget)
    text = m.text_px(screen_or_widget)
    radius = max(2, gap // 2)
    return f"""
QWidget {{ background: {p.window}; color: {p.text}; font-size: {text}px; }}
QToolTip {{ background: {p.panel}; color: {p.text}; border: 1px solid {p.panel_border}; }}
QPushButton, QToolButton {{
    background: {p.button}; color: {p.text}; border: 2px solid {p.panel_border};
    border-radius: {radius}px; min-height: {button}px; min-width: {button}px;
    padding: 0 {gap}px;
}}
QPushButton:pressed, QToolButton:pressed, QPushButton:checked, QToolButton:checked {{
    background: {p.button_pressed};
}}
QPushButton:disabled, QToolButton:disabled {{
    color: {p.button_disabled_text}; border-color: {p.track};
}}
QPushButton:focus, QToolButton:focus {{ border-color: {p.focus}; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox {{
    background: {p.panel}; border: 2px solid {p.panel_border}; border-radius: {radius}px;
    min-height: {button}px; padding: 0 {gap}px;
}}
QScrollBar:vertical {{ width: {button // 2}px; }}
QScrollBar:horizontal {{ height: {button // 2}px; }}
QLabel {{ background: transparent; }}
"""
