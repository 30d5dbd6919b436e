"""Limits checked before JSON is parsed: Python's parser recurses once per nesting level, so a file nested
200,000 deep ends in a RecursionError traceback instead of a message. No QGIS here: callers translate."""
import re

import numpy as np

MAX_JSON_DEPTH = 200  # GeoJSON needs 5 or 6 levels; SensorThings answers with $expand about 10
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonTooDeepError(ValueError):
    """The text nests arrays/objects deeper than ``limit``."""

    def __init__(self, limit: int):
        super().__init__(f"JSON nested deeper than {limit} levels")
        self.limit = limit


def json_depth(text) -> int:
    """The deepest nesting of arrays and objects in ``text`` (str or bytes), strings skipped."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def check_json_depth(text, limit: int = MAX_JSON_DEPTH):
    """``text`` itself; JsonTooDeepError when it nests deeper than ``limit``."""
    if json_depth(text) > limit:
        raise JsonTooDeepError(limit)
    return text
