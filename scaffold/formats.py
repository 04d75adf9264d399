"""Which kind of agent file this is: by its name first, then its frontmatter, then its words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scaffold.models import AgentFormat

_BY_NAME: dict[str, AgentFormat] = {
    "agents.md": "agents-md",
    "agent.md": "agents-md",
    "claude.md": "claude-md",
    "claude.local.md": "claude-md",
    ".cursorrules": "cursor-rule",
    "copilot-instructions.md": "copilot-instructions",
}
_COPILOT = re.compile(r"\b(?:GitHub )?Copilot\b")
_CLAUDE_MD = re.compile(r"\bCLAUDE\.md\b|\bguidance to Claude(?: Code)?\b|^#+\s*Claude Code\b", re.M)
_AGENTS_MD = re.compile(r"\bAGENTS\.md\b|^#\s*.*\bAgents?\b|^#\s*Repository Guidelines\b", re.M | re.I)
_HEAD_LINES = 15


def detect_format(path: Path, meta: Mapping[str, Any], body: str) -> AgentFormat:
    """Name the format of an agent file; ``other`` when nothing marks it as an agent file."""
    # A Markdown file that no tool's name, frontmatter or words mark is a rules file of its own kind.
    return _by_path(path) or _by_meta(meta) or _by_words(body) or "other"


_OTHER_TOOLS = frozenset({".trae", ".windsurf", ".clinerules", ".roo", ".kiro", ".continue", ".junie", ".amazonq"})
"""Folders of assistants with formats of their own: their rules files are ``other``."""
_OTHER_NAMES = frozenset({".windsurfrules", ".clinerules", "gemini.md", "conventions.md"})


def _by_path(path: Path) -> AgentFormat | None:
    name = path.name.lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name in _OTHER_NAMES or _OTHER_TOOLS & set(path.parts):
        return "other"
    if name.endswith(".agent.md") or path.parts[-3:-1] == (".github", "agents"):
        return "other"  # a Copilot custom agent: neither instructions nor a Claude subagent
    if name.endswith(".mdc") or ".cursor" in path.parts:
        return "cursor-rule"
    if name.endswith(".instructions.md") and ".github" in path.parts:
        return "copilot-instructions"
    if len(path.parts) >= 3 and path.parts[-3:-1] == (".claude", "agents"):
        return "claude-subagent"
    return None


def _by_meta(meta: Mapping[str, Any]) -> AgentFormat | None:
    if "globs" in meta or "alwaysApply" in meta:
        return "cursor-rule"
    if "applyTo" in meta:
        return "copilot-instructions"
    if "name" in meta and ({"description", "tools", "model"} & meta.keys()):
        return "claude-subagent"
    return None


def _by_words(body: str) -> AgentFormat | None:
    head = "\n".join(body.lstrip("\ufeff").splitlines()[:_HEAD_LINES])
    if _COPILOT.search(head):
        return "copilot-instructions"
    if _CLAUDE_MD.search(head):
        return "claude-md"
    if _AGENTS_MD.search(head):
        return "agents-md"
    return None
