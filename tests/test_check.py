from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.discovery import bundled_agent_names
from scaffold.extraction import extract_conventions
from scaffold.loader import load_agent
from scaffold.planning import plan_answers

runner = CliRunner()
AGENTS = bundled_agent_names()
ENGINEER = "backend-engineer"
"""layout_root backend, package app, routes in api/routes, a repository layer, schemas/ and models/."""
SPECIALIST = "backend-development-specialist"
"""layout_root apps/backend, no package, routes in api (beside api/deps.py), port 8009, venv, basedpyright, render."""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each bundled agent rendered once (no lock file, no git); tests change copies of them."""
    base = tmp_path_factory.mktemp("rendered")
    projects = {}
    for agent in AGENTS:
        result = runner.invoke(app, ["new", str(base / agent), "--agent", agent, "--no-lock", "--no-git"])
        assert result.exit_code == 0, result.output + result.stderr
        projects[agent] = base / agent
    return projects


@pytest.fixture
def copy_of(rendered: dict[str, Path], tmp_path: Path) -> Any:
    def copy(agent: str) -> Path:
        target = tmp_path / agent
        shutil.copytree(rendered[agent], target, symlinks=True)
        return target

    return copy


def check(project: Path, expected_code: int = 1) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["check", str(project), "--json"])
    assert result.exit_code == expected_code, result.output + result.stderr
    report = json.loads(result.stdout)
    assert report["clean"] is (expected_code == 0)
    findings: list[dict[str, Any]] = report["findings"]
    return findings


def only(findings: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["kind"] == kind]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def agent_file(project: Path) -> Path:
    (found,) = (project / ".claude" / "agents").glob("*.md")
    return found


def add_to_agent(project: Path, line: str) -> int:
    path = agent_file(project)
    text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def single_error(result: Any, where: str) -> None:
    assert result.exit_code == 2, result.output + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ") and where in result.stderr, result.stderr
    assert "Traceback" not in result.output + result.stderr


# --- clean --------------------------------------------------------------------------------


@pytest.mark.parametrize("agent", AGENTS)
def test_fresh_project_of_each_bundled_agent_is_clean(agent: str, rendered: dict[str, Path]) -> None:
    assert check(rendered[agent], expected_code=0) == []


@pytest.mark.parametrize(
    ("path", "root"), [("api/AGENTS.md", "api"), ("api/CLAUDE.md", "api"), ("CLAUDE.md", "."), ("AGENTS.md", ".")]
)
def test_project_of_a_file_that_governs_its_folder_is_clean(tmp_path: Path, path: str, root: str) -> None:
    # api/AGENTS.md in a repository: its tree (app/main.py) is under api/, so the root is api. Placed
    # elsewhere in the project, the file would read as rooted at '.' and drift at once. A CLAUDE.md at
    # the root stays there, where check and update read its committed text again.
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    agent = tmp_path / "repo" / path
    write(agent, "# Orders\n\n```\napp/\n  main.py\n  routers/\n```\n")
    project = tmp_path / "svc"
    result = runner.invoke(app, ["new", str(project), "--agent", str(agent), "--no-lock"])
    assert result.exit_code == 0, result.output + result.stderr
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    placed = answers["agent_file"]
    assert answers["layout_root"] == root and (placed == path or placed.startswith(".claude/agents/"))
    if placed == path:
        assert (project / path).read_bytes() == agent.read_bytes()
    assert check(project, expected_code=0) == []
    pretended = runner.invoke(app, ["update", str(project), "--pretend"])
    assert pretended.exit_code == 0, pretended.output + pretended.stderr


def test_update_follows_a_nested_file_that_moves_its_code(tmp_path: Path) -> None:
    # The agent's text as the answers were made from it is read again from git in a throw-away copy;
    # there api/AGENTS.md must govern api/ as in the project. Read as rooted at '.', the project's
    # 'api' looked chosen apart from the agent, and update kept it instead of following the move.
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    agent = tmp_path / "repo" / "api" / "AGENTS.md"
    write(agent, "# Orders\n\n```\napp/\n  main.py\n  routers/\n```\n")
    project = tmp_path / "svc"
    result = runner.invoke(app, ["new", str(project), "--agent", str(agent), "--no-lock"])
    assert result.exit_code == 0, result.output + result.stderr
    write(project / "api" / "AGENTS.md", "# Orders\n\n```\nservice/\n  app/\n    main.py\n    routers/\n```\n")
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", *identity, "commit", "-qam", "move the code"], cwd=project, check=True)
    pretended = runner.invoke(app, ["update", str(project), "--pretend"])
    assert pretended.exit_code == 0, pretended.output + pretended.stderr
    assert "layout_root        api -> api/service" in pretended.stdout
    assert "kept layout_root" not in pretended.stdout


def test_check_defaults_to_the_current_folder(rendered: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(rendered[ENGINEER])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.startswith("No drift")


def test_table_has_one_row_per_finding_and_a_summary(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    edit(project / "README.md", "--port 8000", "--port 9000")
    shutil.rmtree(project / "backend" / "migrations")
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["kind", "field", "expected", "found", "where"]
    assert [line.split()[:2] for line in lines[1:3]] == [["config", "port"], ["folder", "migrations_dir"]]
    assert "README.md:" in lines[1] and "9000" in lines[1]
    assert lines[3].startswith("2 findings (1 config, 1 folder)")


# --- agent vs answers -----------------------------------------------------------------------


def test_reports_agent_now_stating_another_type_checker(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    line = add_to_agent(project, "- Type-check with pyright in strict mode.")
    (finding,) = only(check(project), "agent")
    assert finding == {
        "kind": "agent",
        "field": "type_checker",
        "expected": "pyright",
        "found": "mypy",
        "file": ".claude/agents/backend-engineer.md",
        "line": line,
        "evidence": "- Type-check with pyright in strict mode.",
    }


def test_ignores_answer_the_agent_leaves_to_the_default(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    inspection = extract_conventions(load_agent(agent_file(project)))
    plan = plan_answers(inspection, project_name=ENGINEER)
    assert {c.field: c.source for c in plan.choices}["coverage_min"] == "default"
    edit(project / ".copier-answers.yml", "coverage_min: 0", "coverage_min: 90")
    assert check(project, expected_code=0) == []


def test_reports_agent_value_the_template_cannot_render_as_a_finding(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    line = add_to_agent(project, "- Background jobs run on Dramatiq workers.")
    (finding,) = check(project)
    assert (finding["kind"], finding["field"], finding["expected"], finding["found"], finding["line"]) == (
        "agent",
        "task_queue",
        "dramatiq",
        "(none)",
        line,
    )
    assert finding["evidence"] == "- Background jobs run on Dramatiq workers."


# --- config vs answers ----------------------------------------------------------------------


def test_reports_pyproject_configuring_another_type_checker(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    pyproject = project / "backend" / "pyproject.toml"
    edit(pyproject, "[tool.mypy]", "[tool.pyright]")
    (finding,) = check(project)
    line = pyproject.read_text().splitlines().index("[tool.pyright]") + 1
    assert finding == {
        "kind": "config",
        "field": "type_checker",
        "expected": "mypy",
        "found": "pyright",
        "file": "backend/pyproject.toml",
        "line": line,
        "evidence": "[tool.pyright]",
    }


def test_reports_basedpyright_project_whose_pyproject_went_back_to_mypy(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    edit(project / "apps" / "backend" / "pyproject.toml", "[tool.basedpyright]", "[tool.mypy]")
    (finding,) = check(project)
    assert (finding["field"], finding["expected"], finding["found"]) == ("type_checker", "basedpyright", "mypy")


def test_reports_requires_python_and_python_version_file(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    edit(project / "backend" / "pyproject.toml", 'requires-python = ">=3.12"', 'requires-python = ">=3.11,<4"')
    (project / "backend" / ".python-version").write_text("3.13\n")
    findings = check(project)
    assert [(f["field"], f["file"], f["expected"], f["found"]) for f in findings] == [
        ("python_version", "backend/pyproject.toml", "3.12", "3.11"),
        ("python_version", "backend/.python-version", "3.12", "3.13"),
    ]


def test_reports_port_changed_in_the_run_command(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    edit(project / "README.md", "--port 8000", "--port 9000")
    (finding,) = check(project)
    assert (finding["kind"], finding["field"], finding["expected"], finding["found"]) == (
        "config",
        "port",
        "8000",
        "9000",
    )
    assert finding["file"] == "README.md" and "uvicorn" in finding["evidence"]


def test_reports_port_changed_in_the_dockerfile(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    dockerfile = project / "apps" / "backend" / "Dockerfile"
    edit(dockerfile, "EXPOSE 8009", "EXPOSE 8080")
    (finding,) = check(project)
    assert (finding["file"], finding["expected"], finding["found"]) == ("apps/backend/Dockerfile", "8009", "8080")


def test_ignores_other_ports_in_the_readme(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    with (project / "README.md").open("a") as readme:
        readme.write("\n```bash\nuv run celery -A app.worker flower --port=5555\n```\n")
    assert check(project, expected_code=0) == []


def test_reports_venv_folder_missing_from_ruff_excludes(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    edit(project / "apps" / "backend" / "pyproject.toml", 'extend-exclude = ["venv", ', "extend-exclude = [")
    (finding,) = check(project)
    assert (finding["field"], finding["expected"], finding["found"]) == ("venv_dir", "venv", ".venv, .claude")


def test_invalid_pyproject_is_bad_input_naming_the_file_and_line(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    edit(project / "backend" / "pyproject.toml", "[tool.mypy]", "[tool.mypy")
    result = runner.invoke(app, ["check", str(project)])
    single_error(result, "backend/pyproject.toml:")


# --- folders --------------------------------------------------------------------------------


def test_reports_folder_an_answer_implies_missing(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    shutil.rmtree(project / "backend" / "app" / "repositories")
    (finding,) = check(project)
    assert finding == {
        "kind": "folder",
        "field": "repository_pattern",
        "expected": "backend/app/repositories/",
        "found": "missing",
        "file": "backend/app/repositories",
        "line": None,
        "evidence": None,
    }


def test_reports_folder_only_the_agent_names_missing_with_its_line(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    shutil.rmtree(project / "apps" / "backend" / "middleware")
    (finding,) = check(project)
    assert (finding["kind"], finding["field"], finding["file"]) == ("folder", "dirs", "apps/backend/middleware")
    assert finding["evidence"].startswith(".claude/agents/backend-development-specialist.md:")
    assert "middleware" in finding["evidence"]


def test_accepts_module_file_standing_for_a_folder_the_agent_names(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    shutil.rmtree(project / "apps" / "backend" / "middleware")
    write(project / "apps" / "backend" / "middleware.py", '"""Middleware."""\n')
    assert check(project, expected_code=0) == []


def test_reports_a_folder_both_name_once(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    shutil.rmtree(project / "backend" / "app" / "schemas")
    (finding,) = check(project)
    assert (finding["field"], finding["file"]) == ("schemas_dir", "backend/app/schemas")


# --- layering -------------------------------------------------------------------------------


def routes(project: Path) -> Path:
    return project / "backend" / "app" / "api" / "routes"


def services(project: Path) -> Path:
    return project / "backend" / "app" / "services"


@pytest.mark.parametrize(
    ("source", "rule", "imported"),
    [
        ("from app.repositories.items import ItemRepository\n", "route-imports-repository",
         "app.repositories.items.ItemRepository"),
        ("from ...repositories import items\n", "route-imports-repository", "app.repositories.items"),
        ("from sqlalchemy.orm import Session\n", "route-imports-session", "sqlalchemy.orm.Session"),
        ("from sqlalchemy.ext.asyncio import AsyncSession\n", "route-imports-session",
         "sqlalchemy.ext.asyncio.AsyncSession"),
        ("from sqlmodel import Session\n", "route-imports-session", "sqlmodel.Session"),
        ("import app.core.db\n", "route-imports-db-module", "app.core.db"),
        ("from app.core import db\n", "route-imports-db-module", "app.core.db"),
        ("from app.models.items import Item\n", "route-imports-model", "app.models.items.Item"),
        ("from ...models import Item\n", "route-imports-model", "app.models.Item"),
    ],
)  # fmt: skip
def test_reports_route_reaching_past_the_services(copy_of: Any, source: str, rule: str, imported: str) -> None:
    project = copy_of(ENGINEER)
    write(routes(project) / "reports.py", '"""Reports."""\n\n' + source)
    (finding,) = check(project)
    assert finding == {
        "kind": "layering",
        "field": rule,
        "expected": finding["expected"],
        "found": imported,
        "file": "backend/app/api/routes/reports.py",
        "line": 3,
        "evidence": source.strip(),
    }
    assert finding["expected"]


def test_ignores_session_named_in_comments_and_strings(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    source = (
        '"""Never import Session here: from sqlalchemy.orm import Session."""\n\n'
        "# from sqlalchemy.orm import Session\n"
        'HINT = "from app.repositories.items import ItemRepository"\n'
    )
    write(routes(project) / "reports.py", source)
    assert check(project, expected_code=0) == []


def test_reports_import_under_type_checking_too(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    source = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
    write(routes(project) / "reports.py", source)
    (finding,) = check(project)
    assert (finding["field"], finding["line"]) == ("route-imports-session", 4)


def test_ignores_route_imports_when_the_project_has_no_service_layer(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    answers = project / ".copier-answers.yml"
    edit(answers, "repository_pattern: true", "repository_pattern: false")
    edit(answers, "service_layer: true", "service_layer: false")
    write(routes(project) / "reports.py", "from sqlalchemy.orm import Session\n")
    findings = check(project)
    assert [(f["kind"], f["field"]) for f in findings] == [("agent", "service_layer"), ("agent", "repository_pattern")]


def test_reports_service_importing_fastapi(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    write(services(project) / "reports.py", "from fastapi import HTTPException\n")
    (finding,) = check(project)
    assert (finding["field"], finding["found"], finding["file"], finding["line"]) == (
        "service-imports-http",
        "fastapi.HTTPException",
        "backend/app/services/reports.py",
        1,
    )


def test_reports_service_importing_starlette(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    write(services(project) / "reports.py", "import starlette.requests\n")
    (finding,) = check(project)
    assert (finding["field"], finding["found"]) == ("service-imports-http", "starlette.requests")


def test_ignores_service_using_the_thread_pool_helper(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    write(services(project) / "reports.py", "from fastapi.concurrency import run_in_threadpool\n")
    assert check(project, expected_code=0) == []


def test_ignores_deps_module_inside_the_routes_folder(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    deps = project / "apps" / "backend" / "api" / "deps.py"
    assert deps.is_file()
    with deps.open("a") as handle:
        handle.write("\nfrom sqlalchemy.orm import Session as _Session\n")
    assert check(project, expected_code=0) == []


def test_reports_route_beside_the_deps_module_importing_the_session(copy_of: Any) -> None:
    project = copy_of(SPECIALIST)
    write(project / "apps" / "backend" / "api" / "reports.py", "from core.db import get_session\n")
    (finding,) = check(project)
    assert (finding["field"], finding["file"]) == ("route-imports-db-module", "apps/backend/api/reports.py")


def test_route_that_does_not_parse_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    write(routes(project) / "reports.py", "def broken(:\n")
    single_error(runner.invoke(app, ["check", str(project)]), "backend/app/api/routes/reports.py:1")


def test_route_that_is_not_utf8_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    (routes(project) / "reports.py").write_bytes(b"x = '\xff'\n")
    single_error(runner.invoke(app, ["check", str(project)]), "reports.py:1: not UTF-8")


# --- bad input ------------------------------------------------------------------------------


def test_folder_without_answers_is_bad_input(tmp_path: Path) -> None:
    single_error(runner.invoke(app, ["check", str(tmp_path)]), "no .copier-answers.yml")


def test_answers_file_that_is_a_folder_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / ".copier-answers.yml").mkdir()
    single_error(runner.invoke(app, ["check", str(tmp_path)]), ".copier-answers.yml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_answers_file_that_is_a_fifo_is_bad_input(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".copier-answers.yml")
    single_error(runner.invoke(app, ["check", str(tmp_path)]), "is not a regular file")


def test_answers_file_with_an_alias_bomb_is_bad_input(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    (tmp_path / ".copier-answers.yml").write_text(bomb)
    single_error(runner.invoke(app, ["check", str(tmp_path)]), "alias")


def test_answers_file_that_is_not_utf8_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / ".copier-answers.yml").write_bytes(b"project_name: caf\xe9\n")
    single_error(runner.invoke(app, ["check", str(tmp_path)]), "not UTF-8")


def test_answers_the_template_refuses_are_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    edit(project / ".copier-answers.yml", "type_checker: mypy", "type_checker: pyre")
    single_error(runner.invoke(app, ["check", str(project)]), ".copier-answers.yml: type_checker")


def test_missing_agent_file_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    agent_file(project).unlink()
    single_error(runner.invoke(app, ["check", str(project)]), "agent_file names '.claude/agents/backend-engineer.md'")


def test_agent_file_named_by_the_answers_and_gone_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    answers = project / ".copier-answers.yml"
    data = yaml.safe_load(answers.read_text())
    answers.write_text(yaml.safe_dump({**data, "agent_file": ".claude/agents/gone.md"}))
    single_error(runner.invoke(app, ["check", str(project)]), "agent_file names '.claude/agents/gone.md'")


def test_unreadable_agent_file_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    agent_file(project).write_bytes(b"---\nname: x\n---\n\xff\xfe body\n")
    single_error(runner.invoke(app, ["check", str(project)]), "backend-engineer.md")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_pyproject_that_is_a_fifo_is_bad_input(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    (project / "backend" / "pyproject.toml").unlink()
    os.mkfifo(project / "backend" / "pyproject.toml")
    single_error(runner.invoke(app, ["check", str(project)]), "pyproject.toml: is not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_skips_fifo_named_like_a_route_module(copy_of: Any) -> None:
    project = copy_of(ENGINEER)
    os.mkfifo(routes(project) / "reports.py")
    assert check(project, expected_code=0) == []
