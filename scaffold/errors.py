"""The one exception family scaffold raises; the CLI turns it into one message line per problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from scaffold.text import one_line, show


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
            path = one_line(self.path)
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        return f"{where}{self.message}"


class AgentFileError(ScaffoldError):
    """An agent file that cannot be read or parsed."""


class AgentNotFoundError(ScaffoldError):
    """An ``--agent`` name or path that matches no agent, or more than one."""


class InvalidValueError(ScaffoldError):
    """A convention value outside its vocabulary (from ``--set`` or an answers file)."""


class RenderError(ScaffoldError):
    """A project that could not be rendered."""


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One answer the template cannot take: its field, why, the value and where the value came from."""

    field: str
    message: str
    value: Any = None
    source: Literal["agent", "--set", "default"] = "default"
    path: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        """One line a person can act on, worded by where the value came from."""
        if self.source == "--set":
            return f"--set {self.field}: {self.message} (got {show(self.value)!r})"
        if self.source == "agent":
            where = f"{one_line(self.path)}:{self.line}: " if self.path is not None and self.line else ""
            advice = "" if "--set" in self.message else f"; choose one with --set {self.field}=..."
            return (
                f"{where}{self.field}: the agent states {show(self.value)!r}, which this template cannot render: "
                f"{self.message}{advice}"
            )
        return f"{self.field}: {self.message}"


class InvalidAnswersError(InvalidValueError):
    """Answers the template cannot take: every problem, one per field, one line each."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        first = problems[0] if problems else None
        super().__init__(
            "\n".join(str(p) for p in problems),
            path=first.path if first else None,
            line=first.line if first else None,
        )
        self.problems = problems

    def __str__(self) -> str:
        """One line per problem (each names its own file and line where it has one)."""
        return self.message


class ProjectError(ScaffoldError):
    """A folder that is not a project scaffold made, or whose answers file cannot be read."""


class RevisionError(ScaffoldError):
    """An Alembic revision file an update cannot chain: unreadable, a clashing id, or several heads."""


class SmokeError(ScaffoldError):
    """A smoke build that cannot start: a target that names nothing, a project whose README lacks its commands."""
