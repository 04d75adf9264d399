from __future__ import annotations

import io
import os
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


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "---\nname: bomb\n" + "\n".join(lines) + "\ntop: &top [*a8]\ndescription: *top\n---\nbody\n"


def test_refuses_aliases_of_lists_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(billion_laughs())
    with pytest.raises(AgentFileError, match=r"alias \*a0: aliases of lists or mappings are not allowed") as caught:
        load_agent(path)
    assert (caught.value.path, caught.value.line) == (path, 4)


def test_accepts_aliases_of_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nname: &n api-dev\ndescription: *n\n---\nbody\n")
    assert load_agent(path).description == "api-dev"


@pytest.mark.parametrize(
    "meta",
    ["x: " + "[" * 100_000 + "]" * 100_000, "\n".join(" " * i + f"k{i}:" for i in range(1200))],
    ids=["100k-deep flow", "1200-level block"],
)
def test_refuses_deep_nesting_instead_of_overflowing_the_stack(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text(f"---\nname: d\n{meta}\n---\nbody\n")
    with pytest.raises(AgentFileError, match="nested more than 64 levels deep"):
        load_agent(path)


def test_refuses_a_fifo_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(AgentFileError, match="is a named pipe, not an agent file"):
        load_agent(tmp_path / "pipe.md")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_refuses_a_link_to_a_device(tmp_path: Path, device: str) -> None:
    (tmp_path / "agent.md").symlink_to(device)
    with pytest.raises(AgentFileError, match="is a character device"):
        load_agent(tmp_path / "agent.md")


def test_reads_no_more_than_the_limit_plus_one_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    reads: list[int] = []
    real_fdopen = os.fdopen

    class Counting:
        def __init__(self, handle: io.BufferedReader) -> None:
            self.handle = handle

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            reads.append(size)
            return self.handle.read(size)

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Counting(real_fdopen(fd, mode)))
    with pytest.raises(AgentFileError, match="limited to 1 MiB"):
        load_agent(path)
    assert reads == [1024 * 1024 + 1]


def test_reads_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "wide.md"
    path.write_bytes("---\nname: wide\n---\nUse FastAPI.\n".encode("utf-16"))
    assert load_agent(path).name == "wide"


def test_names_a_symlink_loop_as_such(tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    with pytest.raises(AgentFileError, match="a symlink loop"):
        load_agent(tmp_path / "loop.md")


def test_an_unreadable_file_is_an_agent_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_agent(tmp_path, meta={"name": "locked"})
    monkeypatch.setattr(os, "open", lambda *args, **kwargs: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(AgentFileError, match="cannot be read: permission denied"):
        load_agent(path)
