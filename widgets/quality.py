"""Display-side quality: how far a shown value can be trusted, and how old it is.

The strings match the application's tag qualities so the app converts by value
(``DisplayQuality(tag_value.quality.value)``) without this package importing the app.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication


class DisplayQuality(enum.Enum):
    GOOD = "GOOD"
    UNCERTAIN = "UNCERTAIN"
    BAD = "BAD"  # the PLC says the value is wrong: show its status text, never the number as live
    STALE = "STALE"  # not refreshed in time: greyed, with its age
    COMM_LOST = "COMM_LOST"  # no connection: greyed, with the time since it was lost

    @property
    def is_live(self) -> bool:
        """Only live values are drawn as current numbers and joined lines."""
        return self in (DisplayQuality.GOOD, DisplayQuality.UNCERTAIN)

    @property
    def is_old(self) -> bool:
        """Values whose age an operator must be told (greyed and dated)."""
        return self in (DisplayQuality.STALE, DisplayQuality.COMM_LOST)


def format_age(seconds: float) -> str:
    """A short age an operator reads at a glance: "12 s", "1 min 5 s", "2 h 3 min", "3 d 4 h"."""
    s = max(0, int(seconds))
    if s < 60:
        return f"{s} s"
    minutes, s = divmod(s, 60)
    if minutes < 60:
        return f"{minutes} min {s} s" if s else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def quality_caption(quality: DisplayQuality, age_s: float | None, status: str = "") -> str:
    """The words that go with a non-live value ("stale 12 s", "lost 1 min 5 s", "BAD: ...")."""
    # Translated when drawn (the caption is re-made every age tick), so a switch of
    # language shows within a second. The PLC's status text is its own, untranslated.
    word = quality_word(quality)
    if quality.is_old:
        return word if age_s is None else f"{word} {format_age(age_s)}"
    if quality in (DisplayQuality.BAD, DisplayQuality.UNCERTAIN):
        return f"{word}: {status}" if status else word
    return ""


def quality_word(quality: DisplayQuality) -> str:
    """One word for a quality, in the language now installed ("stale", "BAD")."""
    words = {
        DisplayQuality.GOOD: QCoreApplication.translate("quality", "good"),
        DisplayQuality.UNCERTAIN: QCoreApplication.translate("quality", "uncertain"),
        DisplayQuality.BAD: QCoreApplication.translate("quality", "BAD"),
        DisplayQuality.STALE: QCoreApplication.translate("quality", "stale"),
        DisplayQuality.COMM_LOST: QCoreApplication.translate("quality", "lost"),
    }
    return words[quality]
