"""Running git to read a fact from a repository: one runner that never raises.

Outside a work tree, without git, on a failing command or after the timeout, it answers None,
and each caller decides what that means (no history, not a repository, nothing to list).
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_bytes(folder: Path, *args: str, timeout: float = 60) -> bytes | None:
    """What ``git args`` prints in ``folder``, or None when it cannot run or fails."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def git_text(folder: Path, *args: str, timeout: float = 60) -> str:
    """What ``git args`` prints in ``folder`` as text, or "" when it cannot run or fails."""
    found = git_bytes(folder, *args, timeout=timeout)
    return found.decode("utf-8", "replace") if found is not None else ""
