"""The live sensor layer's fields and how a layer is made: a memory point layer in EPSG:25832 that carries its
SensorThings connection (so the project can bring it back live)."""
from typing import Optional

from qgis.core import QgsField, QgsVectorLayer


from ..core.definitions import STORE_CRS as CRS
from ..core.sensorthings.snapshot import RowKey
from ..toolbelt.field_types import field_type
from ..toolbelt.i18n import tr
from .connections import SensorConnection, attach_connection
from .layer_style import apply_style

FIELDS = (("thing", "string"), ("datastream", "string"), ("observed_property", "string"), ("value", "double"),
          ("unit", "string"), ("time", "datetime"), ("status", "string"), ("alert", "integer"), ("label", "string"),
          ("key", "string"), ("datastream_id", "string"), ("collection", "string"), ("component", "integer"),
          ("result", "string"), ("location_flag", "string"))
FIELD_NAMES = tuple(name for name, _ in FIELDS)
# Age grows every second without a new observation: computed when drawn or read, never written.
AGE_FIELD, AGE_EXPRESSION = "age_s", "second(age(now(), \"time\"))"


def key_text(key: RowKey) -> str:
    """A row key as stored in the ``key`` field: ``Datastreams|17|-1``."""
    return f"{key[0]}|{key[1]}|{key[2]}"


def parse_key_text(text) -> Optional[RowKey]:
    parts = str(text or "").split("|")
    if len(parts) != 3:
        return None
    try:
        return parts[0], parts[1], int(parts[2])
    except ValueError:
        return None


def create_layer(connection: SensorConnection, name: str = "") -> QgsVectorLayer:
    """An empty live sensor layer carrying its connection (a LiveSensorLayer fills it)."""
    uri = f"Point?crs={CRS}&" + "&".join(f"field={name_}:{kind}" for name_, kind in FIELDS)
    layer = QgsVectorLayer(uri, name or connection.name or tr("Sensors (live)"), "memory")
    layer.addExpressionField(AGE_EXPRESSION, QgsField(AGE_FIELD, field_type("Double")))
    attach_connection(layer, connection)
    apply_style(layer)
    layer.setReadOnly(True)  # the refresh writes; nobody edits live values by accident
    skip_exit_prompt(layer)
    return layer


SKIP_MEMORY_CHECK = "skipMemoryLayersCheck"  # QGIS asks on exit about memory layers without it


def skip_exit_prompt(layer) -> None:
    """No "temporary layers will be lost" prompt: the project saves the connection, not the values, and
    refills the layer from the server when it is opened again."""
    layer.setCustomProperty(SKIP_MEMORY_CHECK, 1)
