"""Glue between the viewer and panorama.overlays / panorama.overlay_painter.

Overlays are optional decoration: if building or painting them fails, the view is still shown and the
problem is logged once per kind of error instead of breaking every repaint.
"""
import logging

from ..toolbelt.log import LOGGER_NAME

_log = logging.getLogger(LOGGER_NAME)
_reported = set()


def _report(what, error):
    key = (what, type(error).__name__, str(error))
    if key not in _reported:
        _reported.add(key)
        _log.warning("panorama overlay %s failed: %s", what, error)


def build(pano, data, visible, yaw, pitch, fov, width, height) -> dict:
    """Overlay primitives for one view: {'view', 'boxes', 'markers', 'lines', 'grid'} (kinds switched off or
    without data are absent)."""
    try:
        from ..panorama import overlays
    except ImportError as error:
        _report("import", error)
        return {}
    view = overlays.View(yaw=yaw, pitch=pitch, fov=fov, width=width, height=height)
    prims = {"view": view}
    try:
        if visible.get("detections") and data.get("detections"):
            prims["boxes"] = overlays.detection_boxes(data["detections"], pano, view)
        if visible.get("assets"):
            if data.get("assets"):
                prims["markers"] = overlays.project_assets(data["assets"], pano, view)
            if data.get("roadworks"):
                prims["lines"] = overlays.project_lines(data["roadworks"], pano, view)
        if visible.get("grid"):
            prims["grid"] = overlays.horizon_grid(pano, view)
    except Exception as error:  # noqa: BLE001 - decoration must never break the viewer
        _report("build", error)
    return prims


def paint(painter, prims) -> None:
    """Draw primitives from build() with the overlay painter."""
    if len(prims) <= 1:  # nothing but the view
        return
    try:
        from ..panorama import overlay_painter
    except ImportError as error:
        _report("import", error)
        return
    painter.save()
    try:
        overlay_painter.paint_overlays(painter, prims.get("view"), boxes=prims.get("boxes", ()), markers=prims.get("markers", ()),
                                       lines=prims.get("lines", ()), grid=prims.get("grid", ()))
    except Exception as error:  # noqa: BLE001 - decoration must never break the viewer
        _report("paint", error)
    finally:
        painter.restore()
