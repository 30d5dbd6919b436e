"""Benchmark: the at-rest frame (bilinear from mip levels, core/perspective_smooth.py) against nearest sampling and
plain bilinear: PSNR to a 4x4 supersampled reference of the same view, and its frame time at 1920 x 1080.

The panorama is 8192 x 4096 with the detail that shows blocks and moiré (fine stripes, small hard checks, blobs).
The reference and plain bilinear are computed here independently (float64, one exact ray per sample) on a
320 x 180 window in the middle of the 1920 x 1080 view, so each view pixel keeps its 1920-wide size.
"""
import os
import sys
import time

import numpy as np

try:
    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer, view_ray
except ImportError:  # run as a script from anywhere
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer, view_ray
from herzlich_digital_plugin.core.equirect import pixel_from_direction
from herzlich_digital_plugin.core.perspective_smooth import SmoothRenderer

PANO_W, PANO_H = 8192, 4096
OUT_W, OUT_H = 1920, 1080
WIN_W, WIN_H = 320, 180
X0, Y0 = (OUT_W - WIN_W) // 2, (OUT_H - WIN_H) // 2
FOVS = (20, 60, 110)
YAW, PITCH = 30.0, 5.0
FRAMES = 7


def _panorama():
    yy, xx = np.mgrid[0:PANO_H, 0:PANO_W].astype(np.float32)
    img = np.empty((PANO_H, PANO_W, 4), np.uint8)
    img[..., 0] = (127 + 120 * np.sin(xx / 1.7 + yy / 3.1)).astype(np.uint8)
    img[..., 1] = ((xx // 3 + yy // 3) % 2 * 255).astype(np.uint8)
    img[..., 2] = (127 + 100 * np.sin(xx / 30.0) * np.cos(yy / 20.0)).astype(np.uint8)
    img[..., 3] = 255
    return img


def _bilinear(image, u, v):
    h, w = image.shape[:2]
    x, y = u - 0.5, np.clip(v - 0.5, 0, h - 1)
    i0, j0 = np.floor(x), np.floor(y)
    fx, fy = (x - i0)[..., None], (y - j0)[..., None]
    i0 = i0.astype(int) % w
    i1 = (i0 + 1) % w
    j0 = j0.astype(int)
    j1 = np.minimum(j0 + 1, h - 1)

    def px(j, i):
        return image[j, i, :3].astype(np.float64)

    return (px(j0, i0) * (1 - fx) + px(j0, i1) * fx) * (1 - fy) + (px(j1, i0) * (1 - fx) + px(j1, i1) * fx) * fy


def _window(image, fov, samples):
    acc = np.zeros((WIN_H, WIN_W, 3))
    for a in range(samples):
        for b in range(samples):
            ys, xs = np.mgrid[Y0:Y0 + WIN_H, X0:X0 + WIN_W].astype(float)
            xs += (a + 0.5) / samples - 0.5
            ys += (b + 0.5) / samples - 0.5
            bearing, elevation = view_ray(xs, ys, YAW, PITCH, fov, OUT_W, OUT_H)
            u, v = pixel_from_direction(bearing, elevation, PANO_W, PANO_H, 0.0)
            acc += _bilinear(image, u + 0.5, v + 0.5)
    return acc / samples ** 2


def _psnr(values, ref):
    mse = np.mean((np.asarray(values, dtype=np.float64)[..., :3] - ref) ** 2)
    return float(10 * np.log10(255.0 ** 2 / mse))


def _median_ms(fn):
    fn()
    times = []
    for _ in range(FRAMES):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times) * 1e3)


def run():
    pano = _panorama()
    nearest = PerspectiveRenderer()
    smooth = {threads: SmoothRenderer(PerspectiveRenderer(), threads=threads) for threads in (1, 2)}
    out = np.empty((OUT_H, OUT_W, 4), np.uint8)
    rows = []
    for fov in FOVS:
        ref = _window(pano, fov, 4)
        plain = _window(pano, fov, 1)
        fast = nearest.render(pano, YAW, PITCH, fov, OUT_W, OUT_H)[Y0:Y0 + WIN_H, X0:X0 + WIN_W]
        rest = smooth[2].render(pano, YAW, PITCH, fov, OUT_W, OUT_H)[Y0:Y0 + WIN_H, X0:X0 + WIN_W]
        rows.append({"name": f"view quality FOV {fov}°: at-rest frame PSNR (peer: plain bilinear)",
                     "value": round(_psnr(rest, ref), 1), "unit": "dB", "peer": "plain bilinear",
                     "peer_value": round(_psnr(plain, ref), 1)})
        rows.append({"name": f"view quality FOV {fov}°: interactive (nearest) frame PSNR", "value":
                     round(_psnr(fast, ref), 1), "unit": "dB", "peer": "plain bilinear",
                     "peer_value": round(_psnr(plain, ref), 1)})
    for fov in FOVS:
        for threads, renderer in smooth.items():
            ms = _median_ms(lambda: renderer.render(pano, YAW, PITCH, fov, OUT_W, OUT_H, out=out))
            peer = _median_ms(lambda: nearest.render(pano, YAW, PITCH, fov, OUT_W, OUT_H, out=out))
            rows.append({"name": f"at-rest frame 1920x1080 FOV {fov}°, {threads} thread(s) (goal <= 60 ms)",
                         "value": round(ms, 1), "unit": "ms", "peer": "nearest frame", "peer_value": round(peer, 1)})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
