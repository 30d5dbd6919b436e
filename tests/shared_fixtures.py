"""Where the real-world fixtures live: ``../shared/fixtures`` beside the project (see its README and licences).

They are files nobody on this project wrote (camera JPEGs, OSM extracts, vendor feeds). CI lays ``shared/`` beside
the clone, so a missing folder is a broken checkout, not a reason to skip: ``shared_fixture()`` fails loudly.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"


def shared_fixture(*parts) -> Path:
    """Path of a file or folder below ../shared/fixtures; AssertionError naming it when it is not there."""
    path = SHARED_FIXTURES.joinpath(*parts)
    assert path.exists(), f"real-world fixture {path} is missing: ../shared/fixtures must lie beside the project"
    return path
