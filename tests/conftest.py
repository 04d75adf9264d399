from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Print how long each step of each generated project took (slow tests only)."""
    timings = sys.modules.get("test_generated")
    table = getattr(timings, "TIMINGS", None)
    if not table:
        return
    terminalreporter.section("generated projects: seconds per step")
    for agent, steps in table.items():
        terminalreporter.write_line(agent)
        for step, seconds in steps.items():
            terminalreporter.write_line(f"  {seconds:7.1f}  {step}")
