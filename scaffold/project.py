"""A generated project as found on disk: its answers, the template version it records, its agent file."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError
from scaffold.files import ANSWERS_FILE, read_text
from scaffold.frontmatter_split import load_yaml
from scaffold.text import slugify

AGENTS_FOLDER = Path(".claude") / "agents"
MAX_BYTES = 256 * 1024
"""An answers file is a few dozen lines; anything far larger is not one."""


@dataclass(frozen=True)
class Project:
    """A project rendered from the template, read from its ``.copier-answers.yml``."""

    root: Path
    """The folder holding the answers file (the repository root of the project)."""
    answers: dict[str, Any]
    """The stored answers, without Copier's own ``_`` keys."""
    source: str | None = None
    """``_src_path``: where the template came from (a folder, a git URL)."""
    commit: str | None = None
    """``_commit``: the template version the project was last rendered or updated from."""
    agent_file: Path | None = None
    """The agent definition the project follows (absolute), when one is found."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Copier's ``_`` keys as stored."""


FIXED_HOMES = {"claude.md": "CLAUDE.md", "copilot-instructions.md": ".github/copilot-instructions.md"}
"""Agent files their tool reads from one place only: a new project keeps them there."""


NESTED_NAMES = frozenset({"agents.md", "claude.md"})
"""Agent files that govern the folder they sit in (``api/AGENTS.md``): their tools read them there."""


def agent_home(name: str, file_name: str = "", *, governs: str = "") -> str:
    """Where a new project keeps the agent named ``name``, read from a file called ``file_name``.

    An AGENTS.md or CLAUDE.md that governs a folder (``governs``, the layout root its place gave)
    goes back into that folder under its own name. A CLAUDE.md stays CLAUDE.md at the root and
    Copilot's instructions stay in .github, where their tools read them; any other definition
    becomes a subagent in .claude/agents, named after it.
    """
    if governs and governs != "." and file_name.lower() in NESTED_NAMES:
        return f"{governs}/{file_name}"
    return FIXED_HOMES.get(file_name.lower()) or f"{AGENTS_FOLDER.as_posix()}/{slugify(name) or 'agent'}.md"


def as_subagent(text: str, meta: dict[str, Any], *, name: str, description: str, source: str) -> str:
    """``text`` as a Claude Code subagent: frontmatter with a ``name`` and a ``description``.

    Claude Code loads a file in .claude/agents only with both; a definition written for another
    tool (an AGENTS.md, a Cursor rule) gets the ones it lacks, in frontmatter of its own or added
    after the opening ``---`` of its existing frontmatter. The rest of the text is kept as it was.
    """
    fallback = f"How this backend is built: the conventions it was made from ({source})"
    missing = {"name": slugify(name) or "agent", "description": description or fallback}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in missing.items() if not meta.get(key)]
    if not lines:
        return text
    if meta or text.startswith("---"):
        head, _, rest = text.partition("\n")
        return head + "\n" + "".join(lines) + rest
    return "---\n" + "".join(lines) + "---\n\n" + text


def load_project(folder: Path) -> Project:
    """Read the project in ``folder`` or the nearest folder above it that has an answers file.

    Raise ``ProjectError`` naming the file (and line) when there is none or it cannot be read.
    The search stops at the top of a git repository, so a project is never taken from outside it.
    """
    if not folder.resolve().is_dir():
        raise ProjectError("no such folder", path=folder)
    root = _root_of(folder.resolve())
    path = root / ANSWERS_FILE
    data = load_yaml(_read(path), path=path, error=ProjectError)
    if not isinstance(data, dict):
        raise ProjectError("expected a mapping of answers", path=path, line=1)
    answers = {str(k): v for k, v in data.items() if not str(k).startswith("_")}
    meta = {str(k): v for k, v in data.items() if str(k).startswith("_")}
    return Project(
        root=root,
        answers=answers,
        source=_text(meta.get("_src_path")),
        commit=_text(meta.get("_commit")),
        agent_file=_agent_file(root, answers.get("agent_file")),
        meta=meta,
    )


def _root_of(folder: Path) -> Path:
    """``folder`` or the nearest folder above it holding an answers file, within its git repository."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ANSWERS_FILE):
            return candidate
        if (candidate / ".git").exists():
            break
    return folder


def _read(path: Path) -> str:
    """The answers file's text (a regular UTF-8 file of at most ``MAX_BYTES``), or why not."""
    text = read_text(path, limit=MAX_BYTES)
    if text is None:
        raise ProjectError(
            f"no {ANSWERS_FILE} here or in a folder above: not a project made by scaffold new",
            path=path.parent,
        )
    return text


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value) else None


def _agent_file(root: Path, stated: Any) -> Path | None:
    """The agent file the answers name (inside the project), else the only one in ``.claude/agents``."""
    if isinstance(stated, str) and stated:
        candidate = (root / stated).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
        return None
    folder = root / AGENTS_FOLDER
    found = sorted(folder.glob("*.md")) if folder.is_dir() else []
    # Through a symbolic link an agent file may lie outside the project: it is not the project's.
    only = found[0].resolve() if len(found) == 1 else None
    return only if only is not None and only.is_relative_to(root) and only.is_file() else None
