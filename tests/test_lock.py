"""The lock file step of ``scaffold new``: written when it can be, else one line saying how to later."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import lock
from scaffold.cli import app
from scaffold.lock import lock_dependencies

PYPROJECT = '[project]\nname = "x"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["idna>=3"]\n'


def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    return tmp_path


def test_a_missing_tool_is_one_line_with_the_command_to_run_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    problem = lock_dependencies(project(tmp_path), package_manager="poetry", python_version="3.12", shown_as=Path("/x"))
    assert problem == (
        "poetry.lock was not written: poetry is not installed; "
        "run 'poetry lock' in /x when it can be, and commit poetry.lock"
    )


def test_an_unreachable_index_is_one_line_with_the_command_to_run_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UV_OFFLINE", "1")
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "cache"))
    problem = lock_dependencies(project(tmp_path), package_manager="uv", python_version="3.11", shown_as=Path("/x"))
    assert problem is not None and problem.startswith("uv.lock was not written: ")
    assert problem.endswith("run 'uv lock' in /x when it can be, and commit uv.lock")
    assert "\n" not in problem
    assert not (tmp_path / "uv.lock").exists()


def test_a_lock_that_hangs_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.001)
    problem = lock_dependencies(project(tmp_path), package_manager="pip", python_version="3.11", shown_as=Path("/x"))
    assert problem is not None and "constraints.txt was not written: uv took over" in problem
    assert (
        "'uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 -o constraints.txt'" in problem
    )


def test_new_says_in_one_line_when_the_lock_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAFFOLD_NO_LOCK")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    target = tmp_path / "svc"
    result = CliRunner().invoke(
        app, ["new", str(target), "--agent", "backend-engineer", "--set", "package_manager=poetry"]
    )
    assert result.exit_code == 0, result.output
    assert f"warning: poetry.lock was not written: poetry is not installed; run 'poetry lock' in {target}/backend" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert not (target / "backend" / "poetry.lock").exists()


def test_fast_tests_and_no_lock_write_no_lock_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", str(tmp_path / "svc"), "--agent", "backend-engineer", "--no-git"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "svc" / "backend" / "uv.lock").exists()


@pytest.mark.slow
def test_new_writes_the_lock_file_and_commits_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", str(tmp_path / "svc"), "--agent", "backend-engineer"])
    assert result.exit_code == 0, result.output
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=tmp_path / "svc", capture_output=True, text=True, check=True
    ).stdout.split()
    assert "backend/uv.lock" in tracked
    assert 'name = "fastapi"' in (tmp_path / "svc" / "backend" / "uv.lock").read_text()
