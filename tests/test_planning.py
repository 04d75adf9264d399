from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import write_agent
from typer.testing import CliRunner

from scaffold import extract_conventions, load_agent
from scaffold.cli import app, fail
from scaffold.errors import InvalidAnswersError, InvalidValueError, Problem
from scaffold.models import Conventions, Finding
from scaffold.planning import Plan, plan_answers
from scaffold.report import warning_lines
from scaffold.support import RENDERS

AGENTS = Path(__file__).resolve().parents[1] / "agents"


def planned(tmp_path: Path, body: str, **overrides: str) -> Plan:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, body=body)))
    return plan_answers(inspection, project_name="svc", overrides=overrides)


def plan(tmp_path: Path, body: str, **overrides: str) -> dict[str, Any]:
    return {c.field: (c.value, c.source) for c in planned(tmp_path, body, **overrides).choices}


def test_values_come_from_the_agent_with_their_line(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Type checking: basedpyright\n- Runs on port 8009\n")
    assert result["type_checker"] == ("basedpyright", "agent")
    assert result["port"] == (8009, "agent")
    assert result["python_version"] == ("3.12", "default")


def test_a_stated_root_without_package_puts_modules_in_the_root(tmp_path: Path) -> None:
    result = plan(tmp_path, "- `backend/main.py` - the app\n- `backend/api/` - routes\n")
    assert result["layout_root"] == ("backend", "agent")
    assert result["app_package"] == ("", "agent")
    assert result["routes_dir"] == ("api", "agent")


def test_a_root_known_from_where_the_file_sits_keeps_the_default_package(tmp_path: Path) -> None:
    agent = tmp_path / "backend" / "CLAUDE.md"
    agent.parent.mkdir()
    agent.write_text("# Backend\nWe use FastAPI.\n")
    inspection = extract_conventions(load_agent(agent))
    result = {c.field: (c.value, c.source) for c in plan_answers(inspection, project_name="svc").choices}
    assert result["layout_root"] == ("backend", "agent")
    assert result["app_package"] == ("app", "default")


def test_a_folder_the_root_cannot_be_named_after_leaves_the_root_to_the_default(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    agent = tmp_path / "my service" / "AGENTS.md"
    agent.parent.mkdir()
    agent.write_text("# Orders\n- Routers in `app/api/routes/`\n")
    inspection = extract_conventions(load_agent(agent))
    assert inspection.conventions.layout_root == "my service"
    result = plan_answers(inspection, project_name="svc")
    assert (result.answers.layout_root, result.answers.routes_dir) == (".", "api/routes")
    assert any("'my service'" in line for line in result.left_open)
    moved = plan_answers(inspection, project_name="svc", overrides={"layout_root": "orders"})
    assert moved.answers.layout_root == "orders" and not moved.left_open


def test_nothing_stated_gives_the_default_layout(tmp_path: Path) -> None:
    result = plan(tmp_path, "We use FastAPI.\n")
    assert result["layout_root"] == (".", "default")
    assert result["app_package"] == ("app", "default")
    assert result["db_module"] == ("core/db", "default")


def test_set_overrides_the_agent(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Type checking: basedpyright\n", type_checker="mypy", async_db="false")
    assert result["type_checker"] == ("mypy", "--set")
    assert result["async_db"] == (False, "--set")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"orm": "tortoise"}, "--set orm: expected one of sqlalchemy, sqlmodel (got 'tortoise')"),
        ({"colour": "red"}, "--set colour: unknown field"),
        ({"async_db": "maybe"}, "--set async_db: expected yes or no (or true, false)"),
        ({"port": "eighty"}, "--set port: expected a whole number"),
        ({"coverage_min": "lots"}, "--set coverage_min: expected a whole number"),
        ({"port": "70000"}, "--set port: must be a port number from 1 to 65535"),
        ({"layout_root": "../outside"}, "--set layout_root: must be '.' or relative folder names"),
        ({"app_package": "My-App"}, "--set app_package: must be a lower-case Python identifier"),
        ({"repository_pattern": "true", "service_layer": "false"}, "repository_pattern needs service_layer"),
    ],
)
def test_bad_set_values_are_refused_with_the_choices(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        plan(tmp_path, "FastAPI.\n", **overrides)
    assert message in str(caught.value)


def test_several_bad_set_values_give_one_line_per_field(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        plan(tmp_path, "FastAPI.\n", port="0", orm="tortoise", project_name="-bad", async_db="maybe")
    lines = str(caught.value).splitlines()
    assert [p.field for p in caught.value.problems] == ["project_name", "orm", "async_db", "port"]
    assert len(lines) == 4
    assert all(line.startswith("--set ") for line in lines)


def test_the_cli_prints_each_problem_on_its_own_error_line(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, body="FastAPI.\n")
    result = CliRunner().invoke(
        app, ["new", str(tmp_path / "svc"), "--agent", str(agent), "--set", "port=0", "--set", "orm=x"]
    )
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, result.output


def test_fail_prints_each_line_of_an_error_as_its_own_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    problems = (Problem(field="port", message="m", value="0", source="--set"), Problem(field="orm", message="n"))
    fail(InvalidAnswersError(problems))
    assert capsys.readouterr().err.splitlines() == ["error: --set port: m (got '0')", "error: orm: n"]


def test_project_name_message_shows_no_regular_expression(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        plan(tmp_path, "FastAPI.\n", project_name="-bad")
    assert str(caught.value) == (
        "--set project_name: must start and end with a letter or digit and use only letters, digits, '.', '_' "
        "and '-' (e.g. my-api) (got '-bad')"
    )


@pytest.mark.parametrize(("overrides", "field"), [({"app_package": "fastapi"}, "app_package")])
def test_values_copier_used_to_refuse_are_refused_before_rendering(
    tmp_path: Path, overrides: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        plan(tmp_path, "FastAPI.\n", **overrides)
    assert [p.field for p in caught.value.problems] == [field]


def test_an_agent_value_the_template_cannot_render_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        plan(tmp_path, "# API\n\n- ORM: Tortoise ORM\n")
    assert caught.value.line == 3
    assert ":3: orm: the agent states 'tortoise', which this template cannot render: expected one of" in str(
        caught.value
    )
    assert "--set orm=" in str(caught.value)


def test_set_can_replace_an_agent_value_the_template_cannot_render(tmp_path: Path) -> None:
    result = planned(tmp_path, "- ORM: Tortoise ORM\n", orm="sqlalchemy")
    assert result.answers.orm == "sqlalchemy"
    assert "orm=tortoise" in result.not_rendered


def test_every_convention_is_classified() -> None:
    unclassified = [f.name for f in dataclasses.fields(Conventions) if f.name not in RENDERS]
    assert unclassified == []


def test_conventions_beyond_the_template_are_listed(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Deploy: Fly.io\n- JWT auth with refresh tokens\n")
    assert "deploy=fly" in result.not_rendered
    assert result.answers.auth == ("jwt", "refresh-token")
    assert not any(item.startswith("auth=") for item in result.not_rendered)


def test_magic_links_are_rendered_with_the_jwt_they_return(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Sign-in by magic link; redeeming it returns a JWT\n")
    assert result.answers.auth == ("jwt", "magic-link")
    assert not any(item.startswith("auth=") for item in result.not_rendered)


def test_refresh_tokens_stated_alone_bring_jwt(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Rotate refresh tokens on every use\n")
    assert result.answers.auth == ("jwt", "refresh-token")


def test_roles_without_a_provider_get_the_password_flow_as_a_default(tmp_path: Path) -> None:
    roles = "Role-based access control. The roles are:\n\n- `EDITOR`: edits\n- `AUTHOR`: writes\n- `READER`: reads\n"
    result = planned(tmp_path, roles)
    assert result.answers.roles == ("EDITOR", "AUTHOR", "READER")
    assert result.answers.auth == ("jwt",)
    assert next(c for c in result.choices if c.field == "auth").source == "default"
    assert (result.answers.admin_role, result.answers.default_role) == ("EDITOR", "READER")
    assert not [item for item in result.not_rendered if item.split("=")[0] in ("auth", "rbac", "roles")]


def test_rbac_without_role_names_gets_admin_and_user(tmp_path: Path) -> None:
    result = planned(tmp_path, "- JWT auth\n- Role-based access control (RBAC)\n")
    assert result.answers.roles == ("admin", "user")


def test_roles_of_an_identity_provider_come_with_it(tmp_path: Path) -> None:
    roles = "Role-based access control. The roles are:\n\n- `student`: learns\n- `teacher`: teaches\n"
    result = planned(tmp_path, "- Auth: Clerk\n\n" + roles)
    assert (result.answers.auth, result.answers.roles) == (("clerk",), ("student", "teacher"))
    assert not [item for item in result.not_rendered if item.split("=")[0] in ("auth", "rbac", "roles")]


def test_sign_in_links_stated_alone_bring_the_password_flow_and_keep_the_roles(tmp_path: Path) -> None:
    roles = "Role-based access control. The roles are:\n\n- `student`: learns\n- `teacher`: teaches\n"
    result = planned(tmp_path, "- Sign-in with magic links\n\n" + roles)
    assert result.answers.auth == ("jwt", "magic-link")
    assert result.answers.roles == ("student", "teacher")
    assert not [item for item in result.not_rendered if item.split("=")[0] in ("auth", "rbac", "roles")]


def test_two_identity_providers_are_refused_with_the_agents_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        planned(tmp_path, "# API\n\n- Auth: Auth0 for users, Clerk for staff\n")
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == ("auth", 3)
    assert "choose one identity provider" in str(problem)


def test_api_keys_and_jwt_are_both_rendered(tmp_path: Path) -> None:
    body = "- Users send a JWT bearer token\n- Integrations send an API key in the `X-API-Key` header\n"
    result = planned(tmp_path, body)
    assert result.answers.auth == ("jwt", "api-key")
    assert not [item for item in result.not_rendered if item.startswith("auth")]


def test_set_auth_takes_a_comma_separated_list(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Auth: Clerk\n", auth="jwt", roles="a, b")
    assert (result.answers.auth, result.answers.roles) == (("jwt",), ("a", "b"))


@pytest.mark.parametrize(
    ("stated", "field", "value"),
    [
        ("Auth: server-side sessions with cookies", "auth", "session"),
        ("Background jobs: Dramatiq", "task_queue", "dramatiq"),
    ],
)
def test_a_value_the_template_will_never_render_is_refused_with_its_line(
    tmp_path: Path, stated: str, field: str, value: str
) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        planned(tmp_path, f"# API\n\n- {stated}\n")
    [problem] = caught.value.problems
    assert (problem.field, problem.value, problem.line) == (field, value, 3)
    assert f"--set {field}=" in str(problem)


def test_set_auth_replaces_a_refused_value(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Auth: server-side sessions with cookies\n", auth="")
    assert result.answers.auth == ()
    assert "auth=session" in result.not_rendered


def test_celery_with_beat_and_flower_comes_from_the_agent(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Celery with worker, beat, and flower\n- Monitor tasks with Flower dashboard\n")
    answers = result.answers
    assert (answers.task_queue, answers.broker, answers.celery_beat, answers.task_monitor) == (
        "celery", "redis", True, "flower",
    )  # fmt: skip
    assert not any(item.startswith(("task_queue=", "celery_beat=", "task_monitor=")) for item in result.not_rendered)


def test_the_celery_folder_and_module_come_from_the_agent_with_their_lines(tmp_path: Path) -> None:
    body = "- Celery app: `backend/workers/celery_app.py`\n- Tasks: `backend/workers/`\n"
    choices = {c.field: c for c in planned(tmp_path, body).choices}
    found = {name: (choices[name].value, choices[name].evidence) for name in ("tasks_dir", "worker_module")}
    assert {name: (value, evidence and evidence.line) for name, (value, evidence) in found.items()} == {
        "tasks_dir": ("workers", 1),
        "worker_module": ("workers/celery_app", 1),
    }


def test_rabbitmq_becomes_celerys_broker(tmp_path: Path) -> None:
    answers = planned(tmp_path, "- Celery with RabbitMQ as the broker\n").answers
    assert (answers.task_queue, answers.broker, answers.worker_module) == ("celery", "rabbitmq", "tasks/celery_app")


def test_arq_gets_its_worker_module(tmp_path: Path) -> None:
    answers = planned(tmp_path, "- Jobs: arq on Redis\n").answers
    assert (answers.task_queue, answers.worker_module) == ("arq", "tasks/worker")


def test_set_task_queue_replaces_a_refused_queue(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Queue: RQ (Redis Queue)\n", task_queue="")
    assert result.answers.task_queue == ""
    assert "task_queue=rq" in result.not_rendered


def test_set_task_queue_drops_the_celery_options_the_agent_states(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Celery with RabbitMQ, beat and flower\n", task_queue="arq")
    a = result.answers
    assert (a.task_queue, a.broker, a.celery_beat, a.task_monitor) == ("arq", "redis", False, "")
    assert "broker=rabbitmq" in result.not_rendered


def test_fastapis_background_tasks_need_no_queue(tmp_path: Path) -> None:
    # BackgroundTasks ships with FastAPI: every project has it, nothing to render or refuse.
    result = planned(tmp_path, "- Use FastAPI BackgroundTasks for emails\n")
    assert result.answers.task_queue == ""
    assert not any(item.startswith("task_queue=") for item in result.not_rendered)


def test_the_plan_says_the_worker_runs_from_the_project_folder(tmp_path: Path) -> None:
    body = "- Entry point: `apps/backend/main.py`\n- Celery app: `apps/backend/celery_app.py`\n"
    result = planned(tmp_path, body)
    assert "celery -A celery_app worker runs from apps/backend" in " ".join(result.renamed)


def test_black_becomes_the_formatter(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Formatting: black\n")
    assert result.answers.formatter == "black"
    assert not [item for item in result.not_rendered if item.startswith("formatter")]


def test_coverage_floor_becomes_coverage_min(tmp_path: Path) -> None:
    assert planned(tmp_path, "- Coverage must stay above 80%\n").answers.coverage_min == 80


def test_flake8_is_listed_as_not_rendered(tmp_path: Path) -> None:
    assert "linter=flake8" in planned(tmp_path, "- Lint with flake8\n").not_rendered


def test_ruff_and_pytest_are_rendered(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Lint with ruff\n- Tests: pytest\n")
    assert not [item for item in result.not_rendered if item.startswith(("linter", "test_runner"))]


def test_django_is_listed_as_not_rendered(tmp_path: Path) -> None:
    assert "framework=django" in planned(tmp_path, "Built with Django.\n").not_rendered


def test_a_sync_driver_with_async_sessions_is_listed(tmp_path: Path) -> None:
    result = planned(tmp_path, "- PostgreSQL through psycopg\n", async_db="true")
    assert "db_driver=psycopg" in result.not_rendered


def test_the_agents_database_module_is_kept(tmp_path: Path) -> None:
    inspection = extract_conventions(load_agent(AGENTS / "backend-specialist.md"))
    result = plan_answers(inspection, project_name="svc")
    choice = next(c for c in result.choices if c.field == "db_module")
    assert (choice.value, choice.source) == ("database", "agent")
    assert choice.evidence is not None
    assert "database.py" in choice.evidence.text


def test_the_agents_dependency_module_and_alembic_folder_are_kept(tmp_path: Path) -> None:
    body = (
        "- `app/main.py` - the app\n- `app/dependencies.py` - shared dependencies\n- `alembic/versions/` - migrations\n"
    )
    result = plan(tmp_path, body)
    assert result["deps_module"] == ("dependencies", "agent")
    assert result["migrations_dir"] == ("alembic", "agent")


def test_a_db_folder_without_module_keeps_db_session(tmp_path: Path) -> None:
    assert plan(tmp_path, "- `app/main.py`\n- `app/db/` - engine and sessions\n")["db_module"] == (
        "db/session",
        "agent",
    )


def test_stated_dirs_are_the_package_folders_with_their_lines(tmp_path: Path) -> None:
    result = planned(tmp_path, "- `app/main.py`\n- `app/workers/` - background jobs\n")
    assert "workers" in result.stated_dirs
    assert result.dir_evidence["workers"].line == 2


def test_a_default_computed_from_other_answers_is_planned_with_its_value(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Routers live in `app/routers/`\n")
    assert result["deps_module"] == ("deps", "default")
    assert plan(tmp_path, "FastAPI.\n")["deps_module"] == ("api/deps", "default")


def test_a_module_the_template_writes_under_another_name_is_listed(tmp_path: Path) -> None:
    body = "```\napp/\n├── main.py\n├── config.py      # settings\n└── exceptions.py\n```\n"
    result = planned(tmp_path, body)
    assert result.renamed == ("config.py (line 4) is core/config.py", "exceptions.py (line 5) is core/errors.py")


def test_modules_where_the_template_writes_them_are_not_listed(tmp_path: Path) -> None:
    body = "```\napp/\n├── main.py\n└── core/\n    └── config.py\n```\n"
    assert planned(tmp_path, body).renamed == ()


def test_a_folder_the_agent_names_for_an_answer_set_elsewhere_is_not_stated(tmp_path: Path) -> None:
    body = "```\napp/\n├── main.py\n├── workers/\n└── api/\n    └── routes/\n```\n"
    assert "api/routes" in planned(tmp_path, body).stated_dirs
    moved = planned(tmp_path, body, routes_dir="core/routes").stated_dirs
    assert "api/routes" not in moved
    assert "workers" in moved


def test_a_collision_that_set_causes_is_blamed_on_set(tmp_path: Path) -> None:
    body = "```\napp/\n├── main.py\n└── models/\n```\n"
    with pytest.raises(InvalidAnswersError) as caught:
        planned(tmp_path, body, routes_dir="models")
    assert str(caught.value) == (
        "--set routes_dir: collides with models_dir ('models'), which the agent states on line 4 (got 'models')"
    )


def test_a_bad_venv_dir_from_the_agent_names_its_file_and_line(tmp_path: Path) -> None:
    body = "# Backend\n\nUse FastAPI.\nCreate it with `python -m venv ../shared-env`.\n"
    with pytest.raises(InvalidAnswersError) as caught:
        planned(tmp_path, body)
    line = str(caught.value)
    assert line.startswith(f"{tmp_path / 'agent.md'}:4: venv_dir: the agent states '..'"), line
    assert "(got '?')" not in line


def test_a_folder_that_is_no_module_path_of_the_template_is_not_stated(tmp_path: Path) -> None:
    body = "```\napp/\n├── main.py\n├── workers/\n└── café/\n```\n"
    stated = planned(tmp_path, body).stated_dirs
    assert "workers" in stated
    assert "café" not in stated


def test_rate_limiting_sets_the_rate_limit_answer(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Rate-limit login attempts\n")
    assert result.answers.rate_limit is True
    assert not [item for item in result.not_rendered if item.startswith("rate_limiting")]


def test_no_rate_limiting_stated_keeps_it_off(tmp_path: Path) -> None:
    assert planned(tmp_path, "We use FastAPI.\n").answers.rate_limit is False


def test_a_redis_cache_sets_the_cache_answer(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Redis for caching hot queries\n")
    assert result.answers.cache == "redis"
    assert not [item for item in result.not_rendered if item.startswith("cache")]


def test_memcached_is_listed_as_not_rendered_and_leaves_the_cache_off(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Memcached for page fragments\n")
    assert result.answers.cache == ""
    assert "cache=memcached" in result.not_rendered


def test_set_can_turn_off_a_stated_cache_which_is_then_listed(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Redis for caching hot queries\n", cache="")
    assert result.answers.cache == ""
    assert "cache=redis" in result.not_rendered


def test_poetry_and_pip_stated_by_the_agent_are_rendered(tmp_path: Path) -> None:
    assert plan(tmp_path, "Dependencies are managed with Poetry (`poetry install`).\n")["package_manager"] == (
        "poetry",
        "agent",
    )
    assert planned(tmp_path, "Use Poetry for dependencies.\n").not_rendered == ()


def test_a_package_manager_the_template_cannot_take_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        plan(tmp_path, "# API\n\nWe use PDM as package manager (pdm install, pdm run).\n")
    assert ":3: package_manager: the agent states 'pdm'" in str(caught.value)
    assert "--set package_manager=" in str(caught.value)


def test_set_package_manager_replaces_a_refused_one(tmp_path: Path) -> None:
    result = planned(tmp_path, "We use PDM as package manager.\n", package_manager="pip")
    assert result.answers.package_manager == "pip"
    assert "package_manager=pdm" in result.not_rendered


def test_logging_and_integrations_come_from_the_agent(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Logging: structlog\n- Payments: Stripe; email: Resend; OpenAI for summaries\n")
    assert result.answers.logging == "structlog"
    assert set(result.answers.integrations) >= {"stripe", "resend", "openai"}
    assert not any(item.startswith(("logging=", "integrations=")) for item in result.not_rendered)


def test_set_integrations_takes_a_comma_separated_list(tmp_path: Path) -> None:
    assert planned(tmp_path, "FastAPI.\n", integrations="openai, s3").answers.integrations == ("openai", "s3")


def test_stated_deploy_targets_come_from_the_agent(tmp_path: Path) -> None:
    result = plan(tmp_path, "- **Deployment**: Docker images, run on Kubernetes\n")
    assert result["deploy"] == (("docker", "kubernetes"), "agent")


def test_a_deploy_target_without_files_is_listed_not_refused(tmp_path: Path) -> None:
    chosen = planned(tmp_path, "- Deploy to Fly.io with fly deploy, from a Docker image\n")
    assert {c.field: c.value for c in chosen.choices}["deploy"] == ("docker",)
    assert "deploy=fly" in chosen.not_rendered


def test_set_deploy_takes_a_comma_separated_list_and_lists_what_it_drops(tmp_path: Path) -> None:
    chosen = planned(tmp_path, "We deploy to Render.\n", deploy="kubernetes,docker")
    assert {c.field: c.value for c in chosen.choices}["deploy"] == ("docker", "kubernetes")
    assert "deploy=render" in chosen.not_rendered


WEAK_PORT = 'We build a FastAPI service.\n\n```python\nuvicorn.run(app, host="0.0.0.0", port=8123)\n```\n'


def test_a_weak_value_is_left_out_and_listed(tmp_path: Path) -> None:
    result = planned(tmp_path, WEAK_PORT)
    assert {c.field: c.value for c in result.choices}["port"] == 8000
    assert [(u.field, u.value, u.evidence.line if u.evidence else None) for u in result.unconfirmed] == [
        ("port", 8123, 4)
    ]


def test_accepting_weak_values_uses_them(tmp_path: Path) -> None:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, body=WEAK_PORT)))
    result = plan_answers(inspection, project_name="svc", accept_weak=True)
    port = next(c for c in result.choices if c.field == "port")
    assert (port.value, port.source, port.confidence) == (8123, "agent", "weak") and not result.unconfirmed


def test_set_confirms_a_weak_field_in_its_own_way(tmp_path: Path) -> None:
    result = planned(tmp_path, WEAK_PORT, port="9000")
    assert {c.field: c.value for c in result.choices}["port"] == 9000 and not result.unconfirmed


def test_agent_answers_carry_their_confidence(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Port 8009\n- `app/services/` - orders and invoices\n")
    sure = {c.field: c.confidence for c in result.choices if c.source == "agent"}
    assert sure["port"] == "stated" and sure["service_layer"] == "inferred"


def test_a_hyphenated_role_becomes_an_identifier(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Auth: JWT\n- Two roles: end user and admin.\n")
    assert result["roles"] == (("end_user", "admin"), "agent")


def test_what_the_agent_leaves_open_is_listed(tmp_path: Path) -> None:
    result = planned(tmp_path, "- Background jobs: Celery ou arq (ainda não decidimos)\n")
    assert {c.field: c.source for c in result.choices}["task_queue"] == "default"
    assert any(line.startswith("task_queue: the file names") for line in result.left_open)


def test_a_weak_value_with_no_answer_is_not_offered_for_confirmation(tmp_path: Path) -> None:
    body = "```python\n# ruff check .\nuvicorn.run(app, port=8123)\n```\n"
    fields = {u.field for u in planned(tmp_path, body).unconfirmed}
    assert "port" in fields and "linter" not in fields


def test_the_celery_app_module_a_command_names_is_the_worker_module(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Celery with Redis as the broker\n```bash\nuv run celery -A app.worker worker\n```\n")
    assert result["worker_module"] == ("worker", "agent")


def test_a_warning_names_one_line_as_a_line_and_several_as_lines(tmp_path: Path) -> None:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, body="We use FastAPI.\n")))
    found = [
        Finding(field="orm", message="orm: a close call", lines=(7,)),
        Finding(field="port", message="port: two values", lines=(3, 9)),
    ]
    lines = warning_lines(dataclasses.replace(inspection, warnings=found))
    assert lines == ["orm: a close call (line 7)", "port: two values (lines 3, 9)"]
