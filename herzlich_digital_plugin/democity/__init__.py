"""Deterministic demo city of Kaiserslautern: roads, façades, signs, panoramas, detections, sensors, roadworks.

A leaf: the product never imports this package; only the demo's entry points do (createdemocity, the demo
startup and build scripts, tests, benchmarks). Importing it registers the demo stores' image resolver.
"""
from . import image_resolver

image_resolver.register()
