"""Demo services for `make demo`: a SensorThings server on loopback, its seed and a live feeder."""
