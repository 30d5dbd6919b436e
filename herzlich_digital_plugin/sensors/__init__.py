"""Live sensors: QGIS adapters of the SensorThings client in core/sensorthings (transport, messages, MQTT)."""
