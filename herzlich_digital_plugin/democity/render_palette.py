"""Colours of the rendered demo city, and the sky and ground tones per image row."""
import numpy as np

SKY_ZENITH = (62, 118, 201)
SKY_HORIZON = (206, 221, 236)
GROUND_HAZE = (148, 154, 150)  # distant ground: darker than the sky's haze, so the horizon stays visible

# Ground categories: index into the per-row ground palette.
GRASS, PAVEMENT, KERB, ASPHALT, MARK_WHITE, MARK_YELLOW = range(6)
GROUND_COLOURS = np.array([
    (92, 124, 62),  # grass
    (181, 174, 160),  # pavement slabs, beige grey
    (204, 202, 196),  # kerb stones
    (92, 93, 97),  # asphalt
    (242, 242, 238),  # white markings
    (238, 196, 40),  # yellow (temporary) markings
], dtype=float)
N_GROUND = len(GROUND_COLOURS)

POLE = (128, 131, 136)
POLE_DARK = (96, 98, 103)
SIGN_BACK = (138, 140, 143)
WHITE = (245, 245, 245)
RED = (200, 30, 35)
BLACK = (25, 25, 25)
LIGHT_BOX = (32, 34, 36)
LIGHT_ON = ((230, 40, 35), (245, 170, 20), (40, 205, 90))  # red, amber, green from the top
LIGHT_OFF = ((50, 33, 32), (50, 45, 30), (32, 48, 40))  # dark lenses, barely tinted
WINDOW = (58, 70, 88)
SUN = (np.sin(np.radians(200.0)), np.cos(np.radians(200.0)))  # sun from the south-south-west


def sky_rows(pitch_deg):
    """(n, 3) uint8 sky colour per row: haze at the horizon, blue towards the zenith."""
    k = np.clip(np.sin(np.radians(pitch_deg)), 0.0, 1.0) ** 0.55
    zen = np.asarray(SKY_ZENITH, float)
    hor = np.asarray(SKY_HORIZON, float)
    return np.round(hor + (zen - hor) * k[:, None]).astype(np.uint8)


def ground_rows(distance):
    """(n, N_GROUND, 3) uint8 ground palette per row: far ground darkens and fades into haze."""
    r = np.asarray(distance, float)
    pal = np.broadcast_to(GROUND_COLOURS, (len(r),) + GROUND_COLOURS.shape).copy()
    pal[:, GRASS] *= (1.0 - 0.3 * np.clip(r / 150.0, 0.0, 1.0))[:, None]
    fog = (1.0 - np.exp(-np.nan_to_num(r, posinf=1e9) / 700.0))[:, None, None]
    pal = pal * (1.0 - fog) + np.asarray(GROUND_HAZE, float) * fog
    return np.round(pal).astype(np.uint8)


def _is_red(c):
    return c[0] > 150 and c[1] < 100 and c[2] < 100


def _is_light(c):
    return c[0] > 190 and c[1] > 150  # white or yellow faces


def sign_border(shape, colour):
    """(border colour, border width as a fraction of the half-width) of a sign face."""
    c = tuple(colour)
    if shape in ("triangle", "triangle_down"):
        return (RED, 0.17) if _is_light(c) else (WHITE, 0.10)
    if shape == "circle":
        if _is_light(c):
            return RED, 0.18  # prohibition: red ring on white
        return WHITE, 0.06
    if shape in ("octagon", "diamond"):
        return WHITE, 0.08 if shape == "octagon" else 0.12
    if _is_light(c) and not _is_red(c):
        return BLACK, 0.04  # white plates have a thin black edge
    return WHITE, 0.06


def shade(colour, factor):
    return tuple(int(min(255, max(0, round(ch * factor)))) for ch in colour)
