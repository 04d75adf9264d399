"""What the user's machine has: whether uv and a generated project's Python can be found."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

UV_INSTALL_HINT = (
    "the project's commands use uv, which is not installed here: "
    "'pip install uv' or see https://docs.astral.sh/uv/getting-started/installation/"
)


def python_available(version: str, *, cwd: Path) -> bool:
    """Whether Python ``version`` (e.g. ``3.13``) runs from ``cwd``, by name or through uv.

    Run from the project's folder, so version managers that read its ``.python-version`` (pyenv,
    uv) answer as they will for the project's own commands.
    """
    commands = [[f"python{version}", "-c", "pass"]] if shutil.which(f"python{version}") else []
    uv = shutil.which("uv") or uv_beside_scaffold()
    if uv is not None:
        commands.append([str(uv), "python", "find", "--no-python-downloads", version])
    for command in commands:
        try:
            result = subprocess.run(command, cwd=cwd, capture_output=True, check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return True
    return False


def uv_beside_scaffold() -> Path | None:
    """The uv installed with scaffold (the ``uv`` Python package), whether or not it is on PATH."""
    try:
        from uv import find_uv_bin
    except ImportError:
        return None
    try:
        return Path(find_uv_bin())
    except FileNotFoundError:
        return None


def uv_warning() -> str | None:
    """Nothing when uv is on PATH; else one line saying where uv is and how to reach it, or how to get it.

    It says to put uv's folder on PATH, not to activate scaffold's virtual environment: uv warns
    about an active environment that is not the project's own, and ``--active`` would install the
    project into scaffold's.
    """
    if shutil.which("uv") is not None:
        return None
    beside = uv_beside_scaffold()
    if beside is None:
        return UV_INSTALL_HINT
    return (
        f"the project's commands use uv, which is installed beside scaffold ({beside}) but not on PATH: "
        f"run 'export PATH=\"{beside.parent}:$PATH\"' first"
    )


POETRY_INSTALL_HINT = (
    "the project's commands use Poetry, which is not installed here: "
    "'pipx install poetry' (or 'uv tool install poetry'), see https://python-poetry.org/docs/#installation"
)


def tool_warning(package_manager: str) -> str | None:
    """Nothing when the project's package manager runs here; else one line on how to get it.

    pip needs nothing beyond the project's Python (``python -m venv`` brings it).
    """
    if package_manager == "uv":
        return uv_warning()
    if package_manager == "poetry" and shutil.which("poetry") is None:
        return POETRY_INSTALL_HINT
    return None


def how_to_get_python(version: str) -> str:
    """A one-line hint for making Python ``version`` available."""
    pyenv = shutil.which("pyenv")
    if pyenv:
        try:
            listed = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True, check=False).stdout
        except OSError:
            listed = ""
        installed = [v.strip() for v in listed.splitlines() if v.strip().startswith(f"{version}.")]
        if installed:
            found = installed[-1]
            return f"pyenv has {found} but it is not active there: run 'pyenv local {found}' in the project"
    return f"install it with 'uv python install {version}' or 'pyenv install {version}'"
