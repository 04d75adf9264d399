"""Print the median wall time of ``scaffold --help`` and ``scaffold inspect`` (run: python bench/cli_startup.py).

The last row is a reference: a bare interpreter importing the libraries ``inspect`` needs (typer,
PyYAML, python-frontmatter, pydantic) and building one pydantic model, nothing of scaffold. It is
not a lower bound: ``inspect`` imports only the parts of pydantic it uses.

The commands run as an installed tool runs: with Python's bytecode cache (``__pycache__``), which an
install writes. ``PYTHONDONTWRITEBYTECODE`` is left out of their environment and each command runs
once before timing, so an editable checkout on a machine that sets that variable is measured as a
user's install would be (without the cache, each start compiles scaffold's sources: about 40 ms
more here). The commands take turns, round after round, so that a busy moment of a shared machine
falls on all of them alike.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

RUNS = 15
COMMANDS = {
    "scaffold --help": ["--help"],
    "scaffold inspect --agent backend-engineer --json": ["inspect", "--agent", "backend-engineer", "--json"],
    "scaffold inspect --agent backend-engineer": ["inspect", "--agent", "backend-engineer"],
}
FLOOR_LABEL = "floor: import the libraries, build one model"
FLOOR = "import typer, yaml, frontmatter\nfrom pydantic import BaseModel\nclass Floor(BaseModel):\n    a: int\n"


def timed_ms(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``command``, in milliseconds."""
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    executable = shutil.which("scaffold")
    base = [executable] if executable else [sys.executable, "-m", "scaffold"]
    rows = {label: base + extra for label, extra in COMMANDS.items()}
    rows[FLOOR_LABEL] = [sys.executable, "-c", FLOOR]
    for command in rows.values():
        timed_ms(command, env)  # writes the bytecode caches, warms the file cache
    timings: dict[str, list[float]] = {label: [] for label in rows}
    for _ in range(RUNS):
        for label, command in rows.items():
            timings[label].append(timed_ms(command, env))
    print(f"{'command':<52} {'median ms':>9} {'min ms':>7} {'max ms':>7}  ({RUNS} rounds, {' '.join(base)})")
    floor = statistics.median(timings[FLOOR_LABEL])
    for label, values in timings.items():
        median = statistics.median(values)
        ratio = "" if label == FLOOR_LABEL else f"  {median / floor:.2f}x the floor"
        print(f"{label:<52} {median:9.1f} {min(values):7.1f} {max(values):7.1f}{ratio}")


if __name__ == "__main__":
    main()
