"""Assemble the installable plugin folder and its zip (used by `make package`).

build/herzlich_digital_plugin/ holds the Python package plus metadata.txt, LICENSE, resources/ and the compiled
translations; dist/herzlich_digital_plugin-<version>.zip is that folder, ready for "Install from ZIP".
"""
import configparser
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "herzlich_digital_plugin"
SKIP_DIRS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts"}


def version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def _copy_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if any(part in SKIP_DIRS for part in relative.parts) or path.suffix in SKIP_SUFFIXES:
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)


def assemble(build_dir: Path) -> Path:
    folder = build_dir / PACKAGE
    if folder.exists():
        shutil.rmtree(folder)
    _copy_tree(ROOT / PACKAGE, folder)
    _copy_tree(ROOT / "resources", folder / "resources")
    for name in ("metadata.txt", "LICENSE"):
        shutil.copy2(ROOT / name, folder / name)
    qm_files = sorted((ROOT / "i18n").glob("*.qm"))
    if not qm_files:
        raise SystemExit("No compiled translations in i18n/: run `make translations` first.")
    (folder / "i18n").mkdir()
    for qm in qm_files:
        shutil.copy2(qm, folder / "i18n" / qm.name)
    return folder


def make_zip(folder: Path, dist_dir: Path) -> Path:
    dist_dir.mkdir(parents=True, exist_ok=True)
    archive = dist_dir / f"{PACKAGE}-{version()}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{PACKAGE}/{path.relative_to(folder).as_posix()}")
    return archive


def main(argv) -> int:
    build_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "build"
    dist_dir = Path(argv[2]) if len(argv) > 2 else ROOT / "dist"
    folder = assemble(build_dir)
    archive = make_zip(folder, dist_dir)
    print(f"{folder}\n{archive} ({archive.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
