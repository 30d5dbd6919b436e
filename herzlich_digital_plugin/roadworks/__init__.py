"""Roadworks: the record and its lifecycle, history, exchange formats (DATEX II, WZDx, CIFS, GeoJSON)
and the planning checks.

The record, lifecycle, history, exchange formats and analysis are pure Python + store (QGIS only to translate
messages). QGIS is used by two parts that are QGIS by nature: the detour network (detour_*: a QgsGraph from a
road layer) and the PDF report (report_*: a QGIS print layout). tests/unit/test_code_layout.py holds this.
See docs/roadworks_design.md.
"""
