"""Just enough of a Mapbox Vector Tile (protobuf, spec 2.1) to read Mapillary API v4 detection geometries.

Mapillary sends a detection's outline as a base64 vector tile whose coordinates are image positions scaled to
the layer's extent (4096): u = x / extent, v = y / extent. This reads layers, features and their geometry
commands (MoveTo, LineTo, ClosePath, zig-zag deltas); tags and values are skipped. Pure Python, no
dependency: a tile is a few dozen bytes. Every malformed input raises VectorTileError, never IndexError.
"""
import base64
import binascii
from typing import List, Tuple

Ring = List[Tuple[int, int]]
MAX_TILE_BYTES = 1 << 20  # a detection outline is tiny; anything bigger is not what we expect


class VectorTileError(ValueError):
    pass


def _varint(data: bytes, pos: int) -> Tuple[int, int]:
    result, shift = 0, 0
    while True:
        if pos >= len(data):
            raise VectorTileError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise VectorTileError("varint too long")


def _fields(data: bytes):
    """(field number, wire type, value) of a protobuf message; value is int (varint) or bytes (length-delimited)."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise VectorTileError("truncated field")
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        else:
            raise VectorTileError(f"unsupported wire type {wire}")
        if pos > len(data):
            raise VectorTileError("truncated field")
        yield number, wire, value


def _packed(data: bytes) -> List[int]:
    out, pos = [], 0
    while pos < len(data):
        value, pos = _varint(data, pos)
        out.append(value)
    return out


def _zigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _rings(commands: List[int]) -> List[Ring]:
    rings: List[Ring] = []
    x = y = 0
    i = 0
    current: Ring = []
    while i < len(commands):
        cmd, count = commands[i] & 7, commands[i] >> 3
        i += 1
        if cmd in (1, 2):
            if i + 2 * count > len(commands):
                raise VectorTileError("geometry ends inside a command")
            for _ in range(count):
                x += _zigzag(commands[i])
                y += _zigzag(commands[i + 1])
                i += 2
                if cmd == 1 and current:
                    rings.append(current)
                    current = []
                current.append((x, y))
        elif cmd == 7:
            if current:
                rings.append(current)
                current = []
        else:
            raise VectorTileError(f"unknown geometry command {cmd}")
    if current:
        rings.append(current)
    return rings


def decode_tile(data: bytes) -> List[dict]:
    """Every feature of every layer: {layer, extent, type, rings}."""
    if len(data) > MAX_TILE_BYTES:
        raise VectorTileError("the vector tile is too large")
    features = []
    for number, wire, layer in _fields(data):
        if number != 3 or wire != 2:
            continue
        name, extent, raw = "", 4096, []
        for n, w, v in _fields(layer):
            if n == 1 and w == 2:
                name = v.decode("utf-8", "replace")
            elif n == 5 and w == 0:
                extent = v
            elif n == 2 and w == 2:
                raw.append(v)
        if extent <= 0:
            raise VectorTileError("the layer extent must be positive")
        for feature in raw:
            gtype, geometry = 0, []
            for n, w, v in _fields(feature):
                if n == 3 and w == 0:
                    gtype = v
                elif n == 4 and w == 2:
                    geometry = _packed(v)
            features.append({"layer": name, "extent": extent, "type": gtype, "rings": _rings(geometry)})
    return features


def decode_base64_tile(text: str) -> List[dict]:
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise VectorTileError(f"not base64: {exc}") from None
    return decode_tile(data)


def normalized_bounds(text: str) -> Tuple[float, float, float, float]:
    """(u0, v0, u1, v1) of all the tile's points, divided by the extent: the box in normalised image units."""
    us, vs = [], []
    for feature in decode_base64_tile(text):
        for ring in feature["rings"]:
            for x, y in ring:
                us.append(x / feature["extent"])
                vs.append(y / feature["extent"])
    if not us:
        raise VectorTileError("the vector tile holds no geometry")
    return min(us), min(vs), max(us), max(vs)
