"""Prove generated projects work: the pairwise subset of the supported combinations through every
``scaffold smoke`` step (the bundled agents, which complete the pairs, are smoked by ``scaffold
smoke --agent all`` in CI), the
auth flow live as the README shows it, each auth value under ruff and its type checker, and the
README's commands with Poetry and pip from a fresh clone.

Slow (half a minute to two minutes per project): marked ``slow``. Needs uv, the Python each
project states, and a real PostgreSQL and Redis; without them these tests skip with the reason,
and under CI=true they fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from combinations import AUTH_ALONE, COMBINATIONS, PAIRWISE
from services import PG_HOST, PG_PORT, fresh_database, python_env, redis_url, unavailable
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.render import next_steps
from scaffold.smoke.process import call, get, serving
from scaffold.smoke.reports import failure_lines
from scaffold.smoke.runner import run_smoke
from scaffold.smoke.services import Services, free_port
from scaffold.smoke.targets import matrix_targets

pytestmark = pytest.mark.slow
CHECKERS = {"mypy": ["mypy"], "basedpyright": ["basedpyright"], "pyright": ["pyright"]}
Record = Callable[[str, float], None]
"""Keeps how long one step of the project took (shown at the end of the run, see conftest.py)."""


def run(command: list[str] | str, cwd: Path, env: dict[str, str], step: str, record: Record, timeout: int = 600) -> str:
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
        check=False,
    )
    record(step, time.perf_counter() - start)
    assert result.returncode == 0, f"{step} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def toolchain_env() -> dict[str, str]:
    env = python_env()
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    if subprocess.run(["uv", "--version"], env=env, capture_output=True, check=False).returncode != 0:
        unavailable("uv is not installed (pip install -e '.[test]' installs it)")
    return env


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return toolchain_env()


@pytest.fixture
def record(request: pytest.FixtureRequest) -> Record:
    callspec = getattr(request.node, "callspec", None)
    params = callspec.params if callspec is not None else {}
    label = str(params.get("agent") or params.get("name") or params.get("manager") or request.node.name)

    def keep(step: str, seconds: float) -> None:
        request.node.user_properties.append(("step seconds", (label, step, seconds)))

    return keep


def render_combination(name: str, target: Path, **changes: Any) -> None:
    import copier

    from scaffold.template import template_source

    with template_source() as source:
        data = {"project_name": name, **{**COMBINATIONS, **AUTH_ALONE}[name], **changes}
        copier.run_copy(source, target, data=data, defaults=True, quiet=True, unsafe=False)


@pytest.mark.parametrize("name", PAIRWISE)
def test_supported_combination_passes_every_smoke_step(name: str, record: Record) -> None:
    """The smoke of `scaffold smoke --matrix` for the pairwise subset: lint, format, types, tests on
    SQLite and PostgreSQL (Redis, broker), migrations up, checked, down and up, the server's health,
    schemathesis and the worker, each project's own commands against the real services."""
    target = next(t for t in matrix_targets() if t.name == name)
    services = Services(database_url=f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", redis_url=redis_url())
    report = run_smoke([target], services=services, template=None)
    for step in report.projects[0].steps:
        record(step.name, step.seconds)
    assert report.passed, "\n".join(failure_lines(report))


@contextmanager
def served(project: Path, run_block: str, env: dict[str, str], record: Record) -> Iterator[str]:
    """Run the README's run command on a free port until /health answers; yield the base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = re.sub(r"--port \d+", f"--port {port}", run_block)
    started = time.perf_counter()
    with serving(command, cwd=project, env=env, log=project.parent / "server.log", url=f"{base}/health", timeout=40):
        record("README run command until /health answers", time.perf_counter() - started)
        status, body = get(f"{base}/health")
        assert status == 200, body
        yield base


def serve(project: Path, run_block: str, env: dict[str, str], record: Record) -> None:
    """Start the README's run command on a free port; /health and /health/ready must answer 200."""
    with served(project, run_block, env, record) as base:
        assert get(f"{base}/health/ready")[0] == 200


LIVE_AUTH = ("backend-architect", "backend-specialist")
"""Bundled agents whose auth flow is run live, as the generated README shows it."""


def sign_in(api: str, email: str, password: str) -> dict[str, str]:
    """The bearer header of `email`, signed in through the login form."""
    form = urllib.parse.urlencode({"username": email, "password": password}).encode()
    status, token = call("POST", f"{api}/auth/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, token
    return {"Authorization": f"Bearer {token['access_token']}"}


def readme_block(project: Path, heading: str, index: int = 0) -> str:
    """The `index`-th bash block under the README's `heading`."""
    section = (project / "README.md").read_text().split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)```", section, re.S)[index]


@pytest.mark.parametrize("agent", LIVE_AUTH)
def test_auth_works_live_as_the_readme_shows(agent: str, env: dict[str, str], record: Record, tmp_path: Path) -> None:
    """Register, sign in and write with the README's curl commands; then 401, 403, the admin
    command, and 429 past the sign-in limit counted in the real Redis."""
    project = tmp_path / "svc"
    result = CliRunner().invoke(app, ["new", str(project), "--agent", agent, "--no-git"])
    assert result.exit_code == 0, result.output + result.stderr
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    root = project / answers["layout_root"]
    run_block, _ = next_steps(project)
    redis = (
        {"REDIS_URL": redis_url(), "REDIS_KEY_PREFIX": f"live_{uuid.uuid4().hex[:10]}"} if answers["rate_limit"] else {}
    )
    with (
        fresh_database("scaffold_live") as url,
        served(project, run_block, {**env, "DATABASE_URL": url, **redis}, record) as base,
    ):
        api = base + answers["api_prefix"]
        flow = readme_block(project, "Authentication").replace(f"http://127.0.0.1:{answers['port']}", base)
        output = run(flow, root, env, "README auth curl commands", record)
        assert '"email":"ada@example.com"' in output and '"name":"first"' in output, output
        status, body = call("GET", f"{api}/items")
        assert (status, body["error"]["code"]) == (401, "not_authenticated")
        bearer = sign_in(api, "ada@example.com", "correct horse battery")
        items = call("GET", f"{api}/items", headers=bearer)[1]["data"]
        status, body = call("DELETE", f"{api}/items/{items[0]['id']}", headers=bearer)
        assert (status, body["error"]["code"]) == (403, "forbidden"), "a new account holds the default role"
        admin = {"FIRST_ADMIN_EMAIL": "root@example.com", "FIRST_ADMIN_PASSWORD": "another long secret"}
        command = readme_block(project, "Authentication", 1).splitlines()[0]
        project_env = {**env, "DATABASE_URL": url, "UV_PROJECT_ENVIRONMENT": answers["venv_dir"], **admin}
        run(command, root, project_env, "README create-admin command", record)
        root_bearer = sign_in(api, "root@example.com", admin["FIRST_ADMIN_PASSWORD"])
        assert call("DELETE", f"{api}/items/{items[0]['id']}", headers=root_bearer)[0] == 204
        if answers["rate_limit"]:
            assert ready(base)["redis"] == "ok"
            form = urllib.parse.urlencode({"username": "ada@example.com", "password": "wrong password"}).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            statuses = [call("POST", f"{api}/auth/login", form, headers)[0] for _ in range(11)]
            assert statuses[-1] == 429 and set(statuses) <= {401, 429}, statuses


def ready(base: str) -> Any:
    return call("GET", f"{base}/health/ready")[1]


@pytest.mark.parametrize("name", AUTH_ALONE)
def test_each_auth_value_alone_passes_ruff_and_its_type_checker(
    name: str, env: dict[str, str], record: Record, tmp_path: Path
) -> None:
    render_combination(name, tmp_path / "svc")
    answers = yaml.safe_load((tmp_path / "svc" / ".copier-answers.yml").read_text())
    root = tmp_path / "svc" / answers["layout_root"]
    project_env = {**env, "UV_PROJECT_ENVIRONMENT": answers["venv_dir"]}
    run(["uv", "sync", "--python", answers["python_version"]], root, project_env, "uv sync", record)
    run(["uv", "run", "ruff", "check", "."], root, project_env, "ruff check", record)
    run(["uv", "run", "ruff", "format", "--check", "."], root, project_env, "ruff format --check", record)
    run(["uv", "run", *CHECKERS[answers["type_checker"]]], root, project_env, answers["type_checker"], record)


LOCK_FILES = {"poetry": "poetry.lock", "pip": "constraints.txt"}
"""The package managers besides uv, and the lock file `scaffold new` commits for each."""


def everyday_commands(project: Path) -> dict[str, str]:
    """The README's everyday-commands table: what -> command."""
    rows = re.findall(r"^\| ([^|]+?) \| `([^`]+)` \|$", (project / "README.md").read_text(), re.M)
    return dict(rows)


@pytest.mark.parametrize("manager", LOCK_FILES)
def test_readme_commands_work_from_a_fresh_clone_with_each_package_manager(
    manager: str, env: dict[str, str], record: Record, tmp_path: Path
) -> None:
    """backend-engineer with Poetry and with pip: its lock file is committed, and from a fresh clone
    the README's two commands, lint, format and type checks work (their tests on PostgreSQL are the
    same as a uv project's, which the smoke steps run)."""
    if manager == "poetry" and subprocess.run(["poetry", "--version"], env=env, capture_output=True).returncode:
        unavailable("poetry is not installed (pip install -e '.[test]' installs it)")
    made = tmp_path / "made"
    start = time.perf_counter()
    result = CliRunner(env={"PATH": env["PATH"]}).invoke(
        app, ["new", str(made), "--agent", "backend-engineer", "--set", f"package_manager={manager}"]
    )
    record("scaffold new (with the lock)", time.perf_counter() - start)
    assert result.exit_code == 0, result.output + result.stderr
    assert "was not written" not in result.stderr, result.stderr
    answers = yaml.safe_load((made / ".copier-answers.yml").read_text())
    tracked = subprocess.run(["git", "ls-files"], cwd=made, capture_output=True, text=True, check=True).stdout
    assert f"{answers['layout_root']}/{LOCK_FILES[manager]}" in tracked.split()
    clone = tmp_path / "clone"
    run(["git", "clone", "-q", str(made), str(clone)], tmp_path, env, "git clone", record)
    run_block, test_block = next_steps(clone)
    run(test_block, clone, env, f"README test command ({manager}, SQLite)", record)
    root = clone / answers["layout_root"]
    commands = everyday_commands(clone)
    checks = [
        commands["lint"],
        commands["format"] + " --check",
        commands[f"type check ({answers['type_checker']}, strict)"],
    ]
    for command in checks:
        run(command, root, env, command, record)
    serve(clone, run_block, env, record)


def test_plain_uv_sync_works_whatever_venv_dir(env: dict[str, str], record: Record, tmp_path: Path) -> None:
    """venv_dir is `venv`, but someone runs plain `uv sync` (into .venv) without the README's export:
    basedpyright still finds the installed packages, and ruff and mypy skip both folders."""
    render_combination("sqlmodel-async-repository", tmp_path / "svc", venv_dir="venv")
    answers = yaml.safe_load((tmp_path / "svc" / ".copier-answers.yml").read_text())
    root = tmp_path / "svc" / answers["layout_root"]
    assert (answers["venv_dir"], answers["type_checker"]) == ("venv", "basedpyright")
    if subprocess.run(["uv", "python", "find", answers["python_version"]], env=env, capture_output=True).returncode:
        unavailable(f"Python {answers['python_version']} is not installed")
    run(["uv", "sync"], root, env, "plain uv sync", record)
    assert (root / ".venv").is_dir() and not (root / "venv").exists()
    run(["uv", "run", "basedpyright"], root, env, "basedpyright after a plain uv sync", record)
    run(["uv", "run", "ruff", "check", "."], root, env, "ruff check after a plain uv sync", record)
