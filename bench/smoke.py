"""Print the wall time of a smoke run per project and per step, so that a slower step shows.

    python bench/smoke.py [scaffold smoke options]     # runs it (default: --agent all --jobs 2)
    python bench/smoke.py --from REPORT.json          # reads a run's --report (e.g. .ci/reports/smoke.json)

Steps are timed inside the run, so with --jobs 2 they include waiting for the other project's
share of the cores: compare runs made with the same --jobs on a quiet machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--from"]:
        report = json.loads(Path(args[1]).read_text())
        wall = None
    else:
        report, wall = run(args or ["--agent", "all", "--jobs", "2"])
    show(report, wall)


def run(options: list[str]) -> tuple[dict[str, Any], float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "smoke.json"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "scaffold", "smoke", *options, "--report", str(path)], check=False)
        wall = time.perf_counter() - start
        if not path.exists():
            sys.exit(done.returncode)
        return json.loads(path.read_text()), wall


def show(report: dict[str, Any], wall: float | None) -> None:
    projects = report["projects"]
    steps = list(dict.fromkeys(step["name"] for project in projects for step in project["steps"]))
    width = max(len(step) for step in steps)
    names = [project["name"] for project in projects]
    print(f"{'seconds':<{width}}  " + "  ".join(f"{name[:18]:>18}" for name in names))
    for step in steps:
        cells = []
        for project in projects:
            found = [s for s in project["steps"] if s["name"] == step]
            ran = found and found[0]["status"] != "not run"
            cells.append(f"{found[0]['seconds']:18.1f}" if ran else f"{'-':>18}")
        print(f"{step:<{width}}  " + "  ".join(cells))
    print(f"{'project total':<{width}}  " + "  ".join(f"{p['seconds']:18.1f}" for p in projects))
    failed = [p["name"] for p in projects if not p["passed"]]
    print(f"run: {report['seconds']:.0f} s with {report['jobs']} at a time" + (f", {wall:.0f} s wall" if wall else ""))
    if failed:
        print(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
