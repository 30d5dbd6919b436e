"""ETRS89 / UTM zone 32N (EPSG:25832) <-> geographic WGS84 (ETRS89 taken as WGS84).

Transverse Mercator by the Krüger series in n (Karney 2011, "Transverse Mercator
with an accuracy of a few nanometers"), to order n^6: far below 1 mm in the zone.
Accepts scalars or numpy arrays.
"""
import math

import numpy as np

__all__ = ["utm32_to_wgs84", "wgs84_to_utm32", "utm_to_geographic", "geographic_to_utm", "initial_bearing"]

# GRS80 (ETRS89); WGS84 differs by 0.1 mm in the semi-minor axis
A_AXIS = 6378137.0
FLATTENING = 1 / 298.257222101
K0 = 0.9996
FALSE_EASTING = 500000.0
ZONE32_LON0 = 9.0

_n = FLATTENING / (2 - FLATTENING)
_E = np.sqrt(FLATTENING * (2 - FLATTENING))  # first eccentricity
_RECT = A_AXIS / (1 + _n) * (1 + _n ** 2 / 4 + _n ** 4 / 64 + _n ** 6 / 256)  # rectifying radius
_ALPHA = (
    _n / 2 - 2 / 3 * _n ** 2 + 5 / 16 * _n ** 3 + 41 / 180 * _n ** 4 - 127 / 288 * _n ** 5
    + 7891 / 37800 * _n ** 6,
    13 / 48 * _n ** 2 - 3 / 5 * _n ** 3 + 557 / 1440 * _n ** 4 + 281 / 630 * _n ** 5
    - 1983433 / 1935360 * _n ** 6,
    61 / 240 * _n ** 3 - 103 / 140 * _n ** 4 + 15061 / 26880 * _n ** 5 + 167603 / 181440 * _n ** 6,
    49561 / 161280 * _n ** 4 - 179 / 168 * _n ** 5 + 6601661 / 7257600 * _n ** 6,
    34729 / 80640 * _n ** 5 - 3418889 / 1995840 * _n ** 6,
    212378941 / 319334400 * _n ** 6,
)
_BETA = (
    _n / 2 - 2 / 3 * _n ** 2 + 37 / 96 * _n ** 3 - 1 / 360 * _n ** 4 - 81 / 512 * _n ** 5
    + 96199 / 604800 * _n ** 6,
    1 / 48 * _n ** 2 + 1 / 15 * _n ** 3 - 437 / 1440 * _n ** 4 + 46 / 105 * _n ** 5
    - 1118711 / 3870720 * _n ** 6,
    17 / 480 * _n ** 3 - 37 / 840 * _n ** 4 - 209 / 4480 * _n ** 5 + 5569 / 90720 * _n ** 6,
    4397 / 161280 * _n ** 4 - 11 / 504 * _n ** 5 - 830251 / 7257600 * _n ** 6,
    4583 / 161280 * _n ** 5 - 108847 / 3991680 * _n ** 6,
    20648693 / 638668800 * _n ** 6,
)


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def geographic_to_utm(lon, lat, lon0=ZONE32_LON0, false_northing=0.0):
    """(easting, northing) in metres of geographic degrees, central meridian lon0."""
    phi = np.radians(np.asarray(lat, dtype=float))
    lam = np.radians(np.asarray(lon, dtype=float) - lon0)
    sin_phi = np.sin(phi)
    # tangent of the conformal latitude
    t = np.sinh(np.arctanh(sin_phi) - _E * np.arctanh(_E * sin_phi))
    xi_p = np.arctan2(t, np.cos(lam))
    eta_p = np.arctanh(np.sin(lam) / np.sqrt(1 + t * t))
    xi, eta = xi_p.copy(), eta_p.copy()
    for j, a in enumerate(_ALPHA, start=1):
        xi = xi + a * np.sin(2 * j * xi_p) * np.cosh(2 * j * eta_p)
        eta = eta + a * np.cos(2 * j * xi_p) * np.sinh(2 * j * eta_p)
    return _out(FALSE_EASTING + K0 * _RECT * eta), _out(false_northing + K0 * _RECT * xi)


def utm_to_geographic(easting, northing, lon0=ZONE32_LON0, false_northing=0.0):
    """(lon, lat) in degrees of UTM metres, central meridian lon0."""
    xi = (np.asarray(northing, dtype=float) - false_northing) / (K0 * _RECT)
    eta = (np.asarray(easting, dtype=float) - FALSE_EASTING) / (K0 * _RECT)
    xi_p, eta_p = xi.copy(), eta.copy()
    for j, b in enumerate(_BETA, start=1):
        xi_p = xi_p - b * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
        eta_p = eta_p - b * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
    lam = np.arctan2(np.sinh(eta_p), np.cos(xi_p))
    tau_p = np.sin(xi_p) / np.sqrt(np.sinh(eta_p) ** 2 + np.cos(xi_p) ** 2)  # tan(conformal lat)
    # Newton's method for tan(lat) from tan(conformal lat) (Karney 2011, eqs. 19-21)
    tau = tau_p.copy()
    for _ in range(5):
        sigma = np.sinh(_E * np.arctanh(_E * tau / np.sqrt(1 + tau * tau)))
        tau_i = tau * np.sqrt(1 + sigma * sigma) - sigma * np.sqrt(1 + tau * tau)
        dtau = ((tau_p - tau_i) / np.sqrt(1 + tau_i * tau_i)
                * (1 + (1 - _E ** 2) * tau * tau) / ((1 - _E ** 2) * np.sqrt(1 + tau * tau)))
        tau = tau + dtau
    return _out(lon0 + np.degrees(lam)), _out(np.degrees(np.arctan(tau)))


def wgs84_to_utm32(lon, lat):
    """EPSG:4326 (lon, lat) degrees -> EPSG:25832 (x, y) metres."""
    return geographic_to_utm(lon, lat)


def utm32_to_wgs84(x, y):
    """EPSG:25832 (x, y) metres -> EPSG:4326 (lon, lat) degrees."""
    return utm_to_geographic(x, y)


def initial_bearing(lon1, lat1, lon2, lat2):
    """Bearing from true north (degrees, clockwise) of the great circle from point 1 to point 2 (WGS84 degrees,
    sphere: over the few metres between two captures the ellipsoid changes it by far less than 0.1°)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0
