"""The supported combinations of template answers: the one list the tests render.

Every value of every answer appears at least once, the three axes that select template code
(ORM, async or sync, layering) appear in all twelve combinations, and ``PAIRWISE`` names six of
them that cover every pair of those axes' values: the slow tests run those projects' own checks.
"""

from __future__ import annotations

from typing import Any

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
        "task_queue": "celery",
        "celery_beat": True,
        "task_monitor": "flower",
        "tasks_dir": "workers",
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
    },
    "sqlalchemy-sync-repository": {
        "async_db": False,
        "repository_pattern": True,
        "layout_root": "src",
        "app_package": "service",
        "coverage_min": 80,
        "venv_dir": "venv",
        "port": 8009,
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
    },
    "sqlmodel-sync-service": {
        "orm": "sqlmodel",
        "async_db": False,
        "schemas_dir": "schemas",
        "deps_module": "dependencies",
        "type_checker": "pyright",
        "venv_dir": "venv",
        "rate_limit": True,
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
    },
}
"""Name -> the answers that differ from the defaults (project_name is added by the tests)."""

PAIRWISE = (
    "sqlalchemy-async-repository-nested",
    "sqlalchemy-sync-crud",
    "sqlalchemy-sync-service",
    "sqlmodel-async-crud",
    "sqlmodel-async-service",
    "sqlmodel-sync-repository",
)
"""Combinations covering every pair of values of ORM, async or sync, and layering."""

AUTH_ALONE: dict[str, dict[str, Any]] = {
    "auth-jwt": {"auth": ["jwt"]},
    "auth-refresh-token": {"auth": ["jwt", "refresh-token"], "async_db": False},
    "auth-magic-link": {"auth": ["jwt", "magic-link"], "orm": "sqlmodel"},
    "auth-api-key": {"auth": ["jwt", "api-key"], "type_checker": "pyright", "async_db": False},
    "auth-clerk": {"auth": ["clerk"], "orm": "sqlmodel", "async_db": False},
    "auth-supabase": {"auth": ["supabase"], "type_checker": "basedpyright"},
    "auth-auth0": {"auth": ["auth0"], "roles": ["admin", "member"]},
}
"""Each auth value on its own (with the identity it needs): the slow tests lint and type-check each."""
