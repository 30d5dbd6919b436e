"""Herzlich Digital: panoramas, AI-detected assets, live sensors and roadworks for Kaiserslautern, in QGIS."""


def classFactory(iface):  # noqa: N802,QGS105 - the entry point QGIS calls with its interface
    from .plugin import HerzlichDigitalPlugin

    return HerzlichDigitalPlugin(iface)
