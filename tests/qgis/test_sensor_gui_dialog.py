"""The "Add sensor layer" dialog: connections remembered in QgsSettings without secrets, "Test connection" in
the background (the GUI stays responsive), and the plugin action that turns an accepted dialog into a layer."""
import time

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox

from herzlich_digital_plugin import classFactory
from herzlich_digital_plugin.gui.sensor_alerts_dialog import SensorAlertsDialog
from herzlich_digital_plugin.gui.sensor_layer_dialog import SensorLayerDialog
from herzlich_digital_plugin.sensors.alert_settings import ALERTS_KEY, load_thresholds
from herzlich_digital_plugin.sensors.alerts import ABOVE, BELOW, DEFAULT_THRESHOLDS, Threshold
from herzlich_digital_plugin.sensors.connections import SETTINGS_GROUP, connection_of, list_connections
from sensor_gui_helpers import strict_server

USER, PASSWORD = "erika.mustermann", "Geheim-4711"  # pragma: allowlist secret - a test login, never stored


@pytest.fixture()
def settings():
    settings = QgsSettings()
    settings.remove(SETTINGS_GROUP)
    yield settings
    settings.remove(SETTINGS_GROUP)


@pytest.fixture()
def basic_authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("hd-sensor-dialog")
    config.setConfig("username", USER)
    config.setConfig("password", PASSWORD)
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def _all_settings(settings):
    settings.beginGroup(SETTINGS_GROUP)
    try:
        return {key: str(settings.value(key)) for key in settings.allKeys()}
    finally:
        settings.endGroup()


def test_connections_are_remembered_without_secrets(qtbot, settings, basic_authcfg):
    dialog = SensorLayerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("Verkehr KL")
    dialog.url.setText("https://sensors.example.org/FROST-Server/v1.1")
    dialog.auth.setConfigId(basic_authcfg)
    dialog.observed_property.setEditText("speed")
    dialog.interval.setValue(30)
    dialog.stale_after.setValue(20)
    dialog.mqtt.setText("sensors.example.org:1883")
    dialog.accept()
    stored = _all_settings(settings)
    assert stored == {"Verkehr KL/url": "https://sensors.example.org/FROST-Server/v1.1",
                      "Verkehr KL/authcfg": basic_authcfg, "Verkehr KL/observed_property": "speed",
                      "Verkehr KL/interval_s": "30", "Verkehr KL/mqtt": "sensors.example.org:1883",
                      "Verkehr KL/stale_after_s": "1200.0"}
    everything = " ".join(f"{k}={v}" for k, v in stored.items())
    assert USER not in everything and PASSWORD not in everything

    again = SensorLayerDialog(settings=settings)  # like QGIS: the last connection comes back selected
    qtbot.addWidget(again)
    assert again.saved.currentText() == "Verkehr KL"
    connection = again.connection()
    assert (connection.url, connection.authcfg, connection.observed_property, connection.interval_s,
            connection.mqtt, connection.stale_after_s) == ("https://sensors.example.org/FROST-Server/v1.1",
                                                           basic_authcfg, "speed", 30, "sensors.example.org:1883",
                                                           1200.0)
    again.delete_selected()
    assert list_connections(settings) == [] and again.saved.count() == 1  # only "New connection"


def test_names_with_slashes_are_refused_and_an_empty_name_takes_the_host(qtbot, settings):
    dialog = SensorLayerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.url.setText("http://127.0.0.1:8080/sta/v1.1")
    dialog.name.setText("a/b")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.name.setText("")
    assert dialog.connection().name == "127.0.0.1"
    dialog.accept()
    assert list_connections(settings) == ["127.0.0.1"]


def test_the_test_button_reads_the_service_in_the_background(qtbot, settings):
    sta = strict_server(mqtt_endpoint="mqtt://127.0.0.1:18830")
    try:
        dialog = SensorLayerDialog(settings=settings, timeout_s=5)
        qtbot.addWidget(dialog)
        dialog.url.setText(sta.url)
        sta.add_fault("slow", path="v1.1$", delay_s=1.0)
        started = time.perf_counter()
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert time.perf_counter() - started < 0.3 and dialog.testing  # the click returns at once
        assert not dialog.test_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.testing, timeout=10000)
        text = dialog.status.text()
        assert "v1.1" in text and "5 observed properties" in text and "mqtt://127.0.0.1:18830" in text
        items = [dialog.observed_property.itemText(i) for i in range(dialog.observed_property.count())]
        assert {"speed", "occupancy", "traffic_volume"} <= set(items)
        assert dialog.service_info.multidatastream

        dialog.url.setText(sta.url.replace("/v1.1", "/v9"))
        dialog.test_connection()
        qtbot.waitUntil(lambda: not dialog.testing, timeout=10000)
        assert "404" in dialog.status.text() and dialog.service_info is None
    finally:
        sta.stop()


def test_closing_the_dialog_during_a_test_calls_nothing_back(qtbot, settings):
    sta = strict_server()
    try:
        sta.add_fault("slow", path="v1.1$", delay_s=1.0)
        dialog = SensorLayerDialog(settings=settings, timeout_s=5)
        dialog.url.setText(sta.url)
        dialog.test_connection()
        dialog.reject()
        assert not dialog.testing
        dialog.deleteLater()
        qtbot.wait(1500)  # the answer arrives after the dialog is gone: no crash, no call
    finally:
        sta.stop()


def test_the_plugin_action_adds_a_live_layer(qtbot, qgis_iface, settings):
    sta = strict_server()
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    project = QgsProject.instance()
    try:
        dialog = plugin.sensors.add_sensor_layer()
        dialog.name.setText("Sensoren (live)")
        dialog.url.setText(sta.url)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        layers = project.mapLayersByName("Sensoren (live)")
        assert len(layers) == 1 and connection_of(layers[0]).url == sta.url
        qtbot.waitUntil(lambda: layers[0].featureCount() == 17, timeout=15000)
        assert plugin.sensors.dialog is None and list_connections(settings) == ["Sensoren (live)"]
    finally:
        plugin.unload()
        for layer in project.mapLayersByName("Sensoren (live)"):
            project.removeMapLayer(layer.id())
        sta.stop()


def test_alert_thresholds_are_edited_and_stored(qtbot):
    stored = QgsSettings()
    stored.remove(ALERTS_KEY)
    try:
        assert load_thresholds() == list(DEFAULT_THRESHOLDS)
        dialog = SensorAlertsDialog()
        qtbot.addWidget(dialog)
        assert dialog.thresholds() == list(DEFAULT_THRESHOLDS)
        dialog.add_row(Threshold("traffic_volume", ABOVE, 450.0))
        dialog.table.cellWidget(0, 2).setValue(20.0)
        dialog.accept()
        assert load_thresholds() == [Threshold("speed", BELOW, 20.0), Threshold("occupancy", ABOVE, 90.0),
                                     Threshold("traffic_volume", ABOVE, 450.0)]
    finally:
        stored.remove(ALERTS_KEY)
