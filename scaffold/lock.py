"""Write the lock file of a generated project's package manager, so it is committed with the project.

``lock_dependencies`` never raises for a lock it cannot write (no network, the tool missing, a
resolver error, too slow): it returns one line saying so, with the command to run later.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from scaffold.environment import uv_beside_scaffold

LOCK_TIMEOUT = 180
"""Seconds a lock may take before it is given up (a resolver waiting on an unreachable index)."""

SKIP_VARIABLE = "SCAFFOLD_NO_LOCK"
"""Set to 1 to skip the lock (the fast tests render hundreds of projects)."""


def lock_skipped() -> bool:
    """Whether ``SKIP_VARIABLE`` is set to anything but empty or 0."""
    return os.environ.get(SKIP_VARIABLE, "") not in ("", "0")


def lock_command(package_manager: str, python_version: str) -> tuple[list[str], str]:
    """The command that writes the lock file of ``package_manager`` here, and the file it writes.

    pip has no lock of its own: uv (installed with scaffold) compiles the pinned constraints for
    every platform, from the same pyproject.toml.
    """
    if package_manager == "poetry":
        return ["poetry", "lock"], "poetry.lock"
    if package_manager == "pip":
        compile_ = ["pip", "compile", "pyproject.toml", "--all-extras", "--universal", "--quiet"]
        return ["uv", *compile_, "--python-version", python_version, "-o", "constraints.txt"], "constraints.txt"
    return ["uv", "lock", "--quiet"], "uv.lock"


def lock_dependencies(project: Path, *, package_manager: str, python_version: str, shown_as: Path) -> str | None:
    """Write the lock file in ``project`` (the folder of pyproject.toml); None, or why it was not.

    ``shown_as`` is where the user will find that folder (``project`` may be a staging copy).
    """
    command, lock_file = lock_command(package_manager, python_version)
    shown = " ".join(c for c in command if c != "--quiet")
    later = f"run '{shown}' in {shown_as} when it can be, and commit {lock_file}"
    executable = _executable(command[0])
    if executable is None:
        return f"{lock_file} was not written: {command[0]} is not installed; {later}"
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    env.pop("VIRTUAL_ENV", None)
    try:
        result = subprocess.run(
            [executable, *command[1:]],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=LOCK_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        slow = f"{command[0]} took over {LOCK_TIMEOUT} s (is the package index reachable?)"
        return f"{lock_file} was not written: {slow}; {later}"
    except OSError as exc:
        return f"{lock_file} was not written: {exc.strerror or exc}; {later}"
    if result.returncode != 0:
        reason = _last_line(result.stderr or result.stdout) or f"exit code {result.returncode}"
        return f"{lock_file} was not written: {reason}; {later}"
    return None


def _executable(name: str) -> str | None:
    """The tool on PATH; for uv, also the one installed beside scaffold."""
    found = shutil.which(name)
    if found is None and name == "uv":
        beside = uv_beside_scaffold()
        found = str(beside) if beside is not None else None
    return found


def _last_line(output: str) -> str:
    """The last non-empty line of a tool's output, which names the failure."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
