"""The sensor dialog keeps credentials on their server: another server's address drops the saved authcfg (with a
warning), and an address with user:password@ is refused without storing it."""
import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from herzlich_digital_plugin.gui.sensor_layer_dialog import SensorLayerDialog
from herzlich_digital_plugin.sensors.connections import SETTINGS_GROUP, list_connections


@pytest.fixture()
def settings():
    settings = QgsSettings()
    settings.remove(SETTINGS_GROUP)
    yield settings
    settings.remove(SETTINGS_GROUP)


@pytest.fixture()
def authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("hd-hostile-dialog")
    config.setConfig("username", "erika")
    config.setConfig("password", "geheim")  # pragma: allowlist secret
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_another_servers_address_drops_the_authcfg_with_a_warning(qtbot, settings, authcfg):
    dialog = SensorLayerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.url.setText("https://sensors.kaiserslautern.de/v1.1")
    dialog.auth.setConfigId(authcfg)
    dialog.url.setText("https://sensors.kaiserslautern.de/FROST-Server/v1.1")  # same server: kept
    assert dialog.auth.configId() == authcfg
    dialog.url.setText("https://evil.example.org/v1.1")
    assert dialog.auth.configId() == ""
    assert "removed" in dialog.status.text() and "sensors.kaiserslautern.de" in dialog.status.text()


def test_a_saved_connection_keeps_its_authcfg_only_on_its_server(qtbot, settings, authcfg):
    dialog = SensorLayerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("KL")
    dialog.url.setText("https://sensors.kaiserslautern.de/v1.1")
    dialog.auth.setConfigId(authcfg)
    dialog.accept()
    again = SensorLayerDialog(settings=settings)  # pre-selects the last saved connection
    qtbot.addWidget(again)
    assert again.auth.configId() == authcfg
    again.url.setText("http://other.example.org:8080/v1.1")
    assert again.auth.configId() == ""


def test_credentials_in_the_address_are_refused_and_not_saved(qtbot, settings):
    dialog = SensorLayerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("Bob")
    dialog.url.setText("http://bob:pw@sensors.example.org/v1.1")  # pragma: allowlist secret
    dialog.accept()
    assert "user name or password" in dialog.status.text() and "pw@" not in dialog.status.text()
    assert list_connections(settings) == []
