"""The "Add sensor layer" dialog: a SensorThings address, its authentication (authcfg), an observed-property
filter and the refresh interval. Connections are remembered like QGIS's own (QgsSettings, never a password);
"Test connection" reads the service root in the background."""
from urllib.parse import urlsplit

from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                                 QLineEdit, QPushButton, QSpinBox, QToolButton, QVBoxLayout)

from ..core.sensorthings.messages import StaError
from ..sensors.connections import (DEFAULT_INTERVAL_S, MIN_INTERVAL_S, SensorConnection, delete_connection,
                                   list_connections, load_connection, save_connection, selected_connection,
                                   valid_name)
from ..sensors.layer_style import property_label
from ..sensors.messages import message
from ..sensors.refresh_task import StaTask, TaskTracker
from ..toolbelt.i18n import tr
from ..toolbelt.network import has_userinfo, origin_of, strip_userinfo
from ..sensors.client import qgis_sta_client


def _read_service(url: str, authcfg: str, timeout_s: float):
    """The service root and the observed-property names (worker thread)."""
    def work(cancelled):
        client = qgis_sta_client(url, authcfg, timeout_s)
        info = client.service()
        names = []
        if not cancelled():
            try:
                items = client.collect("ObservedProperties", [("$select", "name")], "ObservedProperties", 2000).items
                names = sorted({str(item.get("name")) for item in items if item.get("name")}, key=str.casefold)
            except StaError:
                pass  # the root answered; the filter list is a convenience
        return info, names
    return work


def default_name(url: str) -> str:
    """A connection name when the user gave none: the server's host (names cannot hold slashes)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return host or tr("Sensors")


class SensorLayerDialog(QDialog):
    OBJECT_NAME = "HerzlichDigitalSensorLayerDialog"

    def __init__(self, parent=None, settings=None, timeout_s: float = 20.0):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(tr("Add sensor layer (SensorThings)"))
        self.setMinimumWidth(520)
        self._settings = settings
        self.timeout_s = timeout_s
        self._tasks = TaskTracker()
        self.service_info = None

        self.saved = QComboBox()
        self.saved.setToolTip(tr("Saved connections"))
        self.delete_button = QToolButton()
        self.delete_button.setText(tr("Remove"))
        self.delete_button.setToolTip(tr("Forget the selected connection"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. Kaiserslautern traffic"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://host/FROST-Server/v1.1")
        self.auth = QgsAuthConfigSelect(self)
        self.observed_property = QComboBox()
        self.observed_property.setEditable(True)
        self.observed_property.lineEdit().setPlaceholderText(tr("all observed properties"))
        self.interval = QSpinBox()
        self.interval.setRange(MIN_INTERVAL_S, 86400)
        self.interval.setSuffix(" s")
        self.interval.setValue(DEFAULT_INTERVAL_S)
        self.stale_after = QSpinBox()
        self.stale_after.setRange(1, 10080)
        self.stale_after.setSuffix(" min")
        self.stale_after.setValue(60)
        self.stale_after.setToolTip(tr("A value older than this is shown as stale"))
        self.mqtt = QLineEdit()
        self.mqtt.setPlaceholderText(tr("host:port (optional; otherwise the one the service names)"))
        self.test_button = QPushButton(tr("Test connection"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("sensorDialogStatus")

        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.delete_button)
        form = QFormLayout()
        form.addRow(tr("Saved connections"), saved_row)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Service address"), self.url)
        form.addRow(tr("Authentication"), self.auth)
        form.addRow(tr("Observed property"), self.observed_property)
        form.addRow(tr("Refresh every"), self.interval)
        form.addRow(tr("Stale after"), self.stale_after)
        form.addRow(tr("MQTT broker"), self.mqtt)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add layer"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)

        self.test_button.clicked.connect(self.test_connection)
        self.delete_button.clicked.connect(self.delete_selected)
        self.saved.currentIndexChanged.connect(self._on_saved_selected)
        self.url.textChanged.connect(self._update_buttons)
        self.url.textChanged.connect(self._keep_auth_on_its_server)
        self.auth.selectedConfigIdChanged.connect(self._bind_auth)
        self.name.textChanged.connect(self._update_buttons)
        self._auth_origin = None  # the server the chosen authcfg belongs to
        self.refresh_saved(selected_connection(self._settings))
        self._update_buttons()

    # ------------------------------------------------------------------ saved connections
    def refresh_saved(self, select: str = "") -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(tr("New connection"), "")
        for name in list_connections(self._settings):
            self.saved.addItem(name, name)
        index = max(0, self.saved.findData(select)) if select else 0
        self.saved.setCurrentIndex(index)
        self.saved.blockSignals(False)
        self._on_saved_selected(index)

    def _on_saved_selected(self, index: int) -> None:
        name = self.saved.itemData(index) or ""
        self.delete_button.setEnabled(bool(name))
        connection = load_connection(name, self._settings) if name else None
        if connection is not None:
            self.set_connection(connection)

    def set_connection(self, connection: SensorConnection) -> None:
        self.name.setText(connection.name)
        self._auth_origin = None
        self.url.setText(connection.url)
        self.auth.setConfigId(connection.authcfg)
        self._bind_auth()
        self.observed_property.setEditText(connection.observed_property)
        self.interval.setValue(int(connection.interval_s))
        self.stale_after.setValue(max(1, int(round(connection.stale_after_s / 60.0))))
        self.mqtt.setText(connection.mqtt)
        self.status.clear()

    def connection(self) -> SensorConnection:
        url = self.url.text().strip()
        return SensorConnection(name=self.name.text().strip() or default_name(url), url=url, authcfg=self.auth.configId() or "",
                                observed_property=self.observed_property.currentText().strip(),
                                interval_s=self.interval.value(), mqtt=self.mqtt.text().strip(),
                                stale_after_s=60.0 * self.stale_after.value())

    # ------------------------------------------------------------------ credentials stay on their server
    def _bind_auth(self, *args) -> None:
        self._auth_origin = origin_of(self.url.text().strip()) if self.auth.configId() else None

    def _keep_auth_on_its_server(self, text: str) -> None:
        """Typing another server's address drops the authcfg of the previous one, with a warning."""
        if not self.auth.configId() or self._auth_origin is None:
            return
        if origin_of(text.strip()) == self._auth_origin or not urlsplit(text.strip()).hostname:
            return
        old = self._auth_origin
        self.auth.blockSignals(True)
        self.auth.setConfigId("")
        self.auth.blockSignals(False)
        self._auth_origin = None
        self.status.setText(tr("The authentication of {server} was removed: the address now points to another "
                               "server, and credentials are only sent to the server they belong to. Choose the "
                               "authentication of the new server if it needs one.").format(
                                   server=f"{old[0]}://{old[1]}:{old[2]}"))
        self.status.setStyleSheet("color: #9a6700")

    def delete_selected(self) -> None:
        name = self.saved.currentData()
        if name:
            delete_connection(name, self._settings)
            self.refresh_saved()

    def _update_buttons(self) -> None:
        ok = bool(self.url.text().strip()) and valid_name(self.name.text().strip() or "unnamed")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.test_button.setEnabled(bool(self.url.text().strip()))

    # ------------------------------------------------------------------ test
    def test_connection(self) -> None:
        url = self.url.text().strip()
        if not url:
            return
        self._tasks.cancel_all()
        self.status.setText(tr("Reading {url} …").format(url=url))
        self.status.setStyleSheet("")
        self.test_button.setEnabled(False)
        task = StaTask(tr("Testing the SensorThings connection"),
                       _read_service(url, self.auth.configId() or "", self.timeout_s), self._tested)
        self._tasks.start(task)

    @property
    def testing(self) -> bool:
        return self._tasks.busy

    def _tested(self, task) -> None:
        self.test_button.setEnabled(bool(self.url.text().strip()))
        if task.cancelled:
            return
        if task.error is not None:
            self.service_info = None
            text = message(task.error) if isinstance(task.error, StaError) else str(task.error)
            self.status.setText(text)
            self.status.setStyleSheet("color: #b00020")
            return
        info, names = task.result
        self.service_info = info
        extras = []
        if info.multidatastream:
            extras.append(tr("MultiDatastreams"))
        if info.mqtt_endpoints:
            extras.append(tr("MQTT at {endpoint}").format(endpoint=info.mqtt_endpoints[0]))
        text = tr("Connected: SensorThings {version}, {count} observed properties.").format(
            version=info.version, count=len(names))
        if extras:
            text += " " + ", ".join(extras)
        self.status.setText(text)
        self.status.setStyleSheet("color: #1a7f37")
        current = self.observed_property.currentText()
        self.observed_property.clear()
        self.observed_property.addItem("")
        for name in names:
            self.observed_property.addItem(name)
            self.observed_property.setItemData(self.observed_property.count() - 1, property_label(name),
                                               Qt.ItemDataRole.ToolTipRole)
        self.observed_property.setEditText(current)

    # ------------------------------------------------------------------ closing
    def accept(self) -> None:
        connection = self.connection()
        if has_userinfo(connection.url):
            self.status.setText(tr("The address {url} contains a user name or password; remove them and choose "
                                   "an authentication configuration (authcfg) instead.").format(
                                       url=strip_userinfo(connection.url)))
            self.status.setStyleSheet("color: #b00020")
            return
        if not connection.url or not valid_name(connection.name):
            self.status.setText(tr("Enter a service address and a name without slashes."))
            self.status.setStyleSheet("color: #b00020")
            return
        save_connection(connection, self._settings)
        super().accept()

    def done(self, result) -> None:
        self._tasks.cancel_all()  # a test still running never calls back into a closed dialog
        super().done(result)
