"""Smoke test: the real QGIS desktop starts under Xvfb with the deployed plugin and a project, and the QGIS log
shows no Python error. Skipped only where no `qgis` binary exists (`make test` installs it)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.desktop, pytest.mark.slow,
              pytest.mark.skipif(shutil.which("qgis") is None, reason="no qgis desktop binary on this machine")]


def _small_project(folder: Path) -> Path:
    memory = QgsVectorLayer("Point?crs=EPSG:25832&field=name:string", "Orte", "memory")
    feature = QgsFeature(memory.fields())
    feature.setAttribute(0, "Stiftskirche")
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(410400, 5477600)))
    memory.dataProvider().addFeatures([feature])
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    gpkg = folder / "orte.gpkg"
    QgsVectorFileWriter.writeAsVectorFormatV2(memory, str(gpkg), QgsCoordinateTransformContext(), options)
    project = QgsProject()
    project.addMapLayer(QgsVectorLayer(str(gpkg), "Orte", "ogr"))
    path = folder / "smoke.qgz"
    assert project.write(str(path))
    return path


def _deploy(tmp_path: Path) -> Path:
    build = tmp_path / "build"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(build), str(tmp_path / "dist")],
                   check=True, capture_output=True)
    profiles = tmp_path / "profiles"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_profile.py"), str(profiles),
                    "herzlich-digital-demo", str(build / "herzlich_digital_plugin"), "de"],
                   check=True, capture_output=True)
    return profiles


def test_qgis_desktop_loads_plugin_without_python_errors(tmp_path):
    profiles = _deploy(tmp_path)
    project = _small_project(tmp_path)
    log_file = tmp_path / "qgis.log"
    shot = tmp_path / "shot.png"
    env = dict(os.environ, HD_PROFILES_PATH=str(profiles), HD_LOG_FILE=str(log_file), HD_QUIT_AFTER_S="2")
    env.pop("QT_QPA_PLATFORM", None)  # the desktop runs on the virtual X screen, not offscreen
    result = subprocess.run([str(ROOT / "scripts" / "demo.sh"), str(project), str(shot)], env=env,
                            capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stdout + result.stderr
    log = log_file.read_text(encoding="utf-8")
    assert "plugin loaded: True" in log
    assert "'Herzlich Digital'" in log  # our menu is in the menu bar
    assert "'Er&weiterungen'" in log  # and QGIS itself runs in German
    python_errors = [line for line in log.splitlines() if line.startswith(("Python error", "Python warning"))
                     or ("herzlich" in line.lower() and "\t2\t" in line)]
    assert not python_errors, "\n".join(python_errors)
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1024
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    assert len(colours) > 20  # a real desktop, not a blank screen
