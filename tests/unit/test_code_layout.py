"""Architecture rules: imports go one way (gui → processing → capabilities → styles/store → core), there is no
import cycle (imports inside functions count too), nothing in the product imports the demo city except its own
entry points, and the pure layers never touch QGIS or Qt. Parsed from the source, so it needs nothing installed."""
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
    "styles": {"core", "store", "toolbelt", "styles"},
    "panorama": {"core", "store", "toolbelt", "panorama"},
    "review": {"core", "store", "toolbelt", "review", "panorama"},
    "sensors": {"core", "store", "toolbelt", "sensors"},
    "roadworks": {"core", "store", "toolbelt", "roadworks", "sensors", "review", "panorama"},
    "register": {"core", "store", "toolbelt", "review", "register"},
    "processing": {"core", "store", "toolbelt", "styles", "panorama", "review", "sensors", "roadworks",
                   "register", "processing"},
    "gui": {"core", "store", "toolbelt", "styles", "panorama", "review", "sensors", "roadworks", "processing",
            "register", "gui"},
    # the demo city is a leaf: it may use the product, the product never imports it
    "democity": {"core", "store", "toolbelt", "styles", "panorama", "democity"},
    "": {"core", "store", "toolbelt", "processing", "gui", ""},
}
DEMO = "democity"
# The only product modules that may import the demo city, and why. Scripts, tests and benchmarks are not product.
DEMO_ENTRY_POINTS = {
    # The createdemocity algorithm builds the demo. The provider imports it, so the demo's image resolver is
    # registered whenever the plugin is loaded, and a demo store renders its missing images in any session.
    "processing/create_demo_city.py": "createdemocity builds the demo city",
}
# Capability packages whose modules stay free of qgis.core (qgis.PyQt for tr() is fine) except these parts,
# by name prefix (roadworks/detour_build.py, and after the restructure roadworks/detour/build.py).
QGIS_PARTS = {"roadworks": ("detour", "report")}
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


def _module_name(path: Path) -> str:
    name = ".".join((PACKAGE, *path.relative_to(PACKAGE_DIR).with_suffix("").parts))
    return name[:-len(".__init__")] if name.endswith(".__init__") else name


def _target_layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE_DIR / parts[1]).is_dir()) else ""


def _violations():
    problems = []
    for path in _python_files():
        layer = _subpackage(path)
        allowed = ALLOWED.get(layer)
        rel = path.relative_to(ROOT)
        inner = path.relative_to(PACKAGE_DIR).as_posix()
        if allowed is None:
            problems.append(f"{rel}: subpackage '{layer}' is not in the architecture map (tests/unit/test_code_layout.py)")
            continue
        for line, name in _imports(path):
            top = name.split(".")[0]
            if top in FOREIGN_QT:
                problems.append(f"{rel}:{line}: import Qt only from qgis.PyQt, not {name}")
            if (layer in QGIS_PARTS and name.startswith("qgis.") and not name.startswith("qgis.PyQt")
                    and not inner.split("/", 1)[1].startswith(QGIS_PARTS[layer])):
                problems.append(f"{rel}:{line}: only the {'/'.join(QGIS_PARTS[layer])} parts of {layer}/ use QGIS "
                                f"(QGIS_PARTS), not {name}")
            if layer in PURE and (top == "qgis" or top in FOREIGN_QT):
                problems.append(f"{rel}:{line}: {layer}/ must stay free of QGIS and Qt, imports {name}")
            if top == PACKAGE:
                target = _target_layer(name)
                if target == DEMO and layer != DEMO:
                    if inner not in DEMO_ENTRY_POINTS:
                        problems.append(f"{rel}:{line}: the product may not import the demo city ({name}); only "
                                        f"its entry points may (DEMO_ENTRY_POINTS)")
                elif target not in allowed:
                    problems.append(f"{rel}:{line}: {layer or 'top level'} may not import {name}")
    return problems


def _module_graph():
    """module -> the package's modules it imports anywhere in the file (inside functions too)."""
    modules = {_module_name(p): p for p in _python_files()}
    graph = {}
    for name, path in modules.items():
        edges = set()
        for _, imported in _imports(path):
            if not imported.startswith(PACKAGE):
                continue
            while imported and imported not in modules:  # `from .x import func`: the module is x
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                edges.add(imported)
        graph[name] = edges
    return graph


def _cycles(graph):
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _package_chain(name: str):
    """A module's own packages (importing a.b.c runs a/__init__ and a/b/__init__ first)."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_import_cycles():
    """No module reaches itself through imports, counting imports inside functions (they only hide a cycle).

    A package's __init__ importing its own submodules is not a cycle (Python runs it first by design)."""
    graph = _module_graph()
    graph = {name: {t for t in edges if not (name in _package_chain(t))} for name, edges in graph.items()}
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_cycle_checker_sees_imports_inside_functions(tmp_path, monkeypatch):
    fake = tmp_path / PACKAGE
    (fake / "review").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "review" / "__init__.py").write_text("")
    (fake / "review" / "a.py").write_text("from .b import thing\n")
    (fake / "review" / "b.py").write_text("def thing():\n    from .a import other\n    return other\n")
    (fake / "review" / "c.py").write_text("from . import a\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake)
    assert _cycles(_module_graph()) == [[f"{PACKAGE}.review.a", f"{PACKAGE}.review.b"]]


def test_the_checker_keeps_the_demo_city_a_leaf(tmp_path, monkeypatch):
    """A product module importing democity (inside a function too) fails; a listed entry point may."""
    fake = tmp_path / PACKAGE
    entry_point = Path(next(iter(DEMO_ENTRY_POINTS)))
    for folder in ("panorama", "democity", *[str(p) for p in entry_point.parents if str(p) != "."]):
        (fake / folder).mkdir(parents=True, exist_ok=True)
        (fake / folder / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "democity" / "build.py").write_text("")
    (fake / "panorama" / "viewer_thing.py").write_text("def f():\n    from ..democity import build\n")
    (fake / entry_point).write_text("from " + "." * len(entry_point.parts) + "democity import build\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    problems = _violations()
    assert len(problems) == 1 and "viewer_thing.py:2: the product may not import the demo city" in problems[0]


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
    (fake / "roadworks").mkdir()
    (fake / "roadworks" / "__init__.py").write_text("")
    (fake / "roadworks" / "model.py").write_text("from qgis.core import QgsGeometry\n")
    (fake / "roadworks" / "report_pdf.py").write_text("from qgis.core import QgsLayoutExporter\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    problems = _violations()
    assert any("may not import herzlich_digital_plugin.gui" in p for p in problems)
    assert any("free of QGIS" in p for p in problems)
    assert [p for p in problems if "QGIS_PARTS" in p] == [
        "herzlich_digital_plugin/roadworks/model.py:1: only the detour/report parts of roadworks/ use QGIS "
        "(QGIS_PARTS), not qgis.core"]


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
