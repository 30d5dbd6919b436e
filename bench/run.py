"""Run every bench/bench_*.py, print one table and write the figures to a JSON file (`make bench`).

Each benchmark module has `run() -> list[dict]` with keys name, value, unit, peer, peer_value: a figure and the
figure of its peer (the thing it is compared against), measured in the same run on the same machine.
Each module runs in a process of its own: benchmarks start their own QgsApplication, servers and caches, and one
that crashes (a segfault in a QGIS object left by another) loses only its own figures, and says so.
Usage: run.py [OUTPUT.json] [NAME_FILTER]; run.py --one MODULE.py FIGURES.json runs one module (what the parent does).
"""
import importlib.util
import json
import os
import subprocess  # nosec B404 - runs our own benchmark modules
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def _run_one(path: Path, figures_file: Path) -> int:
    """Child process: run one module and write its figures."""
    figures = _load(path).run()
    rows = [{key: figure.get(key) for key in ("name", "value", "unit", "peer", "peer_value")} for figure in figures]
    figures_file.write_text(json.dumps(rows), encoding="utf-8")
    return 0


def _in_own_process(path: Path, figures_file: Path) -> list:
    """The module's figures; raises RuntimeError with the exit status when its process failed."""
    figures_file.unlink(missing_ok=True)
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", str(path),  # nosec B603
                             str(figures_file)], check=False)
    if result.returncode != 0 or not figures_file.exists():
        raise RuntimeError(f"{path.stem} ended with exit status {result.returncode}")
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    figures_file.unlink()
    return figures


def main(argv) -> int:
    if len(argv) == 4 and argv[1] == "--one":
        return _run_one(Path(argv[2]), Path(argv[3]))
    output = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "bench.json"
    name_filter = argv[2] if len(argv) > 2 else ""
    output.parent.mkdir(parents=True, exist_ok=True)
    rows, failures = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if name_filter and name_filter not in path.stem:
            continue
        started = time.perf_counter()
        print(f"running {path.stem} …", flush=True)
        try:
            rows += _in_own_process(path, output.with_name(f"{output.stem}.{path.stem}.json"))
        except Exception:  # one broken benchmark must not hide the others' figures
            failures.append(path.stem)
            traceback.print_exc()
            continue
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)

    header = ("benchmark", "value", "unit", "peer", "peer value", "peer/value")
    table = [header]
    for row in rows:
        ratio = "-"
        if row["peer_value"] and row["value"]:
            ratio = f"{row['peer_value'] / row['value']:.1f}×"
        table.append((row["name"], _fmt(row["value"]), row["unit"] or "", row["peer"] or "-",
                      _fmt(row["peer_value"]), ratio))
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    for index, row in enumerate(table):
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
    output.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"\n{len(rows)} figures written to {output}")
    if failures:
        print(f"FAILED benchmarks: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
