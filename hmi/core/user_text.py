"""Operator messages made below the UI: see recipes/user_text.py (the one definition, kept in
`recipes` because recipes may not import hmi; hmi's layers import it from here)."""

from recipes.user_text import (
    MARK,
    QT_TRANSLATE_NOOP,
    Explained,
    Param,
    Said,
    Source,
    UserText,
    english_of,
    joined,
    loaded,
    said,
    stored,
    user_text,
)

__all__ = ["MARK", "QT_TRANSLATE_NOOP", "Explained", "Param", "Said", "Source", "UserText",
           "english_of", "joined", "loaded", "said", "stored", "user_text"]
