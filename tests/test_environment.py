from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scaffold.environment import UV_INSTALL_HINT, how_to_get_python, python_available, uv_warning


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


def uv_beside(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> None:
    """Pretend the uv Python package installed its binary in ``folder`` (or nowhere)."""
    from uv._find_uv import UvNotFound

    def find_uv_bin() -> str:
        if folder is None:
            raise UvNotFound("nowhere")
        return str(folder / "uv")

    monkeypatch.setattr("uv.find_uv_bin", find_uv_bin)


def test_no_uv_warning_when_uv_is_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "uv", 0)
    monkeypatch.setenv("PATH", str(tmp_path))
    uv_beside(monkeypatch, None)
    assert uv_warning() is None


def test_uv_beside_scaffold_is_named_with_how_to_put_it_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake_tool(bin_dir, "uv", 0)
    (bin_dir / "activate").write_text("")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    uv_beside(monkeypatch, bin_dir)
    warning = uv_warning()
    assert warning is not None and "\n" not in warning
    assert f"installed beside scaffold ({bin_dir / 'uv'})" in warning
    assert f'export PATH="{bin_dir}:$PATH"' in warning
    # Activating scaffold's environment would make uv warn about (or install into) the wrong one.
    assert "activate" not in warning


def test_missing_uv_gives_the_install_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    uv_beside(monkeypatch, None)
    assert uv_warning() == UV_INSTALL_HINT


def test_uv_beside_scaffold_finds_a_python_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "uv", 0)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    uv_beside(monkeypatch, tmp_path)
    assert python_available("3.99", cwd=tmp_path)
