"""Where the plugin finds its files, both in a deployed plugin folder and in the source tree.

``make package`` copies resources/ and the compiled i18n/ into the plugin folder; in the source tree they sit
one level up, beside the package.
"""
from pathlib import Path

PLUGIN_FOLDER = Path(__file__).resolve().parent.parent


def _first_existing(name: str) -> Path:
    for base in (PLUGIN_FOLDER, PLUGIN_FOLDER.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return PLUGIN_FOLDER / name


def resources_folder() -> Path:
    return _first_existing("resources")


def i18n_folder() -> Path:
    return _first_existing("i18n")


def icon_path(name: str) -> str:
    """Absolute path of an icon in resources/icons (SVG or PNG, loaded by path: no .qrc)."""
    return str(resources_folder() / "icons" / name)


def metadata_path() -> Path:
    for base in (PLUGIN_FOLDER, PLUGIN_FOLDER.parent):
        candidate = base / "metadata.txt"
        if candidate.is_file():
            return candidate
    return PLUGIN_FOLDER / "metadata.txt"
