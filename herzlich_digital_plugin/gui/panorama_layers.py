"""Find the store's layers in the project and filter the panorama layer by campaign and capture date."""
from datetime import date, datetime, time, timedelta, timezone

from qgis.core import QgsMapLayerType, QgsProject, QgsProviderRegistry

try:
    from zoneinfo import ZoneInfo
    LOCAL_ZONE = ZoneInfo("Europe/Berlin")
except Exception:  # noqa: BLE001 - no tz database: fall back to the machine's zone
    LOCAL_ZONE = None


def layer_table_name(layer) -> str:
    """The table a vector layer reads (GeoPackage layer name or PostgreSQL table), '' if unknown."""
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:  # noqa: BLE001 - odd providers: not one of ours
        return ""
    return str(parts.get("layerName") or parts.get("table") or "")


def find_store_layers(table: str, project: QgsProject = None) -> list:
    """Vector layers of the project reading the store table ``table``."""
    project = project or QgsProject.instance()
    return [layer for layer in project.mapLayers().values()
            if layer.type() == QgsMapLayerType.VectorLayer and layer_table_name(layer) == table]


def _utc_text(day: date) -> str:
    """Local midnight of ``day`` in the store's datetime text form (compares correctly on both backends)."""
    local = datetime.combine(day, time(0, 0), tzinfo=LOCAL_ZONE) if LOCAL_ZONE else \
        datetime.combine(day, time(0, 0)).astimezone()
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def panorama_filter(campaign_id=None, date_from: date = None, date_to: date = None) -> str:
    """Subset string for the panorama layer; both dates are included; '' means no filter."""
    parts = []
    if campaign_id is not None:
        parts.append(f'"campaign_id" = {int(campaign_id)}')
    if date_from is not None:
        parts.append(f"\"captured_at\" >= '{_utc_text(date_from)}'")
    if date_to is not None:
        parts.append(f"\"captured_at\" < '{_utc_text(date_to + timedelta(days=1))}'")
    return " AND ".join(parts)


def apply_panorama_filter(expression: str, project: QgsProject = None) -> int:
    """Set the subset string on every panorama layer; returns how many layers took it."""
    changed = 0
    for layer in find_store_layers("panorama", project):
        if layer.setSubsetString(expression):
            layer.triggerRepaint()
            changed += 1
    return changed


def refresh_store_layers(table: str, project: QgsProject = None) -> None:
    """Re-read the rows of a table's layers (after the GUI wrote to the store)."""
    for layer in find_store_layers(table, project):
        layer.dataProvider().reloadData()
        layer.triggerRepaint()


def local_datetime(value):
    """An aware datetime in German local time (naive values count as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(LOCAL_ZONE) if LOCAL_ZONE else value.astimezone()


def german_datetime(value) -> str:
    """'04.10.2021 08:00' in German local time, '' for None."""
    local = local_datetime(value)
    return local.strftime("%d.%m.%Y %H:%M") if local else ""
