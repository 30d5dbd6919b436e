"""Roadworks: the record and its lifecycle, history, exchange formats (DATEX II, WZDx, CIFS, GeoJSON)
and the planning checks.

Pure Python + store (QGIS only to translate messages when it is there). See docs/roadworks_design.md.
"""
