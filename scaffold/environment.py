"""What the user's machine has: whether a generated project's Python can be found."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def python_available(version: str, *, cwd: Path) -> bool:
    """Whether Python ``version`` (e.g. ``3.13``) runs from ``cwd``, by name or through uv.

    Run from the project's folder, so version managers that read its ``.python-version`` (pyenv,
    uv) answer as they will for the project's own commands.
    """
    for command in ([f"python{version}", "-c", "pass"], ["uv", "python", "find", "--no-python-downloads", version]):
        if shutil.which(command[0]) is None:
            continue
        try:
            result = subprocess.run(command, cwd=cwd, capture_output=True, check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return True
    return False


def how_to_get_python(version: str) -> str:
    """A one-line hint for making Python ``version`` available."""
    pyenv = shutil.which("pyenv")
    if pyenv:
        listed = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True, check=False).stdout
        installed = [v.strip() for v in listed.splitlines() if v.strip().startswith(f"{version}.")]
        if installed:
            found = installed[-1]
            return f"pyenv has {found} but it is not active there: run 'pyenv local {found}' in the project"
    return f"install it with 'uv python install {version}' or 'pyenv install {version}'"
