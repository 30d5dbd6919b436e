"""Map tool "Open panorama": a click opens the nearest panorama within the configured distance."""
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..core.definitions import STORE_CRS
from ..store import StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from ..toolbelt.settings import SettingsManager


class PanoramaMapTool(QgsMapTool):
    """Emits panoramaPicked(row) for the panorama nearest to a left click."""

    panoramaPicked = pyqtSignal(object)

    def __init__(self, canvas, active_store, logger: PlgLogger = None):
        super().__init__(canvas)
        self._active_store = active_store
        self._log = logger or PlgLogger()
        self.setCursor(Qt.CursorShape.CrossCursor)

    def to_store_crs(self, map_point) -> QgsPointXY:
        """A canvas point in EPSG:25832."""
        source = self.canvas().mapSettings().destinationCrs()
        target = QgsCoordinateReferenceSystem(STORE_CRS)
        if source == target:
            return QgsPointXY(map_point)
        return QgsCoordinateTransform(source, target, QgsProject.instance()).transform(QgsPointXY(map_point))

    def pick(self, map_point):
        """The nearest panorama row to a canvas point (None if none is within reach; the user is told)."""
        point = self.to_store_crs(map_point)
        max_m = float(SettingsManager().get("nearest_panorama_max_m"))
        try:
            found = self._active_store.get().nearest("panorama", point.x(), point.y(), k=1, max_distance=max_m)
        except StoreError as error:
            self._log.error(tr("Cannot read the store: {error}").format(error=error))
            return None
        if not found:
            self._log.info(tr("No panorama within {distance} m of the click.").format(distance=f"{max_m:g}"),
                           push=True)
            return None
        row = found[0][0]
        self.panoramaPicked.emit(row)
        return row

    def canvasReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.pick(event.mapPoint())
