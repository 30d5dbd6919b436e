#!/usr/bin/env python3
"""Qt6 / QGIS 4 readiness check run by `make lint`: 0 findings or exit 1.

The rules are those of QGIS's own migration script (scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py in the QGIS
repository), written here as an AST scan that asks the running QGIS (PyQt5) what a name is:
- QVQ: ``QVariant.Type.X`` / ``QVariant.X`` type enums do not exist under PyQt6 (AttributeError at import time):
  field types go through toolbelt/field_types.py.
- ENUM: an enum member reached unscoped (``Qt.AlignLeft``, ``QgsVertexMarker.ICON_CROSS``): PyQt6 only knows the
  scoped form (``Qt.AlignmentFlag.AlignLeft``), which PyQt5 accepts too.
- EXEC: ``exec_()`` is gone in PyQt6, ``exec()`` works in both.
- GONE: classes and members Qt6 removed (QRegExp, QDesktopWidget, Qt.MidButton, QtWebKit, ...).
Usage: check_qt6.py [PATH...] (default: the plugin package). Needs qgis importable (the project venv).
"""
import ast
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GONE = {
    "QRegExp": "QRegularExpression", "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QScreen (QGuiApplication.screens())", "QtWebKit": "QtWebEngine",
    "QtWebKitWidgets": "QtWebEngineWidgets", "QGLWidget": "QOpenGLWidget", "QStringListModel.setStringList": "",
}
GONE_MEMBERS = {("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
                ("QFontMetrics", "width"): "QFontMetrics.horizontalAdvance",
                ("QFontMetricsF", "width"): "QFontMetricsF.horizontalAdvance"}
_MISSING = object()


def _enum_type(value):
    """The enum type of a PyQt5/sip or Python enum member, or None."""
    kind = type(value)
    if type(kind).__name__ == "enumtype" or any(base.__name__ == "Enum" for base in kind.__mro__[1:]):
        return kind
    return None


class Scanner(ast.NodeVisitor):
    def __init__(self, path: Path):
        self.path = path
        self.names = {}  # local name -> the object imported from qgis.*
        self.findings = []

    def report(self, node, rule, message):
        self.findings.append(f"{self.path}:{node.lineno}:{node.col_offset + 1}: {rule} {message}")

    def visit_ImportFrom(self, node):
        module = node.module or ""
        if module == "qgis" or module.startswith("qgis."):
            for alias in node.names:
                if alias.name in GONE:
                    self.report(node, "GONE", f"{alias.name} does not exist in Qt6: use {GONE[alias.name]}")
                try:
                    owner = importlib.import_module(module)
                    value = getattr(owner, alias.name, _MISSING)
                    if value is _MISSING:  # a submodule (from qgis import processing)
                        value = importlib.import_module(f"{module}.{alias.name}")
                    self.names[alias.asname or alias.name] = value
                except ImportError:
                    if alias.name not in GONE and not module.startswith("qgis.PyQt.QtWebKit"):
                        self.report(node, "GONE", f"{module}.{alias.name} cannot be imported")
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if node.attr == "exec_":
            self.report(node, "EXEC", "exec_() does not exist in PyQt6: use exec()")
        if isinstance(node.value, ast.Name) and node.value.id in self.names:
            self._check_member(node, node.value.id, self.names[node.value.id])
        elif (isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name)
              and node.value.value.id == "QVariant" and node.value.attr == "Type"):
            self.report(node, "QVQ", f"QVariant.Type.{node.attr} does not exist in PyQt6: use "
                                     f"toolbelt.field_types.field_type({node.attr!r})")
        self.generic_visit(node)

    def _check_member(self, node, name, owner):
        if (name, node.attr) in GONE_MEMBERS:
            self.report(node, "GONE", f"{name}.{node.attr} does not exist in Qt6: use {GONE_MEMBERS[name, node.attr]}")
            return
        if name == "QVariant" and node.attr == "Type":
            return  # reported with its member above
        value = getattr(owner, node.attr, None)
        kind = _enum_type(value)
        if kind is None or kind is owner or kind.__name__ == node.attr:
            return  # not an enum member, or already scoped (the owner is the enum itself)
        if name == "QVariant":
            self.report(node, "QVQ", f"QVariant.{node.attr} does not exist in PyQt6: use "
                                     f"toolbelt.field_types.field_type({node.attr!r})")
            return
        scoped = f"{name}.{kind.__name__}.{node.attr}" if getattr(owner, kind.__name__, None) is kind \
            else f"{kind.__qualname__}.{node.attr}"
        self.report(node, "ENUM", f"unscoped enum {name}.{node.attr}: use {scoped}")


def scan(paths):
    findings = []
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            scanner = Scanner(file.relative_to(ROOT) if file.is_relative_to(ROOT) else file)
            scanner.visit(ast.parse(file.read_text(encoding="utf-8"), filename=str(file)))
            findings.extend(scanner.findings)
    return findings


def main(argv):
    paths = [Path(a).resolve() for a in argv] or [ROOT / "herzlich_digital_plugin"]
    findings = scan(paths)
    for line in findings:
        print(line)
    print(f"Qt6 check: {len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
