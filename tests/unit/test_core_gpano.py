import datetime as dt
import io
import random
import struct

import pytest

from herzlich_digital_plugin.core import gpano
from herzlich_digital_plugin.core.gpano import PanoMeta, PanoMetadataError, inject_metadata, read_metadata

CEST = dt.timezone(dt.timedelta(hours=2))


def seg(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def minimal_jpeg(width=640, height=320, extra=b""):
    """Structurally valid baseline JPEG header + dummy scan (enough for header parsing)."""
    app0 = seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    dqt = seg(0xDB, b"\x00" + bytes(range(1, 65)))
    sof = seg(0xC0, struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00")
    dht = seg(0xC4, b"\x00" + bytes([0, 1] + [0] * 14) + b"\x00")
    sos = seg(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00")
    return b"\xff\xd8" + app0 + extra + dqt + sof + dht + sos + b"\x12\x34\xff\x00\x56" + b"\xff\xd9"


def pil_jpeg(width=256, height=128):
    Image = pytest.importorskip("PIL.Image")
    import numpy as np
    rng = np.random.default_rng(0)
    img = Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def full_meta(**kw):
    values = dict(lat=49.4444549308, lon=7.7639442438, altitude=235.42, heading=123.4567, pitch=1.5,
                  roll=-0.25, captured_at=dt.datetime(2024, 5, 17, 14, 3, 7, 250000, tzinfo=CEST))
    values.update(kw)
    return PanoMeta(**values)


def app1_segments(data):
    """(kind, payload) of the APP1 segments before SOS."""
    out, pos = [], 2
    while data[pos + 1] != 0xDA:
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        payload = data[pos + 4:pos + 2 + length]
        if data[pos + 1] == 0xE1:
            out.append(("exif" if payload.startswith(b"Exif\x00\x00") else "xmp", payload))
        pos += 2 + length
    return out


def test_round_trip_with_real_jpeg():
    src = pil_jpeg()
    out = inject_metadata(src, full_meta())
    meta = read_metadata(out)
    assert meta.warnings == []
    assert meta.lat == pytest.approx(49.4444549308, abs=1e-9)
    assert meta.lon == pytest.approx(7.7639442438, abs=1e-9)
    assert meta.altitude == pytest.approx(235.42)
    assert meta.heading == pytest.approx(123.4567)
    assert meta.pitch == pytest.approx(1.5) and meta.roll == pytest.approx(-0.25)
    assert meta.captured_at == dt.datetime(2024, 5, 17, 12, 3, 7, 250000, tzinfo=dt.timezone.utc)
    assert meta.captured_at.utcoffset() == dt.timedelta(hours=2)
    assert (meta.width, meta.height) == (256, 128)
    assert meta.projection == "equirectangular"


def test_written_metadata_is_readable_by_pillow_and_pixels_unchanged():
    Image = pytest.importorskip("PIL.Image")
    import numpy as np
    src = pil_jpeg()
    out = inject_metadata(src, full_meta())
    before = np.asarray(Image.open(io.BytesIO(src)))
    after_img = Image.open(io.BytesIO(out))
    assert np.array_equal(np.asarray(after_img), before)
    exif = after_img.getexif()
    gps = exif.get_ifd(0x8825)
    lat = gps[2][0] + gps[2][1] / 60 + gps[2][2] / 3600
    assert gps[1] == "N" and lat == pytest.approx(49.4444549308, abs=1e-8)
    assert gps[3] == "E" and gps[16] == "T" and float(gps[17]) == pytest.approx(123.46)
    assert gps[29] == "2024:05:17"
    ex = exif.get_ifd(0x8769)
    assert ex[0x9003] == "2024:05:17 14:03:07" and ex[0x9011] == "+02:00"


def test_gpano_xmp_fields_and_sizes_from_sof():
    out = inject_metadata(minimal_jpeg(8192, 4096), PanoMeta(heading=370.0))
    xmp = [p for kind, p in app1_segments(out) if kind == "xmp"][0].decode("utf-8")
    for tag, value in [("ProjectionType", "equirectangular"), ("PoseHeadingDegrees", "10"),
                       ("FullPanoWidthPixels", "8192"), ("FullPanoHeightPixels", "4096"),
                       ("CroppedAreaImageWidthPixels", "8192"), ("CroppedAreaImageHeightPixels", "4096"),
                       ("CroppedAreaLeftPixels", "0"), ("CroppedAreaTopPixels", "0")]:
        assert "<GPano:%s>%s</GPano:%s>" % (tag, value, tag) in xmp
    meta = read_metadata(out)
    assert meta.heading == pytest.approx(10.0)
    assert any("GPS" in w for w in meta.warnings)


def test_inject_replaces_existing_segments_and_keeps_jfif_first():
    once = inject_metadata(minimal_jpeg(), full_meta())
    twice = inject_metadata(once, full_meta(lat=-33.5, lon=-70.25, altitude=-12.0, heading=5.0))
    kinds = [kind for kind, _ in app1_segments(twice)]
    assert sorted(kinds) == ["exif", "xmp"]
    assert twice[2:4] == b"\xff\xe0"  # JFIF APP0 still leads
    assert twice.endswith(minimal_jpeg()[-17:])  # scan data untouched
    meta = read_metadata(twice)
    assert meta.lat == pytest.approx(-33.5) and meta.lon == pytest.approx(-70.25)
    assert meta.altitude == pytest.approx(-12.0) and meta.heading == pytest.approx(5.0)


def test_heading_falls_back_to_gps_img_direction():
    out = inject_metadata(minimal_jpeg(), full_meta(heading=None))
    assert read_metadata(out).heading is None
    # EXIF direction only: drop the XMP segment of a fully tagged file
    tagged = inject_metadata(minimal_jpeg(), full_meta(heading=77.5))
    xmp = [p for kind, p in app1_segments(tagged) if kind == "xmp"][0]
    no_xmp = tagged.replace(seg(0xE1, xmp), b"")
    meta = read_metadata(no_xmp)
    assert meta.heading == pytest.approx(77.5)
    assert meta.projection is None and any("GPano" in w for w in meta.warnings)


def test_broken_xmp_is_salvaged_with_warning():
    broken = (b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
              b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
              b"xmlns:GPano='http://ns.google.com/photos/1.0/panorama/' GPano:PoseHeadingDegrees='12.5' "
              b"GPano:ProjectionType='equirectangular'><GPano:PosePitchDegrees>2</GPano:PosePitchDegrees>"
              b"</rdf:RDF>")  # Description and xmpmeta never closed
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, broken)))
    assert meta.heading == pytest.approx(12.5) and meta.pitch == pytest.approx(2.0)
    assert meta.projection == "equirectangular"
    assert any("XMP" in w and "well-formed" in w for w in meta.warnings)


def test_garbage_xmp_and_bad_numbers_only_warn():
    garbage = b"http://ns.adobe.com/xap/1.0/\x00\x00\xff\xfe<<<not xml"
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, garbage)))
    assert meta.heading is None and (meta.width, meta.height) == (640, 320)
    assert any("XMP" in w for w in meta.warnings)
    bad_number = (b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                  b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                  b"<rdf:Description xmlns:GPano='http://ns.google.com/photos/1.0/panorama/' "
                  b"GPano:PoseHeadingDegrees='north'/></rdf:RDF></x:xmpmeta>")
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, bad_number)))
    assert meta.heading is None and any("not a number" in w for w in meta.warnings)


def test_xmp_with_doctype_is_ignored():
    evil = (b"http://ns.adobe.com/xap/1.0/\x00<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x:xmpmeta "
            b"xmlns:x='adobe:ns:meta/'/>")
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, evil)))
    assert any("DOCTYPE" in w for w in meta.warnings)


def tiff_block(exif_entries=(), gps_entries=(), order="<"):
    """Build a TIFF/EXIF block by hand: entries are (tag, type, count, raw value bytes)."""
    def ifd(entries, at):
        table, data = b"", b""
        data_at = at + 2 + 12 * len(entries) + 4
        for tag, typ, count, raw in entries:
            if len(raw) <= 4:
                table += struct.pack(order + "HHI", tag, typ, count) + raw.ljust(4, b"\x00")
            else:
                table += struct.pack(order + "HHII", tag, typ, count, data_at + len(data))
                data += raw
        return struct.pack(order + "H", len(entries)) + table + b"\x00\x00\x00\x00" + data
    exif_at = 8 + 2 + 24 + 4
    exif = ifd(list(exif_entries), exif_at)
    gps_at = exif_at + len(exif)
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    ifd0 = struct.pack(order + "H", 2) + struct.pack(order + "HHII", 0x8769, 4, 1, exif_at) + \
        struct.pack(order + "HHII", 0x8825, 4, 1, gps_at) + b"\x00\x00\x00\x00"
    return b"Exif\x00\x00" + head + ifd0 + exif + ifd(list(gps_entries), gps_at)


def rationals(*pairs, order="<"):
    return b"".join(struct.pack(order + "II", a, b) for a, b in pairs)


def test_big_endian_exif_and_gps_time_fallback():
    gps = [(0x01, 2, 2, b"S\x00"), (0x02, 5, 3, rationals((10, 1), (30, 1), (0, 1), order=">")),
           (0x03, 2, 2, b"W\x00"), (0x04, 5, 3, rationals((20, 1), (15, 1), (36, 1), order=">")),
           (0x07, 5, 3, rationals((23, 1), (59, 1), (30500, 1000), order=">")),
           (0x1D, 2, 11, b"2023:12:31\x00")]
    exif = [(0x9003, 2, 20, b"2024:01:01 00:59:30\x00")]  # local time without offset
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, tiff_block(exif, gps, order=">"))))
    assert meta.lat == pytest.approx(-10.5) and meta.lon == pytest.approx(-(20 + 15 / 60 + 36 / 3600))
    assert meta.captured_at == dt.datetime(2023, 12, 31, 23, 59, 30, 500000, tzinfo=dt.timezone.utc)


def test_local_time_without_zone_assumes_berlin_with_warning():
    exif = [(0x9003, 2, 20, b"2024:07:01 12:00:00\x00")]
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, tiff_block(exif, []))))
    assert meta.captured_at.utcoffset() is not None
    assert meta.captured_at.astimezone(dt.timezone.utc).hour in (10, 12)  # Berlin summer time, or UTC
    assert any("time zone" in w for w in meta.warnings)


def test_corrupt_exif_offsets_only_warn():
    gps = [(0x02, 5, 3, struct.pack("<II", 0x7FFFFF00, 0) + b"x" * 4)]  # value points far outside
    block = tiff_block([], gps)
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, block)))
    assert meta.lat is None and any("GPS" in w for w in meta.warnings)
    # IFD0 pointing outside the block
    bad = b"Exif\x00\x00II*\x00" + struct.pack("<I", 5000)
    meta = read_metadata(minimal_jpeg(extra=seg(0xE1, bad)))
    assert any("EXIF" in w for w in meta.warnings) and meta.width == 640


def test_missing_gps_gives_warning_not_error():
    meta = read_metadata(inject_metadata(minimal_jpeg(), PanoMeta(heading=1.0)))
    assert meta.lat is None and meta.lon is None and meta.altitude is None
    assert any("No GPS" in w for w in meta.warnings)


@pytest.mark.parametrize("data,words", [
    (b"", "Not a JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "Not a JPEG"),
    (b"hello world", "Not a JPEG"),
    (b"\xff\xd8", "truncated"),
])
def test_unreadable_inputs_raise(data, words):
    with pytest.raises(PanoMetadataError, match=words):
        read_metadata(data)


def test_truncated_before_and_after_sof():
    data = inject_metadata(minimal_jpeg(), full_meta())
    sof_at = data.index(b"\xff\xc0")
    with pytest.raises(PanoMetadataError, match="truncated"):
        read_metadata(data[:sof_at + 5])
    meta = read_metadata(data[:sof_at + 19])  # SOF complete, DHT cut off
    assert (meta.width, meta.height) == (640, 320)
    assert meta.lat == pytest.approx(49.4444549308, abs=1e-9)
    assert any("truncated" in w for w in meta.warnings)


def test_paths_and_stop_at_sos(tmp_path):
    tagged = inject_metadata(minimal_jpeg(), full_meta())
    # an XMP segment hidden after SOS must not be read: it is image data
    sneaky = seg(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x/>")
    path = tmp_path / "pano.jpg"
    path.write_bytes(tagged[:-2] + sneaky + b"\xff\xd9")
    meta = read_metadata(path)
    assert meta.heading == pytest.approx(123.4567) and meta.warnings == []
    assert read_metadata(str(path)).lat == meta.lat
    with pytest.raises(PanoMetadataError, match="Cannot open"):
        read_metadata(tmp_path / "missing.jpg")
    (tmp_path / "text.jpg").write_text("not a jpeg")
    with pytest.raises(PanoMetadataError, match="Not a JPEG"):
        read_metadata(tmp_path / "text.jpg")


def test_never_crashes_on_mangled_files():
    base = inject_metadata(minimal_jpeg(), full_meta())
    rnd = random.Random(5)
    for i in range(400):
        data = bytearray(base)
        if i % 2:
            data = data[:rnd.randrange(3, len(data))]
        for _ in range(rnd.randrange(1, 6)):
            data[rnd.randrange(2, len(data))] = rnd.randrange(256)
        try:
            meta = read_metadata(bytes(data))
        except PanoMetadataError:
            continue
        assert isinstance(meta, PanoMeta) and isinstance(meta.warnings, list)


def test_inject_rejects_naive_time_and_unreadable_jpeg():
    with pytest.raises(ValueError):
        inject_metadata(minimal_jpeg(), PanoMeta(captured_at=dt.datetime(2024, 1, 1)))
    with pytest.raises(PanoMetadataError):
        inject_metadata(b"not a jpeg", PanoMeta())
    with pytest.raises(PanoMetadataError):
        inject_metadata(minimal_jpeg()[:40], PanoMeta())


def test_dms_rounding_carries():
    assert gpano._dms_rationals(7.99999999999) == [(8, 1), (0, 1), (0, 1000000)]
