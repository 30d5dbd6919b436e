"""The shared vocabulary of the plugin: the names that Processing, the GUI and the domain code all use.

Processing enum parameters take exactly these names (docs/PROCESSING.md is the contract), the GUI offers them and
the domain modules validate against them. Pure Python: importable from core/ and store/. Keep the order: old
scripts pass an enum's index, which counts in this order.
"""

# Coordinates inside every store (GeoPackage and PostGIS): ETRS89 / UTM zone 32N.
STORE_EPSG = 25832
STORE_CRS = f"EPSG:{STORE_EPSG}"
WGS84_CRS = "EPSG:4326"

# Demo city (createdemocity SIZE)
DEMO_SIZES = ("test", "demo", "city")

# Panoramas (importpanoramatable FORMAT)
PANORAMA_TABLE_FORMATS = ("auto", "ladybug", "trimble", "layer")

# Review (importdetections FORMAT / UNITS, exportassets STATUS / FORMAT, review filters)
DETECTION_FORMATS = ("auto", "mapillary-geojson", "csv", "mapillary-v4")
DETECTION_BOX_UNITS = ("auto", "normalized", "pixels")
DETECTION_STATUSES = ("new", "accepted", "rejected", "relabeled")
ASSET_EXPORT_STATUSES = ("all", "accepted", "existing", "planned", "removed", "withdrawn")
ASSET_EXPORT_FORMATS = ("gpkg", "geojson", "csv")

# Roadworks (exportroadworks FORMAT / STATUS, detourroute and roadworksimpact CRITERION / ENGINE)
ROADWORKS_STATUSES = ("planned", "approved", "active", "completed", "cancelled")
ROADWORKS_EXPORT_FORMATS = ("wzdx", "datex2", "cifs", "geojson")
DETOUR_CRITERIA = ("distance", "time")
DETOUR_ENGINES = ("astar", "qgis")
