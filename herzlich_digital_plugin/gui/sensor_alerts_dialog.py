"""Alert thresholds per observed property (e.g. speed below 15 km/h, occupancy above 90 %), stored in
QgsSettings and applied to every live sensor layer at once."""
from qgis.PyQt.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QHBoxLayout, QHeaderView,
                                 QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..sensors.alert_settings import load_thresholds, save_thresholds
from ..sensors.alerts import ABOVE, BELOW, DEFAULT_THRESHOLDS, Threshold
from ..sensors.layer_style import property_label
from ..toolbelt.i18n import tr


class SensorAlertsDialog(QDialog):
    OBJECT_NAME = "HerzlichDigitalSensorAlertsDialog"

    def __init__(self, parent=None, settings=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(tr("Sensor alert thresholds"))
        self._settings = settings
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Observed property"), tr("Alert when"), tr("Limit")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        add, remove, defaults = QPushButton(tr("Add")), QPushButton(tr("Remove")), QPushButton(tr("Defaults"))
        add.clicked.connect(lambda: self.add_row(Threshold("", BELOW, 0.0)))
        remove.clicked.connect(self.remove_selected)
        defaults.clicked.connect(lambda: self.set_thresholds(DEFAULT_THRESHOLDS))
        row = QHBoxLayout()
        for button in (add, remove, defaults):
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(tr("The observed property as the server names it, e.g. speed, occupancy or traffic_volume. "
                         "A breach highlights the sensor and posts one message when it starts and one when it "
                         "ends."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.set_thresholds(load_thresholds(self._settings))

    def set_thresholds(self, thresholds) -> None:
        self.table.setRowCount(0)
        for threshold in thresholds:
            self.add_row(threshold)

    def add_row(self, threshold: Threshold) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        item = QTableWidgetItem(threshold.observed_property)
        item.setToolTip(property_label(threshold.observed_property))
        self.table.setItem(index, 0, item)
        op = QComboBox()
        op.addItem(tr("below"), BELOW)
        op.addItem(tr("above"), ABOVE)
        op.setCurrentIndex(0 if threshold.op == BELOW else 1)
        self.table.setCellWidget(index, 1, op)
        limit = QDoubleSpinBox()
        limit.setRange(-1e9, 1e9)
        limit.setDecimals(2)
        limit.setValue(threshold.limit)
        self.table.setCellWidget(index, 2, limit)

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)

    def thresholds(self):
        out = {}
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            name = (item.text() if item is not None else "").strip()
            if not name or any(c in name for c in "<>;"):
                continue
            out[name] = Threshold(name, self.table.cellWidget(index, 1).currentData(),
                                  float(self.table.cellWidget(index, 2).value()))
        return list(out.values())

    def accept(self) -> None:
        save_thresholds(self.thresholds(), self._settings)
        super().accept()
