"""Parameters of the three demo-city sizes.

Panorama targets count both campaigns (2021 covers every road, 2023 re-drives about
``RERUN_FRACTION`` of it), so the road length is target × spacing / (1 + RERUN_FRACTION).
"""
from dataclasses import dataclass

CENTRE = (410400.0, 5477600.0)  # EPSG:25832, Kaiserslautern Stiftskirche / Marktstraße area
GROUND_Z = 235.0  # metres above sea level of the (flat) demo city
PANORAMA_SPACING = 5.0  # metres between panoramas along a drive
CAMERA_HEIGHT = 2.5
RERUN_FRACTION = 0.30  # share of the road length driven again in 2023
SIGNS_PER_KM = 56.8  # about 22,000 signs over the city's road length
MARKINGS_PER_KM = 55.5  # about 21,500 markings


# A handful of streams with a whole year of values in the demo (weekly and seasonal patterns to look at).
YEAR_STREAMS = ("nt_west_ost", "nt_west_v", "radar_v", "ph_rathaus_occ", "umwelt_t")


@dataclass(frozen=True)
class SizeSpec:
    name: str
    target_panoramas: int
    districts: bool  # add generated districts around the real centre
    clip_to_target: bool  # cut the centre network down to the target length
    image_width: int
    image_height: int
    observation_days: int  # days of 15-minute sensor values written to the store for every stream
    year_streams: tuple = ()  # streams (sensors.StreamSpec.key) that get a whole year instead

    @property
    def target_road_length(self) -> float:
        return self.target_panoramas * PANORAMA_SPACING / (1.0 + RERUN_FRACTION)


SIZES = {
    "test": SizeSpec("test", 150, False, True, 2048, 1024, 14),
    "demo": SizeSpec("demo", 1500, False, False, 2048, 1024, 56, YEAR_STREAMS),
    "city": SizeSpec("city", 100600, True, False, 8192, 4096, 56),
}


def size_spec(size: str) -> SizeSpec:
    """The parameters of a size; ValueError names the valid sizes."""
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"unknown demo city size {size!r}; use one of {', '.join(SIZES)}") from None
