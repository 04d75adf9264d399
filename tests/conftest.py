from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import compiled_once


@pytest.fixture(autouse=True)
def _no_lock_in_fast_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fast tests render many projects: they skip the lock file, which needs the package index."""
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setenv("SCAFFOLD_NO_LOCK", "1")


@pytest.fixture(scope="session", autouse=True)
def _jinja_compiled_once() -> Iterator[None]:
    """Tests render the template hundreds of times: compile each Jinja source once."""
    with compiled_once():
        yield


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Print how long each step of each generated project took (slow tests only).

    The tests record their steps in ``user_properties``, which reach this process from xdist workers.
    """
    table: dict[str, dict[str, float]] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for key, value in getattr(report, "user_properties", []):
            if key == "step seconds" and report.when == "call":
                table.setdefault(value[0], {})[value[1]] = value[2]
    if not table:
        return
    terminalreporter.section("generated projects: seconds per step")
    for project, steps in sorted(table.items()):
        terminalreporter.write_line(project)
        for step, seconds in steps.items():
            terminalreporter.write_line(f"  {seconds:7.1f}  {step}")
