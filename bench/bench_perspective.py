"""Benchmark: equirectangular -> perspective frame time against py360convert.e2p.

Each frame uses a new random yaw/pitch/fov (as when dragging and zooming the viewer),
rendered from an 8192 x 4096 RGB panorama into a preallocated output buffer.
"""
import os
import sys
import time

import numpy as np

try:
    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer
except ImportError:  # run as a script from anywhere
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer

PANO_W, PANO_H = 8192, 4096
SIZES = ((1280, 720), (1920, 1080))
FRAMES, WARMUP, PEER_FRAMES = 60, 5, 5


def _views(rng, n):
    return [(rng.uniform(0, 360), rng.uniform(-60, 60), rng.uniform(40, 110)) for _ in range(n)]


def _vfov(fov, w, h):
    return float(np.degrees(2 * np.arctan(np.tan(np.radians(fov) / 2) * h / w)))


def _median_ms(fn, views):
    times = []
    for view in views:
        t0 = time.perf_counter()
        fn(*view)
        times.append(time.perf_counter() - t0)
    return float(np.median(times) * 1e3)


def run():
    rng = np.random.default_rng(2024)
    pano = rng.integers(0, 256, (PANO_H, PANO_W, 3), dtype=np.uint8)
    try:
        import py360convert
    except ImportError:
        py360convert = None

    renderer = PerspectiveRenderer()
    t0 = time.perf_counter()
    renderer.prepare(pano)
    pack_ms = (time.perf_counter() - t0) * 1e3
    results = [{"name": "perspective: pack 8192x4096 panorama (once per panorama)",
                "value": round(pack_ms, 1), "unit": "ms", "peer": None, "peer_value": None}]

    for out_w, out_h in SIZES:
        out = np.empty((out_h, out_w, 3), np.uint8)

        def ours(yaw, pitch, fov):
            renderer.render(pano, yaw, pitch, fov, out_w, out_h, out=out)

        _median_ms(ours, _views(rng, WARMUP))
        value = _median_ms(ours, _views(rng, FRAMES))

        peer_value = None
        if py360convert is not None:
            def peer(yaw, pitch, fov):
                u_deg = (yaw + 180.0) % 360.0 - 180.0  # image centre = bearing 0 here
                py360convert.e2p(pano, (fov, _vfov(fov, out_w, out_h)), u_deg, pitch, (out_h, out_w),
                                 mode="nearest")

            peer(*_views(rng, 1)[0])
            peer_value = round(_median_ms(peer, _views(rng, PEER_FRAMES)), 2)
        results.append({
            "name": f"perspective: median frame time {out_w}x{out_h} from 8192x4096, random view per frame",
            "value": round(value, 2), "unit": "ms",
            "peer": "py360convert.e2p 1.0.4 (mode=nearest)", "peer_value": peer_value,
        })
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
