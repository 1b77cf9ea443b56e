"""Offline operator help, per screen (Qt-free; the panel is hmi.ui.help_panel).

Hand-written texts (resources/help: what each screen shows, what its controls do, in
English, German and Simplified Chinese) joined with what the running app loaded: the line
config's [[alarms]] with their rationalisation, the restore procedures step by step.

    texts = load_help_texts()                       # HelpTextError: file:line: key: why
    book = HelpBook(config, engine.procedures, texts, lang="de")
    page = book.screen_page("coater")               # HelpPage(key, title, sections)
    HelpIndex(book).search("slurry")                # [Hit(key, title, kind, snippet)]
    print(page_text(page))                          # `lineside help coater --lang de`
"""

from hmi.help.book import ALARM, PROCEDURE, SCREEN, HelpBook, HelpPage, Section
from hmi.help.render import page_text, section_html
from hmi.help.search import HelpIndex, Hit
from hmi.help.texts import (
    DEFAULT_LANGUAGE,
    HELP_DIR,
    LANGUAGES,
    HelpTextError,
    HelpTexts,
    language_of,
    load_help_texts,
)

__all__ = [
    "ALARM",
    "DEFAULT_LANGUAGE",
    "HELP_DIR",
    "LANGUAGES",
    "PROCEDURE",
    "SCREEN",
    "HelpBook",
    "HelpIndex",
    "HelpPage",
    "HelpTextError",
    "HelpTexts",
    "Hit",
    "Section",
    "language_of",
    "load_help_texts",
    "page_text",
    "section_html",
]
