"""Print the median wall time of ``scaffold --help`` and ``scaffold inspect`` (run: python bench/cli_startup.py).

The last row is a reference: a bare interpreter importing the libraries ``inspect`` needs (typer,
PyYAML, python-frontmatter, pydantic) and building one pydantic model, nothing of scaffold. It is
not a lower bound: ``inspect`` imports only the parts of pydantic it uses.
"""

from __future__ import annotations

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
FLOOR = "import typer, yaml, frontmatter\nfrom pydantic import BaseModel\nclass Floor(BaseModel):\n    a: int\n"


def median_ms(command: list[str]) -> tuple[float, float, float]:
    """Median, min and max wall time of RUNS runs of ``command``, in milliseconds."""
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings), max(timings)


def main() -> None:
    executable = shutil.which("scaffold")
    base = [executable] if executable else [sys.executable, "-m", "scaffold"]
    print(f"{'command':<52} {'median ms':>9} {'min ms':>7} {'max ms':>7}  ({RUNS} runs, {' '.join(base)})")
    rows = {label: base + args for label, args in COMMANDS.items()}
    rows["floor: import the libraries, build one model"] = [sys.executable, "-c", FLOOR]
    for label, command in rows.items():
        median, fastest, slowest = median_ms(command)
        print(f"{label:<52} {median:9.1f} {fastest:7.1f} {slowest:7.1f}")


if __name__ == "__main__":
    main()
