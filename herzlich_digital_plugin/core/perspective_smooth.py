"""The at-rest frame: bilinear sampling from a mip level of the panorama, for a view without blocks (zoomed in)
or moiré (zoomed out). The interactive frame stays nearest-neighbour (core/perspective.py); this one is drawn
once the view stops moving.

Source coordinates come from the same coarse-grid plan as the fast renderer. The level is chosen from the size
of a view pixel at the centre: a level-L texel covers 2^L source pixels, so the view samples it at a ratio of
1-2 texels per pixel, which bilinear filtering handles without aliasing. Levels are 2x2 box averages, packed
into the same column strips as level 0, and cached per panorama beside the renderer's own packed copy.
"""
import math
import weakref

import numpy as np

from .perspective import _focal, _pack_column_strips, STRIP

__all__ = ["SmoothRenderer", "mip_level"]

_SHIFT = STRIP.bit_length() - 1
MAX_LEVELS = 6


def mip_level(src_w: int, fov: float, out_w: int, levels: int = MAX_LEVELS) -> int:
    """Level whose texels the view's centre pixel covers 1-2 of (0: the full image)."""
    ratio = src_w / (2.0 * math.pi * _focal(fov, out_w))  # source pixels per view pixel at the centre
    if ratio < 2.0:
        return 0
    return int(min(levels, math.floor(math.log2(ratio))))


def _half(image: np.ndarray) -> np.ndarray:
    """2x2 box average (odd sizes: the last row/column is dropped), uint8 in, uint8 out."""
    h, w = image.shape[0] // 2 * 2, image.shape[1] // 2 * 2
    s = image[:h:2, :w:2].astype(np.uint16)
    s += image[1:h:2, :w:2]
    s += image[:h:2, 1:w:2]
    s += image[1:h:2, 1:w:2]
    s += 2
    s >>= 2
    return s.astype(np.uint8)


class SmoothRenderer:
    """Bilinear, mip-mapped views; wraps a PerspectiveRenderer (shares its plan and its packed level 0)."""

    def __init__(self, renderer, threads: int = 2):
        self.renderer = renderer
        self.threads = max(1, int(threads))
        self._executor = None
        self._levels_src = None  # weak reference to the panorama the levels were made from
        self._levels = []  # [(packed, width, height)], level 1 first

    def _level(self, equi, level):
        """(packed, width, height) of ``level`` (0: the renderer's own packed copy)."""
        packed0 = self.renderer.prepare(equi)
        h, w = np.shape(equi)[:2]
        if level == 0:
            return packed0, w, h
        if self._levels_src is None or self._levels_src() is not equi:
            self._levels = []
            try:
                self._levels_src = weakref.ref(equi)
            except TypeError:  # not weak-referenceable: levels are rebuilt per frame
                self._levels_src = None
        image = None
        while len(self._levels) < level:
            if image is None:
                image = np.asarray(equi)
                for _ in range(len(self._levels)):
                    image = _half(image)
            image = _half(image)
            if min(image.shape[:2]) < 2:
                break
            self._levels.append((_pack_column_strips(np.ascontiguousarray(image)), image.shape[1], image.shape[0]))
        return self._levels[min(level, len(self._levels)) - 1] if self._levels else (packed0, w, h)

    def render(self, equi, yaw, pitch, fov, out_w, out_h, heading=0.0, pano_pitch=0.0, pano_roll=0.0, out=None):
        """Same arguments and result as PerspectiveRenderer.render, sampled bilinearly from a mip level."""
        r = self.renderer
        src_h, src_w, ch = np.shape(equi)
        out_w, out_h = int(out_w), int(out_h)
        if out is None:
            out = np.empty((out_h, out_w, ch), np.uint8)
        elif out.shape != (out_h, out_w, ch) or out.dtype != np.uint8 or not out.flags.c_contiguous:
            raise ValueError("out must be a C-contiguous (out_h, out_w, C) uint8 array")
        level = mip_level(src_w, fov, out_w)
        packed, lw, lh = self._level(equi, level)
        ws = r._workspace(out_w, out_h)
        seam = r._plan(ws, src_w, src_h, yaw, pitch, fov, out_w, heading, pano_pitch, pano_roll)
        nb, bands = r.strip_bands, ws.gh - 1
        job = (ws, seam, packed, lw, lh, lw / float(src_w), src_w, out_w, out_h, ch, out.reshape(-1, ch))
        starts = list(range(0, bands, nb))
        if self.threads > 1 and len(starts) > 1:
            # numpy releases the GIL in its loops: two halves of the frame render side by side
            halves = [starts[k::self.threads] for k in range(self.threads)]
            list(self._pool().map(lambda part: self._bands(job, part), halves))
        else:
            self._bands(job, starts)
        return out

    def _pool(self):
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="hd-smooth")
        return self._executor

    def _bands(self, job, starts):
        ws, seam, packed, lw, lh, scale, src_w, out_w, out_h, ch, out_px = job
        r = self.renderer
        s, nb = r.step, r.strip_bands
        bands = ws.gh - 1
        shape = (nb, s, out_w)
        u_buf, v_buf = np.empty(shape, np.float32), np.empty(shape, np.float32)  # per thread
        strip_step = STRIP * lh
        for b0 in starts:
            b1 = min(b0 + nb, bands)
            u3, v3 = u_buf[:b1 - b0], v_buf[:b1 - b0]
            r._fill_bands(ws, seam, b0, b1, out_w, u3, v3, src_w, b0 // nb)
            p0, p1 = b0 * s * out_w, min(b1 * s, out_h) * out_w
            n = p1 - p0
            x = u3.reshape(-1)[:n]
            x *= np.float32(scale)
            x -= np.float32(0.5)
            y = v3.reshape(-1)[:n]
            y *= np.float32(scale)
            y -= np.float32(0.5)
            np.clip(y, 0.0, lh - 1.0, out=y)
            i0f, j0f = np.floor(x), np.floor(y)
            x -= i0f  # x, y become the weights
            y -= j0f
            i0 = i0f.astype(np.int32)
            i0 %= lw
            j0 = j0f.astype(np.int32)
            a_at = (i0 >> _SHIFT) * strip_step + (i0 & (STRIP - 1)) + (j0 << _SHIFT)
            # the right neighbour is the next pixel of the strip, except at a strip's last column or the seam
            right = np.ones_like(a_at)
            edge = np.nonzero(((i0 & (STRIP - 1)) == STRIP - 1) | (i0 == lw - 1))[0]
            if len(edge):
                i1 = (i0[edge] + 1) % lw
                right[edge] = ((i1 >> _SHIFT) * strip_step + (i1 & (STRIP - 1))) - \
                    ((i0[edge] >> _SHIFT) * strip_step + (i0[edge] & (STRIP - 1)))
            below = np.where(j0 < lh - 1, np.int32(STRIP), np.int32(0))
            b_at = a_at + right
            taps = [np.take(packed, at, mode="clip").view(np.uint8).reshape(n, 4)
                    for at in (a_at, b_at, a_at + below, b_at + below)]
            dest = out_px[p0:p1]
            for c in range(ch):
                a, b, cc, d = (t[:, c].astype(np.float32) for t in taps)
                b -= a
                b *= x
                a += b  # top row
                d -= cc
                d *= x
                cc += d  # bottom row
                cc -= a
                cc *= y
                a += cc
                a += np.float32(0.5)
                np.copyto(dest[:, c], a, casting="unsafe")
