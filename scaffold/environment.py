"""What the user's machine has: which Python versions a generated project can run on."""

from __future__ import annotations

import shutil
import subprocess


def python_available(version: str) -> bool:
    """Whether Python ``version`` (e.g. ``3.13``) can be found, by uv or on PATH."""
    if shutil.which(f"python{version}"):
        return True
    uv = shutil.which("uv")
    if uv is None:
        return False
    found = subprocess.run([uv, "python", "find", "--no-python-downloads", version], capture_output=True, check=False)
    return found.returncode == 0


def how_to_get_python(version: str) -> str:
    """A one-line hint for installing a missing Python."""
    return f"install it with 'uv python install {version}' or 'pyenv install {version}', or your system's packages"
