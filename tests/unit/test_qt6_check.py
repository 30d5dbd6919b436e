"""The Qt6 readiness check of `make lint` (scripts/check_qt6.py): it finds each rule's pattern, and the plugin,
its tests and scripts have none."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
check_qt6 = pytest.importorskip("check_qt6", reason="needs qgis importable")

SAMPLE = '''\
from qgis.PyQt.QtCore import Qt, QVariant, QRegExp
from qgis.gui import QgsVertexMarker
from qgis.core import Qgis, QgsField, NULL
a = QgsField("a", QVariant.Type.String)
b = QVariant.Int
c = Qt.AlignLeft
d = Qt.AlignmentFlag.AlignLeft
e = QgsVertexMarker.ICON_CROSS
f = QgsVertexMarker.IconType.ICON_CROSS
dialog.exec_()
g = Qt.MidButton
h = Qgis.Info
i = Qgis.MessageLevel.Info
j = NULL
'''


def test_each_rule_is_found(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE, encoding="utf-8")
    findings = [line.split(": ", 1)[1] for line in check_qt6.scan([sample])]
    assert findings == [
        "GONE QRegExp does not exist in Qt6: use QRegularExpression",
        "QVQ QVariant.Type.String does not exist in PyQt6: use toolbelt.field_types.field_type('String')",
        "QVQ QVariant.Int does not exist in PyQt6: use toolbelt.field_types.field_type('Int')",
        "ENUM unscoped enum Qt.AlignLeft: use Qt.AlignmentFlag.AlignLeft",
        "ENUM unscoped enum QgsVertexMarker.ICON_CROSS: use QgsVertexMarker.IconType.ICON_CROSS",
        "EXEC exec_() does not exist in PyQt6: use exec()",
        "GONE Qt.MidButton does not exist in Qt6: use Qt.MouseButton.MiddleButton",
        "ENUM unscoped enum Qgis.Info: use Qgis.MessageLevel.Info",
    ]


def test_the_project_has_no_finding():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_qt6.py"), "herzlich_digital_plugin",
                          "scripts", "bench", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout
    assert "0 finding(s)" in run.stderr
