"""Register rows (attributes + a point in EPSG:25832) into ``register_entry``; re-imports update by id.

The reader (processing/import_register.py, through QGIS: GeoPackage, Shapefile, CSV with x/y, WFS) hands
over ``(source, attributes, geometry or None)``; this module checks each row, maps its VzKat text
(``review.vzkat_labels``) and writes the good ones in one transaction. A row that cannot be used is
reported with the reason and written nowhere; the field mapping is kept in store_info so the export can
write the register back in the city's own fields.
"""
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from ..review import vzkat_labels
from ..review.text import tr

MAPPING_INFO_KEY = "register_mapping"
TYPE_FIELDS = ("id", "vzkat", "value", "direction", "post", "installed", "condition", "district")


@dataclass
class RegisterMapping:
    """Field names of the city's register. Only ``id`` and ``vzkat`` are required."""
    id: str = "id"
    vzkat: str = "vzkat"
    value: str = ""  # speed or variant when the register keeps it apart from the code
    direction: str = ""  # bearing the face points to, degrees from north
    post: str = ""  # Standort / Pfosten id
    installed: str = ""
    condition: str = ""
    district: str = ""
    supplements: str = ""  # Zusatzzeichen in their own field ("1020-30; 1040-30")

    def mapped(self) -> Dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


@dataclass
class RegisterImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: List[Tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def reject(self, source, reason):
        self.rejected.append((str(source), reason))

    def write_report(self, path):
        import csv
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["source", "reason"])
            writer.writerows(self.rejected)
        return path


class _Reject(Exception):
    pass


def _text(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if text and text.upper() not in ("NULL", "NONE") else None


def _plain(value):
    """A JSON-able copy of a QGIS/Python attribute (dates as ISO text)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def check_row(attrs: Dict, geom, mapping: RegisterMapping, label_mapping=None) -> Dict:
    """The register_entry values of one row; _Reject with the reason otherwise."""
    ext = _text(attrs.get(mapping.id))
    if ext is None:
        raise _Reject(tr("the id field '{field}' is empty").format(field=mapping.id))
    if geom is None or geom.is_empty:
        raise _Reject(tr("the row has no position"))
    if geom.geom_type == "MultiPoint" and len(geom.geoms) == 1:
        geom = geom.geoms[0]
    if geom.geom_type != "Point":
        raise _Reject(tr("the position is a {kind}, not a point").format(kind=geom.geom_type))
    if not (math.isfinite(geom.x) and math.isfinite(geom.y)):
        raise _Reject(tr("the position is not a finite coordinate"))
    source_code = _text(attrs.get(mapping.vzkat))
    if source_code is None:
        raise _Reject(tr("the VzKat field '{field}' is empty").format(field=mapping.vzkat))
    signs = vzkat_labels.split_signs(source_code)
    key = vzkat_labels.parse_label(signs[0], label_mapping) if signs else None
    if key is None:
        raise _Reject(tr("'{code}' is no VzKat code (e.g. 206, 274-53, DE:274[30], 1020-30)").format(
            code=source_code[:60]))
    asset_class, code, value = key
    supplements = []
    extras = signs[1:]
    if mapping.supplements:
        extras += vzkat_labels.split_signs(_text(attrs.get(mapping.supplements)) or "")
    for extra in extras:
        sub = vzkat_labels.parse_vzkat(extra)
        if sub is None:
            raise _Reject(tr("'{code}' is no VzKat code (e.g. 206, 274-53, DE:274[30], 1020-30)").format(
                code=extra[:60]))
        supplements.append(vzkat_labels.code_text(sub))
    if mapping.value:
        given = _text(attrs.get(mapping.value))
        if given is not None:
            try:
                number = float(given.replace(",", "."))
            except ValueError:
                raise _Reject(tr("the value '{value}' is not a number").format(value=given[:30])) from None
            given = str(int(number)) if number.is_integer() else given
            if value is not None and value != given:
                raise _Reject(tr("the code says {code} but the value field says {value}").format(
                    code=vzkat_labels.code_text(key), value=given))
            value = given
    direction = None
    if mapping.direction:
        raw = _text(attrs.get(mapping.direction))
        if raw is not None:
            try:
                direction = float(raw.replace(",", "."))
            except ValueError:
                raise _Reject(tr("the direction '{value}' is not a number of degrees").format(value=raw[:30])) from None
            if not math.isfinite(direction) or not -360.0 <= direction <= 360.0:
                raise _Reject(tr("the direction {value} lies outside -360 … 360 degrees").format(value=raw))
            direction %= 360.0
    used = set(mapping.mapped().values())
    extra = {k: _plain(v) for k, v in attrs.items() if k not in used}
    return {"external_id": ext, "asset_class": asset_class, "vzkat_code": code, "vzkat_value": value,
            "supplements": supplements or None, "direction": direction,
            "post_id": _text(attrs.get(mapping.post)) if mapping.post else None,
            "installed_on": _text(attrs.get(mapping.installed)) if mapping.installed else None,
            "condition": _text(attrs.get(mapping.condition)) if mapping.condition else None,
            "district": _text(attrs.get(mapping.district)) if mapping.district else None,
            "source_code": source_code, "extra": extra or None, "geom": geom}


COMPARED = ("asset_class", "vzkat_code", "vzkat_value", "supplements", "direction", "post_id", "installed_on",
            "condition", "district", "source_code", "extra")


def import_register(store, rows: Iterable[Tuple[str, Dict, object]], mapping: RegisterMapping,
                    label_mapping=None, progress: Optional[Callable] = None,
                    cancelled: Optional[Callable[[], bool]] = None, total: Optional[int] = None
                    ) -> RegisterImportReport:
    """Check every row, then insert the new entries and update the known ones (by external id)."""
    report = RegisterImportReport()
    checked: Dict[str, Dict] = {}
    for n, (source, attrs, geom) in enumerate(rows):
        if cancelled and n % 500 == 0 and cancelled():
            report.cancelled = True
            return report
        if progress and total and n % 1000 == 0:
            progress(60.0 * n / total, tr("Checking register rows"))
        try:
            values = check_row(attrs, geom, mapping, label_mapping)
        except _Reject as exc:
            report.reject(source, str(exc))
            continue
        if values["external_id"] in checked:
            report.reject(source, tr("the id {id} appears twice in the register").format(id=values["external_id"]))
            continue
        checked[values["external_id"]] = values
    if cancelled and cancelled():
        report.cancelled = True
        return report
    if progress:
        progress(60.0, tr("Writing the register"))
    write_entries(store, checked, mapping, report)
    return report


def write_entries(store, checked: Dict[str, Dict], mapping: RegisterMapping, report: RegisterImportReport):
    """The one write path: new entries by insert_many, changed ones by update, all in one transaction."""
    now = datetime.now(timezone.utc)
    existing = {r["external_id"]: r for r in store.select("register_entry")}
    new_rows, changed = [], []
    for ext, values in checked.items():
        old = existing.get(ext)
        if old is None:
            new_rows.append({**values, "imported_at": now, "updated_at": now})
            continue
        moved = old["geom"] is None or old["geom"].distance(values["geom"]) > 1e-6
        if moved or any(old[c] != values[c] for c in COMPARED) or old["lifecycle_status"] != "existing":
            changed.append((old["id"], {**values, "lifecycle_status": "existing", "updated_at": now}))
        else:
            report.unchanged += 1
    with store.transaction():
        report.imported = store.insert_many("register_entry", new_rows)
        for entry_id, values in changed:
            store.update("register_entry", entry_id, values)
        report.updated = len(changed)
        info = store.select("store_info", {"key": MAPPING_INFO_KEY}, limit=1)
        value = {"fields": asdict(mapping)}
        if info:
            store.update("store_info", info[0]["id"], {"value": value})
        else:
            store.insert("store_info", {"key": MAPPING_INFO_KEY, "value": value})


def stored_mapping(store) -> Optional[RegisterMapping]:
    """The field mapping of the last import (for writing the register back in the city's fields)."""
    info = store.select("store_info", {"key": MAPPING_INFO_KEY}, limit=1)
    if not info:
        return None
    fields = (info[0]["value"] or {}).get("fields") or {}
    return RegisterMapping(**{k: v for k, v in fields.items() if k in RegisterMapping.__dataclass_fields__})
