"""The at-rest frame: exact bilinear sampling (seam included) when zoomed in, mip levels against moiré when zoomed
out, measured against a 4x4 supersampled reference computed here independently (float64, exact ray per sample)."""
import numpy as np
import pytest

from herzlich_digital_plugin.core.equirect import pixel_from_direction
from herzlich_digital_plugin.core.perspective import PerspectiveRenderer, view_ray
from herzlich_digital_plugin.core.perspective_smooth import SmoothRenderer, mip_level

H, W = 1024, 2048


def _image(channels=4, seed=3):
    """Fine oblique stripes (moiré when zoomed out), small hard checks (blocks when zoomed in), smooth blobs."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    img = np.zeros((H, W, channels), np.uint8)
    img[..., 0] = (127 + 120 * np.sin(xx / 1.7 + yy / 3.1)).astype(np.uint8)
    img[..., 1] = ((xx // 3 + yy // 3) % 2 * 255).astype(np.uint8)
    img[..., 2] = (127 + 100 * np.sin(xx / 30.0) * np.cos(yy / 20.0)).astype(np.uint8)
    if channels == 4:
        img[..., 3] = 255
    return img


def _bilinear(image, u, v):
    """Continuous source coordinates (pixel index = floor), wrapping in u, clamped in v; float64 RGB."""
    x, y = u - 0.5, np.clip(v - 0.5, 0, H - 1)
    i0, j0 = np.floor(x), np.floor(y)
    fx, fy = (x - i0)[..., None], (y - j0)[..., None]
    i0 = i0.astype(int) % W
    i1 = (i0 + 1) % W
    j0 = j0.astype(int)
    j1 = np.minimum(j0 + 1, H - 1)

    def px(j, i):
        return image[j, i, :3].astype(np.float64)

    return (px(j0, i0) * (1 - fx) + px(j0, i1) * fx) * (1 - fy) + (px(j1, i0) * (1 - fx) + px(j1, i1) * fx) * fy


def _reference(image, yaw, pitch, fov, ow, oh, heading, samples):
    acc = np.zeros((oh, ow, 3))
    for a in range(samples):
        for b in range(samples):
            ys, xs = np.mgrid[0:oh, 0:ow].astype(float)
            xs += (a + 0.5) / samples - 0.5
            ys += (b + 0.5) / samples - 0.5
            bearing, elevation = view_ray(xs, ys, yaw, pitch, fov, ow, oh)
            u, v = pixel_from_direction(bearing, elevation, W, H, heading)
            acc += _bilinear(image, u + 0.5, v + 0.5)
    return acc / samples ** 2


def _psnr(frame, ref):
    mse = np.mean((np.asarray(frame)[..., :3].astype(np.float64) - ref) ** 2)
    return 10 * np.log10(255.0 ** 2 / mse)


def test_mip_level_follows_the_size_of_a_view_pixel():
    assert mip_level(8192, 20, 1920) == 0  # zoomed in: a view pixel is a quarter of a source pixel
    assert mip_level(8192, 110, 1920) == 0  # 1.9 source pixels per view pixel: bilinear still copes
    assert mip_level(8192, 110, 480) == 2  # 7.7 per pixel: level 2 (texels of 4 pixels)
    assert mip_level(16384, 60, 640) == 2  # 4.7 per pixel


@pytest.mark.parametrize("channels", [3, 4])
def test_zoomed_in_it_is_exact_bilinear_even_across_the_seam(channels):
    image = _image(channels)
    heading = 10.0
    yaw = heading + 180.0  # looking at the image's left/right edge: the view crosses the seam
    frame = SmoothRenderer(PerspectiveRenderer(), threads=1).render(image, yaw, 3.0, 12.0, 160, 100,
                                                                     heading=heading)
    exact = _reference(image, yaw, 3.0, 12.0, 160, 100, heading, 1)
    # the renderer's source coordinates are linear between grid points 8 px apart: below 0.05 px off
    diff = np.abs(frame[..., :3].astype(float) - exact)
    assert np.percentile(diff, 99) <= 2.0 and diff.mean() < 0.6


def test_at_rest_frame_beats_nearest_and_is_no_worse_than_plain_bilinear():
    image = _image()
    renderer = PerspectiveRenderer()
    smooth = SmoothRenderer(PerspectiveRenderer(), threads=2)
    rows = {}
    for fov, ow, oh in ((20, 320, 180), (60, 160, 90), (110, 160, 90)):
        ref = _reference(image, 30, 5, fov, ow, oh, 0.0, 4)
        plain = _reference(image, 30, 5, fov, ow, oh, 0.0, 1)
        rows[fov] = (_psnr(renderer.render(image, 30, 5, fov, ow, oh), ref),
                     10 * np.log10(255.0 ** 2 / np.mean((plain - ref) ** 2)),
                     _psnr(smooth.render(image, 30, 5, fov, ow, oh), ref))
    print("PSNR (nearest, plain bilinear, at rest):", {k: tuple(round(x, 1) for x in v) for k, v in rows.items()})
    for fov, (nearest, bilinear, ours) in rows.items():
        assert ours >= bilinear - 1.0, (fov, rows)  # the goal: within 1 dB of plain bilinear
        assert ours > nearest + 3.0, (fov, rows)
    # zoomed out (mip levels 1-2 here), plain bilinear aliases; the mip level does not
    assert rows[110][2] > rows[110][1] + 3.0, rows


def test_levels_follow_the_panorama_shown():
    smooth = SmoothRenderer(PerspectiveRenderer(), threads=1)
    first, second = _image(seed=1), np.ascontiguousarray(_image()[:, ::-1])
    a = smooth.render(first, 0, 0, 110, 160, 90)
    b = smooth.render(second, 0, 0, 110, 160, 90)
    assert not np.array_equal(a, b)
    assert np.array_equal(smooth.render(first, 0, 0, 110, 160, 90), a)
