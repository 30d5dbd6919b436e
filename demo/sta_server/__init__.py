"""The independent SensorThings server (django-ogc-sensorthings 1.2.0) for tests and `make demo`."""
