"""The settings dialog: every PluginSettings field as a form row."""
from qgis.core import Qgis, QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsAuthConfigSelect, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ..toolbelt.i18n import tr
from ..toolbelt.settings import PluginSettings, SettingsManager


def _spin(minimum, maximum, value, suffix, step=1):
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setSingleStep(step)
    box.setValue(int(value))
    box.setSuffix(suffix)
    return box


class SettingsDialog(QDialog):

    def __init__(self, parent=None, manager: SettingsManager = None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalSettingsDialog")
        self.setWindowTitle(tr("Herzlich Digital settings"))
        self._manager = manager or SettingsManager()
        current = self._manager.load()

        self.store_file = QgsFileWidget()
        self.store_file.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.store_file.setFilter(tr("GeoPackage (*.gpkg)"))
        self.store_file.setConfirmOverwrite(False)
        self.store_file.setFilePath(current.store_uri if current.store_uri.endswith(".gpkg") else "")
        self.store_postgres = QLineEdit(current.store_uri if not current.store_uri.endswith(".gpkg") else "")
        self.store_postgres.setPlaceholderText(tr("QGIS connection name or postgresql://host/database"))
        self.store_auth = QgsAuthConfigSelect(self, "postgres")
        self.store_auth.setConfigId(current.store_authcfg)
        self.reviewer = QLineEdit(current.reviewer_name)
        self.reviewer.setPlaceholderText(tr("Your login name is used when empty"))
        self.cache_mb = _spin(128, 65536, current.panorama_cache_mb, " MB", 128)
        self.disk_cache_mb = _spin(0, 1048576, current.panorama_disk_cache_mb, " MB", 512)
        self.image_auth = QgsAuthConfigSelect(self)
        self.image_auth.setConfigId(current.image_authcfg)
        self.terrain = QgsMapLayerComboBox()
        # QGIS >= 3.34 names the filter Qgis.LayerFilter; 3.22 has it on the proxy model
        raster = getattr(getattr(Qgis, "LayerFilter", None), "RasterLayer", None)
        self.terrain.setFilters(raster if raster is not None else QgsMapLayerProxyModel.Filter.RasterLayer)
        self.terrain.setAllowEmptyLayer(True)
        self.terrain.setLayer(QgsProject.instance().mapLayer(current.terrain_layer_id)
                              if current.terrain_layer_id else None)
        self.nearest_m = QDoubleSpinBox()
        self.nearest_m.setRange(1.0, 500.0)
        self.nearest_m.setValue(current.nearest_panorama_max_m)
        self.nearest_m.setSuffix(" m")
        self.refresh_s = _spin(5, 3600, current.sensor_refresh_s, " s", 5)
        self.timeout_s = _spin(1, 600, current.network_timeout_s, " s")
        self.debug = QCheckBox(tr("Write debug messages to the log"))
        self.debug.setChecked(current.debug_mode)

        form = QFormLayout()
        form.addRow(tr("Local store (GeoPackage)"), self.store_file)
        form.addRow(tr("Shared store (PostgreSQL)"), self.store_postgres)
        form.addRow(tr("Database login"), self.store_auth)
        form.addRow(tr("Reviewer name"), self.reviewer)
        form.addRow(tr("Panorama memory cache"), self.cache_mb)
        form.addRow(tr("Panorama download cache"), self.disk_cache_mb)
        form.addRow(tr("Image server login"), self.image_auth)
        form.addRow(tr("Open panoramas within"), self.nearest_m)
        form.addRow(tr("Elevation model (empty: from the panorama track)"), self.terrain)
        form.addRow(tr("Sensor refresh interval"), self.refresh_s)
        form.addRow(tr("Network timeout"), self.timeout_s)
        form.addRow("", self.debug)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def settings(self) -> PluginSettings:
        postgres = self.store_postgres.text().strip()
        return PluginSettings(
            debug_mode=self.debug.isChecked(),
            store_uri=postgres or self.store_file.filePath().strip(),
            store_authcfg=self.store_auth.configId() if postgres else "",
            reviewer_name=self.reviewer.text().strip(),
            panorama_cache_mb=self.cache_mb.value(),
            panorama_disk_cache_mb=self.disk_cache_mb.value(),
            image_authcfg=self.image_auth.configId(),
            nearest_panorama_max_m=self.nearest_m.value(),
            terrain_layer_id=self.terrain.currentLayer().id() if self.terrain.currentLayer() else "",
            sensor_refresh_s=self.refresh_s.value(),
            network_timeout_s=self.timeout_s.value(),
        )

    def accept(self) -> None:
        self._manager.save(self.settings())
        super().accept()
