"""Architecture rules: imports go one way (gui → QGIS adapters → store/democity → core), and the pure layers
never touch QGIS or Qt. Parsed from the source, so it needs nothing installed."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "herzlich_digital_plugin"
PACKAGE_DIR = ROOT / PACKAGE

# Which of our own subpackages each subpackage may import ("" is the package's top level: plugin.py etc.).
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "toolbelt": {"toolbelt"},
    "democity": {"core", "store", "democity", "toolbelt"},
    "panorama": {"core", "store", "toolbelt", "panorama", "democity"},
    "review": {"core", "store", "toolbelt", "review", "panorama"},
    "sensors": {"core", "store", "toolbelt", "sensors"},
    "roadworks": {"core", "store", "toolbelt", "roadworks", "sensors", "review", "panorama"},
    "register": {"core", "store", "toolbelt", "review", "register"},
    "processing": {"core", "store", "toolbelt", "democity", "panorama", "review", "sensors", "roadworks",
                   "register", "processing"},
    "gui": {"core", "store", "toolbelt", "democity", "panorama", "review", "sensors", "roadworks", "processing",
            "register", "gui"},
    "": {"core", "store", "toolbelt", "processing", "gui", ""},
}
PURE = {"core", "store"}  # no QGIS, no Qt: they run in any Python with numpy
FOREIGN_QT = ("PyQt5", "PyQt6", "PySide2", "PySide6")


def _python_files():
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _subpackage(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).parts
    return parts[0] if len(parts) > 1 else ""


def _imports(path: Path):
    """Absolute module names imported by a file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module_parts = [PACKAGE, *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    package_parts = module_parts[:-1] if path.name != "__init__.py" else module_parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[:len(package_parts) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield node.lineno, name
            if not node.module:  # `from . import x` imports the submodule x
                for alias in node.names:
                    yield node.lineno, f"{name}.{alias.name}"


def _violations():
    problems = []
    for path in _python_files():
        layer = _subpackage(path)
        allowed = ALLOWED.get(layer)
        rel = path.relative_to(ROOT)
        if allowed is None:
            problems.append(f"{rel}: subpackage '{layer}' is not in the architecture map (tests/unit/test_code_layout.py)")
            continue
        for line, name in _imports(path):
            top = name.split(".")[0]
            if top in FOREIGN_QT:
                problems.append(f"{rel}:{line}: import Qt only from qgis.PyQt, not {name}")
            if layer in PURE and (top == "qgis" or top in FOREIGN_QT):
                problems.append(f"{rel}:{line}: {layer}/ must stay free of QGIS and Qt, imports {name}")
            if top == PACKAGE:
                parts = name.split(".")
                target = parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE_DIR / parts[1]).is_dir()) else ""
                if target not in allowed:
                    problems.append(f"{rel}:{line}: {layer or 'top level'} may not import {name}")
    return problems


def test_imports_go_one_way():
    problems = _violations()
    assert not problems, "\n".join(problems)


def test_the_checker_catches_a_wrong_direction(tmp_path, monkeypatch):
    """The rule above must be able to fail: a core module importing gui is reported."""
    fake = tmp_path / PACKAGE
    (fake / "core").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "core" / "__init__.py").write_text("")
    (fake / "core" / "bad.py").write_text("from ..gui import settings_dialog\nfrom qgis.core import QgsPoint\n")
    (fake / "gui").mkdir()
    (fake / "gui" / "__init__.py").write_text("")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    problems = _violations()
    assert any("may not import herzlich_digital_plugin.gui" in p for p in problems)
    assert any("free of QGIS" in p for p in problems)


@pytest.mark.parametrize("layer", sorted(PURE))
def test_pure_layers_import_without_qgis(layer):
    """Import every module of a pure layer in a Python where qgis cannot be imported at all."""
    modules = [".".join((PACKAGE, *p.relative_to(PACKAGE_DIR).with_suffix("").parts))
               for p in _python_files() if _subpackage(p) == layer]
    modules = [m[:-len(".__init__")] if m.endswith(".__init__") else m for m in modules]
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
        "print('ok', len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
