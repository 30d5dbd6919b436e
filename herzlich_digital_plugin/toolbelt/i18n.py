"""Translation helpers.

pylupdate5 files every plain ``tr("…")`` call under the context ``@default`` (only ``self.tr`` gets the class
name), so the helper translates in exactly that context. Use this ``tr`` everywhere, never ``self.tr``.
"""
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .paths import i18n_folder

CONTEXT = "@default"
TRANSLATION_BASENAME = "herzlich_digital"


def tr(text: str) -> str:
    """Translate a user-visible string (English source) into the QGIS user language."""
    return QCoreApplication.translate(CONTEXT, text)


def _user_locale_name() -> str:
    settings = QSettings()
    locale = ""
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str)
    if not locale:
        locale = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return locale or "en"


def user_language() -> str:
    """Two-letter language QGIS runs in: the user override if set, else the system locale."""
    return _user_locale_name()[:2].lower()


def user_locale() -> QLocale:
    """The locale of the interface language, for weekday names and numbers ("Sa.", "7.522"): QLocale() is the
    system's, which on a German desktop with an English system would mix "Sat" into German sentences."""
    return QLocale(_user_locale_name())


def install_translator(language: str = None):
    """Load and install the .qm for ``language``; returns the translator (keep it to remove it) or None.

    English is the source language, so it needs no file and returns None.
    """
    language = language or user_language()
    if language == "en":
        return None
    qm_file = i18n_folder() / f"{TRANSLATION_BASENAME}_{language}.qm"
    if not qm_file.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
