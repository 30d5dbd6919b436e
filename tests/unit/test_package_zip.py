"""`make package` output passes the plugins.qgis.org validator rules."""
import configparser
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
                     "tracker", "repository")
MAX_BYTES = 25 * 1024 * 1024


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    if not list((ROOT / "i18n").glob("*.qm")):
        pytest.fail("i18n/*.qm missing: `make test` compiles the translations first (make translations)")
    out = tmp_path_factory.mktemp("package")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(out / "build"),
                             str(out / "dist")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    zips = list((out / "dist").glob("*.zip"))
    assert len(zips) == 1
    return zips[0]


def test_single_top_level_folder_with_a_valid_name(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        tops = {name.split("/")[0] for name in zf.namelist()}
    assert tops == {"herzlich_digital_plugin"}
    assert re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", tops.pop())


def test_no_bytecode_hidden_files_or_unsafe_paths(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    for name in names:
        assert not name.startswith("/") and not re.match(r"^[A-Za-z]:", name), name
        assert ".." not in name.split("/"), name
        assert "__pycache__" not in name and not name.endswith((".pyc", ".pyo")), name
        assert not any(part.startswith(".") for part in name.split("/")), name
        assert "__MACOSX" not in name and not name.endswith(("Thumbs.db", ".DS_Store")), name


def test_required_files_and_size(plugin_zip):
    assert plugin_zip.stat().st_size <= MAX_BYTES
    with zipfile.ZipFile(plugin_zip) as zf:
        names = set(zf.namelist())
    for required in ("__init__.py", "metadata.txt", "LICENSE", "resources/icons/herzlich_digital.svg",
                     "i18n/herzlich_digital_de.qm"):
        assert f"herzlich_digital_plugin/{required}" in names, required
    assert not any(n.endswith(".ts") for n in names)


def test_metadata_has_every_required_field(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        text = zf.read("herzlich_digital_plugin/metadata.txt").decode("utf-8")
        names = set(zf.namelist())
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    assert parser.has_section("general")
    general = parser["general"]
    for key in REQUIRED_METADATA:
        assert general.get(key, "").strip(), f"metadata.txt lacks {key}"
    assert general["qgisMinimumVersion"] == "3.22"
    assert re.match(r"^\d+\.\d+\.\d+$", general["version"])
    assert re.match(r"^[^@\s]+@[^@\s]+\.[a-z]+$", general["email"])
    for key in ("tracker", "repository"):
        assert general[key].startswith("https://"), key
    assert f"herzlich_digital_plugin/{general['icon']}" in names
    assert general.get("hasProcessingProvider") == "yes"


def test_zip_installs_and_imports(plugin_zip, tmp_path):
    """Unpacked as QGIS would, the package imports and exposes classFactory."""
    with zipfile.ZipFile(plugin_zip) as zf:
        zf.extractall(tmp_path)
    code = "import herzlich_digital_plugin as p; assert callable(p.classFactory); print('ok')"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr
