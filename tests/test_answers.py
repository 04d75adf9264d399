from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from helpers import write_agent

from scaffold import extract_conventions, load_agent
from scaffold.answers import FIELDS, Answers, plan_answers
from scaffold.errors import InvalidValueError
from scaffold.render import default_template

COPIER_YML = default_template() / "copier.yml"


def questions() -> dict[str, Any]:
    data = yaml.safe_load(COPIER_YML.read_text())
    return {k: v for k, v in data.items() if not k.startswith("_") and v.get("when") is not False}


def plan(tmp_path: Path, body: str, **overrides: str) -> dict[str, Any]:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, body=body)))
    result = plan_answers(inspection, project_name="svc", overrides=overrides)
    return {c.field: (c.value, c.source) for c in result.choices}


def test_copier_questions_match_the_answers_model() -> None:
    asked = set(questions()) - {"project_slug", "secret_key"}
    assert asked == set(FIELDS)


@pytest.mark.parametrize("name", [n for n, f in Answers.model_fields.items() if get_args(f.annotation)])
def test_copier_choices_match_the_literals(name: str) -> None:
    assert questions()[name]["choices"] == list(get_args(Answers.model_fields[name].annotation))


@pytest.mark.parametrize("name", FIELDS[1:])
def test_copier_defaults_match_the_model(name: str) -> None:
    assert questions()[name]["default"] == Answers.model_fields[name].default


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


def test_nothing_stated_gives_the_default_layout(tmp_path: Path) -> None:
    result = plan(tmp_path, "We use FastAPI.\n")
    assert result["layout_root"] == (".", "default")
    assert result["app_package"] == ("app", "default")


def test_set_overrides_the_agent(tmp_path: Path) -> None:
    result = plan(tmp_path, "- Type checking: basedpyright\n", type_checker="mypy", async_db="false")
    assert result["type_checker"] == ("mypy", "--set")
    assert result["async_db"] == (False, "--set")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"orm": "tortoise"}, "--set orm: expected one of sqlalchemy, sqlmodel"),
        ({"colour": "red"}, "--set colour: unknown field"),
        ({"async_db": "maybe"}, "--set async_db: expected true or false"),
        ({"port": "eighty"}, "--set port: expected a whole number"),
        ({"port": "70000"}, "--set port:"),
        ({"layout_root": "../outside"}, "--set layout_root: must be '.' or a relative folder path"),
        ({"layout_root": "/etc"}, "--set layout_root:"),
        ({"app_package": "My-App"}, "--set app_package: must be a lower-case Python identifier"),
        ({"repository_pattern": "true", "service_layer": "false"}, "repository_pattern needs service_layer"),
    ],
)
def test_bad_set_values_are_refused_with_the_choices(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        plan(tmp_path, "FastAPI.\n", **overrides)
    assert message in str(caught.value)


def test_an_agent_value_the_template_cannot_render_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError) as caught:
        plan(tmp_path, "# API\n\n- ORM: Tortoise ORM\n")
    assert caught.value.line == 3
    assert "orm: the agent states 'tortoise'" in str(caught.value)
    assert "--set orm=" in str(caught.value)


def test_set_can_replace_an_agent_value_the_template_cannot_render(tmp_path: Path) -> None:
    assert plan(tmp_path, "- ORM: Tortoise ORM\n", orm="sqlalchemy")["orm"] == ("sqlalchemy", "--set")


def test_conventions_beyond_the_template_are_listed(tmp_path: Path) -> None:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, body="- Celery workers\n- JWT auth\n")))
    result = plan_answers(inspection, project_name="svc")
    assert "task_queue=celery" in result.not_rendered
    assert "auth=jwt" in result.not_rendered
