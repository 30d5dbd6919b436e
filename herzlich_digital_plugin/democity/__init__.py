"""Deterministic demo city of Kaiserslautern: roads, façades, signs, panoramas, detections, sensors, roadworks."""
