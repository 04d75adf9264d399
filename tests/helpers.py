"""Build agent files inline for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def write_agent(folder: Path, *, meta: dict[str, Any] | None = None, body: str = "", name: str = "agent.md") -> Path:
    """Write an agent file with optional YAML frontmatter and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ""
    if meta is not None:
        text = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n"
    path.write_text(text + body, encoding="utf-8")
    return path
