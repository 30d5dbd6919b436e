"""The plugin version, read once from metadata.txt."""
import configparser
from functools import lru_cache

from .paths import metadata_path


@lru_cache(maxsize=1)
def plugin_metadata() -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}


def plugin_version() -> str:
    return plugin_metadata().get("version", "0.0.0")
