"""Small hand-made road networks as GeoJSON files in EPSG:25832 (read by GDAL, as a user's file would be)."""
import json

from qgis.core import QgsVectorLayer

X0, Y0 = 410000.0, 5477000.0


def at(x, y):
    return (X0 + x, Y0 + y)


def geojson_layer(tmp_path, roads, name="roads"):
    """roads: [(properties dict, [(x, y), ...] offsets from X0/Y0)] → an OGR layer of the written file."""
    features = [{"type": "Feature", "properties": props,
                 "geometry": {"type": "LineString", "coordinates": [list(at(x, y)) for x, y in coords]}}
                for props, coords in roads]
    path = tmp_path / f"{name}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "name": name,
                                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
                                "features": features}), encoding="utf-8")
    layer = QgsVectorLayer(str(path), name, "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:25832"
    return layer


def closures_layer(tmp_path, closures, fields=("restriction", "direction"), name="closures"):
    """closures: [(values for ``fields``, [(x, y), ...])]."""
    return geojson_layer(tmp_path, [(dict(zip(fields, values)), coords) for values, coords in closures], name)
