"""The operator's language: English (the source text), German, Simplified Chinese.

Translations are Qt's own: strings go through ``self.tr`` / ``QCoreApplication.translate``,
the catalogues are resources/i18n/lineside_<lang>.ts (compiled to .qm beside them, both
committed; tests/ui/test_i18n_catalogues.py checks they agree; English's holds only its
plural forms). How to add a string: hmi/ui/i18n_catalogues.py. Switching installs the
language's QTranslator (and Qt's own qtbase one, for the standard buttons) on the app; Qt
then sends every widget QEvent.LanguageChange and each screen re-sets its texts in its
``retranslate()`` (the screens stay up, with their state: a half-done changeover, the
screen on show). Modal dialogs (keypad, confirmations, sign-in) are built in the language
of the moment: while one is open the header's picker cannot be touched.

The choice is remembered for this panel (station) in ``<data dir>/panel.json``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from hmi.core.paths import resources_dir
from widgets.theme import metrics

log = logging.getLogger(__name__)

# Code -> the language's own name, as the picker shows it (a German reader looks for
# "Deutsch", not "German"). English is the source text: it needs no catalogue.
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "zh_CN": "中文"}
SOURCE_LANGUAGE = "en"
SETTINGS_FILE = "panel.json"


class LanguageError(ValueError):
    """A language Lineside has no catalogue for (the message names the ones it has)."""


def catalogue_dir() -> Path:
    return resources_dir() / "i18n"


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_chinese_font() -> bool:
    """A font with Chinese glyphs, or 中文 draws as empty boxes. The system's when it has
    one (./dev installs fonts-wqy-microhei); else the one a frozen build carries in
    resources/fonts (packaging/lineside.spec copies the build machine's). False: none."""
    if has_chinese_font():
        return True
    for path in sorted((resources_dir() / "fonts").glob("*.tt[fc]")):
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load the font %s", path)
    if has_chinese_font():
        return True
    log.warning("no font with Chinese glyphs: install fonts-wqy-microhei or fonts-noto-cjk")
    return False


def check_language(code: str) -> str:
    if code not in LANGUAGES:
        raise LanguageError(
            f"no translation {code!r}; choose one of {', '.join(LANGUAGES)}")
    return code


class Translations:
    """The translators installed on the application, swapped as a pair on a switch."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language: str | None = None  # None: nothing installed yet

    @property
    def shown(self) -> str:
        """The language the UI speaks (English until one is installed)."""
        return self.language or SOURCE_LANGUAGE

    def install_default(self) -> None:
        """English with its plurals ("2 stops", not "2 stop(s)"), unless a language is in."""
        if self.language is None:
            self.switch(SOURCE_LANGUAGE)

    def switch(self, code: str) -> None:
        """Install `code`'s catalogue; Qt then retranslates every widget. English's holds
        only its plural forms."""
        check_language(code)
        if code == self.language:
            return
        ours = QTranslator(self._app)
        path = catalogue_dir() / f"lineside_{code}.qm"
        loaded = ours.load(str(path))
        if not loaded and code != SOURCE_LANGUAGE:
            raise LanguageError(f"cannot load the {LANGUAGES[code]} catalogue {path}")
        if not loaded:  # English is the source text: only its plurals then read "stop(s)"
            log.warning("no English plural catalogue %s", path)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if code != SOURCE_LANGUAGE:
            qt_own = QTranslator(self._app)  # OK/Cancel of standard dialogs, context menus
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{code}", qt_dir):
                self._install(qt_own)
            else:
                log.info("no Qt translation qtbase_%s in %s", code, qt_dir)
        if loaded:
            self._install(ours)
        if code == "zh_CN":
            ensure_chinese_font()  # said in the log; the text still switches
        # Number formats follow too (e.g. the clock); values keep '.' (keypad is locale-free).
        QLocale.setDefault(QLocale(code if code != SOURCE_LANGUAGE else "en_GB"))
        self.language = code
        log.info("language switched to %s", code)

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)

    def uninstall(self) -> None:
        """Nothing installed: the bare source text (an app that ends)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self.language = None


_current: Translations | None = None


def translations(app: QCoreApplication | None = None) -> Translations:
    """The application's one Translations (made on first use)."""
    global _current
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no Qt application yet")
    if _current is None or _current._app is not app:
        _current = Translations(app)
    return _current


def saved_language(folder: Path) -> str | None:
    """This panel's remembered language, or None (never chosen, or the file is damaged)."""
    path = folder / SETTINGS_FILE
    try:
        code = json.loads(path.read_text(encoding="utf-8")).get("language")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return None
    return code if code in LANGUAGES else None


def save_language(folder: Path, code: str) -> None:
    """Remember `code` for this panel, keeping whatever else panel.json holds."""
    check_language(code)
    path = folder / SETTINGS_FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(settings, dict):
            settings = {}
    except (OSError, ValueError):
        settings = {}
    settings["language"] = code
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


class LanguagePicker(QDialog):
    """Three big buttons, each in its own language, so anyone finds theirs; one touch
    chooses and closes. The current language is marked."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setWindowTitle(self.tr("Language"))
        m = metrics()
        box = QVBoxLayout(self)
        gap = m.gap_px(self)
        box.setSpacing(gap)
        box.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        current = _current.shown if _current is not None else SOURCE_LANGUAGE
        self.buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGES.items():
            button = QPushButton(f"✓ {name}" if code == current else name)
            button.setMinimumSize(m.px(50, self), m.button_px(self))
            button.clicked.connect(lambda _=False, c=code: self.choose(c))
            box.addWidget(button)
            self.buttons[code] = button

    def choose(self, code: str) -> None:
        self.accept()
        self.language_chosen.emit(code)
