"""Reviewing AI detections: leases, decisions, assets, triangulation, imports, exports, reports.

Pure Python + store (QGIS only to translate messages when it is there). See docs/review_design.md.
"""
