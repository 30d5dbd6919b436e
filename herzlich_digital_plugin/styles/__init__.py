"""Layer styles of the store's tables and the layers they go into: the map a planner sees, for any store.

QGIS adapters (import qgis), free of the capability packages: gui/, processing/ and the demo city use them.
"""
