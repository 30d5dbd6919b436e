"""Run every bench/bench_*.py, print one table and write the figures to a JSON file (`make bench`).

Each benchmark module has `run() -> list[dict]` with keys name, value, unit, peer, peer_value: a figure and the
figure of its peer (the thing it is compared against), measured in the same run on the same machine.
Usage: run.py [OUTPUT.json] [NAME_FILTER]
"""
import importlib.util
import json
import os
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


def main(argv) -> int:
    output = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "bench.json"
    name_filter = argv[2] if len(argv) > 2 else ""
    rows, failures = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if name_filter and name_filter not in path.stem:
            continue
        started = time.perf_counter()
        print(f"running {path.stem} …", flush=True)
        try:
            figures = _load(path).run()
        except Exception:  # one broken benchmark must not hide the others' figures
            failures.append(path.stem)
            traceback.print_exc()
            continue
        for figure in figures:
            rows.append({key: figure.get(key) for key in ("name", "value", "unit", "peer", "peer_value")})
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
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"\n{len(rows)} figures written to {output}")
    if failures:
        print(f"FAILED benchmarks: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
