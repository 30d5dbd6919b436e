"""Pure geometry and metadata logic (numpy/stdlib only; no QGIS, no Qt)."""
