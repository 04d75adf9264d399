"""Reading a generated project's own small text files safely: regular files only, bounded, UTF-8."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scaffold.errors import ProjectError

ANSWERS_FILE = ".copier-answers.yml"
"""The answers a generated project keeps at its root (what Copier, ``scaffold update`` and ``check`` read)."""
MAX_BYTES = 1024 * 1024
"""A project's config file or module is a few kilobytes; a megabyte is far beyond any of them."""


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str | None:
    """The text of ``path``, or None when there is no such file; raise ``ProjectError`` naming it otherwise.

    A FIFO, a device or a folder is refused without being opened for reading (``O_NONBLOCK``),
    so a FIFO named like a config file cannot stall the check.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise ProjectError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # before fdopen, which refuses a folder with its own error
        os.close(fd)
        raise ProjectError("is not a regular file", path=path)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ProjectError(f"larger than {limit} bytes", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProjectError("not UTF-8 text", path=path, line=line) from None


def python_files(folder: Path) -> list[Path]:
    """The regular ``.py`` files under ``folder``, sorted, without following symbolic links to folders."""
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(current, name)
            if name.endswith(".py") and _regular(path):
                found.append(path)
    return found


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def line_of(text: str, start: str) -> int | None:
    """The 1-based number of the first line of ``text`` that starts (after indentation) with ``start``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(start):
            return number
    return None
