from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.formats import detect_format


@pytest.mark.parametrize(
    ("path", "meta", "body", "expected"),
    [
        ("repo/AGENTS.md", {}, "# Guide", "agents-md"),
        ("repo/CLAUDE.md", {}, "# Notes", "claude-md"),
        ("repo/.cursorrules", {}, "You are an expert", "cursor-rule"),
        ("repo/.cursor/rules/api.mdc", {"globs": "*.py"}, "", "cursor-rule"),
        ("repo/.github/copilot-instructions.md", {}, "", "copilot-instructions"),
        ("repo/.github/instructions/api.instructions.md", {"applyTo": "**"}, "", "copilot-instructions"),
        ("repo/.claude/agents/dev.md", {"name": "dev"}, "", "claude-subagent"),
        ("x/any.md", {"name": "dev", "description": "d"}, "", "claude-subagent"),
        ("x/any.md", {"globs": "backend/**", "alwaysApply": False}, "", "cursor-rule"),
        ("x/any.md", {}, "<!-- instructions for Copilot -->\n# API", "copilot-instructions"),
        ("x/any.md", {}, "# CLAUDE.md\n\nThis file provides guidance", "claude-md"),
        ("x/any.md", {}, "# Repository Guidelines\nRun tests.", "agents-md"),
        ("x/notes.txt", {}, "plain words", "other"),
        # a Markdown file no tool names, marks or speaks of: not forced into a known format
        ("docs/ai/backend-rules.md", {}, "# Backend rules\nUse FastAPI.", "other"),
        ("x/any.md", {}, "# Project guide\nRun tests.", "other"),
        ("repo/.github/agents/api.agent.md", {"name": "api", "description": "d"}, "", "other"),
        ("x/api.agent.md", {"name": "api", "tools": ["edit"]}, "", "other"),
    ],
)
def test_detects_format(path: str, meta: dict[str, object], body: str, expected: str) -> None:
    assert detect_format(Path(path), meta, body) == expected


def test_name_alone_in_frontmatter_is_not_a_subagent() -> None:
    assert detect_format(Path("x/notes.txt"), {"name": "x"}, "words") == "other"


def test_copilot_mentioned_deep_in_a_claude_md_does_not_change_its_format() -> None:
    body = "# CLAUDE.md\n" + "line\n" * 40 + "We also use GitHub Copilot.\n"
    assert detect_format(Path("x/any.md"), {}, body) == "claude-md"
