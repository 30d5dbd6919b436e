"""herzlich_digital:createdemocity: generate the demo Kaiserslautern into a GeoPackage and a QGIS project."""
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ..core.definitions import DEMO_SIZES as SIZES
# A demo entry point (tests/unit/test_code_layout.py DEMO_ENTRY_POINTS): importing the demo city registers its
# image resolver, so demo stores get their missing images rendered wherever the provider is loaded.
from ..democity.build import build_demo_city
from ..democity.qgis_project import write_demo_project
from ..toolbelt.i18n import tr
from .base import HdAlgorithm

class CreateDemoCityAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "createdemocity"

    def displayName(self) -> str:
        return tr("Create demo city")

    def shortHelpString(self) -> str:
        return tr(
            "Generates a deterministic demo of Kaiserslautern: roads with real street names, two capture "
            "campaigns with a panorama every 5 m, traffic signs, markings and lights, AI detections with known "
            "error rates, sensor stations with a year of 15-minute data, and a few roadworks. Sizes: test "
            "(about 150 panoramas), demo (about 1,500, the default) and city (100,600, for benchmarks; metadata "
            "only). With 'Render images now' the panorama JPEGs are rendered at once; otherwise each is "
            "rendered on first view.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterEnum(
            "SIZE", tr("Size"), options=[tr("test (about 150 panoramas)"), tr("demo (about 1,500 panoramas)"),
                                          tr("city (100,600 panoramas, metadata only)")], defaultValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", tr("Random seed"), type=QgsProcessingParameterNumber.Type.Integer, defaultValue=7239))
        self.addParameter(QgsProcessingParameterBoolean("IMAGES", tr("Render images now"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("STORE", tr("Demo store (GeoPackage)")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", tr("Demo project")))

    def processAlgorithm(self, parameters, context, feedback):
        size = SIZES[self.parameterAsEnum(parameters, "SIZE", context)]
        seed = self.parameterAsInt(parameters, "SEED", context)
        images = self.parameterAsBoolean(parameters, "IMAGES", context)
        folder = Path(self.parameterAsString(parameters, "OUTPUT_FOLDER", context))
        folder.mkdir(parents=True, exist_ok=True)

        def progress(percent, message=""):
            feedback.setProgress(min(95.0, float(percent) * 0.95))
            if message:
                feedback.setProgressText(message)

        try:
            result = build_demo_city(size=size, seed=seed, output_folder=folder, images=images,
                                     progress=progress, cancelled=feedback.isCanceled)
        except (OSError, ValueError) as error:
            raise QgsProcessingException(tr("The demo city could not be created: {error}").format(error=error))
        if feedback.isCanceled():
            return {}
        for name, count in sorted(result.counts.items()):
            feedback.pushInfo(tr("{name}: {count}").format(name=name, count=count))
        project_path = folder / f"herzlich_digital_{size}.qgz"
        write_demo_project(result.store_path, project_path, size=size)
        feedback.setProgress(100)
        return {"STORE": str(result.store_path), "PROJECT": str(project_path)}
