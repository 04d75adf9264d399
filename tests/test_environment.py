from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scaffold.environment import how_to_get_python, python_available


def fake_tool(folder: Path, name: str, exit_code: int) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_a_python_that_runs_is_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "python3.99", 0)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert python_available("3.99", cwd=tmp_path)


def test_a_shim_that_fails_is_not_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "python3.99", 127)
    fake_tool(tmp_path, "uv", 2)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not python_available("3.99", cwd=tmp_path)


def test_hint_names_uv_and_pyenv_when_nothing_is_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "uv python install 3.99" in how_to_get_python("3.99")


def test_hint_names_the_inactive_pyenv_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyenv").write_text("#!/bin/sh\necho 3.99.1\necho 3.11.7\n")
    (tmp_path / "pyenv").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/usr/bin:/bin")
    assert "pyenv local 3.99.1" in how_to_get_python("3.99")
