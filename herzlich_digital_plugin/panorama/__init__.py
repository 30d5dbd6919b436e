"""Panorama browsing: image sources, decoding, caching, loading, overlays and view rendering."""
