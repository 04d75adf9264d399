from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_agent

from scaffold import load_agent
from scaffold.errors import AgentFileError


def test_reads_frontmatter_name_and_description(tmp_path: Path) -> None:
    path = write_agent(tmp_path, meta={"name": "api-dev", "description": "Builds APIs"}, body="# Hello\n")
    agent = load_agent(path)
    assert (agent.name, agent.description, agent.body_start_line) == ("api-dev", "Builds APIs", 5)


def test_name_falls_back_to_first_heading_then_stem(tmp_path: Path) -> None:
    with_heading = write_agent(tmp_path, body="intro\n## Backend Rules\n", name="a.md")
    bare = write_agent(tmp_path, body="no heading here\n", name="plain-notes.md")
    assert load_agent(with_heading).name == "Backend Rules"
    assert load_agent(bare).name == "plain-notes"


def test_accepts_cursor_globs_that_are_not_strict_yaml(tmp_path: Path) -> None:
    path = tmp_path / "rule.mdc"
    path.write_text('---\ndescription: "API rules"\nglobs: **/*.py\nalwaysApply: false\n---\nUse FastAPI.\n')
    agent = load_agent(path)
    assert agent.meta == {"description": "API rules", "globs": "**/*.py", "alwaysApply": False}


def test_accepts_descriptions_holding_colons_as_claude_code_does(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nname: x\ndescription: Use it for: APIs, queues\n---\nbody\n")
    assert load_agent(path).description == "Use it for: APIs, queues"


def test_strips_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "AGENTS.md"
    path.write_bytes("\ufeff# Backend\nFastAPI service.\n".encode())
    assert load_agent(path).name == "Backend"


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b"", "empty file", None),
        (b"   \n\n", "empty file", None),
        (b"abc\x00def", "binary file", 1),
        (b"line one\nbad \xff byte\n", "not UTF-8", 2),
        (b"---\nname: [unclosed\n---\nbody\n", "invalid YAML frontmatter", 2),
        (b"---\nname: x\n  bad: indent\n---\n", "invalid YAML frontmatter", 3),
        (b"---\n- a\n- b\n---\nbody\n", "must be a mapping", 2),
        (b"---\nname: 42\n---\nbody\n", "'name' must be a string", 2),
        (b"---\nname: x\nbody without closing\n", "never closed", 1),
    ],
)
def test_refuses_bad_files_naming_file_and_line(tmp_path: Path, content: bytes, message: str, line: int | None) -> None:
    path = tmp_path / "agent.md"
    path.write_bytes(content)
    with pytest.raises(AgentFileError) as caught:
        load_agent(path)
    assert message in caught.value.message
    assert caught.value.path == path
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:")


def test_refuses_missing_path_and_folder(tmp_path: Path) -> None:
    with pytest.raises(AgentFileError, match="no such file"):
        load_agent(tmp_path / "missing.md")
    with pytest.raises(AgentFileError, match="is a folder"):
        load_agent(tmp_path)


def test_refuses_files_over_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("x" * (1024 * 1024 + 1))
    with pytest.raises(AgentFileError, match="limited to"):
        load_agent(path)


def test_accepts_a_file_of_exactly_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("# Big\n" + "x" * (1024 * 1024 - 6))
    assert load_agent(path).name == "Big"
