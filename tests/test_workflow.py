"""This repository's GitHub Actions workflow: valid for GitHub, and in step with what it tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import yaml

from scaffold.answers import PythonVersion
from scaffold.discovery import bundled_agent_names

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "ci.yml"
CHECK = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against GitHub's workflow schema (vendored in it: no network)."""
    return subprocess.run([*CHECK, str(path)], capture_output=True, text=True, check=False, timeout=120)


def test_the_workflow_is_valid_for_github() -> None:
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_workflow_with_a_misspelt_key_is_not(tmp_path: Path) -> None:
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:", 1))
    result = validate(broken)
    assert result.returncode == 1 and "runs-on" in result.stdout + result.stderr


def test_the_smoke_job_builds_every_bundled_agent() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert jobs["smoke"]["strategy"]["matrix"]["agent"] == bundled_agent_names()
    assert "scaffold smoke --agent ${{ matrix.agent }}" in jobs["smoke"]["steps"][-2]["run"]


def test_the_tests_run_on_every_python_a_project_may_state() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert jobs["tests"]["strategy"]["matrix"]["python"] == list(get_args(PythonVersion))
    for job in jobs.values():
        assert {"postgres", "redis"} <= set(job["services"])
