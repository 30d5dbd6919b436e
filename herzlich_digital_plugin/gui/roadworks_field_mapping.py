"""Which fields of a road layer hold the street name, the one-way flag and the speed limit (for the detour).

Shown when the chosen road layer lacks the fields the detour reads (``MissingFieldsError``); an empty choice
means the layer has no such field: no one-way streets, or the default speed everywhere.
"""
from typing import Optional, Sequence

from qgis.core import QgsFieldProxyModel
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..roadworks.detour_fields import RoadFields
from ..toolbelt.i18n import tr

# Common spellings in OSM extracts, ATKIS/ALKIS and municipal road layers, tried when the mapped name is missing.
GUESSES = {
    "name": ("name", "strname", "strassenname", "straßenname", "street", "bezeichnung", "bez", "str_name"),
    "oneway": ("oneway", "one_way", "einbahn", "einbahnstrasse", "einbahnstraße", "richtung", "dir", "direction"),
    "speed": ("speed_limit", "maxspeed", "max_speed", "speed", "vmax", "v_max", "tempo", "geschw"),
}


def guess_field(layer, role: str, wanted: str = "") -> str:
    """The layer's field for ``role``: ``wanted`` if it exists, else a common spelling, else ""."""
    names = layer.fields().names()
    lower = {n.lower(): n for n in names}
    for candidate in ((wanted,) if wanted else ()) + GUESSES[role]:
        if candidate and candidate.lower() in lower:
            return lower[candidate.lower()]
    return ""


class RoadFieldMappingDialog(QDialog):
    OBJECT_NAME = "mHerzlichDigitalRoadFieldMapping"

    def __init__(self, layer, current: RoadFields = RoadFields(), missing: Sequence[str] = (), parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(tr("Road layer fields"))
        self.layer = layer
        self._current = current
        layout = QVBoxLayout(self)
        text = tr("The road layer {layer} does not have the fields the detour needs ({missing}). Choose which of "
                  "its fields hold the street name, the one-way flag and the speed limit. Leave one empty if the "
                  "layer has no such field: then every street is two-way, or the default speed of 50 km/h "
                  "applies.").format(layer=layer.name(), missing=", ".join(missing) or "-")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        form = QFormLayout()
        self.combos = {}
        for role, label, filters in (
                ("name", tr("Street name"), QgsFieldProxyModel.Filter.AllTypes),
                ("oneway", tr("One-way (1/0, yes/no, FT/TF)"), QgsFieldProxyModel.Filter.AllTypes),
                ("speed", tr("Speed limit (km/h)"), QgsFieldProxyModel.Filter.Numeric)):
            combo = QgsFieldComboBox()
            combo.setObjectName(f"field_{role}")
            combo.setFilters(filters)
            combo.setAllowEmptyFieldName(True)
            combo.setLayer(layer)
            combo.setField(guess_field(layer, role, getattr(current, role)))
            self.combos[role] = combo
            form.addRow(label, combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_field(self, role: str, name: Optional[str]) -> None:
        self.combos[role].setField(name or "")

    def road_fields(self) -> RoadFields:
        """The mapping chosen (empty names: the layer has no such field)."""
        return RoadFields(name=self.combos["name"].currentField(), oneway=self.combos["oneway"].currentField(),
                          speed=self.combos["speed"].currentField(),
                          forward_values=self._current.forward_values,
                          backward_values=self._current.backward_values)
