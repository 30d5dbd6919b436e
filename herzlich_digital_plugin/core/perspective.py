"""Fast equirectangular -> perspective rendering with numpy only.

A view is (yaw, pitch, fov): yaw a world bearing, pitch positive up, fov the
horizontal field of view in degrees; pixels are square. View pixel (x, y) has
its centre at (x + 0.5, y + 0.5), like the equirectangular convention.

Speed comes from computing the exact source lookup only on a coarse grid (every
``step``-th view pixel), interpolating those source coordinates linearly to
full resolution and sampling nearest-neighbour with a flat ``np.take`` of whole
pixels as uint32 from a copy of the panorama packed into narrow column strips
(made once per panorama and cached, see ``PerspectiveRenderer.prepare``).
Large temporaries are avoided on purpose: fresh memory pages are slow to fault in.
"""
import weakref

import numpy as np

from .equirect import camera_rotation, angles_from_vector, vector_from_angles

__all__ = ["PerspectiveRenderer", "view_ray", "view_pixel"]

MIN_FOV, MAX_FOV = 1.0, 170.0


def _focal(fov, out_w):
    fov = float(np.clip(fov, MIN_FOV, MAX_FOV))
    return (out_w / 2.0) / np.tan(np.radians(fov) / 2.0)


def _camera_rays(x, y, fov, out_w, out_h):
    """Unnormalised view-frame rays (right, forward, up) for view pixel coordinates."""
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    f = np.full(x.shape, _focal(fov, out_w))
    return np.stack([x + 0.5 - out_w / 2.0, f, out_h / 2.0 - (y + 0.5)], axis=-1)


def view_ray(x, y, yaw, pitch, fov, out_w, out_h):
    """World (bearing, elevation) seen at view pixel coordinates (x, y)."""
    rays = _camera_rays(x, y, fov, out_w, out_h)
    return angles_from_vector(rays @ camera_rotation(yaw, pitch, 0.0).T)


def view_pixel(bearing, elevation, yaw, pitch, fov, out_w, out_h):
    """View pixel coordinates (x, y, visible) of world directions.

    x and y are NaN for directions behind the viewer; visible is True only for
    directions in front of the viewer that land inside the image.
    """
    world = vector_from_angles(bearing, elevation)
    cam = world @ camera_rotation(yaw, pitch, 0.0)  # R^T applied to row vectors
    right, fwd, up = cam[..., 0], cam[..., 1], cam[..., 2]
    front = fwd > 1e-9
    f = _focal(fov, out_w)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(front, f * right / fwd + out_w / 2.0 - 0.5, np.nan)
        y = np.where(front, out_h / 2.0 - f * up / fwd - 0.5, np.nan)
        visible = front & (x >= -0.5) & (x < out_w - 0.5) & (y >= -0.5) & (y < out_h - 0.5)
    if np.ndim(x) == 0:
        return x[()], y[()], bool(visible)
    return x, y, visible


class _Workspace:
    """Preallocated buffers for one output size: large numpy temporaries are
    expensive here (fresh pages fault in), so every step writes into these."""

    def __init__(self, out_w, out_h, step, strip_bands):
        s = step
        self.gw, self.gh = -(-out_w // s) + 1, -(-out_h // s) + 1
        gw, gh, pw = self.gw, self.gh, (self.gw - 1) * s
        self.x = np.arange(gw) * float(s) + 0.5 - out_w / 2.0  # view-frame ray components
        self.z = out_h / 2.0 - (np.arange(gh) * float(s) + 0.5)
        self.t = (np.arange(s, dtype=np.float32) / s)
        self.t_rows = np.repeat(self.t, out_w).reshape(1, s, out_w)  # plain loops beat broadcasting
        self.g = np.empty((5, gh, gw))  # camera x, y, z, u, v on the grid
        self.gd = np.empty((2, gh, gw - 1))
        self.ux = np.empty((gh, pw), np.float32)
        self.vx = np.empty((gh, pw), np.float32)
        self.du = np.empty((gh - 1, pw), np.float32)
        self.dv = np.empty((gh - 1, pw), np.float32)
        self.tmp = np.empty((gh, pw), np.float32)
        self.m1 = np.empty((gh - 1, pw), bool)
        self.m2 = np.empty((gh - 1, pw), bool)
        shape = (strip_bands, s, out_w)
        self.su, self.sv = np.empty(shape, np.float32), np.empty(shape, np.float32)
        self.si, self.sj = np.empty(shape, np.int32), np.empty(shape, np.int32)


STRIP = 64  # width of the column strips of the packed source (power of two)
_STRIP_SHIFT = STRIP.bit_length() - 1


def _pack_column_strips(equi):
    """Copy an (H, W, 3|4) uint8 image into uint32 pixels laid out as (ceil(W/64), H, 64).

    Narrow column strips keep a view's source footprint in few memory pages, which
    makes the gather much faster than on a row-major image. For 3-channel input the
    4th byte of each pixel is junk (the next pixel's first byte) and is never written out.
    Pixel (u, v) sits at ((u >> 6) * H + v) * 64 + (u & 63).
    """
    h, w, ch = equi.shape
    nx = -(-w // STRIP)
    packed = np.empty((nx, h, STRIP), np.uint32)
    if ch == 4:
        src = equi.reshape(-1, 4).view(np.uint32).reshape(h, w)
        last = None
    else:
        # 4-byte reads at every 3-byte pixel start; the very last pixel would read past the end
        src = np.ndarray((h - 1, w), np.uint32, buffer=equi, strides=(3 * w, 3))
        last = np.ndarray((w - 1,), np.uint32, buffer=equi, offset=3 * w * (h - 1), strides=(3,))
    for j in range(nx):
        c0, c1 = j * STRIP, min((j + 1) * STRIP, w)
        packed[j, :src.shape[0], :c1 - c0] = src[:, c0:c1]
        if last is not None:
            packed[j, h - 1, :c1 - c0] = last[c0:c1] if c1 < w else np.append(last[c0:], 0)
    if last is not None:
        packed[nx - 1, h - 1, (w - 1) % STRIP:][:1].view(np.uint8)[:3] = equi[h - 1, w - 1]
    return packed.reshape(-1)


def _wrap_diff(d, period, scratch):
    """d -= period * rint(d / period), in place (shortest signed difference on a circle)."""
    np.divide(d, period, out=scratch)
    np.rint(scratch, out=scratch)
    np.multiply(scratch, period, out=scratch)
    np.subtract(d, scratch, out=d)


class PerspectiveRenderer:
    """Renders perspective views; caches buffers (per output size) and the packed source.

    The full-resolution work runs in strips of ``strip_bands`` grid bands so the
    intermediate arrays stay in the CPU cache. Not thread-safe: one renderer per thread.
    The packed copy (4 bytes a pixel) is reused for the same array object, or for an
    array with the same memory address, shape and a sample of pixels; call
    ``invalidate()`` after editing the panorama's pixels in place.
    """

    view_ray = staticmethod(view_ray)
    view_pixel = staticmethod(view_pixel)

    def __init__(self, step=8, strip_bands=4):
        self.step = int(step)
        self.strip_bands = int(strip_bands)
        self._ws_key = None
        self._ws = None
        self._packed_key = None
        self._packed = None
        self._packed_sample = None
        self._packed_src = None  # weak reference to the array last packed: skips the check

    # -- caches -----------------------------------------------------------------
    def _workspace(self, out_w, out_h):
        key = (out_w, out_h, self.step, self.strip_bands)
        if key != self._ws_key:
            self._ws = _Workspace(out_w, out_h, self.step, self.strip_bands)
            self._ws_key = key
        return self._ws

    def invalidate(self):
        """Forget the packed source copy (and its memory)."""
        self._packed_key = self._packed = self._packed_sample = self._packed_src = None

    def prepare(self, equi):
        """Pack the panorama for sampling (done once, then cached; see the class docstring).

        Call it ahead of time (e.g. right after loading) to keep the first frame fast.
        """
        if self._packed_src is not None and self._packed_src() is equi:
            return self._packed
        original = equi
        equi = np.asarray(equi)
        if equi.ndim != 3 or equi.dtype != np.uint8 or equi.shape[2] not in (3, 4):
            raise ValueError("equi must be an (H, W, 3) or (H, W, 4) uint8 array")
        if not (equi.flags.c_contiguous and equi.flags.aligned):
            equi = np.ascontiguousarray(equi)
        flat = equi.reshape(-1, equi.shape[2])
        key = (equi.__array_interface__["data"][0], equi.shape)
        sample = np.linspace(0, flat.shape[0] - 1, 61).astype(np.intp)  # cheap identity check
        if key == self._packed_key and np.array_equal(flat[sample], self._packed_sample):
            self._remember(original)
            return self._packed
        self.invalidate()
        packed = _pack_column_strips(equi)
        self._packed_key, self._packed, self._packed_sample = key, packed, flat[sample].copy()
        self._remember(original)
        return packed

    def _remember(self, original):
        try:
            self._packed_src = weakref.ref(original)
        except TypeError:  # e.g. a list: no fast path
            self._packed_src = None

    # -- lookup -------------------------------------------------------------------
    def _plan(self, ws, src_w, src_h, yaw, pitch, fov, out_w, heading, pano_pitch, pano_roll):
        """Fill the workspace with the per-band linear lookup; return seam (band, column) lists.

        Source coordinates are continuous (pixel index = floor); u lies in [0, src_w)
        on the grid rows and moves by ws.du per band across it (unwrapped).
        """
        s, w = self.step, float(src_w)
        rot = camera_rotation(heading, pano_pitch, pano_roll).T @ camera_rotation(yaw, pitch, 0.0)
        f = _focal(fov, out_w)
        g = ws.g
        for i in range(3):  # camera-frame rays of the grid: rot @ (x, f, z), no normalising needed
            np.add((rot[i, 2] * ws.z + rot[i, 1] * f)[:, None], (rot[i, 0] * ws.x)[None, :], out=g[i])
        gx, gy, gz, gu, gv = g
        np.arctan2(gx, gy, out=gu)
        np.multiply(gu, w / (2 * np.pi), out=gu)
        np.add(gu, w / 2, out=gu)
        np.hypot(gx, gy, out=gv)
        np.arctan2(gz, gv, out=gv)
        np.multiply(gv, -src_h / np.pi, out=gv)
        np.add(gv, src_h / 2, out=gv)
        np.clip(gv, 0.0, src_h - 1e-3, out=gv)  # convex combinations stay inside the image

        # along x on the grid rows; u is unwrapped across the seam per cell, then wrapped
        d, q = ws.gd
        np.subtract(gu[:, 1:], gu[:, :-1], out=d)
        _wrap_diff(d, w, q)
        ux3 = ws.ux.reshape(ws.gh, -1, s)
        for k in range(s):  # one pass per sub-column keeps numpy's inner loops long
            np.multiply(d, ws.t[k], out=q)
            np.add(q, gu[:, :-1], out=ux3[:, :, k])
        np.divide(ws.ux, w, out=ws.tmp)
        np.floor(ws.tmp, out=ws.tmp)
        np.multiply(ws.tmp, w, out=ws.tmp)
        np.subtract(ws.ux, ws.tmp, out=ws.ux)
        np.clip(ws.ux, 0.0, np.nextafter(np.float32(w), np.float32(0)), out=ws.ux)  # float32 rounding
        np.subtract(gv[:, 1:], gv[:, :-1], out=d)
        vx3 = ws.vx.reshape(ws.gh, -1, s)
        for k in range(s):
            np.multiply(d, ws.t[k], out=q)
            np.add(q, gv[:, :-1], out=vx3[:, :, k])

        # change per band along y
        np.subtract(ws.ux[1:], ws.ux[:-1], out=ws.du)
        _wrap_diff(ws.du, np.float32(w), ws.tmp[1:])
        np.subtract(ws.vx[1:], ws.vx[:-1], out=ws.dv)
        # bands where u leaves [0, w) need wrapping (margin: float32 rounding)
        end = ws.tmp[1:]
        np.add(ws.ux[:-1], ws.du, out=end)
        np.less(end, 0.01, out=ws.m1)
        np.greater_equal(end, w - 0.01, out=ws.m2)
        np.logical_or(ws.m1, ws.m2, out=ws.m1)
        mask = ws.m1[:, :out_w]
        if not mask.any():
            return None
        sb, sx = np.nonzero(mask)
        # per strip: the slice of (sb, sx) belonging to it
        bounds = np.searchsorted(sb, np.arange(0, ws.gh - 1 + self.strip_bands, self.strip_bands))
        return sb, sx, bounds.tolist()

    def _fill_bands(self, ws, seam, b0, b1, out_w, u3, v3, src_w, strip=None):
        """Interpolate source coordinates of bands [b0, b1) into u3, v3 (b1 - b0, step, out_w)."""
        t = ws.t_rows
        np.multiply(ws.du[b0:b1, None, :out_w], t, out=u3)
        np.add(u3, ws.ux[b0:b1, None, :out_w], out=u3)
        np.multiply(ws.dv[b0:b1, None, :out_w], t, out=v3)
        np.add(v3, ws.vx[b0:b1, None, :out_w], out=v3)
        if seam is None:
            return
        sb, sx, bounds = seam
        if strip is None:
            lo, hi = 0, len(sb)
        else:
            lo, hi = bounds[strip], bounds[strip + 1]
        if hi > lo:
            bi, cx = sb[lo:hi] - b0, sx[lo:hi]
            w = np.float32(src_w)
            vals = u3[bi, :, cx]
            vals -= w * np.floor(vals / w)
            np.minimum(vals, np.nextafter(w, np.float32(0)), out=vals)
            u3[bi, :, cx] = vals

    # -- public ---------------------------------------------------------------
    def source_coordinates(self, src_w, src_h, yaw, pitch, fov, out_w, out_h,
                           heading=0.0, pano_pitch=0.0, pano_roll=0.0):
        """Approximate equirectangular pixel coordinates (u, v) sampled by each view pixel.

        Same convention as equirect.pixel_from_direction (pixel index = round(u) mod W).
        """
        out_w, out_h = int(out_w), int(out_h)
        ws = self._workspace(out_w, out_h)
        seam = self._plan(ws, src_w, src_h, yaw, pitch, fov, out_w, heading, pano_pitch, pano_roll)
        bands = ws.gh - 1
        u = np.empty((bands, self.step, out_w), np.float32)
        v = np.empty_like(u)
        self._fill_bands(ws, seam, 0, bands, out_w, u, v, src_w)
        u = u.reshape(-1, out_w)[:out_h].astype(np.float64) - 0.5
        v = v.reshape(-1, out_w)[:out_h].astype(np.float64) - 0.5
        return u, v

    def render(self, equi, yaw, pitch, fov, out_w, out_h, heading=0.0, pano_pitch=0.0, pano_roll=0.0,
               out=None):
        """Render a (out_h, out_w, C) uint8 view of an (H, W, C) uint8 equirectangular image, C = 3 or 4.

        ``out`` may be a preallocated C-contiguous (out_h, out_w, C) uint8 array to fill
        (saves an allocation per frame); otherwise a new array is returned.
        """
        packed = self.prepare(equi)
        src_h, src_w, ch = np.shape(equi)
        out_w, out_h = int(out_w), int(out_h)
        if out is None:
            out = np.empty((out_h, out_w, ch), np.uint8)
        elif out.shape != (out_h, out_w, ch) or out.dtype != np.uint8 or not out.flags.c_contiguous:
            raise ValueError("out must be a C-contiguous (out_h, out_w, C) uint8 array")
        ws = self._workspace(out_w, out_h)
        seam = self._plan(ws, src_w, src_h, yaw, pitch, fov, out_w, heading, pano_pitch, pano_roll)
        s, nb, bands = self.step, self.strip_bands, ws.gh - 1
        out_px = out.reshape(-1, ch)
        if ch == 4:
            out32 = out_px.view(np.uint32).reshape(-1)
        strip_step = STRIP * (src_h - 1)
        for b0 in range(0, bands, nb):
            b1 = min(b0 + nb, bands)
            k = b1 - b0
            u3, v3, idx, tmp = ws.su[:k], ws.sv[:k], ws.si[:k], ws.sj[:k]
            self._fill_bands(ws, seam, b0, b1, out_w, u3, v3, src_w, b0 // nb)
            # strip layout index: u + (u >> 6) * 64 (H - 1) + v * 64 (truncation == floor: u, v >= 0)
            np.copyto(idx, u3, casting="unsafe")
            np.copyto(tmp, v3, casting="unsafe")
            np.left_shift(tmp, _STRIP_SHIFT, out=tmp)
            np.add(tmp, idx, out=tmp)
            np.right_shift(idx, _STRIP_SHIFT, out=idx)
            np.multiply(idx, strip_step, out=idx)
            np.add(idx, tmp, out=idx)
            p0, p1 = b0 * s * out_w, min(b1 * s, out_h) * out_w
            n = p1 - p0
            flat_idx = idx.reshape(-1)[:n]
            if ch == 4:
                np.take(packed, flat_idx, out=out32[p0:p1], mode="clip")
                continue
            got = tmp.reshape(-1)[:n].view(np.uint32)
            np.take(packed, flat_idx, out=got, mode="clip")
            # 4-byte stores every 3 bytes, in order: each store's 4th byte is overwritten
            # by the next pixel; the strip's last pixel is copied exactly
            over = np.ndarray((n - 1,), np.uint32, buffer=out, offset=p0 * 3, strides=(3,))
            np.copyto(over, got[:-1])
            out_px[p1 - 1] = got[-1:].view(np.uint8)[:3]
        return out
