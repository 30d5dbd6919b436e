"""The report is a German document whatever language QGIS runs in: its texts are written as ``tr("…")``
(so pylupdate5 files them in the plugin's catalogue, context ``@default``, like every other string) but
translated with the German catalogue directly, without installing a translator for the whole application.
A text the catalogue lacks stays in English.
"""
from qgis.PyQt.QtCore import QTranslator

from ..toolbelt.i18n import CONTEXT, TRANSLATION_BASENAME
from ..toolbelt.paths import i18n_folder

REPORT_LANGUAGE = "de"
_translator = None


def _german():
    global _translator
    if _translator is None:
        translator = QTranslator()
        qm_file = i18n_folder() / f"{TRANSLATION_BASENAME}_{REPORT_LANGUAGE}.qm"
        _translator = translator if qm_file.exists() and translator.load(str(qm_file)) else False
    return _translator


def tr(text: str) -> str:
    """``text`` (English source) in German."""
    translator = _german()
    if translator:
        # QTranslator.translate takes the C strings as given: UTF-8 bytes, or PyQt encodes them as ASCII
        translated = translator.translate(CONTEXT.encode("utf-8"), text.encode("utf-8"))
        if translated:
            return translated
    return text


def reload() -> None:
    """Forget the loaded catalogue (after the .qm was rebuilt)."""
    global _translator
    _translator = None
