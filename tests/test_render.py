"""Rendering: the tree it writes, and the promises around it (all or nothing, nothing overwritten)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from helpers import write_agent
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.discovery import bundled_agent_names
from scaffold.project import as_subagent
from scaffold.resources import template_root

runner = CliRunner()


def python_found(version: str, *, cwd: Path) -> bool:
    """Stands in for the probe of the project's Python (a process start through pyenv, about 0.25 s
    a render); tests/test_environment.py tests the probe itself, and the slow tests use it for real."""
    return True


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr("scaffold.environment.python_available", python_found)


def new(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["new", *args])
    return result.exit_code, result.output, result.stderr


class Made:
    """One ``scaffold new`` of a bundled agent: exit code, stdout, stderr and the project."""

    def __init__(self, code: int, output: str, stderr: str, path: Path) -> None:
        self.code, self.output, self.stderr, self.path = code, output, stderr, path


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Made]:
    """Render each bundled agent at most once per git choice; tests only read the result."""
    cache: dict[tuple[str, bool], Made] = {}

    def make(agent: str, *, git: bool) -> Made:
        if (agent, git) not in cache:
            where = tmp_path_factory.mktemp(f"{agent}-{'git' if git else 'nogit'}")
            with pytest.MonkeyPatch.context() as patch:
                patch.chdir(where)
                patch.setenv("HOME", str(where / "home"))
                patch.setattr("scaffold.environment.python_available", python_found)
                code, output, stderr = new("svc", "--agent", agent, *([] if git else ["--no-git"]))
            cache[agent, git] = Made(code, output, stderr, where / "svc")
        return cache[agent, git]

    return make


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_renders_the_agents_layout_and_copies_the_agent(made: Callable[..., Made]) -> None:
    result = made("backend-engineer", git=True)
    code, output, project = result.code, result.output, result.path
    assert code == 0, output
    tree = files(project)
    assert {"AGENTS.md", "README.md", ".gitignore", ".copier-answers.yml"} <= tree
    assert {"backend/app/main.py", "backend/app/api/routes/items.py", "backend/pyproject.toml"} <= tree
    assert {"backend/app/services/items.py", "backend/app/repositories/items.py"} <= tree
    copied = project / ".claude" / "agents" / "backend-engineer.md"
    bundled = Path(__file__).resolve().parents[1] / "agents" / "backend-engineer.md"
    assert copied.read_bytes() == bundled.read_bytes()
    assert "From the agent" in output and "layout_root" in output and "Next steps" in output


def test_modules_sit_in_the_root_when_the_agent_names_no_package(made: Callable[..., Made]) -> None:
    result = made("backend-development-specialist", git=False)
    assert result.code == 0, result.output
    tree = files(result.path)
    assert {"apps/backend/main.py", "apps/backend/api/items.py", "apps/backend/pyproject.toml"} <= tree
    assert not any(name.startswith("apps/backend/app/") for name in tree)


def test_new_project_is_a_git_repository_with_one_clean_commit(made: Callable[..., Made]) -> None:
    project = made("backend-systems", git=True).path
    log = subprocess.run(["git", "log", "--oneline"], cwd=project, capture_output=True, text=True, check=True)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True)
    assert len(log.stdout.splitlines()) == 1
    assert status.stdout == ""


def test_no_git_leaves_no_repository(made: Callable[..., Made]) -> None:
    result = made("backend-systems", git=False)
    assert result.code == 0
    assert not (result.path / ".git").exists()


def test_each_project_gets_its_own_secret(made: Callable[..., Made]) -> None:
    projects = [made("backend-systems", git=False).path, made("backend-systems", git=True).path]
    secrets = {next(project.rglob(".env")).read_text() for project in projects}
    assert len(secrets) == 2


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "notes.txt").write_text("mine")
    code, _, stderr = new("svc", "--agent", "backend-systems")
    assert code == 2
    assert "not empty" in stderr and "--force" in stderr
    assert files(tmp_path / "svc") == {"notes.txt"}


def test_force_keeps_files_the_template_does_not_write_and_names_what_it_overwrote(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "notes.txt").write_text("mine")
    (tmp_path / "svc" / "README.md").write_text("old readme")
    (tmp_path / "svc" / "backend").mkdir()
    (tmp_path / "svc" / "backend" / ".env").write_text("SECRET_KEY=mine\n")  # named by _skip_if_exists
    code, output, _ = new("svc", "--agent", "backend-systems", "--force", "--no-git")
    assert code == 0, output
    assert (tmp_path / "svc" / "notes.txt").read_text() == "mine"
    assert (tmp_path / "svc" / "backend" / ".env").read_text() == "SECRET_KEY=mine\n"
    assert "overwrote README.md" in output
    assert "kept your backend/.env" in output
    assert [line for line in output.splitlines() if "overwrote" in line] == ["  overwrote README.md"]


def test_a_failed_render_leaves_nothing_behind(tmp_path: Path) -> None:
    broken = tmp_path / "fork"
    shutil.copytree(template_root() / "template", broken / "template")
    shutil.copy(template_root() / "copier.yml", broken)
    (broken / "template" / "project" / "README.md.jinja").write_text("{% if %}broken")
    code, _, stderr = new("deep/nested/svc", "--agent", "backend-systems", "--template", str(broken))
    assert code == 2
    assert "could not be rendered" in stderr
    assert not (tmp_path / "deep").exists()
    assert not list(tmp_path.glob(".scaffold-*"))


def test_template_syntax_in_an_agent_file_stays_literal(tmp_path: Path) -> None:
    agent = write_agent(
        tmp_path,
        meta={"name": "tricky", "description": "Uses {{ 7 * 7 }} and {% raw %}"},
        body="# {{ 6 * 7 }}\n- `backend/main.py` - entry {% if x %}\n",
        name="tricky.md",
    )
    code, output, _ = new("svc", "--agent", str(agent), "--set", "description={{ 5 * 5 }}", "--no-git")
    assert code == 0, output
    project = tmp_path / "svc"
    assert (project / ".claude" / "agents" / "tricky.md").read_bytes() == agent.read_bytes()
    readme = (project / "README.md").read_text()
    assert "{{ 5 * 5 }}" in readme
    assert "\n25\n" not in readme and "# 25" not in readme


def test_an_agent_file_without_subagent_frontmatter_is_placed_as_a_subagent(tmp_path: Path) -> None:
    source = tmp_path / "src" / "AGENTS.md"
    source.parent.mkdir()
    body = "# Orders API\n\nWe use FastAPI with SQLAlchemy on PostgreSQL.\n"
    source.write_text(body)
    code, output, _ = new("svc", "--agent", str(source), "--no-git", "--no-lock")
    assert code == 0, output
    placed = (tmp_path / "svc" / ".claude" / "agents" / "orders-api.md").read_text()
    meta = yaml.safe_load(placed.split("---\n")[1])
    assert meta["name"] == "orders-api"
    assert "AGENTS.md" in meta["description"]
    assert placed.endswith("---\n\n" + body)


def test_frontmatter_missing_a_description_gets_one_and_keeps_the_rest(tmp_path: Path) -> None:
    text = "---\n# kept comment\nname: billing\nglobs: app/**\n---\nWe use FastAPI.\n"
    placed = as_subagent(text, {"name": "billing", "globs": "app/**"}, name="billing", description="", source="x.mdc")
    meta = yaml.safe_load(placed.split("---\n")[1])
    assert (meta["name"], meta["globs"], "x.mdc" in meta["description"]) == ("billing", "app/**", True)
    assert "# kept comment\n" in placed and placed.endswith("---\nWe use FastAPI.\n")
    whole = "---\nname: a\ndescription: b\n---\nbody\n"
    assert as_subagent(whole, {"name": "a", "description": "b"}, name="a", description="b", source="a.md") is whole


def test_bad_set_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, stderr = new("svc", "--agent", "backend-systems", "--set", "orm=tortoise")
    assert code == 2
    assert stderr.strip() == "error: --set orm: expected one of sqlalchemy, sqlmodel (got 'tortoise')"
    assert not (tmp_path / "svc").exists()


def test_set_without_equals_is_an_error() -> None:
    code, _, stderr = new("svc", "--agent", "backend-systems", "--set", "orm")
    assert code == 2
    assert "expected field=value" in stderr


def test_interactive_without_a_terminal_is_a_clear_error(tmp_path: Path) -> None:
    code, _, stderr = new("svc", "--agent", "backend-systems", "--interactive")
    assert code == 2
    assert "--interactive needs a terminal" in stderr
    assert not (tmp_path / "svc").exists()


def test_a_description_with_quotes_and_backslashes_stays_valid_toml(tmp_path: Path) -> None:
    import tomllib

    code, output, _ = new("svc", "--agent", "backend-systems", "--no-git", "--set", 'description=say "hi" \\ bye')
    assert code == 0, output
    pyproject = next((tmp_path / "svc").rglob("pyproject.toml"))
    assert tomllib.loads(pyproject.read_text())["project"]["description"] == 'say "hi" \\ bye'


SPECIALIST_TREE = """
.claude/agents/backend-specialist.md .copier-answers.yml .github/workflows/ci.yml .gitignore AGENTS.md README.md
backend/.dockerignore backend/.env backend/.env.example backend/.python-version backend/Dockerfile
backend/alembic.ini backend/compose.yaml backend/pyproject.toml
backend/k8s/configmap.yaml backend/k8s/deployment.yaml backend/k8s/migrate-job.yaml backend/k8s/service.yaml
backend/app/__init__.py backend/app/main.py
backend/app/api/__init__.py backend/app/api/deps.py backend/app/api/v1/__init__.py
backend/app/api/v1/endpoints/__init__.py backend/app/api/v1/endpoints/health.py backend/app/api/v1/endpoints/items.py
backend/app/api/v1/endpoints/auth.py backend/app/api/v1/endpoints/refresh_tokens.py
backend/app/api/v1/endpoints/users.py backend/app/auth/__init__.py backend/app/auth/dependencies.py
backend/app/auth/errors.py backend/app/auth/manage.py backend/app/auth/opaque.py backend/app/auth/passwords.py
backend/app/auth/refresh_tokens.py backend/app/auth/roles.py backend/app/auth/schemas.py
backend/app/auth/sign_in.py backend/app/auth/tokens.py backend/app/auth/users.py backend/app/core/__init__.py
backend/app/core/cache.py backend/app/core/config.py backend/app/core/errors.py backend/app/core/logging.py
backend/app/core/rate_limit.py backend/app/core/redis_client.py backend/app/core/request_id.py backend/app/database.py
backend/app/models/__init__.py backend/app/models/base.py backend/app/models/items.py backend/app/models/users.py
backend/app/schemas/__init__.py backend/app/schemas/request/__init__.py backend/app/schemas/request/items.py
backend/app/schemas/response/__init__.py backend/app/schemas/response/items.py
backend/app/services/__init__.py backend/app/services/items.py
backend/migrations/env.py backend/migrations/script.py.mako backend/migrations/versions/0001_create_items.py
backend/migrations/versions/0002_create_users.py backend/migrations/versions/0003_add_user_role.py
backend/migrations/versions/0004_create_refresh_tokens.py
backend/tests/__init__.py backend/tests/conftest.py
backend/tests/test_access.py backend/tests/test_architecture.py backend/tests/test_auth.py
backend/tests/test_cache.py backend/tests/test_config.py backend/tests/test_db.py backend/tests/test_health.py
backend/tests/test_health_redis.py backend/tests/test_integrations.py backend/tests/test_items_api.py
backend/tests/test_items_service.py backend/tests/test_lifespan.py backend/tests/test_logging.py
backend/tests/test_migrations.py
backend/tests/test_rate_limit.py backend/tests/test_refresh_tokens.py backend/tests/test_telemetry.py
backend/tests/test_health_redis.py backend/tests/test_items_api.py backend/tests/test_items_service.py
backend/tests/test_migrations.py backend/tests/test_rate_limit.py backend/tests/test_refresh_tokens.py
backend/tests/dockerfile.py backend/tests/project_files.py backend/tests/test_ci_workflow.py
backend/tests/test_compose.py backend/tests/test_docker_image.py backend/tests/test_kubernetes.py
"""


def test_tree_snapshot_of_a_versioned_api_with_split_schemas(made: Callable[..., Made]) -> None:
    result = made("backend-specialist", git=False)
    assert result.code == 0, result.output
    assert files(result.path) == set(SPECIALIST_TREE.split())


@pytest.mark.parametrize("agent", bundled_agent_names())
def test_every_folder_the_agent_names_exists(made: Callable[..., Made], agent: str) -> None:
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions

    conventions = extract_conventions(resolve_agent(agent)).conventions
    result = made(agent, git=False)
    assert result.code == 0, result.output
    root = result.path / (conventions.layout_root or ".") / (conventions.app_package or "")
    missing = [d for d in conventions.dirs if not (root / d / "__init__.py").is_file()]
    assert missing == []


def test_the_secret_env_file_is_not_committed(made: Callable[..., Made]) -> None:
    project = made("backend-engineer", git=True).path
    tracked = subprocess.run(["git", "ls-files"], cwd=project, capture_output=True, text=True).stdout.split()
    assert "backend/.env.example" in tracked
    assert "backend/.env" not in tracked


def test_a_missing_python_is_said_clearly_after_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scaffold.environment.python_available", lambda version, cwd: False)
    code, _, stderr = new("svc", "--agent", "backend-specialist", "--no-git")
    assert code == 0
    assert "the project needs Python 3.13, which is not found here" in stderr
    assert "pyenv" in stderr or "uv python install 3.13" in stderr


def test_interactive_offers_the_agents_values_as_defaults(tmp_path: Path) -> None:
    import os
    import pty
    import select
    import sys
    import time

    import yaml

    command = [sys.executable, "-m", "scaffold", "new", "svc", "--agent", "backend-development-specialist"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command, "--interactive", "--no-git"], stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.3)[0]:
            try:
                os.read(leader, 65536)
            except OSError:
                break
        os.write(leader, b"\r")  # accept each default
    process.wait(timeout=10)
    os.close(leader)
    assert process.returncode == 0
    answers = yaml.safe_load((tmp_path / "svc" / ".copier-answers.yml").read_text())
    assert (answers["layout_root"], answers["port"], answers["type_checker"]) == ("apps/backend", 8009, "basedpyright")
    assert (tmp_path / "svc" / "apps" / "backend" / "middleware" / "__init__.py").is_file()


def test_force_into_an_existing_repository_does_not_commit_for_the_user(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "svc", check=True)
    (tmp_path / "svc" / "notes.txt").write_text("mine")
    code, output, _ = new("svc", "--agent", "backend-systems", "--force")
    assert code == 0, output
    assert "existing git repository" in output
    log = subprocess.run(["git", "log", "--oneline"], cwd=tmp_path / "svc", capture_output=True, text=True)
    assert log.stdout == ""


def test_a_missing_uv_is_said_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from uv._find_uv import UvNotFound

    def nowhere() -> str:
        raise UvNotFound("not here")

    monkeypatch.setattr("shutil.which", lambda name: None if name == "uv" else "/usr/bin/" + name)
    monkeypatch.setattr("uv.find_uv_bin", nowhere)
    code, _, stderr = new("svc", "--agent", "backend-systems", "--no-git")
    assert code == 0
    assert "uv, which is not installed here" in stderr


def test_an_answer_set_to_a_module_file_gets_no_empty_package_beside_it(tmp_path: Path) -> None:
    code, output, _ = new("s1", "--agent", "backend-engineer", "--set", "schemas_dir=", "--no-git")
    assert code == 0, output
    assert "schemas_dir        (one schemas.py)" in output.split("From --set")[1]
    package = tmp_path / "s1" / "backend" / "app"
    assert (package / "schemas.py").is_file()
    assert not (package / "schemas").exists()


def test_a_single_models_file_gets_no_empty_models_package(tmp_path: Path) -> None:
    code, output, _ = new("s1", "--agent", "backend-engineer", "--set", "models_dir=", "--no-git")
    assert code == 0, output
    package = tmp_path / "s1" / "backend" / "app"
    assert (package / "models.py").is_file()
    assert not (package / "models").exists()


def test_stated_folders_become_packages_only_where_the_tree_has_no_module(tmp_path: Path) -> None:
    from scaffold.answers import Answers
    from scaffold.loader import load_agent
    from scaffold.render import render_project

    agent = load_agent(write_agent(tmp_path, meta={"name": "x", "description": "d"}, body="FastAPI\n"))
    answers = Answers(project_name="svc", schemas_dir="", models_dir="")
    stated = ("schemas/request", "models", "core", "workers", "jobs/cron")
    rendered = render_project(answers, tmp_path / "svc", agent=agent, stated_dirs=stated, git=False)
    package = tmp_path / "svc" / "app"
    assert rendered.packages == ("workers", "jobs/cron")
    assert not (package / "schemas").exists() and not (package / "models").exists()
    assert (package / "jobs" / "__init__.py").read_text().startswith('"""jobs: ')
    assert (package / "jobs" / "cron" / "__init__.py").is_file()
    assert (package / "workers" / "__init__.py").is_file()


def test_a_folder_that_is_not_a_package_path_is_refused(tmp_path: Path) -> None:
    from scaffold.answers import Answers
    from scaffold.errors import RenderError
    from scaffold.loader import load_agent
    from scaffold.render import render_project

    agent = load_agent(write_agent(tmp_path, meta={"name": "x", "description": "d"}, body="FastAPI\n"))
    with pytest.raises(RenderError, match="not a package path"):
        render_project(Answers(project_name="svc"), tmp_path / "svc", agent=agent, stated_dirs=("../up",))
    assert not (tmp_path / "svc").exists()


def answering(monkeypatch: pytest.MonkeyPatch, **changed: object) -> None:
    """Make Copier end with ``changed`` answers, as a user changing them at the prompts would."""
    import copier

    real = copier.run_copy

    def run_copy(src: str, dst: Path, data: dict[str, object] | None = None, **kwargs: object) -> object:
        given = {**(data or kwargs.pop("user_defaults", None) or {}), **changed}  # type: ignore[dict-item]
        kwargs.update(defaults=True, quiet=True)
        return real(src, dst, data=given, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(copier, "run_copy", run_copy)


def test_the_report_uses_the_answers_copier_ended_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[tuple[str, Path]] = []
    monkeypatch.setattr("scaffold.environment.python_available", lambda version, cwd: checked.append((version, cwd)))
    answering(monkeypatch, python_version="3.11", port=9001, layout_root="service", app_package="api_pkg")
    code, output, stderr = new("svc", "--agent", "backend-engineer", "--no-git")
    assert code == 0, output
    assert checked == [("3.11", tmp_path / "svc" / "service")]
    assert "the project needs Python 3.11" in stderr
    assert "--port 9001" in output
    assert (tmp_path / "svc" / "service" / "api_pkg" / "models" / "__init__.py").is_file()
    assert not (tmp_path / "svc" / "backend").exists()


def test_interactive_answers_are_returned_not_the_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.answers import Answers
    from scaffold.loader import load_agent
    from scaffold.render import render_project

    answering(monkeypatch, port=9001, python_version="3.13")
    agent = load_agent(write_agent(tmp_path, meta={"name": "x", "description": "d"}, body="FastAPI\n"))
    rendered = render_project(Answers(project_name="svc"), tmp_path / "svc", agent=agent, git=False, interactive=True)
    assert (rendered.answers["port"], rendered.answers["python_version"]) == (9001, "3.13")
    assert "secret_key" not in rendered.answers and "pkg_dir" not in rendered.answers


def test_a_non_empty_destination_is_refused_before_anything_else_is_said(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["new", "svc", "--agent", "backend-engineer"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {tmp_path / 'svc'}: folder is not empty; use --force to render into it\n"


def test_each_step_is_shown_on_stderr_when_not_at_a_terminal(made: Callable[..., Made]) -> None:
    result = made("backend-development-specialist", git=True)
    code, output, stderr = result.code, result.output, result.stderr
    assert code == 0, output
    steps = [line for line in stderr.splitlines() if line.startswith("... ")]
    assert steps == [
        "... rendering the template",
        "... placing the agent",
        "... adding packages for the folders the agent names",
        "... making it a git repository with one commit",
        "... checking the project's Python",
    ]


def test_a_destination_that_is_a_file_is_refused_first(tmp_path: Path) -> None:
    (tmp_path / "svc").write_text("not a folder")
    result = runner.invoke(app, ["new", "svc", "--agent", "backend-engineer", "--force"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {tmp_path / 'svc'}: exists and is not a folder\n"


def test_the_answers_file_names_the_bundled_template_not_a_temporary_copy(made: Callable[..., Made]) -> None:
    import yaml

    answers = yaml.safe_load((made("backend-engineer", git=True).path / ".copier-answers.yml").read_text())
    assert answers["_src_path"] == str(template_root())


def test_an_agent_that_states_nothing_is_said_to(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, body="# Notes\n\nNothing about code here.\n", name="notes.md")
    code, output, stderr = new("svc", "--agent", str(agent), "--no-git")
    assert code == 0, output
    assert "states none of the conventions this template uses" in stderr


def test_next_steps_run_from_any_folder(made: Callable[..., Made]) -> None:
    result = made("backend-engineer", git=True)
    steps = result.output.split("Next steps")[1]
    assert f"cd {result.path / 'backend'}" in steps
    assert "\n  cd backend" not in steps


def test_a_folder_name_that_is_no_project_name_says_how_to_choose_one(tmp_path: Path) -> None:
    code, _, stderr = new("My API", "--agent", "backend-systems")
    assert code == 2
    assert "destination folder's name: choose another with --set project_name=" in stderr
    assert not (tmp_path / "My API").exists()


def test_an_interrupt_after_rendering_reports_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(version: str, *, cwd: Path) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr("scaffold.environment.python_available", interrupted)
    code, output, stderr = new("svc", "--agent", "backend-systems", "--no-git")
    assert code == 0, output
    assert "interrupted while checking the project's Python; the project was created" in stderr
    assert f"Created {tmp_path / 'svc'}" in output


def test_the_longest_names_keep_the_code_within_ruffs_checks(tmp_path: Path) -> None:
    # Names reach code (the title, the Redis key prefix, the Celery app, the role enum, the CI
    # test's working directory): at their limits every line still fits ruff's line length and
    # ruff format leaves the files as they are.
    longest = "0" + "-billing" * 6 + "s"  # 50 characters, starting with a digit: the slug gains a '_'
    agent = write_agent(
        tmp_path,
        body="FastAPI with async SQLAlchemy on PostgreSQL.\n- Celery workers with Redis as the broker.\n"
        "- Redis caches item reads.\n- Rate limiting on every route.\n- JWT auth and API keys.\n",
    )
    too_long = tmp_path / f"{longest}2"
    refused = runner.invoke(app, ["new", str(too_long), "--agent", str(agent), "--no-lock", "--no-git"])
    assert refused.exit_code == 2 and "project_name: must be at most 50 characters" in refused.stderr
    project = tmp_path / longest
    root = "/".join(["services"] * 6) + "/api_gw"  # 60 characters, the longest layout_root
    roles = ["a" * 29 + "b", "a" * 29 + "c"]  # the longest role names (30 characters)
    sets = ["--set", f"layout_root={root}", "--set", f"roles={','.join(roles)}"]
    result = runner.invoke(app, ["new", str(project), "--agent", str(agent), "--no-lock", "--no-git", *sets])
    assert result.exit_code == 0, result.output + result.stderr
    config = (project / root / "app" / "core" / "config.py").read_text()
    assert 'REDIS_KEY_PREFIX: str = "_0_billing' in config
    assert roles[0] in (project / root / "app" / "auth" / "roles.py").read_text()
    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=project, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
