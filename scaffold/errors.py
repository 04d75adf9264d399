"""The one exception family scaffold raises; the CLI turns it into a one-line message."""

from __future__ import annotations

from pathlib import Path


class ScaffoldError(Exception):
    """Base for every error scaffold reports to a user.

    It carries the file and line it is about, and does no I/O: the CLI decides how to show it.
    """

    exit_code = 2

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        """Render as ``file:line: message`` (the parts that are known)."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class AgentFileError(ScaffoldError):
    """An agent file that cannot be read or parsed."""


class AgentNotFoundError(ScaffoldError):
    """An ``--agent`` name or path that matches no agent, or more than one."""


class InvalidValueError(ScaffoldError):
    """A convention value outside its vocabulary (from ``--set`` or an answers file)."""


class RenderError(ScaffoldError):
    """A project that could not be rendered."""
