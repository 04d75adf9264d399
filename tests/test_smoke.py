"""scaffold smoke: the commands it reads from a project, its reports, its services and processes, its CLI.

The slow tests smoke real projects: an agent file outside the repository passes every step, a
template broken on purpose fails on the step it breaks, a missing PostgreSQL fails its steps.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from services import python_env, reachable, unavailable
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.errors import ScaffoldError
from scaffold.smoke.commands import read_commands
from scaffold.smoke.matrix import COMBINATIONS, INVALID, coverage
from scaffold.smoke.process import STOP, Stopped, run_script
from scaffold.smoke.refusals import check_refusals
from scaffold.smoke.reports import failure_lines, table_lines, to_json, to_junit
from scaffold.smoke.results import ProjectResult, SmokeReport, StepResult
from scaffold.smoke.runner import smoke_env
from scaffold.smoke.services import ServiceError, Services, database_named, require
from scaffold.smoke.targets import Target, agent_targets, matrix_targets, render_target

REPO = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --- the commands a rendered project gives -------------------------------------------------------


@pytest.mark.parametrize(
    ("manager", "install", "test", "lint"),
    [
        ("uv", "uv sync", "uv run pytest", "uv run ruff check ."),
        ("poetry", "python3.12 -m venv venv && poetry install", "poetry run pytest", "poetry run ruff check ."),
        ("pip", 'python3.12 -m venv venv && venv/bin/pip install -q -c constraints.txt -e ".[dev]"', "venv/bin/pytest",
         "venv/bin/ruff check ."),
    ],
)  # fmt: skip
def test_reads_the_readme_commands_of_each_package_manager(
    tmp_path: Path, manager: str, install: str, test: str, lint: str
) -> None:
    target = Target(name="svc", source="test", answers=(("package_manager", manager), ("venv_dir", "venv")))
    render_target(target, tmp_path / "svc", template=None)
    commands = read_commands(tmp_path / "svc")
    assert (commands.install, commands.test, commands.table("lint")) == (install, test, lint)
    assert commands.root == tmp_path / "svc" and not commands.prefix.startswith("cd")  # layout_root "."
    assert ("export" in commands.prefix) == (manager != "pip")
    assert "--port 8123" in commands.on_port(8123) and "--port 8000" not in commands.on_port(8123)
    assert commands.fuzz_at("http://127.0.0.1:9") == (
        "uvx --from 'schemathesis>=4,<5' schemathesis run http://127.0.0.1:9/openapi.json --checks all"
    )
    assert commands.worker_test is None and not commands.uses_redis


def test_reads_what_picks_the_checks(tmp_path: Path) -> None:
    name = "sqlalchemy-sync-service"  # Celery on RabbitMQ, pyright, auth0 with API keys
    render_target(matrix_by_name(name), tmp_path / name, template=None)
    commands = read_commands(tmp_path / name)
    assert commands.type_checker == "pyright" and commands.table("type check") == "uv run pyright"
    assert commands.uses_redis and commands.uses_rabbitmq and commands.worker_test is not None
    assert not commands.password_accounts and commands.python_version == "3.11"


def test_a_project_without_its_readme_commands_is_refused(tmp_path: Path) -> None:
    render_target(matrix_by_name("defaults"), tmp_path / "svc", template=None)
    (tmp_path / "svc" / "README.md").write_text("# svc\n\nNo commands here.\n")
    from scaffold.errors import SmokeError

    with pytest.raises(SmokeError, match=r"README\.md: the README does not start with its run and test commands"):
        read_commands(tmp_path / "svc")


def test_a_readme_without_an_everyday_command_the_steps_run_is_refused_naming_it(tmp_path: Path) -> None:
    render_target(matrix_by_name("defaults"), tmp_path / "svc", template=None)
    readme = tmp_path / "svc" / "README.md"
    readme.write_text("\n".join(line for line in readme.read_text().splitlines() if not line.startswith("| lint |")))
    from scaffold.errors import SmokeError

    with pytest.raises(SmokeError) as caught:
        read_commands(tmp_path / "svc")
    assert str(caught.value) == f"{readme}: the everyday commands have no 'lint' row"


def matrix_by_name(name: str) -> Target:
    return next(t for t in matrix_targets() if t.name == name)


# --- targets -------------------------------------------------------------------------------------


def test_all_names_every_bundled_agent_once_and_a_path_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "backend-engineer.md"
    outside.parent.mkdir()
    outside.write_text("---\nname: backend-engineer\n---\n# Our backend\n\nWe use SQLModel with sync sessions.\n")
    targets = agent_targets(["all", "all", str(outside)])
    names = [t.name for t in targets]
    bundled = sorted(p.stem for p in (REPO / "agents").glob("*.md"))
    assert names == [*bundled, "backend-engineer-2"]
    assert targets[-1].source == str(outside)


def test_set_overrides_every_agent_it_smokes_so_an_agent_needing_a_choice_can_be_smoked(tmp_path: Path) -> None:
    agent = tmp_path / "keys.md"
    agent.write_text("# Keys\n\nFastAPI with async SQLAlchemy.\n- Clients authenticate with API keys only.\n")
    (plain,) = agent_targets([str(agent)])
    with pytest.raises(ScaffoldError, match="api-key"):
        render_target(plain, tmp_path / "plain", template=None)
    (chosen,) = agent_targets([str(agent)], {"auth": "jwt,api-key"})
    render_target(chosen, tmp_path / "chosen", template=None)
    answers = (tmp_path / "chosen" / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "- jwt\n- api-key\n" in answers


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("prot=9000", "--set prot: unknown field; did you mean port?"),
        ("port=abc", "--set port: expected a whole number"),
    ],
)
def test_a_set_no_plan_can_take_is_bad_input_before_anything_runs(value: str, message: str) -> None:
    result = CliRunner().invoke(app, ["smoke", "--agent", "backend-engineer", "--set", value])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {message}") and result.stderr.count("\n") == 1, result.stderr


def test_an_agent_that_is_not_there_is_refused() -> None:
    result = CliRunner().invoke(app, ["smoke", "--agent", "no-such-agent"])
    assert result.exit_code == 2
    assert "no-such-agent" in result.stderr and "Traceback" not in result.output + result.stderr


def test_the_matrix_is_every_supported_combination() -> None:
    assert [t.name for t in matrix_targets()] == list(COMBINATIONS)


# --- coverage and refusals -----------------------------------------------------------------------


def test_the_combinations_cover_every_value_of_every_closed_answer() -> None:
    found = coverage()
    assert {"orm", "auth", "deploy", "task_queue", "python_version", "package_manager"} <= set(found)
    assert {name: c.missing for name, c in found.items() if c.missing} == {}


def test_coverage_names_a_value_no_combination_uses() -> None:
    without_arq = {name: answers for name, answers in COMBINATIONS.items() if answers.get("task_queue") != "arq"}
    assert coverage(without_arq)["task_queue"].missing == ("arq",)


def test_the_template_refuses_each_invalid_combination_on_the_answer_at_fault() -> None:
    refusals = check_refusals(None)
    assert [r.name for r in refusals] == list(INVALID)
    assert [(r.name, r.refused_on) for r in refusals if not r.passed] == []
    assert all(r.reason for r in refusals)


def test_a_template_that_accepts_an_invalid_combination_fails_the_matrix(tmp_path: Path) -> None:
    import shutil

    fork = tmp_path / "fork"
    shutil.copytree(REPO / "template", fork / "template")
    text = (REPO / "copier.yml").read_text()
    # The fork drops the rule that a beat schedule needs Celery.
    rule = "{% if celery_beat and task_queue != 'celery' %}"
    assert rule in text
    (fork / "copier.yml").write_text(text.replace(rule, "{% if false %}"))
    beat = next(r for r in check_refusals(str(fork)) if r.name == "beat without celery")
    assert not beat.passed and beat.refused_on is None


# --- reports -------------------------------------------------------------------------------------


def sample_report() -> SmokeReport:
    steps = (
        StepResult(name="render", status="passed", seconds=1.5),
        StepResult(name="ruff check", status="failed", seconds=0.3, reason="`uv run ruff check .` exited with 1",
                   output="app/main.py:1:1: F401 unused import"),
        StepResult(name="alembic check", status="not run", seconds=0.0,
                   reason="needs alembic upgrade head, which failed"),
    )  # fmt: skip
    return SmokeReport(
        template="bundled",
        jobs=2,
        seconds=12.0,
        projects=(
            ProjectResult(name="one", source="agents/one.md", steps=steps, path="/tmp/one/one", logs="/tmp/one/logs"),
            ProjectResult(name="two", source="combination two", steps=steps[:1]),
        ),
    )


def test_the_junit_report_lists_every_step_with_its_outcome() -> None:
    root = ET.fromstring(to_junit(sample_report()))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("4", "1", "1")
    one = root.find("testsuite[@name='one']")
    assert one is not None
    cases = {case.get("name"): case for case in one}
    assert list(cases) == ["render", "ruff check", "alembic check"]
    failure = cases["ruff check"].find("failure")
    assert failure is not None and "F401" in (failure.text or "")
    assert cases["alembic check"].find("skipped") is not None and cases["render"].find("*") is None


def test_the_json_report_reads_back_with_every_step_and_the_verdicts() -> None:
    report = sample_report()
    data = json.loads(to_json(report))
    assert data["passed"] is False
    assert [p["passed"] for p in data["projects"]] == [False, True]
    assert [s["status"] for s in data["projects"][0]["steps"]] == ["passed", "failed", "not run"]
    one = data["projects"][0]
    assert (one["seconds"], one["path"], one["logs"]) == (1.8, "/tmp/one/one", "/tmp/one/logs")
    assert one["steps"][1]["output"] == "app/main.py:1:1: F401 unused import"
    assert data["projects"][1]["path"] is None


def test_the_summary_shows_each_step_and_a_failure_its_output_and_where_it_was_kept() -> None:
    report = sample_report()
    lines = table_lines(report)
    assert lines[0].split() == ["project", "step", "result", "seconds"]
    assert any(line.split()[:4] == ["one", "ruff", "check", "failed"] for line in lines)
    assert lines[-1] == "1 of 2 projects passed in 12 s (2 at a time)"
    failures = failure_lines(report)
    assert failures[0] == "FAILED one: ruff check: `uv run ruff check .` exited with 1"
    assert "    app/main.py:1:1: F401 unused import" in failures
    assert failures[-1] == "  one is kept in /tmp/one/one (logs in /tmp/one/logs)"


def refused(*args: str) -> str:
    """Run `scaffold smoke` with arguments it must refuse before building anything: its one error line."""
    result = CliRunner().invoke(app, ["smoke", "--agent", "backend-engineer", *args])
    assert result.exit_code == 2, result.output + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0].removeprefix("error: ")


def test_report_files_that_cannot_be_written_are_refused_before_anything_runs(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe")
    assert refused("--report", str(tmp_path)) == f"--report {tmp_path} is a folder; give a file name for the report"
    assert refused("--junit", str(tmp_path / "pipe")).endswith(
        "is not a regular file (a pipe or a device); give a file name"
    )
    assert refused("--report", "/dev/full").startswith("--report /dev/full is not a regular file")
    assert refused("--report", "/proc/smoke.json").startswith("--report /proc/smoke.json cannot be written: ")
    assert refused("--report", "") == "--report needs a file name"
    same = str(tmp_path / "r")
    assert (
        refused("--report", same, "--junit", same)
        == "--report and --junit name the same file; give each report its own"
    )
    assert not (tmp_path / "r").exists()


def test_a_report_the_run_cannot_write_is_one_error_line(tmp_path: Path) -> None:
    from scaffold.errors import SmokeError
    from scaffold.smoke.reports import write

    (tmp_path / "file").write_text("")
    with pytest.raises(SmokeError, match=r"was not written: "):
        write("{}", tmp_path / "file" / "below.json")


@pytest.mark.parametrize(
    ("option", "url", "message"),
    [
        ("--database-url", "not a url", "is not a PostgreSQL URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)"),
        ("--database-url", "mysql://root@127.0.0.1/x", "is not a PostgreSQL URL"),
        ("--database-url", "postgresql://x:notaport/db", "has a port that is not a number"),
        ("--redis-url", "garbage", "is not a Redis URL"),
        ("--rabbitmq-url", "redis://127.0.0.1:6379/0", "is not a RabbitMQ URL"),
    ],
)
def test_a_service_url_that_is_not_one_is_refused_before_anything_runs(option: str, url: str, message: str) -> None:
    assert refused(option, url).startswith(f"{option} {url!r} {message}")


def test_a_template_that_is_not_one_is_refused_before_anything_runs(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("not a template")
    assert (
        refused("--template", str(tmp_path)) == f"--template {tmp_path} is not a Copier template: it has no copier.yml"
    )
    assert refused("--template", str(tmp_path / "nowhere")).endswith(
        "no such folder (a fork of the template, or a git URL)"
    )
    assert refused("--template", "") == "--template needs a path or a git URL"


def test_a_step_shows_its_settings_with_passwords_masked() -> None:
    from scaffold.smoke.steps import _shown

    shown = _shown("uv run pytest", {"TEST_DATABASE_URL": "postgresql://app:s3cret@db:5432/x", "CI": "true"})
    assert shown == "TEST_DATABASE_URL=postgresql://app:***@db:5432/x CI=true uv run pytest"


# --- services and processes ----------------------------------------------------------------------


def test_an_unreachable_service_is_named_with_its_option() -> None:
    port = closed_port()
    with pytest.raises(ServiceError, match=rf"^Redis is not reachable at 127\.0\.0\.1:{port} \(--redis-url\): "):
        require(f"redis://127.0.0.1:{port}/0", "--redis-url")


def test_a_database_url_keeps_its_server_and_changes_its_database() -> None:
    url = "postgresql://user:secret@db.example:5433/postgres?sslmode=require"
    assert database_named(url, "smoke_x") == "postgresql://user:secret@db.example:5433/smoke_x?sslmode=require"


def test_the_projects_do_not_inherit_settings_meant_for_other_projects(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "TEST_DATABASE_URL", "VIRTUAL_ENV", "CELERY_BROKER_URL"):
        monkeypatch.setenv(name, "elsewhere")
    monkeypatch.setenv("HOME_GROWN", "kept")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = smoke_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert {"DATABASE_URL", "REDIS_URL", "TEST_DATABASE_URL", "VIRTUAL_ENV", "CELERY_BROKER_URL"}.isdisjoint(env)
    assert env["HOME_GROWN"] == "kept"


def test_a_command_past_its_time_is_stopped_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "late"
    start = time.perf_counter()
    finished = run_script(
        f"echo started; (sleep 3; touch {marker}) & sleep 30",
        cwd=tmp_path,
        env=python_env(),
        log=tmp_path / "log",
        timeout=1,
    )
    assert finished.code is None and finished.tail.splitlines()[-1] == "started"
    assert time.perf_counter() - start < 10
    time.sleep(3)
    assert not marker.exists(), "a child of the stopped command ran on"


def test_an_interrupted_run_stops_the_running_command(tmp_path: Path) -> None:
    timer = threading.Timer(0.5, STOP.set)
    timer.start()
    try:
        with pytest.raises(Stopped):
            run_script("sleep 30", cwd=tmp_path, env=python_env(), log=tmp_path / "log", timeout=60)
    finally:
        STOP.clear()


def trivial_checks(tmp_path: Path, answers: dict[str, Any], services: Any, dependencies: str = "") -> Any:
    """A project whose every command is `true`: what the steps do around the commands, without one."""
    from scaffold.smoke.commands import ProjectCommands
    from scaffold.smoke.steps import ProjectChecks

    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "svc"\ndependencies = ["fastapi"{dependencies}]\n')
    everyday = {
        "lint": "true",
        "format": "true",
        "type check (mypy, strict)": "true",
        "apply migrations": "true",
        "models and migrations agree": "true",
    }
    commands = ProjectCommands(
        root=tmp_path, prefix="", install="true", test="true", serve="true", everyday=everyday, fuzz="true",
        answers=answers,
    )  # fmt: skip
    seen: list[tuple[str, str | None]] = []
    checks = ProjectChecks(
        commands,
        project=tmp_path,
        logs=tmp_path / "logs",
        env=python_env(),
        services=services,
        notify=lambda step, result: seen.append((step, result.status if result else None)),
    )
    return checks, seen


def test_a_python_the_machine_lacks_fails_the_install_and_nothing_after_it_runs(tmp_path: Path) -> None:
    checks, seen = trivial_checks(tmp_path, {"python_version": "2.1"}, Services())
    results = checks.run_all()
    assert results[0].status == "failed"
    assert results[0].reason.startswith("Python 2.1, which the project states, is not found here: ")
    assert {r.status for r in results[1:]} == {"not run"} and len(results) == 11
    assert seen[:2] == [("install", None), ("install", "failed")]


def test_the_readme_test_command_runs_whole_once_and_then_in_parts_without_the_coverage_floor(tmp_path: Path) -> None:
    if not reachable("127.0.0.1", 5432):
        unavailable("PostgreSQL is not reachable on 127.0.0.1:5432")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_worker.py").write_text("")
    checks, _ = trivial_checks(tmp_path, {"coverage_min": 80}, Services(), ', "redis>=6"')
    steps = {r.name: r for r in checks.run_all()}
    assert steps["tests (SQLite)"].command.endswith(" true")
    assert steps["tests (PostgreSQL)"].command.endswith(" true --ignore=tests/test_worker.py --no-cov")
    assert steps["worker round trip"].command.endswith(" true tests/test_worker.py --no-cov")
    assert "TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/smoke_named_" in steps["tests (PostgreSQL)"].command


def test_a_missing_postgresql_fails_the_steps_that_need_it_with_the_reason(tmp_path: Path) -> None:
    port = closed_port()
    checks, _ = trivial_checks(tmp_path, {}, Services(database_url=f"postgresql://postgres@127.0.0.1:{port}/x"))
    steps = {r.name: r for r in checks.run_all()}
    reason = f"PostgreSQL is not reachable at 127.0.0.1:{port} (--database-url): connection refused"
    assert steps["tests (PostgreSQL)"].status == steps["alembic upgrade head"].status == "failed"
    assert steps["tests (PostgreSQL)"].reason == steps["alembic upgrade head"].reason == reason
    assert steps["alembic check"].status == steps["schemathesis"].status == "not run"
    assert steps["tests (SQLite)"].status == steps["type check (mypy)"].status == "passed"


def test_a_missing_redis_fails_the_tests_of_a_project_that_uses_it(tmp_path: Path) -> None:
    port = closed_port()
    checks, _ = trivial_checks(tmp_path, {}, Services(redis_url=f"redis://127.0.0.1:{port}/0"), ', "redis>=6"')
    steps = {r.name: r for r in checks.run_all()}
    reason = f"Redis is not reachable at 127.0.0.1:{port} (--redis-url): connection refused"
    assert steps["tests (SQLite)"].status == "failed" and steps["tests (SQLite)"].reason == reason


# --- whole projects (slow) -----------------------------------------------------------------------

SMALL_AGENT = """---
name: orders-api
description: Builds the orders service.
---
# Orders service

We use SQLModel with sync sessions; routes call services, never the database directly.
Type-check with pyright. Python 3.12.
"""


def smoke(tmp_path: Path, *args: str) -> tuple[Any, dict[str, Any]]:
    env = python_env()
    if not reachable("127.0.0.1", 5432):
        unavailable("PostgreSQL is not reachable on 127.0.0.1:5432")
    report = tmp_path / "report.json"
    result = CliRunner(env={"PATH": env["PATH"]}).invoke(
        app, ["smoke", *args, "--report", str(report), "--junit", str(tmp_path / "junit.xml")]
    )
    assert report.exists(), result.output + result.stderr
    return result, json.loads(report.read_text())


@pytest.mark.slow
def test_an_agent_file_outside_the_repository_passes_every_step(tmp_path: Path) -> None:
    agent = tmp_path / "team" / "orders-api.md"
    agent.parent.mkdir()
    agent.write_text(SMALL_AGENT)
    result, report = smoke(tmp_path, "--agent", str(agent))
    assert result.exit_code == 0, result.output + result.stderr
    [project] = report["projects"]
    steps = [step["name"] for step in project["steps"]]
    assert steps == [
        "render", "install", "ruff check", "ruff format --check", "type check (pyright)", "tests (SQLite)",
        "tests (PostgreSQL)", "alembic upgrade head", "alembic check", "alembic downgrade base, upgrade head",
        "server answers /health and /health/ready", "schemathesis",
    ]  # fmt: skip
    assert {step["status"] for step in project["steps"]} == {"passed"} and project["path"] is None
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    assert [case.get("name") for case in junit.iter("testcase")] == steps


@pytest.mark.slow
def test_a_template_broken_on_purpose_fails_on_the_step_it_breaks(tmp_path: Path) -> None:
    import shutil

    fork = tmp_path / "fork"
    shutil.copytree(REPO / "template", fork / "template")
    shutil.copy(REPO / "copier.yml", fork / "copier.yml")
    migrations = next((fork / "template").rglob("0001_create_items.py"))
    text = migrations.read_text()
    # The first migration forgets the items table's description column: the models and the
    # migrations no longer agree, which only `alembic check` sees.
    assert text.count('sa.Column("description"') == 1
    migrations.write_text(text.replace('sa.Column("description"', '# sa.Column("description"'))
    agent = tmp_path / "orders-api.md"
    agent.write_text(SMALL_AGENT)
    result, report = smoke(tmp_path, "--agent", str(agent), "--template", str(fork))
    assert result.exit_code == 1
    [project] = report["projects"]
    failed = [step["name"] for step in project["steps"] if step["status"] == "failed"]
    assert "alembic check" in failed, failed
    assert "FAILED orders-api: alembic check: " in result.stderr
    assert Path(project["path"]).is_dir() and f"orders-api is kept in {project['path']}" in result.stderr
    import shutil

    shutil.rmtree(Path(project["path"]).parents[1])  # the kept failure, in smoke's own temporary folder
