from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from answer_cases import BAD_ANSWERS, GOOD_ANSWERS
from pydantic import ValidationError

from scaffold.answers import FIELDS, SHADOWED, Answers, _literal_options, problems_of
from scaffold.smoke.refusals import COPIER_REFUSAL
from scaffold.template import template_source

REPO = Path(__file__).resolve().parents[1]
SPEC_ORDER = (
    "project_name", "description", "agent_file", "layout_root", "app_package", "routes_dir", "api_prefix", "models_dir",
    "schemas_dir", "db_module", "deps_module", "migrations_dir", "orm", "async_db", "service_layer",
    "repository_pattern", "roles", "admin_role", "default_role", "auth", "public_reads", "rate_limit", "cache",
    "task_queue", "broker", "celery_beat", "task_monitor", "tasks_dir", "worker_module",
    "type_checker", "formatter", "coverage_min", "python_version", "package_manager", "venv_dir", "port",
    "logging", "integrations", "deploy",
)  # fmt: skip


def copier_questions() -> dict[str, Any]:
    """The questions the template asks (computed ones left out)."""
    data = yaml.safe_load((REPO / "copier.yml").read_text())
    return {k: v for k, v in data.items() if not k.startswith("_") and v.get("when") is not False}


def refused(**values: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        Answers(**{"project_name": "svc", **values})
    return problems_of(caught.value)


def test_fields_follow_the_question_order_of_the_spec() -> None:
    assert FIELDS == SPEC_ORDER


def test_defaults_follow_the_spec() -> None:
    answers = Answers(project_name="svc")
    assert (answers.db_module, answers.deps_module, answers.migrations_dir) == ("core/db", "api/deps", "migrations")
    assert (answers.formatter, answers.coverage_min, answers.port) == ("ruff", 0, 8000)


def test_deps_module_default_follows_routes_dir() -> None:
    assert Answers(project_name="svc", routes_dir="routers").deps_module == "deps"
    assert Answers(project_name="svc", routes_dir="api").deps_module == "api/deps"
    assert Answers(project_name="svc", routes_dir="api/v1/endpoints").deps_module == "api/deps"
    assert Answers(project_name="svc", deps_module="dependencies").deps_module == "dependencies"


def test_layout_root_is_normalised() -> None:
    assert Answers(project_name="svc", layout_root="./backend/").layout_root == "backend"


@pytest.mark.parametrize("values", GOOD_ANSWERS)
def test_good_answers_are_accepted(values: dict[str, Any]) -> None:
    Answers(project_name="svc", **values)


@pytest.mark.parametrize(("values", "field"), BAD_ANSWERS)
def test_bad_answers_are_refused_on_their_field(values: dict[str, object], field: str) -> None:
    assert [name for name, _ in refused(**values)] == [field]


def test_every_problem_is_reported_one_per_field() -> None:
    problems = refused(project_name="-bad", port=0, orm="tortoise", app_package="fastapi")
    assert [name for name, _ in problems] == ["project_name", "app_package", "orm", "port"]


def test_messages_show_no_regular_expression() -> None:
    for values, _ in BAD_ANSWERS:
        for _, message in refused(**values):
            assert not re.search(r"\^|\$|\[A-Z|\\\\|\(\?", message), message


def test_project_name_message_says_what_is_allowed() -> None:
    [(_, message)] = refused(project_name="-bad")
    assert "start and end with a letter or digit" in message


def test_routes_dir_core_routes_fits_beside_the_core_package() -> None:
    # The spec: only a module that is a folder prefix collides; the core package may hold routes.
    assert Answers(project_name="svc", routes_dir="core/routes").routes_dir == "core/routes"


def test_app_package_fastapi_is_refused_by_answers() -> None:
    [(field, message)] = refused(app_package="fastapi")
    assert field == "app_package"
    assert "shadow" in message


def test_a_collision_names_the_other_field_and_path() -> None:
    [(field, message)] = refused(db_module="db", models_dir="db/models")
    assert field == "db_module"
    assert message == "'db' collides with models_dir ('db/models')"


def test_the_package_may_not_shadow_what_the_project_imports_or_keeps() -> None:
    assert {"tests", "migrations", "alembic", "fastapi", "sqlalchemy", "asyncpg", "pytest"} <= set(SHADOWED)
    assert {"os", "json", "typing", "asyncio", "logging", "cgi"} <= set(SHADOWED)  # cgi: gone in 3.13, not 3.11
    assert not {"app", "api", "backend", "service", "core"} & set(SHADOWED)


# Parity with the template's copier.yml (these fail until the template carries the spec's answers).


def test_copier_questions_match_the_answers_model() -> None:
    asked = set(copier_questions()) - {"project_slug", "secret_key"}
    assert asked == set(FIELDS)


@pytest.mark.parametrize("name", [n for n, f in Answers.model_fields.items() if get_origin(f.annotation) is Literal])
def test_copier_choices_match_the_literals(name: str) -> None:
    assert copier_questions()[name]["choices"] == list(get_args(Answers.model_fields[name].annotation))


@pytest.mark.parametrize("name", ["auth", "deploy"])
def test_copier_multiselect_choices_match_the_literals(name: str) -> None:
    question = copier_questions()[name]
    assert question["multiselect"] is True
    assert question["choices"] == list(_literal_options(Answers.model_fields[name].annotation))


COMPUTED_DEFAULTS = ("deps_module", "admin_role", "default_role", "auth", "worker_module")
"""Answers whose default follows earlier answers: GOOD_ANSWERS runs them through both."""


@pytest.mark.parametrize("name", [n for n in FIELDS[1:] if n not in COMPUTED_DEFAULTS])
def test_copier_defaults_match_the_model(name: str) -> None:
    default = Answers.model_fields[name].default
    assert copier_questions()[name]["default"] == (list(default) if isinstance(default, tuple) else default)


# Parity with Copier itself: the same rows through `copier.run_copy` (pretend: nothing is written).


@pytest.fixture(scope="session")
def template_src() -> Iterator[str]:
    with template_source() as folder:
        yield folder


def run_copier(src: str, dst: Path, values: dict[str, object]) -> dict[str, Any]:
    """Copier's final answers for ``values`` (the rest defaulted); raises as Copier does."""
    import copier

    data = {"project_name": "svc", **values}
    worker = copier.run_copy(src, dst, data=data, defaults=True, quiet=True, pretend=True, unsafe=False)
    return dict(worker.answers.combined)


def bare(field: str, message: str) -> str:
    """A message without the field name it starts with ("port must ..." -> "must ...")."""
    return message.removeprefix(field).removeprefix(":").strip()


@pytest.mark.parametrize(("values", "field"), BAD_ANSWERS)
def test_copier_refuses_the_bad_answers_on_the_same_field(
    template_src: str, tmp_path: Path, values: dict[str, object], field: str
) -> None:
    with pytest.raises(ValueError, match=COPIER_REFUSAL.pattern) as caught:
        run_copier(template_src, tmp_path, values)
    refusal = COPIER_REFUSAL.match(str(caught.value))
    assert refusal, caught.value
    assert refusal["field"] == field, refusal["message"]
    message = refusal["message"]
    assert not re.search(r"\^|\$|\[A-Z|\\\\|\(\?", message), message
    if refusal["kind"] == "Validation error for question":  # ours; a closed choice has Copier's message
        [(_, expected)] = refused(**values)
        assert message.startswith(field), message
        assert bare(field, message) == bare(field, expected)


@pytest.mark.parametrize("values", GOOD_ANSWERS)
def test_copier_accepts_the_good_answers_as_answers_does(
    template_src: str, tmp_path: Path, values: dict[str, object]
) -> None:
    final = run_copier(template_src, tmp_path, values)
    assert {name: final[name] for name in FIELDS} == Answers(project_name="svc", **values).model_dump(mode="json")


def test_the_templates_standard_library_list_covers_the_answers_model() -> None:
    from scaffold.answers import STDLIB

    text = (REPO / "template" / "includes" / "validate.jinja").read_text()
    listed = set(re.findall(r"'([A-Za-z_][A-Za-z0-9_]*)'", text[text.index("set STDLIB") : text.index("set SHADOWED")]))
    assert listed == set(STDLIB)


def test_a_port_or_coverage_given_as_true_is_refused_not_read_as_one() -> None:
    assert [field for field, _ in refused(port=True)] == ["port"]
    assert [field for field, _ in refused(coverage_min=True)] == ["coverage_min"]
