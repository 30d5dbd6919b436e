"""The plugin speaks German when QGIS runs in German, English otherwise."""
import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent

from herzlich_digital_plugin import classFactory


@pytest.fixture()
def locale_setting():
    settings = QgsSettings()
    saved = (settings.value("locale/userLocale"), settings.value("locale/overrideFlag"))

    def set_language(code):
        settings.setValue("locale/userLocale", code)
        settings.setValue("locale/overrideFlag", True)
    yield set_language
    settings.setValue("locale/userLocale", saved[0] or "")
    settings.setValue("locale/overrideFlag", saved[1] or False)


def _menu_texts(qgis_iface, language, locale_setting):
    locale_setting(language)
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        return {key: action.text() for key, action in plugin.actions.items()}
    finally:
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_german_locale_gives_german_menu(qgis_iface, locale_setting):
    texts = _menu_texts(qgis_iface, "de", locale_setting)
    assert texts["settings"] == "Einstellungen…"
    assert texts["create_demo_city"] == "Demo-Stadt erstellen…"
    assert texts["add_store_layers"] == "Datenspeicher-Layer hinzufügen…"


def test_english_locale_falls_back_to_english(qgis_iface, locale_setting):
    texts = _menu_texts(qgis_iface, "en_GB", locale_setting)
    assert texts["settings"] == "Settings…"


def test_unload_removes_the_translator(qgis_iface, locale_setting):
    from herzlich_digital_plugin.toolbelt.i18n import tr

    _menu_texts(qgis_iface, "de", locale_setting)
    assert tr("Settings…") == "Settings…"  # nothing German stays installed after unload
