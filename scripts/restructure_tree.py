#!/usr/bin/env python3
"""Turn the file-name prefixes of the plugin into folders, by rules, and rewrite every reference to them.

    python3 scripts/restructure_tree.py [--dry-run] [--no-check]

Run it once on a clean checkout (the coordinator runs it after merging everyone). It
- moves modules by RULES (not a fixed list), so files added later follow too:
    gui/panorama_*.py -> gui/panorama/*.py (panorama_dock.py -> gui/panorama/dock.py), gui/review_*,
    gui/roadworks_*, gui/sensor_* likewise, gui/<cap>_plugin.py -> gui/<cap>/ui.py, the rest of gui -> gui/common/;
    roadworks/{analysis,detour,exchange,report}_*.py -> roadworks/<prefix>/*.py, datex2/wzdx/cifs/geojson ->
    roadworks/exchange/ (model.py, repository.py stay); panorama/image_* -> panorama/images/,
    panorama/import_* -> panorama/imports/; democity/render_*.py -> democity/render/*.py and render.py ->
    democity/render/__init__.py; processing/*.py -> processing/{panorama,review,sensors,roadworks,admin}/ by
    a table, else by the capability package the module imports (unknown ones: a warning, left in place);
- rewrites imports (relative and absolute, module level and inside functions), dotted module names in
  strings and docs (mock.patch targets, "herzlich_digital_plugin.x.y"), and file paths in docs, Makefile,
  scripts, tests and the .ts catalogue (refresh the .ts locations with `make i18n-update` afterwards);
- moves tests to mirror the tree (tests/unit/<package>/, tests/qgis/<capability>/), keeping basenames unique
  (pytest's default import mode), test helpers to tests/ (on sys.path through tests/conftest.py), and fixes
  ``Path(__file__).parents[N]`` / ``os.path.dirname`` chains in moved files;
- uses `git mv`, prints every move, and exits non-zero if a rule is ambiguous, a basename repeats, a moved
  name is left behind anywhere, or a module no longer imports.
"""
import argparse
import ast
import keyword
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

PKG = "herzlich_digital_plugin"
ROOT = Path(__file__).resolve().parents[1]

GUI_CAPABILITIES = {"panorama": "panorama", "review": "review", "roadworks": "roadworks", "sensor": "sensors",
                    "sensors": "sensors"}
GUI_EXCEPTIONS = {"view_cone.py": "panorama/view_cone.py"}  # the panorama viewer's cone on the map
GUI_STAY = {"__init__.py"}
ROADWORKS_PREFIXES = ("analysis", "detour", "exchange", "report")
ROADWORKS_EXCHANGE = {"datex2.py", "wzdx.py", "cifs.py", "geojson.py"}
PANORAMA_PREFIXES = {"image": "images", "import": "imports"}
PROCESSING_CAPABILITIES = ("panorama", "review", "sensors", "roadworks", "admin")
PROCESSING_STAY = {"__init__.py", "algorithms.py", "base.py", "provider.py", "store_layer_results.py"}
PROCESSING_TABLE = {
    "import_panorama_common.py": "panorama", "import_panorama_folder.py": "panorama",
    "import_panorama_table.py": "panorama", "render_panorama_view.py": "panorama",
    "import_detections.py": "review", "triangulate_assets.py": "review", "export_assets.py": "review",
    "review_report.py": "review", "check_store.py": "review",
    "fetch_sensors.py": "sensors", "sensor_history.py": "sensors",
    "import_roadworks.py": "roadworks", "export_roadworks.py": "roadworks", "roadworks_impact.py": "roadworks",
    "detour_route.py": "roadworks", "roadworks_report.py": "roadworks",
    "setup_shared_database.py": "admin", "create_demo_city.py": "admin", "add_store_layers.py": "admin",
}
# Fallback for processing modules not in the table: the one capability package they import.
IMPORT_TO_CAPABILITY = {"panorama": "panorama", "review": "review", "sensors": "sensors", "roadworks": "roadworks",
                        "democity": "admin"}
NAME_TO_CAPABILITY = (("panorama", "panorama"), ("review", "review"), ("sensor", "sensors"),
                      ("roadworks", "roadworks"), ("detour", "roadworks"), ("register", "review"))

UNIT_TEST_PACKAGES = {"core": "core", "sensorthings": "core", "store": "store", "democity": "democity",
                      "panorama": "panorama", "review": "review", "roadworks": "roadworks", "sensors": "sensors",
                      "sensor": "sensors", "styles": "styles", "toolbelt": "toolbelt", "gui": "gui",
                      "processing": "processing"}
QGIS_TEST_CAPABILITIES = {"panorama": "panorama", "review": "review", "roadworks": "roadworks",
                          "sensor": "sensors", "sensors": "sensors", "store": "store"}
TEXT_SUFFIXES = {".py", ".md", ".txt", ".toml", ".cfg", ".ini", ".sh", ".ts", ".yml", ".yaml", ".json", ".pro"}
TEXT_NAMES = {"Makefile"}
SKIP_DIRS = {".git", ".venv", "build", "dist", "__pycache__", "node_modules"}


class Trouble(Exception):
    pass


def git(*args, check=True):
    return subprocess.run(["git", *args], cwd=ROOT, check=check, capture_output=True, text=True).stdout


def tracked_files():
    return [PurePosixPath(p) for p in git("ls-files").splitlines() if (ROOT / p).exists()]


# ---------------------------------------------------------------------------- the rules

def _strip(name: str, prefix: str) -> str:
    """``<prefix>_<rest>.py`` -> ``<rest>.py``; the whole name stays when <rest> is a Python keyword (import)."""
    rest = name[len(prefix) + 1:]
    return name if keyword.iskeyword(rest[:-3]) else rest


def plan_gui(name: str):
    if name in GUI_STAY:
        return None
    if name in GUI_EXCEPTIONS:
        return GUI_EXCEPTIONS[name]
    stem = name[:-3]
    if stem.endswith("_plugin") and stem[:-len("_plugin")] in GUI_CAPABILITIES:
        return f"{GUI_CAPABILITIES[stem[:-len('_plugin')]]}/ui.py"
    prefix = stem.split("_")[0]
    if prefix in GUI_CAPABILITIES and "_" in stem:
        return f"{GUI_CAPABILITIES[prefix]}/{_strip(name, prefix)}"
    return f"common/{name}"


def plan_roadworks(name: str):
    if name in ROADWORKS_EXCHANGE:
        return f"exchange/{name}"
    prefix = name.split("_")[0]
    if prefix in ROADWORKS_PREFIXES and "_" in name:
        return f"{prefix}/{_strip(name, prefix)}"
    return None  # model.py, repository.py, __init__.py and anything new stay


def plan_panorama(name: str):
    prefix = name.split("_")[0]
    if prefix in PANORAMA_PREFIXES and "_" in name:
        return f"{PANORAMA_PREFIXES[prefix]}/{_strip(name, prefix)}"
    return None


def plan_democity(name: str):
    if name == "render.py":
        return "render/__init__.py"
    if name.startswith("render_"):
        return f"render/{_strip(name, 'render')}"
    return None


def plan_processing(name: str, source: str, warnings):
    if name in PROCESSING_STAY:
        return None
    capability = PROCESSING_TABLE.get(name)
    if capability is None:
        found = set()
        try:
            tree = ast.parse(source)
        except SyntaxError:
            tree = None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
                top = node.module.split(".")[0]
                if top in IMPORT_TO_CAPABILITY:
                    found.add(IMPORT_TO_CAPABILITY[top])
        if len(found) != 1:
            found = {cap for word, cap in NAME_TO_CAPABILITY if word in name[:-3].split("_")}
        if len(found) == 1:
            capability = found.pop()
            warnings.append(f"processing/{name}: not in the table, moved to processing/{capability}/ by what it "
                            f"imports or is named (add it to PROCESSING_TABLE)")
        else:
            warnings.append(f"processing/{name}: capability unclear ({sorted(found) or 'none'}), left in place")
            return None
    return f"{capability}/{name}"


def plan_package(files):
    """{old path: new path} for the plugin's modules (repo-relative POSIX paths)."""
    moves, warnings = {}, []
    for path in files:
        parts = path.parts
        if len(parts) != 3 or parts[0] != PKG or path.suffix != ".py":
            continue
        package, name = parts[1], parts[2]
        target = None
        if package == "gui":
            target = plan_gui(name)
        elif package == "roadworks":
            target = plan_roadworks(name)
        elif package == "panorama":
            target = plan_panorama(name)
        elif package == "democity":
            target = plan_democity(name)
        elif package == "processing":
            target = plan_processing(name, (ROOT / path).read_text(encoding="utf-8"), warnings)
        if target:
            moves[path] = PurePosixPath(PKG, package, target)
    return moves, warnings


def _test_folder(kind: str, stem: str):
    words = stem[len("test_"):].split("_")
    table = UNIT_TEST_PACKAGES if kind == "unit" else QGIS_TEST_CAPABILITIES
    return table.get(words[0])


def plan_tests(files):
    moves = {}
    for path in files:
        parts = path.parts
        if len(parts) != 3 or parts[0] != "tests" or parts[1] not in ("unit", "qgis") or path.suffix != ".py":
            continue
        name = parts[2]
        if name == "__init__.py" or name == "conftest.py":
            continue
        if not name.startswith("test_"):
            moves[path] = PurePosixPath("tests", name)  # a helper: next to conftest.py, on sys.path
            continue
        folder = _test_folder(parts[1], path.stem)
        if folder:
            moves[path] = PurePosixPath("tests", parts[1], folder, name)
    return moves


# ---------------------------------------------------------------------------- names

def module_of(path: PurePosixPath) -> str:
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_of(path: PurePosixPath):
    """The package a file's relative imports start from (its own folder)."""
    return list(path.parts[:-1])


def check_names(moves, files):
    new_paths = {}
    for old, new in moves.items():
        if new in new_paths:
            raise Trouble(f"{old} and {new_paths[new]} would both become {new}")
        new_paths[new] = old
        if (ROOT / new).exists() and new not in moves:
            raise Trouble(f"{old} -> {new}: the target exists already")
    old_modules = {module_of(o) for o, n in moves.items() if o.parts[0] == PKG and module_of(o) != module_of(n)}
    for old, new in moves.items():
        if old.parts[0] != PKG:
            continue
        n = module_of(new)
        for o in old_modules:
            if o != module_of(old) and (n == o or n.startswith(o + ".")):
                raise Trouble(f"{old} -> {new}: its new name {n} starts with the old module name {o}")
    final = [moves.get(f, f) for f in files]
    basenames = {}
    for path in final:
        if path.parts[0] == "tests" and path.name.startswith("test_") and path.suffix == ".py":
            if path.name in basenames:
                raise Trouble(f"test basename {path.name} twice: {basenames[path.name]} and {path}")
            basenames[path.name] = path
    helpers = [p for p in final if p.parts[0] == "tests" and len(p.parts) == 2 and p.suffix == ".py"]
    if len({p.name for p in helpers}) != len(helpers):
        raise Trouble("two test helpers would get the same name in tests/")


# ---------------------------------------------------------------------------- rewriting imports

def _spec(target: str, new_file: PurePosixPath, relative: bool) -> str:
    if not relative:
        return target
    here = package_of(new_file)
    parts = target.split(".")
    common = 0
    while common < min(len(here), len(parts)) and here[common] == parts[common]:
        common += 1
    level = len(here) - common + 1
    return "." * level + ".".join(parts[common:])


def _resolve(node, old_file: PurePosixPath) -> str:
    if not node.level:
        return node.module or ""
    base = package_of(old_file)[:len(package_of(old_file)) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _line_offsets(text):
    offsets, total = [0], 0
    for line in text.splitlines(keepends=True):
        total += len(line)
        offsets.append(total)
    return offsets


def rewrite_imports(text: str, old_file: PurePosixPath, new_file: PurePosixPath, module_map, old_modules):
    """Relative imports re-aimed from the new place; `from pkg import module` statements whose modules move."""
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        raise Trouble(f"{old_file}: cannot parse: {error}")
    offsets = _line_offsets(text)
    edits = []
    inside_pkg = old_file.parts[0] == PKG
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level and not inside_pkg:
            continue  # tests' own relative imports (none today) are left alone
        base = _resolve(node, old_file)
        if not (base == PKG or base.startswith(PKG + ".")):
            continue
        relative = bool(node.level)
        new_base = module_map.get(base, base)
        attrs, modules = [], []
        for alias in node.names:
            full = f"{base}.{alias.name}"
            if alias.name != "*" and full in old_modules:
                modules.append((alias, module_map.get(full, full)))
            else:
                attrs.append(alias)
        groups = {}
        if attrs:
            groups.setdefault(new_base, []).extend(
                f"{a.name} as {a.asname}" if a.asname else a.name for a in attrs)
        for alias, target in modules:
            parent, _, leaf = target.rpartition(".")
            local = alias.asname or alias.name
            groups.setdefault(parent, []).append(leaf if leaf == local else f"{leaf} as {local}")
        unchanged_names = all(target == f"{base}.{alias.name}" for alias, target in modules)
        start = offsets[node.lineno - 1] + node.col_offset
        end = offsets[node.end_lineno - 1] + node.end_col_offset
        original = text[start:end]
        if len(groups) == 1 and unchanged_names and next(iter(groups)) == new_base:
            spec = _spec(new_base, new_file, relative)
            match = re.match(r"from\s+(\S+)\s+import", original)
            if match and match.group(1) != spec:
                edits.append((start + match.start(1), start + match.end(1), spec))
            continue
        indent = " " * node.col_offset
        statements = []
        for parent, names in groups.items():
            statements.append(f"from {_spec(parent, new_file, relative)} import {', '.join(names)}")
        edits.append((start, end, ("\n" + indent).join(statements)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


# ---------------------------------------------------------------------------- rewriting names and paths

def _alternation(names):
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def name_rewriter(module_map, path_map):
    """One regex pass: dotted module names (with and without the package prefix) and file paths."""
    dotted = {old: new for old, new in module_map.items() if old != new}
    bare = {old[len(PKG) + 1:]: new[len(PKG) + 1:] for old, new in dotted.items() if old.startswith(PKG + ".")}
    paths = {str(old): str(new) for old, new in path_map.items() if old != new}
    bare_paths = {k[len(PKG) + 1:]: v[len(PKG) + 1:] for k, v in paths.items() if k.startswith(PKG + "/")}
    bare_paths.update({k[len("tests/"):]: v[len("tests/"):] for k, v in paths.items() if k.startswith("tests/")})
    patterns = []
    if dotted:
        patterns.append((re.compile(r"(?<![\w.])(" + _alternation(dotted) + r")(?![\w])"), dotted))
    if bare:
        patterns.append((re.compile(r"(?<![\w./])(" + _alternation(bare) + r")(?![\w])"), bare))
    if paths:
        patterns.append((re.compile(r"(?<![\w])(" + _alternation(paths) + r")(?![\w])"), paths))
    if bare_paths:
        patterns.append((re.compile(r"(?<![\w./-])(" + _alternation(bare_paths) + r")(?![\w])"), bare_paths))

    def rewrite(text):
        for pattern, table in patterns:
            text = pattern.sub(lambda m, t=table: t[m.group(1)], text)
        return text
    return rewrite


_PARENTS = re.compile(r"(Path\(__file__\)(?:\.resolve\(\))?\.parents\[)(\d+)(\])")
_DIRNAME = re.compile(r"((?:os\.path\.dirname\()+)(os\.path\.abspath\(__file__\)|__file__)(\)+)")


def fix_depth(text: str, delta: int) -> str:
    """A moved test's own location arithmetic: ``parents[N]`` and dirname chains go ``delta`` levels further."""
    if delta == 0:
        return text

    def parents(match):
        level = int(match.group(2)) + delta
        if level < 0:
            raise Trouble(f"parents[{match.group(2)}] cannot move {delta} levels")
        return f"{match.group(1)}{level}{match.group(3)}"

    def dirname(match):
        count = match.group(1).count("dirname(")
        new = count + delta
        if new < 1:
            raise Trouble(f"a chain of {count} os.path.dirname cannot move {delta} levels")
        return "os.path.dirname(" * new + match.group(2) + ")" * new + match.group(3)[count:]

    text = _PARENTS.sub(parents, text)
    text = _DIRNAME.sub(dirname, text)
    if delta > 0:
        text = re.sub(r"Path\(__file__\)\.resolve\(\)\.parent(?![\w\[])",
                      f"Path(__file__).resolve().parents[{delta}]", text)
    elif re.search(r"__file__\)\.resolve\(\)\.parent(?![\w\[])", text):
        raise Trouble("a file moving up uses Path(__file__).resolve().parent: fix it by hand first")
    return text


def is_text(path: PurePosixPath) -> bool:
    return path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES


# ---------------------------------------------------------------------------- doing it

def new_packages(moves):
    """Folders that become packages: every new folder under the plugin needs an __init__.py."""
    folders = set()
    for new in moves.values():
        if new.parts[0] != PKG:
            continue
        folder = new.parent
        while folder != PurePosixPath(PKG):
            folders.add(folder)
            folder = folder.parent
    return sorted(f for f in folders if not (ROOT / f / "__init__.py").exists()
                  and PurePosixPath(f, "__init__.py") not in moves.values())


PACKAGE_DOCS = {
    "gui/common": "GUI pieces every capability shares: the active store, settings, the UI registry.",
    "gui/panorama": "The panorama viewer: dock, view widget, map tool, layers.",
    "gui/review": "The review GUI: queue, inspector, asset panel, map tools, symbols.",
    "gui/roadworks": "The roadworks GUI: drawing, form, check dock, detours.",
    "gui/sensors": "The sensor GUI: live layers, time-series dock, alerts.",
    "roadworks/analysis": "Roadworks analysis: conflicts, affected assets and sensors, traffic, quietest window.",
    "roadworks/detour": "Detours: network, closures, route search, build.",
    "roadworks/exchange": "Roadworks exchange formats: DATEX II, WZDx, CIFS, GeoJSON.",
    "roadworks/report": "The roadworks PDF report: language, map, snapshots.",
    "panorama/images": "Panorama images: locate, resolve, download, cache, decode, pack.",
    "panorama/imports": "Panorama imports: a folder of JPEGs, pose tables.",
    "processing/panorama": "Processing algorithms of the panorama capability.",
    "processing/review": "Processing algorithms of the review capability.",
    "processing/sensors": "Processing algorithms of the sensor capability.",
    "processing/roadworks": "Processing algorithms of the roadworks capability.",
    "processing/admin": "Processing algorithms for stores and the demo: set up, add layers, demo city.",
}


def run_checks(final_modules):
    """Every plugin module imports (headless Qt), and the layout test passes."""
    code = ("import importlib, sys\nfailed = []\n"
            f"for m in {sorted(final_modules)!r}:\n"
            "    try:\n        importlib.import_module(m)\n"
            "    except Exception as e:\n        failed.append(f'{m}: {type(e).__name__}: {e}')\n"
            "print('\\n'.join(failed))\nsys.exit(1 if failed else 0)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
    result = subprocess.run([python, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise Trouble("modules that no longer import:\n" + (result.stdout or result.stderr)[-4000:])
    print(f"all {len(final_modules)} plugin modules import")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    parser.add_argument("--no-check", action="store_true", help="skip importing every module afterwards")
    args = parser.parse_args(argv)
    if git("status", "--porcelain", "--untracked-files=no").strip() and not args.dry_run:
        raise Trouble("the work tree has uncommitted changes: commit or stash them first")
    files = tracked_files()
    package_moves, warnings = plan_package(files)
    test_moves = plan_tests(files)
    moves = {**package_moves, **test_moves}
    check_names(moves, files)
    for warning in warnings:
        print("WARNING:", warning)
    for old, new in sorted(moves.items()):
        print(f"{old} -> {new}")
    if args.dry_run:
        return 0

    module_map = {module_of(o): module_of(n) for o, n in package_moves.items()}
    old_modules = {module_of(f) for f in files if f.parts[0] == PKG and f.suffix == ".py"}
    rewrite_names = name_rewriter(module_map, moves)
    changed = 0
    for path in files:
        if not is_text(path) or set(path.parts) & SKIP_DIRS:
            continue
        full = ROOT / path
        try:
            text = full.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new_path = moves.get(path, path)
        updated = text
        if path.suffix == ".py":
            updated = rewrite_imports(updated, path, new_path, module_map, old_modules)
            if path.parts[0] == "tests" and path in moves:
                updated = fix_depth(updated, len(new_path.parts) - len(path.parts))
        updated = rewrite_names(updated)
        if updated != text:
            full.write_text(updated, encoding="utf-8")
            changed += 1
    for folder in new_packages(moves):
        (ROOT / folder).mkdir(parents=True, exist_ok=True)
        doc = PACKAGE_DOCS.get(str(folder)[len(PKG) + 1:], "")
        (ROOT / folder / "__init__.py").write_text(f'"""{doc}"""\n' if doc else "", encoding="utf-8")
        git("add", str(folder / "__init__.py"))
        print(f"new package {folder}/__init__.py")
    for old, new in sorted(moves.items()):
        (ROOT / new).parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(old), str(new))
    print(f"{len(moves)} files moved, {changed} files rewritten")

    final = [moves.get(f, f) for f in files]
    left = []
    leftover = re.compile(r"(?<![\w.])(" + _alternation(module_map) + r")(?![\w.])") if module_map else None
    for path in final:
        if leftover and is_text(path) and (ROOT / path).exists() and not set(path.parts) & SKIP_DIRS:
            text = (ROOT / path).read_text(encoding="utf-8", errors="replace")
            for match in leftover.finditer(text):
                if module_map[match.group(1)] != match.group(1):
                    left.append(f"{path}: {match.group(1)}")
    if left:
        raise Trouble("old module names left behind:\n" + "\n".join(left[:50]))
    final_modules = {module_of(p) for p in final if p.parts[0] == PKG and p.suffix == ".py"}
    final_modules |= {module_of(PurePosixPath(f, "__init__.py")) for f in new_packages({})}
    if not args.no_check:
        run_checks(final_modules)
    print("done: run `make i18n-update` to refresh the .ts locations, then flake8 and the tests")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Trouble as trouble:
        print("ERROR:", trouble, file=sys.stderr)
        sys.exit(2)
