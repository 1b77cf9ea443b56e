"""The night theme: same meanings as the day theme, readable, switchable at run time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from widgets.theme import DAY, NIGHT, THEMES, Palette, apply_theme, on_palette_changed, palette


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_is_readable_on_every_surface(name: str) -> None:
    p: Palette = THEMES[name]
    for surface in (p.window, p.panel, p.button):
        assert _contrast(p.text, surface) >= 7.0, (name, surface)  # WCAG AAA body text
    for surface in (p.window, p.panel):  # captions; buttons carry full text
        assert _contrast(p.text_muted, surface) >= 4.5, (name, surface)
    assert _contrast(p.old_text, p.old_fill) >= 3.0  # greyed on purpose, still legible


def test_alarm_colours_mean_the_same_in_both_themes() -> None:
    for field in ("p1", "p2", "p3", "p4", "diagnostic"):
        assert getattr(NIGHT, field) == getattr(DAY, field)
    # ISA-101: no trend pen may look like an alarm colour.
    assert not {DAY.p1, DAY.p2, DAY.p3, DAY.p4} & set(NIGHT.pens)


def test_apply_theme_switches_palette_stylesheet_and_tells_listeners(qapp: QApplication) -> None:
    seen: list[Palette] = []
    remove = on_palette_changed(seen.append)
    before = qapp.styleSheet()
    try:
        apply_theme("night", qapp)
        assert palette() is NIGHT and seen == [NIGHT]
        assert NIGHT.window in qapp.styleSheet()
        apply_theme("day", qapp)
        assert palette() is DAY and seen == [NIGHT, DAY]
        with pytest.raises(ValueError, match="unknown theme 'dusk'"):
            apply_theme("dusk", qapp)
    finally:
        remove()
        apply_theme("day", qapp)
        qapp.setStyleSheet(before)
    assert seen == [NIGHT, DAY]  # removed listeners hear nothing more
