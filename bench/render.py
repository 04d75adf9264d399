"""Print the median time to render each bundled agent (no install): python bench/render.py [RUNS]."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from scaffold.discovery import bundled_agent_names, resolve_agent
from scaffold.extraction import extract_conventions
from scaffold.planning import plan_answers
from scaffold.render import render_project


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    import copier  # noqa: F401  (import once, outside the timings: the CLI pays it once per run)

    print(f"{'agent':<32} {'render ms':>10} {'+ git ms':>9}   (median of {runs}: extract, render, copy agent, [git])")
    for name in bundled_agent_names():
        plain, with_git = [], []
        for _ in range(runs):
            for git, bucket in ((False, plain), (True, with_git)):
                with tempfile.TemporaryDirectory() as folder:
                    start = time.perf_counter()
                    agent = resolve_agent(name)
                    plan = plan_answers(extract_conventions(agent), project_name="bench-api")
                    render_project(plan.answers, Path(folder) / "bench-api", agent=agent, git=git)
                    bucket.append((time.perf_counter() - start) * 1000)
        print(f"{name:<32} {statistics.median(plain):10.0f} {statistics.median(with_git):9.0f}")


if __name__ == "__main__":
    main()
