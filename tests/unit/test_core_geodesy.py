import numpy as np
import pytest

from herzlich_digital_plugin.core import geodesy as geo

# Reference values computed with PROJ 9.1.1 (EPSG:25832 <-> EPSG:4326, always_xy).
PROJ_REFERENCE = [
    # (easting, northing, lon, lat)
    (410400.0, 5477600.0, 7.7639442438, 49.4444549308),  # Kaiserslautern, Stiftskirche area
    (500000.0, 5500000.0, 9.0000000000, 49.6525429236),
    (412345.678, 5480000.5, 7.7902477419, 49.4663261049),
    (300000.0, 5300000.0, 6.3279452218, 47.8222356211),
    (410759.6724, 5477621.3672, 7.7689, 49.4447),
    (500000.0, 5316300.2243, 9.0, 48.0),
    (285015.7633, 5542944.0185, 6.0, 50.0),
    (694255.7214, 6043296.0840, 12.0, 54.5),
]


@pytest.mark.parametrize("e,n,lon,lat", PROJ_REFERENCE)
def test_matches_proj_reference(e, n, lon, lat):
    lon2, lat2 = geo.utm32_to_wgs84(e, n)
    # 1e-9 degrees is about 0.1 mm
    assert lon2 == pytest.approx(lon, abs=1e-9) and lat2 == pytest.approx(lat, abs=1e-9)
    e2, n2 = geo.wgs84_to_utm32(lon, lat)
    assert e2 == pytest.approx(e, abs=1e-3) and n2 == pytest.approx(n, abs=1e-3)


def test_published_control_point_cn_tower():
    # Wikipedia "Universal Transverse Mercator coordinate system": CN Tower,
    # 43°38'33.24"N 79°23'13.7"W -> zone 17, 630084 m E, 4833438 m N
    lat = 43 + 38 / 60 + 33.24 / 3600
    lon = -(79 + 23 / 60 + 13.7 / 3600)
    e, n = geo.geographic_to_utm(lon, lat, lon0=-81.0)
    assert e == pytest.approx(630084, abs=1.0) and n == pytest.approx(4833438, abs=1.0)


def test_round_trip_over_the_zone_below_a_millimetre():
    rng = np.random.default_rng(7)
    x = rng.uniform(200000, 800000, 5000)
    y = rng.uniform(5200000, 6100000, 5000)
    lon, lat = geo.utm32_to_wgs84(x, y)
    assert lon.shape == x.shape
    x2, y2 = geo.wgs84_to_utm32(lon, lat)
    assert np.max(np.abs(x2 - x)) < 1e-6 and np.max(np.abs(y2 - y)) < 1e-6


def test_central_meridian_and_scale():
    e, _ = geo.wgs84_to_utm32(9.0, 49.0)
    assert e == pytest.approx(500000.0, abs=1e-9)
    # scale on the central meridian is k0: a small north step is 0.9996 x its meridian length
    _, n1 = geo.wgs84_to_utm32(9.0, 49.0)
    _, n2 = geo.wgs84_to_utm32(9.0, 49.0001)
    a, f = geo.A_AXIS, geo.FLATTENING
    e2 = f * (2 - f)
    phi = np.radians(49.00005)
    meridian_radius = a * (1 - e2) / (1 - e2 * np.sin(phi) ** 2) ** 1.5
    assert (n2 - n1) == pytest.approx(0.9996 * meridian_radius * np.radians(0.0001), rel=1e-6)


def test_agrees_with_pyproj_when_available():
    pyproj = pytest.importorskip("pyproj")
    tr = pyproj.Transformer.from_crs(25832, 4326, always_xy=True)
    rng = np.random.default_rng(11)
    x = rng.uniform(250000, 750000, 500)
    y = rng.uniform(5250000, 6050000, 500)
    lon, lat = geo.utm32_to_wgs84(x, y)
    lon_r, lat_r = tr.transform(x, y)
    assert np.max(np.abs(lon - lon_r)) < 1e-9 and np.max(np.abs(lat - lat_r)) < 1e-9
