"""Print the median wall time of ``scaffold --help`` and ``scaffold inspect`` (run: python bench/cli_startup.py)."""

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
}


def main() -> None:
    executable = shutil.which("scaffold")
    base = [executable] if executable else [sys.executable, "-m", "scaffold"]
    print(f"{'command':<52} {'median ms':>9} {'min ms':>7} {'max ms':>7}  ({RUNS} runs, {' '.join(base)})")
    for label, args in COMMANDS.items():
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(base + args, capture_output=True, check=True)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{label:<52} {statistics.median(timings):9.1f} {min(timings):7.1f} {max(timings):7.1f}")


if __name__ == "__main__":
    main()
