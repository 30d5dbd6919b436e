"""Real camera files (../shared/fixtures/panoramas, geovisio/mapillary_tools/JOSM test data, licences there): what
we read from each, compared with geopic-tag-reader (the reader of the Panoramax server, a test dependency), and
every difference explained. Plus the import rules built on it: GoPro's placeholder heading, phone photospheres
with scaled GPano values, partial spheres, DJI XMP, XMP-only GPS, magnetic bearings, compass-less cameras."""
import datetime as dt
import math
import struct

import pytest

from herzlich_digital_plugin.core import gpano
from herzlich_digital_plugin.core.geodesy import initial_bearing, utm32_to_wgs84
from herzlich_digital_plugin.panorama.import_common import ImportReport
from herzlich_digital_plugin.panorama.import_folder import _candidate, check_image, derive_track_headings
from panorama_import_demo import small_jpeg
from shared_fixtures import shared_fixture

geopic = pytest.importorskip("geopic_tag_reader.reader")


def fixture(name):
    return shared_fixture("panoramas", name)


def angle_diff(a, b):
    return abs((a - b + 180.0) % 360.0 - 180.0)


def theirs(name):
    """geopic-tag-reader's reading; for files it refuses, the partial tags it read and the reason."""
    data = fixture(name).read_bytes()
    try:
        return geopic.readPictureMetadata(data), None
    except geopic.PartialExifException as error:
        return error.tags, str(error)


# -------------------------------------------------------------------------------- reading, file by file

@pytest.mark.parametrize("name", ["geovisio_1.jpg", "geovisio_2.jpg", "geovisio_3.jpg"])
def test_gopro_max_heading_is_gps_img_direction_not_the_placeholder_zero(name):
    ours = gpano.read_metadata(fixture(name))
    tags, refused = theirs(name)
    assert refused is None
    # GoPro writes PoseHeadingDegrees 0 for every image; the compass is in GPSImgDirection (349°, 11°, 1.5°)
    assert ours.heading_source == "exif"
    assert angle_diff(ours.heading, tags.heading) < 0.5  # geopic rounds the heading to whole degrees
    assert tags.yaw == 0.0  # geopic keeps the GPano pose as "yaw"; we read it as the placeholder it is
    assert (ours.lat, ours.lon) == pytest.approx((tags.lat, tags.lon), abs=1e-7)
    assert (ours.pitch, ours.roll) == (tags.pitch, tags.roll) == (0.0, 0.0)
    # DateTimeOriginal is local time without offset. geopic places it by the position's zone (France, CEST);
    # we take the GPS time stamp (UTC), which is the same instant
    assert ours.captured_at == tags.ts
    assert ours.captured_at.utcoffset() == dt.timedelta(0)


def test_gopro_headings_follow_the_track():
    """The three GoPro frames are a short walk: their compass agrees with the direction of travel (~5-25°)."""
    metas = [gpano.read_metadata(fixture(f"geovisio_{n}.jpg")) for n in (1, 2, 3)]
    travel = initial_bearing(metas[0].lon, metas[0].lat, metas[2].lon, metas[2].lat)
    assert all(angle_diff(m.heading, travel) < 30 for m in metas)


def test_pixel_photosphere_gpano_values_are_scaled_to_the_small_jpeg():
    ours = gpano.read_metadata(fixture("geovisio_d1.jpg"))
    tags, refused = theirs("geovisio_d1.jpg")
    assert refused is None
    assert (ours.width, ours.height) == (1024, 512)
    assert ours.crop is None  # FullPano 8704 × 4352 scaled to 1024 × 512: a whole sphere
    assert not [w for w in ours.warnings if "does not match" in w]
    # the only heading is GPano PoseHeadingDegrees 67: by the GPano spec the bearing of the image centre.
    # geopic reports it as yaw and leaves heading empty (it takes headings from EXIF only)
    assert ours.heading == 67.0 and ours.heading_source == "gpano"
    assert tags.heading is None and tags.yaw == 67.0
    assert (ours.lat, ours.lon) == pytest.approx((tags.lat, tags.lon), abs=1e-7)
    assert ours.captured_at == tags.ts


def test_partial_photosphere_knows_its_part_of_the_sphere():
    ours = gpano.read_metadata(fixture("geovisio_crop.jpg"))
    tags, refused = theirs("geovisio_crop.jpg")
    assert refused is None
    # geopic: full 15872 × 7936, the image 15872 × 2606 at top 2538 (in the stitcher's pixels); the JPEG is
    # 128 × 21, so we give the same crop in its pixels
    crop = tags.crop
    scale = ours.width / crop.width
    assert ours.crop == (round(crop.fullWidth * scale), round(crop.fullHeight * scale),
                         round(crop.left * scale), round(crop.top * scale)) == (128, 64, 0, 20)
    assert check_image(ours) is None  # imported as a partial panorama, no longer refused as "not 2:1"
    assert ours.heading == tags.yaw == 144.0


def test_dji_heading_comes_from_its_own_xmp():
    ours = gpano.read_metadata(fixture("geovisio_xpcomment.jpg"))
    tags, refused = theirs("geovisio_xpcomment.jpg")
    assert refused is None
    # GimbalYawDegree -123.1 (true north); geopic reads no DJI pose at all
    assert ours.heading == pytest.approx(236.9) and ours.heading_source == "dji"
    assert tags.heading is None and tags.yaw is None
    assert (ours.lat, ours.lon) == pytest.approx((tags.lat, tags.lon), abs=1e-7)
    # local DateTimeOriginal without zone and no GPS date: we assume Europe/Berlin, geopic the position's zone
    # (Strasbourg: the same offset, so the same instant)
    assert ours.captured_at == tags.ts


def test_gps_only_in_xmp_is_read():
    ours = gpano.read_metadata(fixture("mapillary_tools_adobe_coords.jpg"))
    tags, refused = theirs("mapillary_tools_adobe_coords.jpg")
    # exif:GPSLatitude "0,4.21601S", exif:GPSLongitude "34,22.91611E" (XMP's DDD,MM.mmk form): geopic-tag-reader
    # 1.10 refuses the file for missing coordinates; mapillary_tools (whose test file it is) reads these values
    assert refused is not None and "GPS" in refused
    assert ours.lat == pytest.approx(-(4.21601 / 60), abs=1e-9)
    assert ours.lon == pytest.approx(34 + 22.91611 / 60, abs=1e-9)
    assert ours.altitude == pytest.approx(1361.69)
    assert ours.heading == pytest.approx(176.3)  # GPano pose and XMP GPSImgDirection agree


@pytest.mark.parametrize("name", ["geovisio_invalid_exif.jpg", "geovisio_e1_without_exif.jpg",
                                  "josm_mapillary_xmpProjectionOnly.jpg"])
def test_files_without_a_position_are_refused_by_both(name, tmp_path):
    ours = gpano.read_metadata(fixture(name))
    _, refused = theirs(name)
    assert refused is not None  # geopic: "No GPS coordinates or broken coordinates"
    assert ours.lat is None and ours.lon is None
    report = ImportReport()
    assert _candidate(fixture(name), name, 2.5, tmp_path, report) is None
    assert "GPS" in dict(report.rejected)[name]


def test_perspective_photo_is_refused_as_a_photo():
    ours = gpano.read_metadata(fixture("geovisio_e1.jpg"))
    tags, _ = theirs("geovisio_e1.jpg")
    assert tags.type == "flat"  # geopic agrees: not a panorama
    assert "photo" in check_image(ours)


# -------------------------------------------------------------------------------- rules on invented files

def _meta(**kw):
    lon, lat = utm32_to_wgs84(410400.0, 5477600.0)
    values = dict(lat=float(lat), lon=float(lon), altitude=240.0, heading=None, pitch=0.0, roll=0.0,
                  captured_at=dt.datetime(2024, 5, 6, 10, 0, tzinfo=dt.timezone.utc))
    values.update(kw)
    return gpano.PanoMeta(**values)


def _with_magnetic_ref(data):
    """inject_metadata writes GPSImgDirectionRef "T": turn it into "M" (tag 0x10, ASCII, count 2, inline)."""
    entry = struct.pack("<HHI", 0x10, 2, 2) + b"T\x00\x00\x00"
    assert data.count(entry) == 1
    return data.replace(entry, struct.pack("<HHI", 0x10, 2, 2) + b"M\x00\x00\x00")


def test_magnetic_bearing_is_not_taken_as_a_true_heading(tmp_path):
    data = small_jpeg(64, 32, _meta(heading=100.0))
    assert gpano.read_metadata(data).heading == pytest.approx(100.0)  # the writer's own "T" first
    # the GPano pose repeats the heading: strip it so only EXIF speaks
    magnetic = _with_magnetic_ref(data).replace(b"PoseHeadingDegrees>100<", b"PoseHeadingXXXXXXX>100<")
    meta = gpano.read_metadata(magnetic)
    assert meta.heading is None
    assert any("magnetic" in w for w in meta.warnings)


def _track_candidates(tmp_path, count=4, step_m=5.0, bearing=45.0):
    report = ImportReport()
    cands = []
    for n in range(count):
        dx = n * step_m * math.sin(math.radians(bearing))
        dy = n * step_m * math.cos(math.radians(bearing))
        lon, lat = utm32_to_wgs84(410400.0 + dx, 5477600.0 + dy)
        meta = _meta(lon=float(lon), lat=float(lat),
                     captured_at=dt.datetime(2024, 5, 6, 10, 0, n, tzinfo=dt.timezone.utc))
        path = tmp_path / f"p{n}.jpg"
        path.write_bytes(small_jpeg(64, 32, meta))
        cands.append(_candidate(path, path.name, 2.5, tmp_path, report))
    return cands, report


def test_compassless_camera_gets_its_heading_from_the_track(tmp_path):
    cands, report = _track_candidates(tmp_path)
    assert all(c is not None and c["heading"] is None for c in cands)
    kept = derive_track_headings(cands, report)
    assert len(kept) == 4
    # grid bearing 45° in UTM 32N near Kaiserslautern is a true bearing of 45° + convergence (about -0.9°)
    for cand in kept:
        assert angle_diff(cand["heading"], 45.0) < 1.5
    assert angle_diff(kept[0]["heading"], 45.0) > 0.5  # a true bearing, not the grid one
    assert len([w for w in report.warnings if "derived from the track" in w[1]]) == 4


def test_lone_image_without_heading_is_refused(tmp_path):
    cands, report = _track_candidates(tmp_path, count=1)
    assert derive_track_headings(cands, report) == []
    assert "No heading" in dict(report.rejected)["p0.jpg"]


# -------------------------------------------------------------------------------- showing a partial sphere

def test_partial_panorama_is_decoded_onto_its_full_sphere(qgis_app):
    from herzlich_digital_plugin.panorama.image_decode import PARTIAL_FILL, decode, rgb

    decoded = decode(fixture("geovisio_crop.jpg"))
    assert (decoded.source_width, decoded.source_height) == (128, 64)
    assert (decoded.width, decoded.height) == (128, 64)
    pixels = rgb(decoded.array)
    grey = (PARTIAL_FILL.red(), PARTIAL_FILL.green(), PARTIAL_FILL.blue())
    assert tuple(pixels[5, 60]) == grey and tuple(pixels[60, 60]) == grey  # sky and ground: not in the file
    assert (pixels[22:40].astype(int) - grey).__abs__().sum(axis=2).mean() > 10  # the photo itself
    assert "Partial" in decoded.warning or "Teil" in decoded.warning
