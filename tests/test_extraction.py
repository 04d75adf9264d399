from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import write_agent

from scaffold import extract_conventions, load_agent
from scaffold.models import Inspection


def extract(tmp_path: Path, body: str, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    inspection = extract_conventions(load_agent(write_agent(tmp_path, meta=meta, body=body)))
    return inspection.to_json_dict()


def test_an_unstated_field_stays_null(tmp_path: Path) -> None:
    data = extract(tmp_path, "# Backend\nWe write FastAPI services.\n")
    assert data["framework"] == "fastapi"
    assert data["orm"] is None and data["type_checker"] is None and data["auth"] == []


def test_prescribed_value_wins_over_rejected_one(tmp_path: Path) -> None:
    data = extract(tmp_path, "- **Type checking**: BasedPyright (NOT mypy)\n")
    assert data["type_checker"] == "basedpyright"


def test_rejection_alone_gives_no_value(tmp_path: Path) -> None:
    assert extract(tmp_path, "We do not use mypy.\n")["type_checker"] is None


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("- **Database:** SQLite (portable SQL only, so a move to PostgreSQL stays easy)", "database", "sqlite"),
        ("- Database: PostgreSQL (SQLite only in unit tests)", "database", "postgresql"),
        # The bracket names the tool underneath, which supersedes the one before it.
        ("- **Migrations**: Flask-Migrate (Alembic)", "migrations", "alembic"),
        # Each bracket annotates its own database: the drivers stay a choice.
        ("- **Database:** PostgreSQL (asyncpg) / SQLite (aiosqlite)", "db_driver", None),
        ("- Database: SQLite or PostgreSQL (either works)", "database", None),
    ],
)
def test_a_value_named_in_brackets_after_another_is_an_aside(
    tmp_path: Path, line: str, field: str, value: str | None
) -> None:
    assert extract(tmp_path, f"## Stack\n{line}\n")[field] == value


def test_free_choice_stays_null_with_a_warning(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Task queues with Celery or Dramatiq\n")
    assert data["task_queue"] is None
    assert any(w["field"] == "task_queue" for w in data["warnings"])


def test_no_celery_makes_task_queue_false(tmp_path: Path) -> None:
    assert extract(tmp_path, "No Celery: background work runs elsewhere.\n")["task_queue"] is False


def test_sqlmodel_supersedes_sqlalchemy(tmp_path: Path) -> None:
    assert extract(tmp_path, "- SQLModel/SQLAlchemy patterns\n- Models are SQLModel tables\n")["orm"] == "sqlmodel"


def test_demoted_formatter_loses_to_preferred_one(tmp_path: Path) -> None:
    body = "- **Ruff**: linter and formatter\n- **black**: formatter (though ruff preferred)\n"
    data = extract(tmp_path, body)
    assert (data["linter"], data["formatter"]) == ("ruff", "ruff")


def test_black_formatter_with_ruff_linter(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Format code with Black\n- Lint with Flake8 and Ruff\n")
    assert (data["linter"], data["formatter"]) == ("ruff", "black")


def test_port_from_server_command_not_from_flower(tmp_path: Path) -> None:
    body = "```bash\nuvicorn main:app --reload --port 8009\ncelery -A app.worker flower --port=5555\n```\n"
    assert extract(tmp_path, body)["port"] == 8009


def test_flower_becomes_the_task_monitor(tmp_path: Path) -> None:
    body = (
        "- **Task Queue**: Celery with worker, beat, and flower\n- Monitor tasks with Flower dashboard\n"
        "```bash\ncelery -A app.worker flower --port=5555\n```\n"
    )
    data = extract(tmp_path, body)
    assert data["task_monitor"] == "flower"
    assert [e["line"] for e in data["evidence"]["task_monitor"]] == [1, 2, 4]


def test_no_flower_leaves_task_monitor_null(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Celery workers and beat, no Flower\n")["task_monitor"] is None


def test_a_flower_shop_has_no_task_monitor(tmp_path: Path) -> None:
    body = "# Flower shop API\n- Celery emails each flower order\n- Monitor sales on the flower shop dashboard\n"
    assert extract(tmp_path, body)["task_monitor"] is None


def test_no_port_without_a_server_port(tmp_path: Path) -> None:
    body = "```bash\nredis-server --port 6379\nuvicorn main:app --reload\n```\n"
    assert extract(tmp_path, body)["port"] is None


def test_layout_from_tree(tmp_path: Path) -> None:
    body = (
        "```\nbackend/\n├── app/\n│   ├── api/\n│   │   └── routes/\n│   ├── models/\n│   ├── services/\n"
        "│   └── main.py\n├── alembic/\n└── tests/\n```\n"
    )
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == ("backend", "app")
    assert data["dirs"] == ["api/routes", "models", "services"]
    assert data["service_layer"] is True


def test_layout_from_key_file_paths_without_package(tmp_path: Path) -> None:
    body = "- `apps/backend/main.py` - entry\n- `apps/backend/api/` - routes\n- `apps/backend/tasks/` - jobs\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("apps/backend", None, ["api", "tasks"])


def test_package_from_imports_only(tmp_path: Path) -> None:
    body = "```python\nfrom app.db.models.order import Order\nfrom app.schemas.order import OrderCreate\n```\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == (None, "app", ["db/models", "schemas"])


def test_third_party_imports_say_nothing_about_layout(tmp_path: Path) -> None:
    body = "```python\nfrom fastapi import APIRouter\nfrom sqlalchemy.orm import Session\n```\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == (None, None, [])


def test_the_folder_that_holds_the_layers_is_the_package(tmp_path: Path) -> None:
    body = "- Models live in `api/models/`, views in `api/views/`, logic in `api/services/`.\n"
    data = extract(tmp_path, body)
    assert (data["app_package"], data["dirs"]) == ("api", ["models", "views", "services"])
    assert extract(tmp_path, "- Models live in `api/models/`.\n")["app_package"] is None


def test_tools_inside_the_package_are_code_and_beside_it_are_not(tmp_path: Path) -> None:
    tree = "```\nbackend/\n├── app/\n│   ├── main.py\n│   ├── agents/\n│   └── tools/\n{}```\n"
    assert extract(tmp_path, tree.format(""))["dirs"] == ["agents", "tools"]
    assert extract(tmp_path, tree.format("└── tools/\n"))["dirs"] == ["agents", "tools"]
    beside = "```\nbackend/\n├── app/\n│   ├── main.py\n│   └── agents/\n└── tools/\n```\n"
    assert extract(tmp_path, beside)["dirs"] == ["agents"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("- Routes in `app/api/`, data access in `app/database/`.\n", True),
        ("```\napp/\n└── users/\n    ├── crud.py\n    └── routes.py\n```\n", True),
        ("- Data access is fast.\n", None),
    ],
)
def test_a_data_access_folder_or_crud_modules_are_the_repository_layer(
    tmp_path: Path, body: str, expected: bool | None
) -> None:
    assert extract(tmp_path, body)["repository_pattern"] is expected


@pytest.mark.parametrize(
    ("body", "framework"),
    [
        ("We write Go services with gin.\n", "gin"),
        ("The API is a NestJS app.\n", "nestjs"),
        ("- Node backend on Express with TypeScript\n", "express"),
        ("- Rails API controllers stay thin.\n", "rails"),
        ("- Express your intent in the commit message.\n", None),
        ("- Celebrate with a gin and tonic.\n", None),
    ],
)
def test_backends_in_other_languages_name_their_framework(tmp_path: Path, body: str, framework: str | None) -> None:
    assert extract(tmp_path, body)["framework"] == framework


def test_roles_from_parenthesised_list(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Role-based access control (OWNER, EDITOR, VIEWER)\n")
    assert data["rbac"] is True and data["roles"] == ["OWNER", "EDITOR", "VIEWER"]


def test_roles_from_literal_type(tmp_path: Path) -> None:
    body = '```python\nclass U(BaseModel):\n    role: Literal["student", "teacher"] = "student"\n```\n'
    assert extract(tmp_path, body)["roles"] == ["student", "teacher"]


def test_check_roles_without_names_gives_no_roles(tmp_path: Path) -> None:
    assert extract(tmp_path, "Check roles in the service layer as well.\n")["roles"] == []


def test_user_prompt_examples_are_not_conventions(tmp_path: Path) -> None:
    body = '## Example Interactions\n- "Implement JWT authentication with refresh tokens"\n'
    assert extract(tmp_path, body)["auth"] == []


def test_example_blocks_in_description_are_skipped(tmp_path: Path) -> None:
    meta = {"name": "x", "description": "Backend work.\\n<example>user: add Stripe billing</example>"}
    assert extract(tmp_path, "", meta=meta)["integrations"] == []


def test_provider_jwts_are_not_own_jwt_auth(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Validate Clerk JWTs on protected routes\n")["auth"] == ["clerk"]


def test_alternatives_of_one_category_are_not_integrations(tmp_path: Path) -> None:
    data = extract(tmp_path, "- File storage (S3, MinIO, local)\n- Payments with Stripe, email with SendGrid\n")
    assert data["integrations"] == ["stripe", "sendgrid"]


def test_scoped_prohibition_does_not_reject_the_tool(tmp_path: Path) -> None:
    body = (
        "### Router rules\n- FORBIDDEN imports: sqlalchemy\n\n"
        "### Repository rules\n- Only layer allowed to import sqlalchemy\n"
    )
    assert extract(tmp_path, body)["orm"] == "sqlalchemy"


def test_avoided_sync_access_means_async(tmp_path: Path) -> None:
    assert extract(tmp_path, "- **Avoid**: sync DB access, print()\n")["async_db"] is True


def test_sync_session_code_means_sync(tmp_path: Path) -> None:
    body = "```python\nfrom sqlalchemy.orm import Session\ndef create(db: Session):\n    db.commit()\n```\n"
    assert extract(tmp_path, body)["async_db"] is False


def test_template_syntax_in_an_agent_is_plain_text(tmp_path: Path) -> None:
    data = extract(tmp_path, "# {{ evil }}\nUse FastAPI. {% raw %}\n")
    assert data["name"] == "{{ evil }}"


def test_evidence_quotes_the_line_and_its_number(tmp_path: Path) -> None:
    data = extract(tmp_path, "# Stack\n\n- Python 3.12+\n")
    assert data["python_version"] == "3.12"
    assert data["evidence"]["python_version"] == [{"line": 3, "text": "- Python 3.12+"}]


def test_minimum_python_is_the_lowest_stated(tmp_path: Path) -> None:
    assert extract(tmp_path, "Python 3.11+; CI also runs Python 3.13.\n")["python_version"] == "3.11"


def test_evidence_lines_count_frontmatter(tmp_path: Path) -> None:
    data = extract(tmp_path, "Runs on port 9000.\n", meta={"name": "x", "description": "d"})
    assert data["evidence"]["port"][0]["line"] == 5


def test_src_layout_names_its_package(tmp_path: Path) -> None:
    body = "```\nsrc/ledger/\n    app.py          # app factory\n    controllers/    # one per resource\n"
    body += "    services/\n```\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == ("src", "ledger")
    assert data["dirs"] == ["controllers", "services"]


def test_a_package_at_the_root_with_any_name(tmp_path: Path) -> None:
    body = "* `fleetpulse/main.py` - creates the app\n* `fleetpulse/routers/` - endpoints\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == (".", "fleetpulse", ["routers"])


def test_a_tree_topped_by_the_repository_name_is_read_below_it(tmp_path: Path) -> None:
    body = (
        "```\nmyrepo/\n├── services/\n│   └── api/\n│       ├── app/\n│       │   ├── main.py\n"
        "│       │   └── services/\n│       └── pyproject.toml\n├── infra/\n└── render.yaml\n```\n"
    )
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("services/api", "app", ["services"])


def test_paths_only_under_app_give_no_layout_root(tmp_path: Path) -> None:
    data = extract(
        tmp_path, "Routers live in `app/routers/`; config in `app/core/config.py`.\n", meta={"globs": "app/**"}
    )
    assert (data["layout_root"], data["app_package"]) == (None, "app")


def test_paths_under_tests_are_not_the_layout(tmp_path: Path) -> None:
    data = extract(tmp_path, "Mirror the package in `tests/app/test_orders.py` and `tests/main.py`.\n")
    assert data["layout_root"] is None


def test_an_unfenced_indented_tree_is_read(tmp_path: Path) -> None:
    body = "Layout:\n\n    backend/\n        api/        HTTP routers\n        services/   business logic\n"
    data = extract(tmp_path, body)
    assert data["dirs"] == ["api", "services"]


def test_two_providers_joined_by_and_are_both_integrations(tmp_path: Path) -> None:
    body = "- LLM calls go to the OpenAI and Anthropic SDKs.\n- Storage: S3 or MinIO.\n"
    assert extract(tmp_path, body)["integrations"] == ["openai", "anthropic"]


def test_a_tool_tried_and_removed_is_rejected(tmp_path: Path) -> None:
    body = "- Logging: stdlib `logging` with a JSON formatter. We tried loguru and removed it.\n"
    assert extract(tmp_path, body)["logging"] == "stdlib"


def test_a_labelled_list_of_example_prompts_is_not_the_stack(tmp_path: Path) -> None:
    body = (
        "We build the orders API with FastAPI.\n\n**Example prompts** (context only):\n- use Django's TestCase here\n"
    )
    assert extract(tmp_path, body)["framework"] == "fastapi"


def test_a_ban_in_ci_only_does_not_reject_the_provider(tmp_path: Path) -> None:
    body = "- Adapters for SendGrid and Twilio.\n- Never hit SendGrid or Twilio from CI.\n"
    assert extract(tmp_path, body)["integrations"] == ["sendgrid", "twilio"]


def test_a_dotted_reference_names_only_the_first_folder(tmp_path: Path) -> None:
    body = "- `app/main.py` - entry\n- The verifier is `app.api.deps.require_token`; services live in `app.services`.\n"
    assert extract(tmp_path, body)["dirs"] == ["api", "services"]


def test_an_endpoint_prefix_at_the_end_of_a_sentence(tmp_path: Path) -> None:
    assert extract(tmp_path, "Keep every endpoint under `/api`.\n")["api_prefix"] == "/api"


def inspect_agent(tmp_path: Path, body: str) -> Inspection:
    return extract_conventions(load_agent(write_agent(tmp_path, body=body)))


def test_module_files_in_a_tree_are_named_relative_to_the_package(tmp_path: Path) -> None:
    tree = "```\nbackend/\n└── app/\n    ├── main.py\n    ├── database.py\n    └── api/\n        └── deps.py\n```\n"
    inspection = inspect_agent(tmp_path, tree)
    assert set(inspection.modules) == {"database", "api/deps"}
    assert inspection.modules["database"].line == 5


def test_first_party_imports_name_modules(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "```python\nfrom app.db.session import get_session\n```\n")
    assert "db/session" in inspection.modules


def test_entry_points_and_tests_are_not_modules(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "- `app/main.py` - the app\n- `tests/test_items.py` - tests\n")
    assert inspection.modules == {}


def test_modules_stay_out_of_the_json_contract(tmp_path: Path) -> None:
    data = inspect_agent(tmp_path, "- `app/main.py`\n- `app/database.py` - engine\n").to_json_dict()
    assert "modules" not in data
    assert "database" not in data["dirs"]


def test_an_alembic_folder_beside_the_package_is_found(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "- `backend/app/main.py`\n- `backend/alembic/versions/` - revisions\n")
    assert set(inspection.root_folders) == {"alembic"}
    assert inspection.root_folders["alembic"].line == 2


def test_a_migrations_folder_inside_the_package_is_not_the_alembic_folder(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "- `app/main.py`\n- `app/users/migrations/` - Django migrations\n")
    assert inspection.root_folders == {}


def test_alembic_ini_script_location_names_the_folder(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "```ini\n[alembic]\nscript_location = migrations\n```\n")
    assert set(inspection.root_folders) == {"migrations"}


def test_other_script_locations_are_ignored(tmp_path: Path) -> None:
    inspection = inspect_agent(tmp_path, "```ini\n[alembic]\nscript_location = db_migrations\n```\n")
    assert inspection.root_folders == {}
    assert inspection.conventions.dirs == []


WEAK_PORT = 'We build a FastAPI service.\n\n```python\nuvicorn.run(app, host="0.0.0.0", port=8123)\n```\n'


def test_a_value_stated_in_prose_is_stated(tmp_path: Path) -> None:
    data = extract(tmp_path, "- The API listens on port 8009\n- Type checking: mypy\n")
    assert data["confidence"] == {"type_checker": "stated", "port": "stated"}


def test_a_value_shown_by_one_code_example_is_weak(tmp_path: Path) -> None:
    data = extract(tmp_path, WEAK_PORT)
    assert (data["port"], data["confidence"]["port"]) == (8123, "weak")


def test_code_examples_that_agree_on_two_lines_are_inferred(tmp_path: Path) -> None:
    body = "```python\nasync def get(db: AsyncSession):\n    await db.execute(query)\n```\n"
    data = extract(tmp_path, body)
    assert (data["async_db"], data["confidence"]["async_db"]) == (True, "inferred")


def test_a_value_implied_by_another_is_inferred(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Connect with asyncpg\n- `app/services/` - orders and invoices\n")
    assert data["confidence"]["database"] == "inferred" and data["database"] == "postgresql"
    assert data["confidence"]["service_layer"] == "inferred"


def test_a_value_that_barely_outweighs_another_is_no_choice(tmp_path: Path) -> None:
    body = "".join(f"- {line}\n" for line in ("Format with Black", "Black keeps lines short", "Black runs in CI"))
    data = extract(tmp_path, body + "- Ruff formats notebooks\n- Ruff formats scripts\n")
    assert data["formatter"] is None and any(w["field"] == "formatter" for w in data["warnings"])
    data = extract(tmp_path, body + "- Ruff formats notebooks\n")
    assert (data["formatter"], data["confidence"]["formatter"]) == ("black", "stated")


def test_a_field_without_a_value_has_no_confidence(tmp_path: Path) -> None:
    assert "orm" not in extract(tmp_path, "We use FastAPI.\n")["confidence"]


def test_a_value_offered_as_one_option_is_not_a_choice(tmp_path: Path) -> None:
    data = extract(tmp_path, "- **Caching:** Flask-Caching ou Redis.\n- **Auth:** Flask-Login, RBAC ou JWT.\n")
    assert (data["cache"], data["auth"], data["rbac"]) == (None, [], None)


def test_an_example_of_a_kind_is_not_a_choice(tmp_path: Path) -> None:
    body = "- Flask extensions (Flask-SQLAlchemy, Flask-Migrate, etc.)\n- Pick a broker, e.g. RabbitMQ\n"
    data = extract(tmp_path, body)
    assert (data["orm"], data["migrations"], data["broker"]) == (None, None, None)
    data = extract(tmp_path, "- Models use Flask-SQLAlchemy\n- Broker: RabbitMQ\n")
    assert (data["orm"], data["broker"]) == ("sqlalchemy", "rabbitmq")


def test_options_still_stand_against_a_single_mention(tmp_path: Path) -> None:
    body = "- Background tasks with BackgroundTasks\n- Task queues with Celery or Dramatiq\n"
    assert extract(tmp_path, body)["task_queue"] is None


def test_a_stated_value_beats_the_same_value_offered_elsewhere(tmp_path: Path) -> None:
    body = "- Redis for caching\n- Response caching with Redis or Memcached\n"
    assert extract(tmp_path, body)["cache"] == "redis"


def test_django_ninja_is_an_api_library_on_django(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Endpoints use **Django Ninja**; models are `models.Model` subclasses.\n")
    assert (data["framework"], data["orm"]) == ("django", "django-orm")


def test_refresh_tokens_said_in_passing(tmp_path: Path) -> None:
    assert extract(tmp_path, "- JWT access + refresh; short-lived access tokens\n")["auth"] == ["jwt", "refresh-token"]


def test_an_activate_path_from_a_parent_folder_names_the_folder(tmp_path: Path) -> None:
    assert extract(tmp_path, "```bash\nsource ../.venv/bin/activate\n```\n")["venv_dir"] == ".venv"


def test_roles_named_before_the_word(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Guild membership has `admin` and `member` roles.\n")
    assert (data["roles"], data["rbac"]) == (["admin", "member"], True)


def test_rejections_in_other_languages(tmp_path: Path) -> None:
    assert extract(tmp_path, "- 禁止使用 Celery，后台任务用 arq\n")["task_queue"] == "arq"
    assert extract(tmp_path, "- Não use mypy; o projeto usa pyright\n")["type_checker"] == "pyright"
    assert extract(tmp_path, "- Не используйте Poetry, только uv\n")["package_manager"] == "uv"


def test_knowing_a_tool_is_no_choice_of_it(tmp_path: Path) -> None:
    body = "- Virtual environments with venv and pip\n- Deploy to AWS Lambda, GCP, Azure\n"
    data = extract(tmp_path, body)
    assert (data["venv_dir"], data["deploy"]) == (None, [])
    assert extract(tmp_path, "- The virtual environment lives in `venv` at the root\n")["venv_dir"] == "venv"


def test_coverage_floors_said_other_ways(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Keep 90% test coverage on services\n")["coverage_min"] == 90
    assert extract(tmp_path, "- Cobertura mínima de 85% nos testes\n")["coverage_min"] == 85
    assert extract(tmp_path, "- Coverage must stay above 85 percent\n")["coverage_min"] == 85
    assert extract(tmp_path, "- 90 percent of requests are reads; coverage is tracked\n")["coverage_min"] is None


def test_a_model_server_port_is_not_the_apps(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Ollama serves the model at http://localhost:11434\n")["port"] is None


def test_the_port_given_to_the_api_by_name(tmp_path: Path) -> None:
    assert extract(tmp_path, "- The frontend dev server runs on port 3000, the API on 8000\n")["port"] == 8000
    assert extract(tmp_path, "- The Ollama API on 11434\n")["port"] is None


def test_production_named_first_outweighs_the_test_database(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Tests run against SQLite via aiosqlite; production is PostgreSQL\n")
    assert data["database"] == "postgresql"
    assert extract(tmp_path, "- Production: PostgreSQL\n- SQLite for tests\n")["database"] == "postgresql"


def test_django_simplejwt_and_asyncmy(tmp_path: Path) -> None:
    assert extract(tmp_path, "- DRF with SimpleJWT for authentication\n")["auth"] == ["jwt"]
    data = extract(tmp_path, "- Database: MySQL 8 via asyncmy\n")
    assert (data["database"], data["db_driver"]) == ("mysql", "asyncmy")


def test_the_port_of_a_service_the_app_calls_is_not_the_apps(tmp_path: Path) -> None:
    body = "- The API runs on port 8080; it calls the embeddings service on port 9000\n"
    data = extract(tmp_path, body)
    assert (data["port"], data["warnings"]) == (8080, [])
    assert extract(tmp_path, "- The API listens on port 8080. Redis is on 6380\n")["port"] == 8080
    assert extract(tmp_path, "- Our app calls the billing API on port 9000\n")["port"] is None


def test_a_coverage_figure_reported_is_no_floor(tmp_path: Path) -> None:
    assert extract(tmp_path, "- **カバレッジ**: 89%\n")["coverage_min"] is None
    assert extract(tmp_path, "- **カバレッジ**: 80%以上を維持\n")["coverage_min"] == 80


def test_a_layout_known_only_from_commands_is_rooted_where_they_run(tmp_path: Path) -> None:
    body = "```bash\nuv run uvicorn app.main:app --reload\nuv run pytest --cov=app\nuv run mypy app\n```\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == (".", "app")
    assert data["confidence"]["layout_root"] == "inferred"


def test_an_import_alone_leaves_the_root_unknown(tmp_path: Path) -> None:
    data = extract(tmp_path, "```python\nfrom app.core.config import settings\n```\n")
    assert (data["layout_root"], data["app_package"]) == (None, "app")


def test_a_layout_given_as_nested_bullets(tmp_path: Path) -> None:
    body = (
        "## Structure\n- **backend/**\n  - **app/**: the package\n    - `main.py`: entry point\n"
        "    - `api/routes/`: endpoints\n    - `services/`: business logic\n"
    )
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == ("backend", "app")
    assert set(data["dirs"]) == {"api/routes", "services"}


def test_several_packages_in_src_name_no_app_package(tmp_path: Path) -> None:
    data = extract(tmp_path, "- `src/billing/` owns invoices.\n- `src/shared/` owns the database.\n")
    assert (data["layout_root"], data["app_package"]) == ("src", None)
    body = "| Domain | `backend/src/core/` |\n| HTTP | `backend/src/entrypoints/api/` |\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == ("backend/src", None)
    assert data["dirs"] == ["core", "entrypoints/api"]


def test_imports_from_src_make_it_the_package(tmp_path: Path) -> None:
    body = "```\nbackend/\n├── src/\n│   ├── api/\n│   └── core/\n```\n\n`uvicorn src.main:app --reload`\n"
    data = extract(tmp_path, body + "```python\nfrom src.core.settings import settings\n```\n")
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("backend", "src", ["api", "core"])
    data = extract(tmp_path, body.replace("src.main", "main"))
    assert (data["layout_root"], data["app_package"]) == ("backend/src", None)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("- Auth is a custom `JWTAuthentication` class", "auth", ["jwt"]),
        ("- Run tools as `.\\.venv\\bin\\python -m pytest`", "venv_dir", ".venv"),
        ('- Admin endpoints check `current_user.role != "ADMIN"`', "rbac", True),
        ("- Celery + Redis (async tasks)", "broker", "redis"),
        ("Annotate every function. There is no\nmypy gate in CI.", "type_checker", None),
        ("| Utils | `app/utils/` | pure helpers, no FastAPI imports |\n\nThe FastAPI backend.", "framework", "fastapi"),
        ("- **Celery 통합**: Redis를 브로커로 하는 백그라운드 작업 처리", "broker", "redis"),
        ("- Celery: брокер сообщений Redis", "broker", "redis"),
        ("- **JWT**: httpOnly cookie, access TTL 15 min", "auth", ["jwt"]),
        ("- Sessions: HttpOnly session cookies", "auth", ["session"]),
        ("- Migrations: `python manage.py makemigrations`", "layout_root", "."),
        ("- Migrations: `docker compose exec web python manage.py migrate`", "layout_root", None),
        ("- Tree: `myshop/manage.py`, `myshop/orders/models.py`", "app_package", None),
        ("- FastAPI + PostgreSQL + Redis + Celery", "broker", None),
    ],
)
def test_stated_in_passing(tmp_path: Path, text: str, field: str, value: object) -> None:
    assert extract(tmp_path, f"# API\n\n{text}\n")[field] == value


def test_a_tool_named_in_prose_runs_on_no_package(tmp_path: Path) -> None:
    data = extract(
        tmp_path, "- Lint with ruff check, format with black for consistency\n- Run `mypy app` before pushing\n"
    )
    assert data["app_package"] == "app"
    assert extract(tmp_path, "- Format with black for consistency\n")["app_package"] is None


def test_the_production_database_wins_over_the_development_stand_in(tmp_path: Path) -> None:
    body = "- **Database**: PostgreSQL in production, SQLite for development\n"
    assert extract(tmp_path, body)["database"] == "postgresql"
    assert extract(tmp_path, "- PostgreSQL types, with a SQLite fallback\n")["database"] == "postgresql"


def test_a_rejection_that_leads_a_line_ends_with_its_sentence(tmp_path: Path) -> None:
    body = "- No Redis and no Celery here — `docker-compose.yml` only runs Postgres.\n"
    data = extract(tmp_path, body)
    assert (data["database"], data["task_queue"], data["deploy"]) == ("postgresql", False, [])


def test_the_prefix_that_listed_endpoints_share(tmp_path: Path) -> None:
    body = "| GET | `/api/users` |\n| POST | `/api/users` |\n| GET | `/api/items/{id}` |\n| GET | `/api/orders` |\n"
    data = extract(tmp_path, body)
    assert (data["api_prefix"], data["confidence"]["api_prefix"]) == ("/api", "inferred")
    assert extract(tmp_path, "- `/api/users` lists users\n- `/api/items` lists items\n")["api_prefix"] == "/api"
    # one endpoint, or a client's modules under an api/ folder, give no prefix
    assert extract(tmp_path, "- `/api/users` lists users\n")["api_prefix"] is None
    modules = '- `src/api/client.ts`: the API client\n- `import { media } from "@/api/client"`\n'
    assert extract(tmp_path, modules)["api_prefix"] is None


def test_the_docs_url_names_the_prefix_the_api_is_served_under(tmp_path: Path) -> None:
    served = "- Swagger UI: `http://localhost:8000/api/v1/docs`\n"
    data = extract(tmp_path, served)
    assert (data["api_prefix"], data["confidence"]["api_prefix"]) == ("/api/v1", "inferred")
    assert extract(tmp_path, "- Schema at `/v2/openapi.json`\n")["api_prefix"] == "/v2"
    assert extract(tmp_path, "- Swagger UI: `http://localhost:8000/docs`\n")["api_prefix"] is None
    both = served + "- ReDoc: `http://localhost:8000/api/redoc`\n"  # two prefixes: neither is sure
    assert extract(tmp_path, both)["api_prefix"] is None


def test_a_folder_no_import_can_name_is_not_a_module_folder(tmp_path: Path) -> None:
    body = "- `document-processor/`: parsing helpers\n- `app/services/`: business logic\n"
    assert extract(tmp_path, body)["dirs"] == ["services"]


def test_src_imported_as_the_package_sits_in_the_folder_that_holds_it(tmp_path: Path) -> None:
    tree = "```\nshop/\n├── src/\n│   ├── main.py\n│   └── schemas.py\n"
    tree += "├── configs/\n│   └── app.yaml\n└── pyproject.toml\n```\n"
    run = "Run `uv run uvicorn src.main:app --reload` from the repository root.\n"
    data = extract(tmp_path, tree + run)
    assert (data["layout_root"], data["app_package"]) == (".", "src")
    # configs/ is the tree's folder beside src/, not a module folder of src.
    assert extract(tmp_path, tree + run + "- Settings are YAML files in `configs/`.\n")["dirs"] == []
    assert extract(tmp_path, tree)["layout_root"] == "src"  # nothing says src is imported: the code is in it


def test_a_tree_comment_may_follow_a_folder_without_a_space(tmp_path: Path) -> None:
    tree = "```\napp/\n├── auth/       # sign-in\n├── ai_chat/# the assistant\n└── main.py\n```\n"
    assert extract(tmp_path, tree)["dirs"] == ["auth", "ai_chat"]


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ("- All DB operations in `async` functions\n", "async_db", True),
        ("- SQLAlchemy 2.0 async sessions — no sync DB calls\n", "async_db", True),
        ("- Database access is sync.\n", "async_db", False),
        ("* Python version is 3.12\n", "python_version", "3.12"),
        (
            "- Database: PostgreSQL.\n- Keep queries portable: no PostgreSQL-specific features.\n",
            "database",
            "postgresql",
        ),
    ],
)
def test_phrasings_of_async_access_versions_and_portability(
    tmp_path: Path, body: str, field: str, value: object
) -> None:
    assert extract(tmp_path, body)[field] == value


def test_python_running_the_entry_point_places_it_where_the_command_runs(tmp_path: Path) -> None:
    assert extract(tmp_path, "```bash\npip install -r requirements.txt\npython app.py\n```\n")["layout_root"] == "."
    assert extract(tmp_path, "```bash\ncd server\npython main.py\n```\n")["layout_root"] == "server"
    assert extract(tmp_path, "```bash\npython scripts/app.py\n```\n")["layout_root"] is None  # not the entry point


def test_a_qualified_port_option_is_another_programs_port(tmp_path: Path) -> None:
    body = "- Start Chrome with `--remote-debugging-port=9222` for the browser tools.\n- Open http://localhost:8000\n"
    assert extract(tmp_path, body)["port"] == 8000
    assert extract(tmp_path, "- The API port: 8080\n")["port"] == 8080


def test_a_tool_run_from_the_environment_names_its_folder(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Migrate: `./venv/bin/alembic upgrade head`\n")["venv_dir"] == "venv"
    assert extract(tmp_path, "```bash\n.venv/bin/uvicorn main:app --reload\n```\n")["venv_dir"] == ".venv"
    assert extract(tmp_path, "- Read /opt/venv/bin/python's version.\n")["venv_dir"] is None  # another system's path


def test_a_question_states_no_choice(tmp_path: Path) -> None:
    assert extract(tmp_path, "## Review\n- [ ] Rate limiting needed?\n")["rate_limiting"] is None
    assert extract(tmp_path, "- 是否需要 Redis 缓存？\n")["cache"] is None
    assert extract(tmp_path, "- Rate limiting is needed on login.\n")["rate_limiting"] is True


def test_names_joined_by_a_slash_are_not_a_path(tmp_path: Path) -> None:
    assert extract(tmp_path, "Documentación Swagger/OpenAPI.\n- Reviews from Airbnb/Booking.com.\n")["dirs"] == []
    assert extract(tmp_path, "- Run with core/main.py.\n")["dirs"] == ["core"]  # a real file, at a sentence's end


def test_a_tree_whose_top_folder_is_the_package_sits_in_the_root(tmp_path: Path) -> None:
    body = "```\napp/\n├── __init__.py\n├── api/\n│   └── routes.py\n└── models.py\n```\n"
    assert (extract(tmp_path, body)["layout_root"], extract(tmp_path, body)["app_package"]) == (".", "app")


def test_paths_are_read_from_where_the_tooling_runs(tmp_path: Path) -> None:
    commands = "```bash\ncd backend\nuv sync\nuv run mypy src\n```\n"
    paths = "- `src/billing/` holds the use cases.\n- `src/shared/db.py` opens sessions.\n"
    paths += "- Keep `backend/.env.example` current.\n"
    data = extract(tmp_path, commands + paths)
    assert (data["layout_root"], data["dirs"]) == ("backend/src", ["billing", "shared"])
    elsewhere = "```bash\ncd frontend\nnpm run dev\n```\n"  # no Python tool runs there
    assert extract(tmp_path, elsewhere + paths)["layout_root"] == "src"


def extract_file(path: Path, body: str) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return extract_conventions(load_agent(path)).to_json_dict()


def test_a_nested_agents_md_gives_paths_from_its_own_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    data = extract_file(tmp_path / "services" / "api" / "AGENTS.md", "- `app/main.py` builds the app.\n")
    assert (data["layout_root"], data["app_package"]) == ("services/api", "app")
    # The repository's own instructions, wherever a tool keeps them, sit in the root.
    data = extract_file(tmp_path / ".claude" / "CLAUDE.md", "- `app/main.py` builds the app.\n")
    assert data["layout_root"] == "."
    assert extract_file(tmp_path / "docs" / "AGENTS.md", "- `app/main.py` builds the app.\n")["layout_root"] == "."
    # A file among a project's docs describes the project the docs folder belongs to.
    data = extract_file(tmp_path / "api-service" / "docs" / "CLAUDE.md", "- `app/main.py` builds the app.\n")
    assert (data["layout_root"], data["app_package"]) == ("api-service", "app")
    # A generated project inside a larger repository: its agent file's paths are from the project.
    (tmp_path / "backend" / ".copier-answers.yml").parent.mkdir()
    (tmp_path / "backend" / ".copier-answers.yml").write_text("_commit: v1\n")
    data = extract_file(tmp_path / "backend" / "CLAUDE.md", "- `app/main.py` builds the app.\n")
    assert (data["layout_root"], data["app_package"]) == (".", "app")


def test_a_claude_md_in_a_backend_folder_governs_that_folder(tmp_path: Path) -> None:
    data = extract_file(tmp_path / "backend" / "CLAUDE.md", "# Backend\nFastAPI with SQLAlchemy.\n")
    assert (data["layout_root"], data["confidence"]["layout_root"]) == ("backend", "inferred")
    commands = "```bash\ncd backend\nuv run mypy src\n```\n- `src/shared/db.py` opens sessions.\n"
    assert extract_file(tmp_path / "backend" / "AGENTS.md", commands)["layout_root"] == "backend/src"
    # Without a repository around it, a folder of another name may be the repository itself.
    assert extract_file(tmp_path / "tools" / "CLAUDE.md", "# Backend\nFastAPI.\n")["layout_root"] is None


def test_a_line_that_leaves_the_choice_open_sets_no_value(tmp_path: Path) -> None:
    line = "- Use `pytest-django`, or Django's `TestCase`; this project doesn't mandate either.\n"
    assert extract(tmp_path, line)["test_runner"] is None
    assert extract(tmp_path, "- Tests: pytest with `pytest-django`.\n")["test_runner"] == "pytest"
    assert extract(tmp_path, "- Type checker: mypy or pyright, up to you.\n")["type_checker"] is None


def test_a_short_example_path_shows_a_naming_rule_not_a_folder(tmp_path: Path) -> None:
    meta = {"description": "API rules", "globs": "backend/**"}
    body = "- Use lowercase names for directories and files (e.g., routers/user_routes.py).\n"
    assert extract(tmp_path, body, meta)["dirs"] == []
    body = "- Models sit in each blueprint (e.g., `blog/blueprints/posts/models.py`).\n"
    assert extract(tmp_path, body)["dirs"] == ["blog/blueprints"]


def test_a_quoted_folder_name_with_a_space_is_not_its_last_word(tmp_path: Path) -> None:
    body = "- Migrations are raw SQL scripts in `Scripts SQL/`\n- Notes live in `Design Docs/adr/`\n"
    assert extract(tmp_path, body)["dirs"] == []
    body = "- Run `uv run pytest tests/`; routes sit in `app/api/routes/`\n"
    assert extract(tmp_path, body)["dirs"] == ["api/routes"]


def test_comparisons_set_no_value(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Trade-offs of Celery vs. Dramatiq for long jobs\n- Faster than Flask, unlike Django\n")
    assert (data["task_queue"], data["framework"]) == (None, None)


def test_values_listed_only_as_what_the_assistant_knows_are_weak(tmp_path: Path) -> None:
    body = "# Python Expert\n\n## Capabilities\n\n### Data\n- Redis for caching\n\n## Workflow\n- Type checking: mypy\n"
    data = extract(tmp_path, body)
    assert (data["cache"], data["confidence"]["cache"]) == ("redis", "weak")
    assert data["confidence"]["type_checker"] == "stated"


def test_a_stack_heading_inside_a_list_of_expertise_states_the_project_s_choices(tmp_path: Path) -> None:
    body = "# Backend\n\n## Core Expertise\n\n### Technology Stack\n- **Database**: PostgreSQL with asyncpg\n"
    body += "\n### Data\n- Redis for caching\n"
    data = extract(tmp_path, body)
    assert (data["db_driver"], data["confidence"]["db_driver"]) == ("asyncpg", "stated")
    assert data["confidence"]["cache"] == "weak"


@pytest.mark.parametrize(
    "heading", ["## 能力", "## Habilidades", "## Навыки", "## 専門知識", "## 핵심 역량", "## Compétences"]
)
def test_capability_headings_in_other_languages_are_weak(tmp_path: Path, heading: str) -> None:
    data = extract(tmp_path, f"# Experto\n\n{heading}\n\n- Redis for caching\n\n## Stack\n- Type checking: mypy\n")
    assert (data["cache"], data["confidence"]["cache"]) == ("redis", "weak")
    assert data["confidence"]["type_checker"] == "stated"


def test_a_persona_lists_what_it_knows_under_plain_topic_lines(tmp_path: Path) -> None:
    persona = "You are a senior FastAPI developer.\n\n"
    topics = "Database integration:\n- SQLAlchemy 2.0 async\n- Alembic migrations\n\nTech stack:\n- Redis cache\n"
    data = extract(tmp_path, persona + topics)
    assert (data["orm"], data["confidence"]["orm"]) == ("sqlalchemy", "weak")
    assert data["confidence"]["migrations"] == "weak"
    assert data["confidence"]["cache"] != "weak"  # a stack label names the project's own choices
    data = extract(tmp_path, "This service is our billing API.\n\n" + topics)
    assert data["confidence"]["orm"] != "weak"  # no persona: a topic line is the project's own


def test_what_a_persona_knows_gives_no_value_beside_the_project_s_own_context(tmp_path: Path) -> None:
    persona = "You are a senior FastAPI developer.\n\nDatabase integration:\n- SQLAlchemy 2.0 async\n"
    persona += "- Alembic migrations\n"
    report = 'Delivery notification:\n"Built 40 endpoints. OAuth2 + JWT authentication implemented."\n'
    data = extract(tmp_path, persona + report)
    assert (data["orm"], data["migrations"]) == ("sqlalchemy", "alembic")  # all the file says: weak values
    assert data["auth"] == []  # a quoted sample report is not the project
    context = "## Project context\n\nThis project uses Tortoise ORM with Aerich.\n\n"
    data = extract(tmp_path, context + persona + report)
    assert (data["orm"], data["migrations"]) == ("tortoise", "aerich")
    data = extract(tmp_path, "## Project context\n\nThe API serves the shop's orders.\n\n" + persona)
    assert (data["orm"], data["migrations"]) == (None, None)
    assert any(w["field"] == "orm" and "assistant knows" in w["message"] for w in data["warnings"])


def test_a_box_tree_shows_the_project_s_files_not_an_example(tmp_path: Path) -> None:
    tree = "```plaintext\napp/\n├── core/\n│   └── security.py   # JWT sign-in\n└── main.py\nuv.lock\n```\n"
    data = extract(tmp_path, "## Layout\n\n" + tree)
    assert data["auth"] == ["jwt"]
    assert data["confidence"]["auth"] != "weak"
    example = "```python\nimport jwt\n```\n"
    data = extract(tmp_path, "## Example\n\n" + example)
    assert data["confidence"]["auth"] == "weak"  # one code example is still only a hint


def test_a_cursor_rules_globs_place_the_code(tmp_path: Path) -> None:
    meta = {"description": "FastAPI rules", "globs": "packages/api/**/*.py"}
    body = "# API\n- Routes in `app/api/v1/`\n- Settings in `app/core/config.py`\n"
    data = extract(tmp_path, body, meta)
    assert (data["layout_root"], data["app_package"]) == ("packages/api", "app")
    # The rule's paths are read from the folder its globs hold, even an entry point's.
    body = "# API\n- Entry point: `app/main.py`\n- Services in `app/services/`\n"
    data = extract(tmp_path, body, {"description": "API rules", "globs": "backend/**/*.py"})
    assert (data["layout_root"], data["app_package"]) == ("backend", "app")
    data = extract(tmp_path, body, {"description": "API rules", "globs": "app/**/*.py"})
    assert (data["layout_root"], data["app_package"]) == (".", "app")


def test_services_an_assistant_knows_are_not_integrations(tmp_path: Path) -> None:
    body = (
        "# Expert\n\n## Capabilities\n- APM integration with Sentry\n\n## This project\n- Payments go through Stripe\n"
    )
    assert extract(tmp_path, body)["integrations"] == ["stripe"]


def test_ruff_for_formatting_said_in_chinese_is_the_formatter(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Ruff 代码格式化\n- flake8 代码检查\n")
    assert (data["formatter"], data["linter"]) == ("ruff", "flake8")


def test_a_function_imported_from_a_module_names_no_folder(tmp_path: Path) -> None:
    body = "```python\nfrom app.database import get_db\nfrom app.services import orders\n```\n"
    assert extract(tmp_path, body)["dirs"] == ["services"]


def test_code_shown_as_wrong_names_no_folder(tmp_path: Path) -> None:
    body = "- Routes in `app/api/`\n\n**❌ Avoid:**\n```python\nfrom app.legacy.helpers import thing\n```\n"
    assert extract(tmp_path, body)["dirs"] == ["api"]


def test_checks_that_enforce_a_role_are_role_based_access(tmp_path: Path) -> None:
    assert extract(tmp_path, "- `IsAgent` and `IsCustomer` enforce role on every view\n")["rbac"] is True


def test_a_django_settings_package_is_not_the_app_package(tmp_path: Path) -> None:
    data = extract(tmp_path, "- **Config**: `config/settings.py`, `config/asgi.py`\n- Apps in `apps/accounts/`\n")
    assert (data["layout_root"], data["app_package"]) == (".", None)
    assert set(data["dirs"]) == {"config", "apps/accounts"}


def test_two_word_roles_in_a_sentence(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Two roles: end user and admin.\n")["roles"] == ["end-user", "admin"]


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        ("New sign-ups are members; only admins may delete orders.\n", ["member", "admin"]),
        ("Only editors can publish and only the moderators may ban.\n", ["editor", "moderator"]),
        ("Roles are admin and member (the default for new accounts).\n", ["admin", "member"]),
        ("There are two roles, `staff` and `manager`; only a manager may delete.\n", ["staff", "manager"]),
        ("Each account has one of two roles, staff or manager.\n", ["staff", "manager"]),
        ("Role-based access: `staff` and `manager`.\n", ["staff", "manager"]),
        ("We handle users, roles, teams and orgs.\n", []),
        ("Only admins can delete users.\n", []),  # one role: a superuser flag would say as much
        ("Only services may call repositories; only routers can import schemas.\n", []),
        ("```python\n# only admins may delete; new users are members\n```\n", []),
    ],
)
def test_roles_a_sentence_gives_rights_by(tmp_path: Path, body: str, roles: list[str]) -> None:
    assert extract(tmp_path, body)["roles"] == roles


def test_roles_shown_only_in_a_code_example_are_weak(tmp_path: Path) -> None:
    body = "```python\nclass Role(str, Enum):\n    ADMIN = 'admin'\n    VIEWER = 'viewer'\n```\n"
    data = extract(tmp_path, body)
    assert data["roles"] == ["admin", "viewer"] and data["confidence"]["roles"] == "weak"
    assert extract(tmp_path, "- The roles are: admin, viewer.\n")["confidence"]["roles"] == "stated"


def test_roles_in_code_are_inferred_when_the_file_states_role_based_access(tmp_path: Path) -> None:
    body = "- Role-based access control (RBAC)\n```python\nrole: Literal['student', 'admin'] = 'student'\n```\n"
    assert extract(tmp_path, body)["confidence"]["roles"] == "inferred"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("- Banco de dados: PostgreSQL, acessado pelo SQLModel em modo síncrono.", "async_db", False),
        ("- SQLModel runs synchronously.", "async_db", False),
        ("- Database access is sync (no async).", "async_db", False),
        ("- SQLAlchemy asíncrono con asyncpg.", "async_db", True),
        ("- Para la caché usamos Redis o Memcached, según el entorno.", "cache", None),
        ("- Use o Redis para cache.", "cache", "redis"),
        ("No uses mypy: la verificación de tipos se hace con pyright.", "type_checker", "pyright"),
        ("Don't use mypy: type checking is done with pyright.", "type_checker", "pyright"),
        ("- Avoid: Celery, RQ", "task_queue", False),
        ("- Cloud: AWS (S3, Lambda, SQS), GCP", "broker", None),
    ],
)
def test_phrasings_a_new_user_wrote(tmp_path: Path, text: str, field: str, value: object) -> None:
    assert extract(tmp_path, f"El backend usa FastAPI.\n{text}\n")[field] == value


def test_a_python_version_in_parentheses(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Python（>= 3.12）+ FastAPI\n")["python_version"] == "3.12"
    assert extract(tmp_path, "- Python (3.11) with FastAPI\n")["python_version"] == "3.11"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("- Python 版本：>= 3.12", "python_version", "3.12"),
        ("- Versão do Python: 3.11", "python_version", "3.11"),
        ("- **開発ポート**: 8000", "port", 8000),
        ("- Prometheusメトリクス: `http://localhost:8001/metrics`", "port", None),
        ("- `./run format` - Format Python code with ruff", "formatter", "ruff"),
        ("- **Ruff**: Used for both linting and formatting", "formatter", "ruff"),
        ("- Ruff for linting, Black for formatting", "formatter", "black"),
        ("- Payments: Mercado Pago", "integrations", ["mercado-pago"]),
        ("- Type checking: mypy, Pago Tipo docs", "type_checker", "mypy"),  # "...o T" is no Spanish "o"
        ("- Keep coverage at 85% or more", "coverage_min", 85),
        ("- CI fails when coverage drops below 80 percent", "coverage_min", 80),
        ("- Never lower test coverage under 90%", "coverage_min", 90),
        ("- Coverage: 80% or 90%, whichever the module allows", "coverage_min", None),
        ("- Python 3.12 or newer", "python_version", "3.12"),
        ("- The service listens on 8080 in production", "port", 8080),
        ("- Supabase handles sign-in", "auth", ["supabase"]),
        ("- 每用户/IP 的速率限制", "rate_limiting", True),
        ("- Limitação de taxa por usuário no login", "rate_limiting", True),
        ("- 仓储模式和工作单元实现", "repository_pattern", True),
        ("- Acesso a dados pelo padrão repositório", "repository_pattern", True),
        ("- API 密钥认证", "auth", ["api-key"]),
        ("- Autenticação por chaves de API", "auth", ["api-key"]),
    ],
)
def test_phrasings_of_other_languages_and_lists(tmp_path: Path, text: str, field: str, value: object) -> None:
    assert extract(tmp_path, f"# API\n\n{text}\n")[field] == value


def test_example_interactions_in_other_languages_state_nothing(tmp_path: Path) -> None:
    body = "# Experto\n\n## 交互示例\n\n- 用 Celery 和 Redis 实现后台任务\n"
    assert extract(tmp_path, body)["task_queue"] is None
    assert extract(tmp_path, body.replace("交互示例", "后台任务"))["task_queue"] == "celery"


def test_a_format_command_credited_to_ruff_names_the_formatter(tmp_path: Path) -> None:
    body = "```bash\njust format   # Format code and sort imports (ruff)\njust lint     # Lint with mypy\n```\n"
    assert extract(tmp_path, body)["formatter"] == "ruff"


def test_a_conftest_in_the_tree_means_pytest_inferred(tmp_path: Path) -> None:
    body = "```\ntests/\n├── conftest.py\n└── test_items.py\n```\n"
    found = extract_conventions(load_agent(write_agent(tmp_path, body=body)))
    assert found.to_json_dict()["test_runner"] == "pytest"
    assert found.confidence["test_runner"] != "stated"


@pytest.mark.parametrize(
    "line",
    ["- 使用 Redis 实现缓存和分布式锁", "- キャッシュには Redis を使う", "- Redis 캐시", "- Кэш: Redis"],
)
def test_redis_as_the_cache_said_in_other_languages(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, line + "\n")["cache"] == "redis"


@pytest.mark.parametrize("line", ["- Log with the `logging` module", "- ログ出力は `logging` モジュールを使用"])
def test_the_logging_module_named_in_backticks_is_stdlib_logging(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, line + "\n")["logging"] == "stdlib"


def test_all_io_stated_async_means_an_async_database(tmp_path: Path) -> None:
    body = "- **Async by default**: all I/O is `async`/`await`; blocking calls go to an executor.\n"
    assert extract(tmp_path, body)["async_db"] is True


def test_a_labelled_comma_list_of_services_names_each_one_in_use(tmp_path: Path) -> None:
    body = "## Payments\n- Providers: Stripe, Mercado Pago\n- Deploy targets (AWS, GCP, Azure) are open.\n"
    data = extract(tmp_path, body)
    assert data["integrations"] == ["stripe", "mercado-pago"]
    assert data["deploy"] == []


def test_a_service_configured_by_its_own_settings_key_is_an_integration(tmp_path: Path) -> None:
    body = "```python\nclass Settings(BaseSettings):\n    SENDGRID_API_KEY: str\n    DEBUG: bool = False\n```\n"
    assert extract(tmp_path, body)["integrations"] == ["sendgrid"]


@pytest.mark.parametrize(
    ("body", "integrations"),
    [
        ("- Transcripts come from Whisper; thumbnails are cut with FFmpeg.\n", ["whisper", "ffmpeg"]),
        ("- 调用 DeepSeek 生成摘要，结果推送到飞书。\n", ["deepseek", "feishu"]),
        ("- Pagos con Xendit y Midtrans.\n", ["xendit", "midtrans"]),
        ("- Join the team on Discord for questions.\n", []),  # a community, not a service the app calls
        ("- Notify moderators through the Discord API.\n", ["discord"]),
        ("- Dashboards live in Grafana.\n", []),  # an ops tool beside the app, as in the seeds
    ],
)
def test_services_named_by_their_own_names_are_integrations(tmp_path: Path, body: str, integrations: list[str]) -> None:
    assert extract(tmp_path, body)["integrations"] == integrations


def test_a_prometheus_server_among_the_ops_tools_is_not_the_apps_integration(tmp_path: Path) -> None:
    assert extract(tmp_path, "- **Prometheus**: monitoring and alerting\n")["integrations"] == []
    assert extract(tmp_path, "- Expose Prometheus metrics on `/metrics`.\n")["integrations"] == ["prometheus"]


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        ('- Guard admin routes with `require_role("editor", "admin")`.\n', ["editor", "admin"]),
        ('- Admin endpoints check `current_user.role != "ADMIN"`.\n', ["ADMIN"]),
        ("- Guard routes with `require_roles(UserRole.ORG_ADMIN)`.\n", []),
        ("- `IsAgent`/`IsCustomer` (`permissions.py`) enforce the role on every view.\n", ["agent", "customer"]),
        ("- Views use `IsAuthenticated` and `IsOwner`; roles come later.\n", []),
        ("- `IsAgent`/`IsCustomer` guard the views.\n", []),
        ('- **Superuser role**: set in `superuser_role_name` (default: "admin"), bypasses checks.\n', ["admin"]),
        ("- New accounts get the default role `member`.\n", ["member"]),
        ('- The default timeout is "30s"; sessions have roles.\n', []),
    ],
)
def test_roles_are_the_names_a_role_check_is_given(tmp_path: Path, body: str, roles: list[str]) -> None:
    assert extract(tmp_path, body)["roles"] == roles


def test_a_requirements_file_alone_does_not_choose_pip_and_a_lock_file_chooses_its_manager(tmp_path: Path) -> None:
    tree = "```\n├── app/\n├── requirements.txt\n{}```\n"
    assert extract(tmp_path, tree.format(""))["package_manager"] is None
    assert extract(tmp_path, tree.format("├── uv.lock\n"))["package_manager"] == "uv"
    assert extract(tmp_path, "Install with `pip install -r requirements.txt`.\n")["package_manager"] == "pip"


def test_a_folder_states_no_api_prefix_and_the_urls_the_file_writes_do(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Views live in `app/api/views/`.\n")["api_prefix"] is None
    assert extract(tmp_path, "- Routes live in `app/api/v2/`.\n")["api_prefix"] is None
    urls = "- Routes live in `app/api/v2/`: `/api/v2/users`, `/api/v2/items`, `/api/v2/orders`.\n"
    assert extract(tmp_path, urls)["api_prefix"] == "/api/v2"
    tree = "```\napp/\n├── api/\n│   └── v2/{}\n│       └── routes/\n```\n"
    assert extract(tmp_path, tree.format("   # Version 2 endpoints"))["api_prefix"] is None
    assert extract(tmp_path, tree.format("   # API version 2"))["api_prefix"] == "/api/v2"


def test_flask_migrate_commands_name_flask_migrate_unless_the_file_names_alembic(tmp_path: Path) -> None:
    commands = "- Generate: `flask db migrate`\n- Apply: `flask db upgrade`\n"
    assert extract(tmp_path, commands)["migrations"] == "flask-migrate"
    assert extract(tmp_path, "- **Migrations**: Alembic, run through\n" + commands)["migrations"] == "alembic"


def test_docker_that_runs_the_test_database_is_not_a_deploy_target(tmp_path: Path) -> None:
    body = "- Tests use `pytest-databases` with Docker PostgreSQL for the test database.\n"
    assert extract(tmp_path, body)["deploy"] == []
    for local in ("- Docker: used only for running PostgreSQL locally", "- Docker runs Redis for local development"):
        assert extract(tmp_path, local + "\n")["deploy"] == [], local
    assert extract(tmp_path, "- Ship the API as a Docker image.\n")["deploy"] == ["docker"]


def test_a_store_named_under_a_caching_heading_is_the_cache(tmp_path: Path) -> None:
    body = "## Response Caching\n- Keys are domain-prefixed and routed to the matching Valkey namespace.\n"
    assert extract(tmp_path, body)["cache"] == "valkey"


def test_an_api_key_under_a_security_heading_in_another_language_is_auth(tmp_path: Path) -> None:
    assert extract(tmp_path, "## セキュリティ\n- クライアントは API Key を送る\n")["auth"] == ["api-key"]


def test_a_folder_named_app_under_logs_is_not_the_app_package(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Logs are written to `logs/server/app/` by date.\n")["app_package"] is None
    assert extract(tmp_path, "- Routes live in `backend/app/api/`.\n")["app_package"] == "app"


def test_a_trees_own_lines_are_read_only_as_the_tree(tmp_path: Path) -> None:
    tree = "```\nbackend/\n├── main.py\n├── api/\n│   └── routes.py\n└── logs/\n    └── app/   # app logs\n```\n"
    data = extract(tmp_path, tree)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("backend", None, ["api"])


def test_production_inside_a_longer_word_does_not_count_double() -> None:
    from scaffold.extraction.polarity import judge

    pad = " " * 15  # "production uses" and the pad: 30 characters before the value
    for text, factor in (
        (f"The reproduction uses{pad}PostgreSQL", 1.0),
        (f"The production uses{pad}PostgreSQL", 2.0),
    ):
        start = text.index("PostgreSQL")
        assert judge(text, start, start + len("PostgreSQL"))[1] == factor, text


@pytest.mark.parametrize(
    ("body", "floor"),
    [
        ("- CI fails below 90 percent coverage.\n", 90),
        ("- Coverage below 80% fails the build.\n", 80),
        ("- Tests must cover 85% of lines.\n", 85),
        ("- The build is failing below the 3rd retry; coverage is 40% today.\n", None),
        ("- Coverage fell below 60% last year.\n", None),
    ],
)
def test_coverage_floor_stated_as_what_fails(tmp_path: Path, body: str, floor: int | None) -> None:
    assert extract(tmp_path, body)["coverage_min"] == floor


def test_valkey_named_as_the_broker(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Valkey is the broker for arq.\n")["broker"] == "valkey"


def test_the_root_is_shown_by_its_own_line_in_the_tree(tmp_path: Path) -> None:
    data = extract(tmp_path, "# Orders\n\n```\nservice/\n├── app/\n│   ├── main.py\n│   └── routers/\n```\n")
    assert (data["layout_root"], data["app_package"]) == ("service", "app")
    assert data["evidence"]["layout_root"][0] == {"line": 4, "text": "service/"}
    assert data["evidence"]["app_package"][0]["line"] == 5


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ("- MySQL 8 in production; tests use SQLite in memory.\n", "database", "mysql"),
        ("- PostgreSQL, with SQLite for tests.\n", "database", "postgresql"),
        ("- Pytest for testing\n", "test_runner", "pytest"),  # the runner for tests is no stand-in
        ("- Die Testabdeckung muss mindestens 90 % betragen.\n", "coverage_min", 90),
        ("- Formatierung und Linting mit Ruff.\n", "formatter", "ruff"),
        ("- Hintergrundjobs laufen mit arq auf Redis.\n", "broker", "redis"),
        ("- Niemals `pip install` verwenden; Abhängigkeiten mit uv.\n", "package_manager", "uv"),
        ("- Zugriff über Rollen: `praxis_admin`, `mitarbeiter`, `patient`.\n", "roles",
         ["praxis_admin", "mitarbeiter", "patient"]),
    ],
)  # fmt: skip
def test_production_over_a_test_stand_in_and_german_statements(
    tmp_path: Path, body: str, field: str, value: object
) -> None:
    data = extract(tmp_path, body)
    assert data[field] == value
    assert not [w for w in data["warnings"] if "pip" in w["message"]]


def test_a_conclusion_drawn_from_a_folder_cites_that_folders_line(tmp_path: Path) -> None:
    body = "# S\n\n```\napp/\n├── api/        # Router\n├── services/\n└── repositories/\n```\n"
    data = extract(tmp_path, body)
    assert (data["service_layer"], data["repository_pattern"]) == (True, True)
    assert data["evidence"]["service_layer"][0]["line"] == 6
    assert data["evidence"]["repository_pattern"][0]["line"] == 7


@pytest.mark.parametrize(
    "sentence", ['New users are "viewer" accounts.', "New users are {x.", "New users are $x.", "New users are ?"]
)
def test_prose_about_new_users_that_names_no_role_is_no_role(tmp_path: Path, sentence: str) -> None:
    data = extract(tmp_path, f"# S\n\nRoles: admin, viewer.\n\n{sentence}\n")
    assert data["roles"] == ["admin", "viewer"]


def test_a_monorepos_frontend_gives_no_layout_and_its_api_project_is_the_root(tmp_path: Path) -> None:
    tree = (
        "```\napps/\n  api/            # the FastAPI service\n  │ ├── routers/\n  │ ├── services/\n"
        "  │ └── pyproject.toml\n  web/            # the browser client\n    ├── src/\n    │   ├── app/\n"
        "    │   ├── hooks/\n    │   └── lib/\n    └── vite.config.ts\n```\n"
    )
    client = "## Frontend (apps/web)\n- Aliases: `@/hooks` maps to src/hooks/, `@/lib` to src/lib/\n"
    server = "## Backend (apps/api)\n- The service starts from `apps/api/main.py`.\n"
    data = extract(tmp_path, tree + client + server)
    assert (data["layout_root"], data["app_package"]) == ("apps/api", None)
    assert data["dirs"] == ["routers", "services"]


def test_a_client_section_names_no_backend_folder_but_a_full_stack_one_does(tmp_path: Path) -> None:
    assert extract(tmp_path, "## React client\n- Components live in `src/components/`.\n")["layout_root"] is None
    assert extract(tmp_path, "## Full-stack layout\n- Routes live in `backend/app/api/`.\n")["layout_root"] == "backend"


def test_copilots_apply_to_names_the_folder_the_code_is_in(tmp_path: Path) -> None:
    body = "# Backend rules\n- Routers live in `app/routers/`, one module per resource.\n"
    data = extract(tmp_path, body, meta={"applyTo": "server/**/*.py"})
    assert (data["layout_root"], data["app_package"]) == ("server", "app")


@pytest.mark.parametrize(
    "line",
    [
        "- Repositories optionnels : un fichier par entité",
        "- Optional repositories wrap the queries of one entity",
        "- Repositories (optional) wrap the queries of one entity",
    ],
)
def test_a_layer_marked_optional_is_not_chosen(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, line + "\n")["repository_pattern"] is None
    assert extract(tmp_path, "- Repositories wrap the queries of one entity\n")["repository_pattern"] is True


def test_a_layer_chain_with_notes_in_brackets_names_both_layers(tmp_path: Path) -> None:
    data = extract(tmp_path, "- Layers: Router (HTTP only) → Service (rules, transactions) → Repository (queries)\n")
    assert (data["service_layer"], data["repository_pattern"]) == (True, True)


def test_such_as_in_chinese_marks_an_example_not_the_choice(tmp_path: Path) -> None:
    body = "- 拒绝违反规范的请求（如使用 MySQL、同步驱动）\n- 技术栈：PostgreSQL + SQLAlchemy 2.0\n"
    assert extract(tmp_path, body)["database"] == "postgresql"
    assert extract(tmp_path, "- 如果使用 MySQL，请先询问\n- 技术栈：PostgreSQL\n")["database"] is None


def test_the_framework_an_example_is_taken_from_is_the_files_framework(tmp_path: Path) -> None:
    body = "- Ruff ignores B008 for framework defaults (e.g. FastAPI's `Depends`).\n"
    assert extract(tmp_path, body)["framework"] == "fastapi"


def test_a_bare_main_module_served_with_no_cd_sits_in_the_repository_root(tmp_path: Path) -> None:
    body = "```bash\nuvicorn main:app --reload\n```\n- Shared code lives in `core/`, features in `modules/`.\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == (".", None)
    moved = "```bash\ncd api\nuvicorn main:app --reload\n```\n"
    assert extract(tmp_path, moved)["layout_root"] == "api"


@pytest.mark.parametrize(
    ("line", "floor"),
    [
        ("uv run pytest   # 전체 (커버리지 임계값 60%)", 60),
        ("- Coverage threshold: 85%", 85),
        ("- Le seuil de couverture est de 75 %", None),  # the threshold word comes first: not this rule
        ("- Coverage gate at 90%", 90),
    ],
)
def test_a_coverage_threshold_in_other_words(tmp_path: Path, line: str, floor: int | None) -> None:
    assert extract(tmp_path, line + "\n")["coverage_min"] == floor


@pytest.mark.parametrize(
    "line", ["- pytest with async support", "- **テスト**: pytest v8.3.0+ (asyncio対応)", "- 测试：pytest（异步支持）"]
)
def test_pytest_said_to_support_async_tests_means_pytest_asyncio(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, line + "\n")["pytest_asyncio"] is True
    assert extract(tmp_path, "- pytest. Async code is supported by the app.\n")["pytest_asyncio"] is None


def test_a_store_named_with_its_noun_for_local_development_is_a_stand_in(tmp_path: Path) -> None:
    body = "- **Database**: PostgreSQL\n- `local.db`: SQLite database for local development\n"
    assert extract(tmp_path, body)["database"] == "postgresql"


def test_a_src_folder_named_as_the_code_with_nothing_inside_is_the_package(tmp_path: Path) -> None:
    body = "- `backend/src/`: main source code\n- `backend/tests/`: tests\n- `frontend/src/main.tsx`: the client\n"
    data = extract(tmp_path, body)
    assert (data["layout_root"], data["app_package"]) == ("backend", "src")
    nested = "- `backend/src/`: source\n- `backend/src/billing/`: the billing package\n"
    assert extract(tmp_path, nested)["app_package"] == "billing"


@pytest.mark.parametrize("heading", ["## Roadmap", "## Future work", "## 今後の展望", "## 향후 계획", "## TODO"])
def test_what_a_file_plans_to_do_chooses_nothing_yet(tmp_path: Path, heading: str) -> None:
    body = f"# API\n- Deploy with Docker.\n\n{heading}\n- Deploy to Fly.io\n- Error monitoring with Sentry\n"
    data = extract(tmp_path, body)
    assert (data["deploy"], data["integrations"]) == (["docker"], [])
    assert extract(tmp_path, "# API\n## Operations\n- Deploy to Fly.io\n")["deploy"] == ["fly"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("We might add Celery later for background jobs.", "task_queue"),
        ("Consider using Redis for caching if responses get slow.", "cache"),
        ("Eventually we will migrate to PostgreSQL.", "database"),
        ("TODO: add Alembic migrations", "migrations"),
        ("Redis (optional) caches sessions.", "cache"),
        ("Optionally, use Sentry for error tracking.", "integrations"),
        ("Celery 작업 큐는 향후 도입 예정", "task_queue"),
    ],
)
def test_what_is_not_done_yet_or_optional_chooses_nothing(tmp_path: Path, line: str, field: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")[field] in (None, [])


def test_a_checklist_and_a_rule_with_may_still_state_the_stack(tmp_path: Path) -> None:
    body = "## Checklist before generating code\n- [ ] Stack: PostgreSQL + SQLAlchemy 2.0 + asyncpg\n"
    data = extract(tmp_path, body)
    assert (data["database"], data["orm"], data["db_driver"]) == ("postgresql", "sqlalchemy", "asyncpg")
    assert extract(tmp_path, "- Redis caches sessions; handlers may read it directly.\n")["cache"] == "redis"


@pytest.mark.parametrize("line", ["- Migrations are Django's own.", "- Schema changes go through Django's migrations."])
def test_djangos_own_migrations_said_in_prose(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# Django Ninja API\n{line}\n")["migrations"] == "django"


def test_the_projects_own_choice_outweighs_a_framework_named_in_passing(tmp_path: Path) -> None:
    body = "If the user asks for Django, explain that this project uses FastAPI.\n"
    assert extract(tmp_path, body)["framework"] == "fastapi"


@pytest.mark.parametrize(
    "line", ["Like many teams, we once used Flask.", "We migrated from Flask last year.", "The app used to run Flask."]
)
def test_what_the_project_used_before_is_not_its_choice(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["framework"] is None
    assert extract(tmp_path, f"# API\n\n{line} It runs FastAPI now.\n")["framework"] == "fastapi"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("- Storage backends (CSV / SQLite / S3 など) sit behind one port.", "database"),
        ("- 저장소는 CSV / SQLite / S3 등을 지원한다.", "database"),
        ("- Auth (JWT), once introduced, goes through dependencies.", "auth"),
        ("- 인증(JWT)은 도입 시 dependencies로 통일한다.", "auth"),
        ("- The client shows a dialog on rate limit errors from the model API.", "rate_limiting"),
        ("- 前端检测限流错误后提示用户稍后再试。", "rate_limiting"),
        ("- Type check with `mypy --sqlite-cache .`", "database"),
        ('- `LLM_URL = "http://host.docker.internal:11434"` in development.', "deploy"),
        ("- Use the Linear MCP in Claude Code to file tickets.", "integrations"),
        ('- `CORS_ORIGINS = ["http://localhost:5173"]`', "port"),
        ("- Lint with `ruff check --exclude scratch ./`", "app_package"),
        ("- Uploaded files are kept in `data/uploads`.", "dirs"),
        ("- 删除 `backend/Dockerfile`，由根目录的镜像统一构建。", "layout_root"),
    ],
)
def test_examples_plans_others_limits_flags_and_data_folders_choose_nothing(
    tmp_path: Path, line: str, field: str
) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")[field] in (None, [])


def test_a_cors_origin_does_not_outvote_the_servers_port(tmp_path: Path) -> None:
    body = '- `CORS_ORIGINS = ["http://localhost:5173"]`\n- Serve with `uvicorn app.main:app --port 8000`\n'
    assert extract(tmp_path, body)["port"] == 8000


def test_the_package_a_linter_runs_on_is_still_the_package(tmp_path: Path) -> None:
    assert extract(tmp_path, "- Lint with `ruff check --exclude scratch app`\n")["app_package"] == "app"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("- Configured for Render.com cloud deployment.", "deploy", ["render"]),
        ("- Production runs as a systemd service behind nginx.", "deploy", ["systemd"]),
        ("- LLM: Azure OpenAI through the official SDK.", "integrations", ["azure-openai"]),
        ("- Models are served by vLLM behind an OpenAI-compatible API.", "integrations", ["vllm"]),
        ("- Pipelines run on Haystack; documents are parsed with Docling.", "integrations", ["haystack", "docling"]),
        ("- The API exposes an MCP server for its tools.", "integrations", ["mcp"]),
        ("- Login sets a JWT cookie (30min access, 7day refresh).", "auth", ["jwt", "refresh-token"]),
        ("- Backend: FastAPI (Python sync); no `async def` in services.", "async_db", False),
        ("- Le backend est synchrone uniquement.", "async_db", False),
    ],
)
def test_more_ways_files_state_their_stack(tmp_path: Path, line: str, field: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")[field] == value


def test_azure_openai_is_a_model_provider_not_a_deploy_target(tmp_path: Path) -> None:
    assert extract(tmp_path, "# API\n\n- LLM: Azure OpenAI through the official SDK.\n")["deploy"] == []


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ("- **Database**: PostgreSQL (prod) / SQLite (dev)\n", "database", "postgresql"),
        ("```\nDATABASE_URL=sqlite+aiosqlite:///./test.db\n```\n", "db_driver", None),
        ("- **Example**: `feat(auth): implement oauth2 login flow`\n", "auth", []),
        ("- Build: multi-stage, using `ghcr.io/astral-sh/uv:python3.12-bookworm-slim`\n", "deploy", []),
        ("- Images are pushed to ghcr.io on every tag.\n", "deploy", ["ghcr"]),
        ("- Run one file: `pytest tests/test_matching_service.py`\n", "service_layer", None),
        ("- **ORM:** Direct SQL via the Supabase client + asyncpg\n", "orm", "none"),
        ("> Only consumed by Spring Boot.\n\n## Stack\n- FastAPI + Pydantic v2\n", "framework", "fastapi"),
        ("> Solo es consumido por Spring Boot.\n\n## Stack\n- FastAPI + Pydantic v2\n", "framework", "fastapi"),
        ("- Port 8000 is taken by Paperless, so the backend runs on 8001.\n", "port", 8001),
        ("```\nAPI_PORT=8000\nREDIS_PORT=6379\n```\n", "port", 8000),
        ("This project uses FastAPI.\n\n## Your Domain\n- Redis caching\n", "cache", None),
        ("- SQLAlchemy 2.0 (if using ORM features)\n", "orm", None),
        ("- Redis (if needed) for caching\n", "cache", None),
        ("```python\nimport logging\n```\n", "logging", None),
        ("```python\nimport logging\nlogger = logging.getLogger(__name__)\n```\n", "logging", "stdlib"),
    ],
)
def test_stand_ins_examples_other_systems_and_settings(tmp_path: Path, body: str, field: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")[field] == value


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ("```\nnpm run dev    # web client, port 3000\nuvicorn app.main:app --port 8000\n```\n", "port", 8000),
        ("- Database UI: phpMyAdmin at http://localhost:8080\n- API: http://localhost:8000\n", "port", 8000),
        ("- Ports: client `:3000`, backend `:8000`\n", "port", 8000),
        ("- 端口：前端 `:80`，后端 `:8000`\n", "port", 8000),
        ("- Branches start with `feature/`, `fix/` or `chore/`.\n- Models: `app/models/`.\n", "dirs", ["models"]),
        ("- アクセスはロールベースで制御します。\n", "rbac", True),
        ("- Control de acceso basado en roles.\n", "rbac", True),
        ("- Zugriff ist rollenbasiert.\n", "rbac", True),
        ("- フォーマッタ: ruff\n", "formatter", "ruff"),
        ("- フォーマッタ: ruff\n", "linter", None),
        ("- Database: SQLite for integration testing\n", "database", None),
    ],
)
def test_other_programs_ports_branch_names_and_wordings_in_other_languages(
    tmp_path: Path, body: str, field: str, value: Any
) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")[field] == value


_SHOP_TREE = "```\nshop-api/\n├── app/\n│   ├── main.py\n│   └── models/\n├── requirements.txt\n└── .env.example\n```\n"


def test_a_tree_top_folder_is_the_repository_unless_a_path_leads_into_it(tmp_path: Path) -> None:
    alone = extract(tmp_path / "alone", f"# API\n\n{_SHOP_TREE}")
    assert (alone["layout_root"], alone["app_package"]) == (".", "app")
    named = extract(tmp_path / "named", f"# API\n\n- Read `shop-api/requirements.txt` first.\n\n{_SHOP_TREE}")
    assert (named["layout_root"], named["app_package"]) == ("shop-api", "app")


def test_a_csrf_token_in_the_session_is_no_session_auth(tmp_path: Path) -> None:
    assert extract(tmp_path, "# API\n\n- Auth: JWT.\n- CSRF tokens ride in session cookies.\n")["auth"] == ["jwt"]


def test_a_generic_layout_names_no_package(tmp_path: Path) -> None:
    tree = (
        "```\nproject/\n├── src/\n│   ├── module_name/\n│   │   ├── handlers/\n│   │   └── service.py\n"
        "│   └── main.py\n├── tests/\n└── docs/\n```\n"
    )
    data = extract(tmp_path, f"# API\n\n{tree}")
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("src", None, [])


def test_an_install_command_names_packages_not_folders(tmp_path: Path) -> None:
    body = "```bash\npip install black isort\nblack src tests\n```\n\n- Code: `src/main.py`\n"
    assert extract(tmp_path, f"# API\n\n{body}")["app_package"] != "isort"
    assert extract(tmp_path / "two", "# API\n\n```bash\npip install black isort\n```\n")["app_package"] is None


_PLANNED_TREE = "```\napp/\n├── main.py\n├── services/   # business logic\n└── models/\n```\n"


def test_a_layout_introduced_as_not_built_yet_states_nothing(tmp_path: Path) -> None:
    planned = extract(tmp_path / "planned", f"# API\n\nTarget structure (to be implemented):\n\n{_PLANNED_TREE}")
    assert (planned["app_package"], planned["dirs"], planned["service_layer"]) == (None, [], None)
    built = extract(tmp_path / "built", f"# API\n\nThe package:\n\n{_PLANNED_TREE}")
    assert (built["app_package"], built["dirs"], built["service_layer"]) == ("app", ["services", "models"], True)


def test_a_lint_rule_of_a_browser_framework_is_no_folder(tmp_path: Path) -> None:
    body = "- In store modules, use `SvelteMap` to satisfy `svelte/prefer-svelte-reactivity`.\n"
    assert extract(tmp_path, f"# API\n\n{body}")["dirs"] == []


@pytest.mark.parametrize(
    "line",
    [
        "- Image: `timescale/timescaledb:latest-pg16`",
        "- Time zone: `Asia/Seoul`",
        "- Dates are shown in `Europe/Berlin` time.",
    ],
)
def test_an_image_and_a_time_zone_are_no_folders(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# API\n\n- Settings: `config/settings.py`\n{line}\n")["dirs"] == ["config"]


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ("- Python 3.11+.\n- The system Python 3.8 won't work here.\n", "python_version", "3.11"),
        ("- Python 3.11+.\n- Системный Python 3.8 не подходит.\n", "python_version", "3.11"),
        ("- No logic in route handlers — routes call service functions only.\n", "service_layer", True),
    ],
)
def test_a_refused_version_and_a_clause_after_a_dash(tmp_path: Path, body: str, field: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")[field] == value


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("- Keep views thin: no business logic here; delegate to `orders/services/`.\n", True),
        ("- Routers are thin controllers delegating to use cases.\n", True),
        ("- Business logic lives in the application's use cases.\n", True),
        ("- ビジネスロジックはサービス層に置く。\n", True),
        ("- 실제 처리는 `services` 모듈로 위임합니다.\n", True),
        ("- La lógica va en la capa de servicios.\n", True),
        ("- A lógica de negócio fica na camada de serviços.\n", True),
        ("- Бизнес-логика живёт в сервисном слое.\n", True),
        # one service, or delegating anything else, names no layer
        ("- Login is delegated to the identity provider's auth service.\n", None),
        ("- Delegate retries to the HTTP client.\n", None),
    ],
)
def test_a_services_layer_stated_in_other_words(tmp_path: Path, body: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")["service_layer"] is value


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("- All external HTTP calls go through one client with retry + exponential backoff + rate limiting.\n", None),
        ("- Outgoing requests to partners are rate limited.\n", None),
        ("- Rate limiting on the login route (slowapi).\n", True),
    ],
)
def test_a_clients_rate_limit_towards_others_is_not_the_apis(tmp_path: Path, body: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")["rate_limiting"] is value


def test_a_folder_holding_a_layer_module_and_a_layer_folder_is_the_package(tmp_path: Path) -> None:
    body = (
        "- Define models in `shop_app/models.py`\n"
        "- Register routes in `shop_app/routes/__init__.py`\n"
        "- Helpers live in `shop_app/utils/`\n"
    )
    data = extract(tmp_path, f"# API\n\n{body}")
    assert (data["app_package"], data["dirs"]) == ("shop_app", ["routes", "utils"])


def test_a_trees_top_folder_over_the_backend_is_the_repository(tmp_path: Path) -> None:
    tree = (
        "```\nshopfront/\n├── backend/\n│   ├── orders/\n│   │   ├── api/\n"
        "│   │   └── models/\n│   └── migrations/\n```\n"
    )
    data = extract(tmp_path, f"# Layout\n\n{tree}")
    assert data["layout_root"] == "backend"


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        # a version's dots after the ORM's name end no clause
        ("- **Backend:** Python 3.12, FastAPI, SQLAlchemy 2.x (async), Alembic\n", "async_db", True),
        ("- Documents are stored through the Motor async driver.\n", "async_db", True),
        ("- SQLAlchemy 2.0 (async or sync, one style for the whole project)\n", "async_db", None),
        ("- Coverage requirement: 80%\n", "coverage_min", 80),
        ("- Minimum coverage target: **85%** per module.\n", "coverage_min", 85),
        ("- Run `pytest --cov` to see the coverage report.\n", "coverage_min", None),
    ],
)
def test_an_orm_with_its_version_and_a_coverage_requirement(tmp_path: Path, body: str, field: str, value: Any) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")[field] == value


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        ("- Check user permissions (admin, superadmin) before privileged operations\n", ["admin", "superadmin"]),
        ("- Rank-based authorization: Member(1), Moderator(5), Admin(10)\n", ["Member", "Moderator", "Admin"]),
        # lists that are no roles: rights themselves, or the means of authorization
        ("- File permissions (read, write) are checked on upload\n", []),
        ("- Authorization: JWT bearer tokens or OAuth2 scopes\n", []),
    ],
)
def test_usual_role_names_listed_after_the_words_that_grant_rights(tmp_path: Path, body: str, roles: list[str]) -> None:
    found = extract(tmp_path, f"# API\n\n{body}")
    assert (found["roles"], found["rbac"]) == (roles, True if roles else None)


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("- Schema changes are Supabase migrations: `supabase migration new <name>`.\n", "supabase"),
        ("- Migrations live under `db/supabase/migrations/`.\n", "supabase"),
        # a change made by hand in Supabase's editor is no migration tool
        ("- Schema changes: via Supabase SQL Editor or documented in `backend/migrations/NOTES.md`\n", None),
    ],
)
def test_supabase_migrations_are_its_own_not_any_migration_near_its_name(
    tmp_path: Path, body: str, value: str | None
) -> None:
    assert extract(tmp_path, f"# API\n\n{body}")["migrations"] == value


def test_a_sentence_or_code_block_that_illustrates_chooses_nothing(tmp_path: Path) -> None:
    body = (
        "You may be asked about many stacks. Examples of things you\nshould be comfortable with:\n\n"
        '```python\n@router.get("/api/v2/users/{user_id}")\n```\n\n```bash\nuvicorn main:app --port 9000\n```\n\n'
        'For instance, a role check might look like `require_role("admin", "editor")`.\n'
    )
    data = extract(tmp_path, f"# API\n\n{body}")
    assert (data["api_prefix"], data["port"], data["roles"], data["rbac"]) == (None, None, [], None)
    # the same code and sentence, said of this project, still state its choices
    body = (
        "Routes and the server command:\n\n"
        '```python\n@router.get("/api/v2/users/{user_id}")\n```\n\n```bash\nuvicorn main:app --port 9000\n```\n\n'
        'Role checks use `require_role("admin", "editor")`.\n'
    )
    data = extract(tmp_path, f"# API\n\n{body}")
    assert (data["api_prefix"], data["port"], data["roles"]) == ("/api/v2", 9000, ["admin", "editor"])


@pytest.mark.parametrize(
    "line",
    [
        "Alternatives considered for auth: Auth0, Clerk, Supabase Auth.",
        "Common deployment targets include Fly.io, Render and Railway.",
        "Compared with Auth0 and Clerk, hosted sign-in trades control for speed; Fly.io and Railway alike.",
    ],
)
def test_alternatives_comparisons_and_common_options_choose_nothing(tmp_path: Path, line: str) -> None:
    data = extract(tmp_path, f"# API\n\n{line}\n")
    assert (data["auth"], data["deploy"]) == ([], [])


def test_what_a_persona_says_it_knows_is_weak_and_gives_way_to_the_project(tmp_path: Path) -> None:
    persona = (
        "You are an expert Python backend developer.\n\n"
        "You are proficient with the repository pattern, static typing with mypy\n"
        "and pyright, and deploying to Azure. You know how to protect APIs with role checks.\n"
    )
    found = extract(tmp_path, persona)
    assert (found["repository_pattern"], found["deploy"]) == (True, ["azure"])
    assert {found["confidence"][name] for name in ("repository_pattern", "deploy")} == {"weak"}
    own = extract(tmp_path, persona + "\nThis project deploys to Fly.io with Docker.\n")
    assert (own["repository_pattern"], sorted(own["deploy"])) == (None, ["docker", "fly"])


@pytest.mark.parametrize(
    ("line", "broker"),
    [
        ("Background jobs run on Celery, the broker is RabbitMQ, Redis serves as cache.", "rabbitmq"),
        ("Hintergrundaufgaben laufen mit Celery, Broker ist RabbitMQ, Redis dient als Cache.", "rabbitmq"),
        ("Celery broker: Redis.", "redis"),
        ("Redis as the Celery broker and cache.", "redis"),
    ],
)
def test_the_broker_is_the_one_named_as_broker_not_the_cache_beside_it(tmp_path: Path, line: str, broker: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["broker"] == broker


def test_a_split_settings_package_is_django_s_project_package_not_the_app(tmp_path: Path) -> None:
    body = "- `config/settings/base.py`, `config/asgi.py`\n- Apps in `apps/accounts/`\n"
    data = extract(tmp_path, f"# Backend\n\n{body}")
    assert (data["app_package"], data["dirs"]) == (None, ["config", "apps/accounts"])


def test_settings_and_migrations_folders_are_not_module_folders_of_their_own(tmp_path: Path) -> None:
    body = "- `app/main.py`\n- `app/db/migrations/` holds Alembic's revisions\n- `app/core/settings/base.py`\n"
    assert extract(tmp_path, f"# Backend\n\n{body}")["dirs"] == ["db", "core"]


@pytest.mark.parametrize(
    ("line", "auth"),
    [
        ("- **Never** hardcode SECRET_KEY, passwords, tokens, API keys. Use .env.", []),
        ("- **Nunca** hardcodar `SECRET_KEY`, senhas, tokens, chaves de API.", []),
        ("- Use environment variables for sensitive configuration (secrets, API keys).", []),
        ("- Service-to-service auth uses API keys in the X-API-Key header; never hardcode them.", ["api-key"]),
    ],
)
def test_api_keys_kept_out_of_the_code_are_credentials(tmp_path: Path, line: str, auth: list[str]) -> None:
    assert extract(tmp_path, f"# API\n\n## Security\n{line}\n")["auth"] == auth


@pytest.mark.parametrize(
    ("line", "integrations"),
    [
        ("1. **MCP Context7**: docs of the libraries in use (install it if missing).", []),
        ("- Check pages with the Playwright MCP or headless, and take a screenshot.", []),
        ("- The app exposes its book search as an MCP server (stdio).", ["mcp"]),
    ],
)
def test_the_assistant_s_own_mcp_servers_are_no_integration(tmp_path: Path, line: str, integrations: list[str]) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["integrations"] == integrations


@pytest.mark.parametrize(
    ("line", "dirs"),
    [
        ("Organize code into routers, models, schemas, and core utilities.", ["routers", "models", "schemas", "core"]),
        ("The backend is structured in services, repositories and db.", ["services", "repositories", "db"]),
        # one layer word is no list of folders
        ("Split the app into small modules and services.", []),
    ],
)
def test_layer_folders_listed_in_prose(tmp_path: Path, line: str, dirs: list[str]) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["dirs"] == dirs


@pytest.mark.parametrize(
    "line",
    [
        "- SQLAlchemy 2.0, PostgreSQL (Supabase) / SQLite en dev.",
        "- Base de données : PostgreSQL ; SQLite en développement.",
        "- Banco: PostgreSQL; SQLite em desenvolvimento.",
        "- Datenbank: PostgreSQL, SQLite in der Entwicklung.",
    ],
)
def test_a_development_database_said_in_other_languages_gives_way(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["database"] == "postgresql"


def test_the_port_of_a_service_the_app_calls_is_not_its_own(tmp_path: Path) -> None:
    body = (
        "This service is a FastAPI app. It calls a local model server on port 11434 and\n"
        "an embeddings service at http://localhost:8081.\n"
    )
    assert extract(tmp_path, f"# API\n\n{body}")["port"] is None
    assert extract(tmp_path, "# API\n\nThe backend runs at http://localhost:8000.\n")["port"] == 8000


@pytest.mark.parametrize(
    ("line", "auth"),
    [
        ("- **Auth:** JWT via Supabase", ["jwt", "supabase"]),
        ("Access tokens are issued by Supabase; the API verifies them.", ["supabase"]),
        ("Rows live in Supabase Postgres; auth with JWT.", ["jwt"]),
        ("Files come from Supabase storage.", []),
    ],
)
def test_a_sign_in_said_to_come_from_supabase_is_supabase_auth(tmp_path: Path, line: str, auth: list[str]) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["auth"] == auth


@pytest.mark.parametrize(
    "line",
    [
        'The picker closes on Escape, has `role="dialog"` and focus.',
        "Modals get role='alertdialog', tabs role=\"tab\" and list rows.",
    ],
)
def test_an_aria_role_attribute_names_no_user_role(tmp_path: Path, line: str) -> None:
    data = extract(tmp_path, f"# UI\n\n{line}\n\nRoles: admin, editor.\n")
    assert data["roles"] == ["admin", "editor"]


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("- Rollen: Administrator und Benutzer.", ["Administrator", "Benutzer"]),
        ("- Rôles : admin et éditeur.", ["admin", "éditeur"]),
        ("- Papéis: admin e editor.", ["admin", "editor"]),
        ("- Роли: admin и editor.", ["admin", "editor"]),
        ("- 角色：管理员、普通用户。", ["管理员", "普通用户"]),
        ("- ロール: admin と editor。", ["admin", "editor"]),
        ("- 역할: admin, editor.", ["admin", "editor"]),
    ],
)
def test_roles_listed_in_other_languages(tmp_path: Path, line: str, roles: list[str]) -> None:
    data = extract(tmp_path, f"# API\n\n{line}\n")
    assert (data["roles"], data["rbac"]) == (roles, True)


@pytest.mark.parametrize(
    "line",
    [
        "- Couverture de tests minimale : 80 %.",
        "- 测试覆盖率不低于 80%。",
        "- Покрытие тестами не ниже 80%.",
        "- Cobertura de testes ≥ 80%.",
    ],
)
def test_a_coverage_floor_said_in_other_languages(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["coverage_min"] == 80


@pytest.mark.parametrize(
    ("line", "port"),
    [
        ("- 服务运行在 8080 端口。", 8080),
        ("- APIは8000番ポートで起動します。", 8000),
        ("- 백엔드는 8000번 포트에서 실행됩니다.", 8000),
        # a port named without the server running on it
        ("- セキュリティ上の理由により8001ポートは外部公開不可", None),
    ],
)
def test_a_port_before_its_word_as_chinese_japanese_and_korean_put_it(
    tmp_path: Path, line: str, port: int | None
) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["port"] == port


def test_an_app_package_inside_src_is_the_package_src_holds_it(tmp_path: Path) -> None:
    body = "```python\nfrom src.app.main import app\n```\n\n- `src/app/main.py`: the entry point\n"
    body += "- `src/app/services/`\n"
    data = extract(tmp_path, f"# API\n\n{body}")
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("src", "app", ["services"])
    body = "```bash\nuvicorn src.main:app\n```\n\n- `src/core/config.py`\n"  # src itself imported: the package
    assert extract(tmp_path, f"# API\n\n{body}")["app_package"] == "src"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("- **缓存策略**: Redis缓存热点数据", "cache", "redis"),
        ("- 使用FastAPI框架和PostgreSQL数据库", "database", "postgresql"),
        ("- 不使用Celery。", "task_queue", False),
        # what is only considered is no choice, glued to its name or not
        ("- **キャッシュ**: 必要に応じてRedis導入検討", "cache", None),
        ("- 缓存：考虑引入Redis。", "cache", None),
    ],
)
def test_a_name_glued_to_chinese_japanese_or_korean_text_is_read(
    tmp_path: Path, line: str, field: str, value: object
) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")[field] == value


@pytest.mark.parametrize(
    ("line", "deploy"),
    [
        ("- Deploy to Google Cloud Run.", ["cloud-run"]),
        ("- `Dockerfile` # Cloud Run用", ["docker", "cloud-run"]),
        ("- Hosted on GCP.", ["gcp"]),
    ],
)
def test_cloud_run_is_named_as_itself(tmp_path: Path, line: str, deploy: list[str]) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["deploy"] == deploy


def test_options_and_examples_do_not_add_up_to_a_choice(tmp_path: Path) -> None:
    body = "- **Celery** (optional) - background tasks.\n- Move slow work to the background (e.g., using Celery).\n"
    data = extract(tmp_path, f"# API\n\n{body}")
    assert data["task_queue"] is None
    assert any(w["field"] == "task_queue" and "only as options" in w["message"] for w in data["warnings"])
    stated = extract(tmp_path, f"# API\n\n{body}- Background jobs run on Celery workers.\n")
    assert stated["task_queue"] == "celery"


def test_a_tree_under_src_holding_a_backend_folder_is_rooted_in_it(tmp_path: Path) -> None:
    tree = "```\nsrc/backend/\n├── app/\n│   ├── main.py\n│   ├── routers/\n│   └── services/\n└── tests/\n```\n"
    data = extract(tmp_path, f"# API\n\n{tree}")
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("src/backend", "app", ["routers", "services"])


@pytest.mark.parametrize(
    "block",
    [
        "```python\nCACHES = {\n    'default': {\n        'BACKEND': 'django_redis.cache.RedisCache',\n    }\n}\n```\n",
        "```python\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n```\n",
        "```python\napp.config['CACHE_TYPE'] = 'RedisCache'\n```\n",
    ],
)
def test_a_cache_backend_set_to_redis_in_settings(tmp_path: Path, block: str) -> None:
    assert extract(tmp_path, f"# API\n\n{block}")["cache"] == "redis"


def test_copilot_globs_inside_the_package_give_its_root_and_folders(tmp_path: Path) -> None:
    meta = {"applyTo": "app/main.py,app/api/**/*.py,app/schemas/**/*.py"}
    data = extract(tmp_path, "# API rules\n\n- Keep handlers thin.\n", meta=meta)
    assert (data["layout_root"], data["app_package"], data["dirs"]) == (".", "app", ["api", "schemas"])


def test_src_split_into_architecture_layers_is_one_package(tmp_path: Path) -> None:
    tree = "```\nsrc/\n├── application/\n├── domain/\n│   └── models/\n├── infrastructure/\n└── interface/\n```\n"
    data = extract(tmp_path, f"# API\n\n{tree}")
    assert (data["layout_root"], data["app_package"]) == (".", "src")
    assert data["dirs"] == ["application", "domain/models", "infrastructure", "interface"]
    # packages of their own side by side in src/ (not layers): src holds them
    tree = "```\nbackend/src/\n├── core/\n└── entrypoints/\n```\n"
    assert extract(tmp_path, f"# API\n\n{tree}")["app_package"] is None


@pytest.mark.parametrize("line", ["- Scheduled jobs run with APScheduler.", "- 定时任务使用 APScheduler。"])
def test_apscheduler_runs_the_app_s_jobs(tmp_path: Path, line: str) -> None:
    assert extract(tmp_path, f"# API\n\n{line}\n")["task_queue"] == "apscheduler"


def test_how_the_app_signs_in_to_another_service_is_not_its_own_auth_or_cloud(tmp_path: Path) -> None:
    line = "- MQTT publishing uses paho-mqtt v5 with OAuth2 JWT credentials to Azure Event Grid.\n"
    data = extract(tmp_path, f"# API\n\n{line}")
    assert (data["auth"], data["deploy"]) == ([], [])
    data = extract(tmp_path, "# API\n\n- Users sign in with OAuth2 and get a JWT.\n- Deployed on Azure.\n")
    assert (sorted(data["auth"]), data["deploy"]) == (["jwt", "oauth2"], ["azure"])


def test_a_layer_for_when_the_code_grows_is_not_the_layout_now(tmp_path: Path) -> None:
    line = "- Keep endpoint handlers small: move business logic into separate service modules if it grows.\n"
    assert extract(tmp_path, f"# API\n\n{line}")["service_layer"] is None


def test_a_browser_client_s_dev_server_port_is_not_the_api_s(tmp_path: Path) -> None:
    body = "- Open `http://localhost:5173`; the API docs are at `http://localhost:8000/docs`.\n"
    body += "- The app loads from `http://localhost:5173` with the backend at `http://localhost:8000`.\n"
    assert extract(tmp_path, f"# API\n\n{body}")["port"] == 8000


def test_paths_written_from_the_backend_folder_a_line_named_keep_its_root(tmp_path: Path) -> None:
    body = "Backend i `backend/app/`.\n\n- `app/main.py` - FastAPI-app\n- `app/models/` - ORM\n- `app/services/`\n"
    data = extract(tmp_path, f"# API\n\n{body}")
    assert (data["layout_root"], data["app_package"], data["dirs"]) == ("backend", "app", ["models", "services"])


def test_a_django_app_s_migrations_folder_is_django_s_own_migrations(tmp_path: Path) -> None:
    tree = "Django 5 project.\n\n```\nrecipes/\n├── models.py\n└── migrations/\n```\n"
    data = extract(tmp_path, f"# API\n\n{tree}")
    assert (data["migrations"], data["confidence"]["migrations"]) == ("django", "inferred")
    flask = "Flask project.\n\n```\nrecipes/\n├── models.py\n└── migrations/\n```\n"
    assert extract(tmp_path, f"# API\n\n{flask}")["migrations"] is None


def test_one_django_app_named_alone_is_not_the_app_package(tmp_path: Path) -> None:
    line = "- Tests: `pytest --cov=shop`.\n"
    assert extract(tmp_path, f"# Django 5 backend\n\n{line}")["app_package"] is None
    assert extract(tmp_path, f"# FastAPI backend\n\n{line}")["app_package"] == "shop"
    nested = "- Services in `shop/services/orders.py`, models in `shop/models/order.py`.\n"
    assert extract(tmp_path, f"# Django 5 backend\n\n{nested}")["app_package"] == "shop"
