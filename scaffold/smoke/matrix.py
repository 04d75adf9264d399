"""The supported combinations of template answers: what ``scaffold smoke --matrix`` renders and the tests use.

Every value of every closed answer appears at least once (``coverage`` says so for a report, a
test asserts it), the three axes that select template code (ORM, async or sync, layering) appear
in all twelve combinations, and ``PAIRWISE`` names three of them that, with the bundled agents,
cover every pair of those axes' values. ``INVALID`` lists combinations of answers, each fine
alone, that the template refuses together, with the answer it names.
"""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict

from scaffold.answers import Answers

COMBINATIONS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "sqlalchemy-async-repository-nested": {
        "auth": ["jwt", "refresh-token", "magic-link"],
        "roles": ["MLGOO_DILG", "VALIDATOR", "ASSESSOR", "BLGU_USER"],
        "repository_pattern": True,
        "layout_root": "backend",
        "routes_dir": "api/v1/endpoints",
        "models_dir": "db/models",
        "db_module": "db/session",
        "schemas_dir": "schemas/split",
        "type_checker": "basedpyright",
        "python_version": "3.13",
        "rate_limit": True,
        "cache": "redis",
        "logging": "structlog",
        "task_queue": "celery",
        "celery_beat": True,
        "task_monitor": "flower",
        "tasks_dir": "workers",
        "deploy": ["docker", "render", "kubernetes"],
    },
    "sqlalchemy-async-crud-flat": {
        "auth": ["clerk", "api-key"],
        "roles": ["student", "educator", "parent", "admin"],
        "service_layer": False,
        "layout_root": "apps/backend",
        "app_package": "",
        "routes_dir": "api",
        "schemas_dir": "schemas",
        "db_module": "database",
        "deps_module": "dependencies",
        "migrations_dir": "alembic",
        "api_prefix": "",
        "rate_limit": True,
        "cache": "redis",
        "deploy": ["render"],
    },
    "sqlalchemy-sync-service": {
        "auth": ["auth0", "api-key"],
        "async_db": False,
        "routes_dir": "routers",
        "models_dir": "models",
        "type_checker": "pyright",
        "formatter": "black",
        "python_version": "3.11",
        "task_queue": "celery",
        "broker": "rabbitmq",
        "worker_module": "celery_app",
        "deploy": ["docker"],
    },
    "sqlalchemy-sync-repository": {
        "async_db": False,
        "repository_pattern": True,
        "layout_root": "src",
        "app_package": "service",
        "coverage_min": 80,
        "venv_dir": "venv",
        "port": 8009,
        "package_manager": "poetry",
        "deploy": ["docker"],
    },
    "sqlalchemy-sync-crud": {
        "auth": ["jwt", "refresh-token", "magic-link"],
        "public_reads": True,
        "async_db": False,
        "service_layer": False,
        "db_module": "core/database",
        "deps_module": "core/deps",
        "schemas_dir": "schemas/split",
        "routes_dir": "routes",
        "rate_limit": True,
        "cache": "redis",
        "logging": "structlog",
        "task_queue": "celery",
        "broker": "rabbitmq",
    },
    "sqlmodel-async-service": {
        "auth": ["supabase"],
        "orm": "sqlmodel",
        "layout_root": "backend",
        "models_dir": "models",
        "schemas_dir": "schemas/split",
        "routes_dir": "api/v1/endpoints",
        "db_module": "database",
        "python_version": "3.13",
        "cache": "redis",
        "integrations": ["supabase", "openai", "stripe", "vercel-blob", "langchain"],
        "deploy": ["docker", "kubernetes"],
        "task_queue": "arq",
        "tasks_dir": "jobs",
    },
    "sqlmodel-async-repository": {
        "orm": "sqlmodel",
        "repository_pattern": True,
        "layout_root": "backend",
        "app_package": "",
        "routes_dir": "api",
        "db_module": "db/session",
        "type_checker": "basedpyright",
        "coverage_min": 80,
    },
    "sqlmodel-async-crud": {
        "auth": ["jwt", "magic-link"],
        "roles": ["admin", "user"],
        "orm": "sqlmodel",
        "service_layer": False,
        "models_dir": "db/models",
        "db_module": "db/session",
        "formatter": "black",
        "migrations_dir": "alembic",
        "task_queue": "arq",
    },
    "sqlmodel-sync-service": {
        "orm": "sqlmodel",
        "async_db": False,
        "schemas_dir": "schemas",
        "deps_module": "dependencies",
        "type_checker": "pyright",
        "venv_dir": "venv",
        "rate_limit": True,
        "package_manager": "pip",
        "deploy": ["docker", "render", "kubernetes"],
    },
    "sqlmodel-sync-repository": {
        "auth": ["jwt", "refresh-token", "magic-link"],
        "roles": ["owner", "editor", "viewer"],
        "admin_role": "owner",
        "orm": "sqlmodel",
        "async_db": False,
        "repository_pattern": True,
        "models_dir": "models",
        "routes_dir": "routers",
        "python_version": "3.11",
        "api_prefix": "/v2",
        "coverage_min": 80,
        "logging": "loguru",
    },
    "sqlmodel-sync-crud": {
        "auth": ["jwt", "api-key"],
        "orm": "sqlmodel",
        "async_db": False,
        "service_layer": False,
        "layout_root": "apps/api",
        "app_package": "",
        "routes_dir": "routes",
        "schemas_dir": "schemas/split",
        "type_checker": "basedpyright",
        "migrations_dir": "alembic",
        "integrations": ["ffmpeg", "spacy"],  # libraries alone: no settings, no settings test
    },
}
"""Name -> the answers that differ from the defaults (project_name is the name)."""

PAIRWISE = ("sqlalchemy-sync-crud", "sqlmodel-async-crud", "sqlmodel-sync-repository")
"""Combinations that, with the bundled agents, cover every pair of values of ORM, async or sync, and
layering, and run Celery on RabbitMQ and arq: the slow tests smoke these (CI smokes the agents)."""

INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "repositories without services": ({"repository_pattern": True, "service_layer": False}, "repository_pattern"),
    "two identity providers": ({"auth": ["jwt", "clerk"]}, "auth"),
    "api keys without an identity": ({"auth": ["api-key"]}, "auth"),
    "roles without an identity": ({"roles": ["admin", "user"], "auth": []}, "auth"),
    "magic links without jwt": ({"auth": ["magic-link"]}, "auth"),
    "a default role that administers": ({"roles": ["admin", "user"], "default_role": "admin"}, "default_role"),
    "an admin role that is not a role": ({"roles": ["admin", "user"], "admin_role": "root"}, "admin_role"),
    "arq on a sync database": ({"task_queue": "arq", "async_db": False}, "task_queue"),
    "rabbitmq without celery": ({"task_queue": "arq", "broker": "rabbitmq"}, "broker"),
    "flower without celery": ({"task_queue": "arq", "task_monitor": "flower"}, "task_monitor"),
    "beat without celery": ({"celery_beat": True}, "celery_beat"),
    "a route folder named like the crud layer": ({"routes_dir": "crud", "service_layer": False}, "service_layer"),
    "a venv folder over the migrations": ({"migrations_dir": "alembic", "venv_dir": "alembic"}, "venv_dir"),
}
"""What each invalid combination is called -> (its answers, the answer the template names in refusing it)."""


class Coverage(BaseModel):
    """Which values of one closed answer the combinations use."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: tuple[str, ...]
    missing: tuple[str, ...]


def coverage(combinations: dict[str, dict[str, Any]] | None = None) -> dict[str, Coverage]:
    """The values of every answer with a closed set of them (choices, yes/no, multiple choice).

    Each with those no combination uses.
    """
    full = [Answers(project_name="svc", **answers) for answers in (combinations or COMBINATIONS).values()]
    found: dict[str, Coverage] = {}
    for name, field in Answers.model_fields.items():
        values = _closed_values(field.annotation)
        if not values:
            continue
        used = {_shown(v) for answers in full for v in _as_values(getattr(answers, name))}
        shown = tuple(_shown(v) for v in values)
        found[name] = Coverage(values=shown, missing=tuple(v for v in shown if v not in used))
    return found


def _closed_values(annotation: Any) -> tuple[object, ...]:
    """The values an annotation allows when they are few and named: a Literal, a bool, a tuple of a Literal."""
    if annotation is bool:
        return (True, False)
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for inner in (annotation, *get_args(annotation)):  # tuple[Literal, ...], or that or None
        if get_origin(inner) is tuple and get_origin(get_args(inner)[0]) is Literal:
            return get_args(get_args(inner)[0])
    return ()


def _as_values(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple) else (value,)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "(none)"
