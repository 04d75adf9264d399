from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_agent

from scaffold.discovery import discover, resolve_agent, slugify
from scaffold.errors import AgentFileError, AgentNotFoundError


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    cwd, home = tmp_path / "project", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    return cwd, home


def test_slugify_turns_titles_into_names() -> None:
    assert slugify("Backend Development Specialist") == "backend-development-specialist"


def test_finds_by_frontmatter_name_slug_and_stem(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    write_agent(cwd / ".claude" / "agents", meta={"name": "API Builder", "description": "d"}, name="builder.md")
    for spec in ("API Builder", "api-builder", "builder"):
        assert resolve_agent(spec, cwd, home).name == "API Builder"


def test_project_folder_wins_over_user_and_bundled(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    write_agent(home / ".claude" / "agents", meta={"name": "backend-engineer", "description": "mine"}, name="b.md")
    write_agent(cwd / ".claude" / "agents", meta={"name": "backend-engineer", "description": "project"}, name="b.md")
    assert resolve_agent("backend-engineer", cwd, home).description == "project"


def test_falls_back_to_bundled_agents(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    agent = resolve_agent("backend-development-specialist", cwd, home)
    assert agent.name == "Backend Development Specialist"
    assert agent.path.parent.name == "agents"


def test_unknown_name_lists_closest_candidates(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    with pytest.raises(AgentNotFoundError, match="closest: backend-engineer"):
        resolve_agent("backend-enginer", cwd, home)


def test_ambiguous_name_in_one_folder_is_an_error(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    folder = cwd / ".claude" / "agents"
    write_agent(folder, meta={"name": "dev", "description": "a"}, name="one.md")
    write_agent(folder, meta={"name": "other", "description": "b"}, name="dev.md")
    with pytest.raises(AgentNotFoundError, match="ambiguous"):
        resolve_agent("dev", cwd, home)


def test_a_path_is_loaded_directly(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    path = write_agent(cwd, meta={"name": "x", "description": "d"}, name="sub/x.md")
    assert resolve_agent("sub/x.md", cwd, home).path == path


def test_a_folder_named_like_an_agent_does_not_shadow_the_name(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    (cwd / "backend-engineer").mkdir()
    assert resolve_agent("backend-engineer", cwd, home).name == "backend-engineer"


def test_a_folder_that_names_no_agent_is_said_to_be_a_folder(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    write_agent(cwd / "notes", body="We use FastAPI.\n", name="AGENTS.md")
    (cwd / "empty").mkdir()
    with pytest.raises(AgentNotFoundError, match=r"notes/ is a folder: pass a file in it, such as notes/AGENTS\.md"):
        resolve_agent("notes", cwd, home)
    with pytest.raises(AgentNotFoundError, match=r"empty/ is a folder, with no agent file in it"):
        resolve_agent("empty", cwd, home)


def test_a_path_to_a_folder_or_a_misspelt_file_says_what_to_pass(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    write_agent(cwd / "service", body="We use FastAPI.\n", name="AGENTS.md")
    with pytest.raises(
        AgentNotFoundError, match=r"service: is a folder: pass a file in it, such as \./service/AGENTS\.md"
    ):
        resolve_agent("./service", cwd, home)
    with pytest.raises(AgentNotFoundError, match=r"AGENT\.md: no such file; did you mean AGENTS\.md\?"):
        resolve_agent("service/AGENT.md", cwd, home)
    with pytest.raises(AgentFileError, match=r"nothing\.md: no such file$"):
        resolve_agent("service/nothing.md", cwd, home)


def test_discover_reports_unreadable_files_instead_of_failing(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    folder = cwd / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "broken.md").write_text("---\nname: [x\n---\n")
    found = [f for f in discover(cwd, home) if f.where == "project"]
    assert len(found) == 1
    assert found[0].agent is None
    assert found[0].problem is not None and "invalid YAML" in found[0].problem


def test_one_bad_file_does_not_break_lookups_of_the_others(folders: tuple[Path, Path]) -> None:
    cwd, home = folders
    folder = cwd / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "bomb.md").write_text("---\na: &a [1, 2]\nb: [*a, *a]\n---\n")
    (folder / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.md")
    write_agent(folder, meta={"name": "api-dev"}, name="api-dev.md")
    assert resolve_agent("api-dev", cwd, home).name == "api-dev"
    problems = {f.path.name: f.problem for f in discover(cwd, home) if f.where == "project" and f.agent is None}
    assert set(problems) == {"bomb.md", "zero.md", "pipe.md"}
