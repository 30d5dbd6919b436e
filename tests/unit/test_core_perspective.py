import numpy as np
import pytest

from herzlich_digital_plugin.core import equirect as eq
from herzlich_digital_plugin.core import perspective as persp
from herzlich_digital_plugin.core.perspective import PerspectiveRenderer, view_pixel, view_ray

W, H = 2048, 1024


def coded_panorama(w=W, h=H, channels=3):
    """Every pixel stores its own flat index v * w + u in R, G, B (little-endian)."""
    flat = np.arange(w * h, dtype=np.uint32)
    img = np.empty((h, w, channels), np.uint8)
    img[..., 0] = (flat & 255).reshape(h, w)
    img[..., 1] = ((flat >> 8) & 255).reshape(h, w)
    img[..., 2] = (flat >> 16).reshape(h, w)
    if channels == 4:
        img[..., 3] = 255
    return img


def decode(view, w=W):
    val = view[..., 0].astype(np.int64) | view[..., 1].astype(np.int64) << 8 | view[..., 2].astype(np.int64) << 16
    return val % w, val // w  # (u, v) of the sampled source pixel


def wrapped(du, w=W):
    return (np.asarray(du) + w / 2) % w - w / 2


@pytest.mark.parametrize("view,pose", [
    ((30.0, 0.0, 90.0), (0.0, 0.0, 0.0)),
    ((181.0, 10.0, 60.0), (0.0, 0.0, 0.0)),  # the seam of a heading-0 panorama is at 180
    ((300.0, -35.0, 100.0), (123.0, 0.0, 0.0)),
    ((95.0, 20.0, 75.0), (80.0, 4.0, -3.0)),
])
def test_centre_pixel_samples_view_direction(view, pose):
    yaw, pitch, fov = view
    img = coded_panorama()
    out_w, out_h = 641, 361  # odd sizes: the centre pixel sits on the optical axis
    out = PerspectiveRenderer().render(img, yaw, pitch, fov, out_w, out_h, *pose)
    su, sv = decode(out[out_h // 2, out_w // 2])
    eu, ev = eq.pixel_from_direction(yaw, pitch, W, H, *pose)
    assert abs(wrapped(su - eu)) <= 0.51
    assert abs(sv - ev) <= 0.51


def test_edges_match_fov():
    yaw, fov, out_w, out_h = 60.0, 90.0, 640, 360
    b, e = view_ray(-0.5, (out_h - 1) / 2, yaw, 0.0, fov, out_w, out_h)
    assert b == pytest.approx(yaw - fov / 2) and e == pytest.approx(0.0, abs=1e-9)
    b, e = view_ray(out_w - 0.5, (out_h - 1) / 2, yaw, 0.0, fov, out_w, out_h)
    assert b == pytest.approx(yaw + fov / 2)
    vfov = 2 * np.degrees(np.arctan(np.tan(np.radians(fov / 2)) * out_h / out_w))
    b, e = view_ray((out_w - 1) / 2, -0.5, yaw, 0.0, fov, out_w, out_h)
    assert e == pytest.approx(vfov / 2) and b == pytest.approx(yaw)
    # the rendered left/right columns sample the directions half a view pixel inside the edges
    out = PerspectiveRenderer().render(coded_panorama(), yaw, 0.0, fov, out_w, out_h)
    for x in (0, out_w - 1):
        su, _ = decode(out[out_h // 2, x])
        bx, _ = view_ray(x, out_h // 2, yaw, 0.0, fov, out_w, out_h)
        eu, _ = eq.pixel_from_direction(bx, 0.0, W, H, 0.0)
        assert abs(wrapped(su - eu)) <= 0.51


def test_view_ray_and_view_pixel_are_inverse():
    rng = np.random.default_rng(3)
    x = rng.uniform(-0.5, 799.5, 300)
    y = rng.uniform(-0.5, 449.5, 300)
    for yaw, pitch, fov in [(0, 0, 90), (350, 35, 120), (123, -60, 30)]:
        b, e = view_ray(x, y, yaw, pitch, fov, 800, 450)
        x2, y2, vis = view_pixel(b, e, yaw, pitch, fov, 800, 450)
        assert np.allclose(x2, x, atol=1e-6) and np.allclose(y2, y, atol=1e-6)
        assert vis.all()
    # behind the viewer: NaN and not visible; in front but outside: not visible
    x, y, vis = view_pixel(180.0, 0.0, 0.0, 0.0, 90.0, 800, 450)
    assert np.isnan(x) and np.isnan(y) and not vis
    x, y, vis = view_pixel(60.0, 0.0, 0.0, 0.0, 90.0, 800, 450)
    assert np.isfinite(x) and x > 800 and not vis
    # the renderer exposes the same helpers
    assert PerspectiveRenderer.view_ray(0, 0, 10, 0, 90, 100, 50) == view_ray(0, 0, 10, 0, 90, 100, 50)


@pytest.mark.parametrize("view,pose", [
    ((0.0, 0.0, 90.0), (0.0, 0.0, 0.0)),
    ((178.0, 25.0, 100.0), (0.0, 0.0, 0.0)),
    ((250.0, -30.0, 60.0), (33.0, 3.0, 2.0)),
    ((10.0, 15.0, 110.0), (200.0, -2.0, 5.0)),
])
def test_coarse_lookup_error_below_one_source_pixel(view, pose):
    yaw, pitch, fov = view
    w, h, out_w, out_h = 8192, 4096, 1280, 720
    u, v = PerspectiveRenderer().source_coordinates(w, h, yaw, pitch, fov, out_w, out_h, *pose)
    ys, xs = np.mgrid[0:out_h, 0:out_w]
    b, e = view_ray(xs, ys, yaw, pitch, fov, out_w, out_h)
    ue, ve = eq.pixel_from_direction(b, e, w, h, *pose)
    interior = np.abs(e) < 60
    assert interior.mean() > 0.5
    assert np.max(np.abs(wrapped(u - ue, w))[interior]) < 1.0
    assert np.max(np.abs(v - ve)[interior]) < 1.0
    assert np.all((u >= -0.5) & (u < w - 0.5))


@pytest.mark.parametrize("channels", [3, 4])
@pytest.mark.parametrize("size", [(1024, 2048), (50, 100), (64, 130)])
def test_render_is_nearest_neighbour_of_lookup(channels, size):
    h, w = size
    img = coded_panorama(w, h, channels)
    r = PerspectiveRenderer()
    for yaw, pitch, fov, pose in [(10, 0, 90, (0, 0, 0)), (200, 40, 100, (5, 1, 2)), (179, -80, 120, (0, 0, 0))]:
        out = r.render(img, yaw, pitch, fov, 321, 183, *pose)
        assert out.shape == (183, 321, channels) and out.dtype == np.uint8
        u, v = r.source_coordinates(w, h, yaw, pitch, fov, 321, 183, *pose)
        ui = np.floor(u + 0.5).astype(int) % w
        vi = np.clip(np.floor(v + 0.5).astype(int), 0, h - 1)
        assert np.array_equal(out, img[vi, ui])


def test_packing_keeps_every_pixel_including_the_last():
    for h, w in [(7, 130), (16, 64), (3, 5)]:
        img = np.random.default_rng(1).integers(0, 256, (h, w, 3), dtype=np.uint8)
        packed = persp._pack_column_strips(img)
        v, u = np.mgrid[0:h, 0:w]
        at = ((u >> 6) * h + v) * 64 + (u & 63)
        rgb = packed[at].view(np.uint8).reshape(h, w, 4)[..., :3]
        assert np.array_equal(rgb, img)


def test_packed_cache_follows_the_image():
    r = PerspectiveRenderer()
    a = coded_panorama(256, 128)
    first = r.render(a, 0, 0, 90, 64, 48).copy()
    b = a[::-1].copy()  # different content, same shape
    assert not np.array_equal(r.render(b, 0, 0, 90, 64, 48), first)
    assert np.array_equal(r.render(a, 0, 0, 90, 64, 48), first)
    a[:] = 7  # edited in place: invalidate() makes the change visible
    r.invalidate()
    assert np.all(r.render(a, 0, 0, 90, 64, 48) == 7)


def test_out_buffer_and_bad_input():
    r = PerspectiveRenderer()
    img = coded_panorama(256, 128)
    buf = np.zeros((40, 60, 3), np.uint8)
    res = r.render(img, 45, 10, 70, 60, 40, out=buf)
    assert res is buf and np.array_equal(buf, r.render(img, 45, 10, 70, 60, 40))
    with pytest.raises(ValueError):
        r.render(img, 0, 0, 90, 61, 40, out=buf)
    with pytest.raises(ValueError):
        r.render(img.astype(np.float32), 0, 0, 90, 60, 40)
