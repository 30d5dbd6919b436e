"""Ground models for measuring from a panorama: the user's elevation raster (any QGIS raster layer, e.g. the
DGM1 of Rhineland-Palatinate), else the panorama track around the camera (core/terrain.py explains both)."""
from typing import Optional

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRectangle

from ..core.terrain import GridGround, TrackGround

STORE_CRS = "EPSG:25832"
RASTER_RADIUS_M = 120.0  # the block read around the camera: clicks reach 100 m
TRACK_RADIUS_M = 80.0
TRACK_POINTS = 16


def raster_ground(layer, x: float, y: float, radius: float = RASTER_RADIUS_M, band: int = 1) -> Optional[GridGround]:
    """The raster's heights around (x, y) of the store CRS as a GridGround; None outside the raster.

    A raster in another metric CRS is read in its own cells and its block placed by its corners (fine over
    the 240 m read here); a geographic one is refused (None): its cells are not metres.
    """
    if layer is None or not layer.isValid():
        return None
    crs = layer.crs()
    if crs.isGeographic():
        return None
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS), crs, QgsProject.instance())
    centre = to_layer.transform(x, y)
    want = QgsRectangle(centre.x() - radius, centre.y() - radius, centre.x() + radius, centre.y() + radius)
    extent = layer.extent().intersect(want)
    if extent.isEmpty():
        return None
    dx, dy = layer.rasterUnitsPerPixelX(), layer.rasterUnitsPerPixelY()
    full = layer.extent()
    # snap the block to the raster's own cells
    x0 = full.xMinimum() + np.floor((extent.xMinimum() - full.xMinimum()) / dx) * dx
    y1 = full.yMaximum() - np.floor((full.yMaximum() - extent.yMaximum()) / dy) * dy
    cols = max(1, int(np.ceil((extent.xMaximum() - x0) / dx)))
    rows = max(1, int(np.ceil((y1 - extent.yMinimum()) / dy)))
    block_extent = QgsRectangle(x0, y1 - rows * dy, x0 + cols * dx, y1)
    block = layer.dataProvider().block(band, block_extent, cols, rows)
    if block is None or not block.isValid():
        return None
    z = _block_array(block, rows, cols)
    if not np.isfinite(z).any():
        return None
    if crs.authid() == STORE_CRS:
        return GridGround(z, x0, y1, dx, dy)
    back = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(STORE_CRS), QgsProject.instance())
    corner = back.transform(x0, y1)
    return GridGround(z, corner.x(), corner.y(), dx, dy)


def _block_array(block, rows, cols):
    """The block as floats with NaN for no data: straight from its bytes for the usual DGM types."""
    from qgis.core import Qgis

    kinds = {Qgis.DataType.Float32: np.float32, Qgis.DataType.Float64: np.float64, Qgis.DataType.Int16: np.int16,
             Qgis.DataType.Int32: np.int32, Qgis.DataType.UInt16: np.uint16}
    kind = kinds.get(block.dataType())
    if kind is not None:
        z = np.frombuffer(bytes(block.data()), dtype=kind, count=rows * cols).reshape(rows, cols).astype(float)
        if block.hasNoDataValue():
            z[z == block.noDataValue()] = np.nan
        return z
    z = np.empty((rows, cols))
    for r in range(rows):
        for c in range(cols):
            z[r, c] = np.nan if block.isNoData(r, c) else block.value(r, c)
    return z


def track_ground(store, pano: dict) -> Optional[TrackGround]:
    """The ground points of the panoramas near this one (same campaign first), as a TrackGround."""
    geom = pano.get("geom")
    if geom is None or not geom.has_z:
        return None
    rows = store.nearest("panorama", geom.x, geom.y, k=TRACK_POINTS, max_distance=TRACK_RADIUS_M,
                         where={"campaign_id": pano["campaign_id"]} if pano.get("campaign_id") else None)
    points = [(r["geom"].x, r["geom"].y, r["geom"].z) for r, _ in rows
              if r.get("geom") is not None and r["geom"].has_z]
    if not points:
        points = [(geom.x, geom.y, geom.z)]
    return TrackGround(points)
