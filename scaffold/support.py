"""What the template renders of the conventions an agent states, and what it names differently.

``RENDERS`` classifies every field of ``Conventions``: carried by an answer, rendered when the value
is one the template already follows, or not rendered yet. ``plan_answers`` lists whatever the agent
states and the project will not have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from scaffold.answers import Answers
from scaffold.models import Conventions, Evidence
from scaffold.text import show

SIMPLE_FIELDS = (
    "api_prefix", "orm", "async_db", "service_layer", "repository_pattern", "type_checker", "formatter",
    "coverage_min", "python_version", "package_manager", "venv_dir", "port", "logging",
)  # fmt: skip
"""Conventions that are answers of the same name and value."""

ANSWERED_AS = {"rate_limiting": ("rate_limit", (True, False)), "cache": ("cache", ("redis",))}
"""Conventions that set an answer of another name, or only for the values the answer has."""

FIXED_MODULES = {"core/config": ("config", "settings"), "core/errors": ("errors", "exceptions")}
"""Modules the template always writes, and the names agents give the same module."""

Renders = Callable[[str, Any, Answers], bool]
"""Whether the project rendered with these answers has the stated value of a convention."""


def _answered(name: str, value: Any, answers: Answers) -> bool:
    """An answer of the same name carries it: rendered unless ``--set`` chose another value."""
    return bool(getattr(answers, name) == value)


def _always(name: str, value: Any, answers: Answers) -> bool:
    """Carried another way (the file's identity; folders become answers or empty packages)."""
    return True


def _not_yet(name: str, value: Any, answers: Answers) -> bool:
    """The template has no code for it: rendered only where the agent states it is absent."""
    return value is False or value == []


def _answered_as(answer: str) -> Renders:
    """An answer of another name carries it: rendered when the answer has the stated value."""

    def renders(name: str, value: Any, answers: Answers) -> bool:
        return bool(getattr(answers, answer) == value)

    return renders


def _one_of(*rendered: Any) -> Renders:
    def renders(name: str, value: Any, answers: Answers) -> bool:
        return value in rendered

    return renders


def _db_driver(name: str, value: Any, answers: Answers) -> bool:
    return value in (("asyncpg", "aiosqlite") if answers.async_db else ("psycopg",))


def _same_as_async(name: str, value: Any, answers: Answers) -> bool:
    return value is answers.async_db


AUTH_ALIASES = {"oauth2": "jwt"}
"""Auth values the template renders under another name (the OAuth2 password flow is jwt)."""


def _auth(name: str, value: Any, answers: Answers) -> bool:
    return all(AUTH_ALIASES.get(v, v) in (answers.auth or ()) for v in value)


def _rbac(name: str, value: Any, answers: Answers) -> bool:
    return value is False or bool(answers.roles)


def _each_in(answer: str) -> Renders:
    """A list answer carries it: rendered when the answer holds every stated item."""

    def renders(name: str, value: Any, answers: Answers) -> bool:
        return all(v in getattr(answers, answer) for v in value)

    return renders


IN_FRAMEWORK_QUEUES = ("background-tasks",)
"""Queues the web framework itself provides (FastAPI's BackgroundTasks): every project has them."""


def _task_queue(name: str, value: Any, answers: Answers) -> bool:
    return value in IN_FRAMEWORK_QUEUES or answers.task_queue == (value or "")


def _broker(name: str, value: Any, answers: Answers) -> bool:
    queue = answers.task_queue
    return (queue == "celery" and answers.broker == value) or (queue == "arq" and value == "redis")


RENDERS: dict[str, Renders] = {
    "name": _always,
    "format": _always,
    "dirs": _always,
    "layout_root": _answered,
    "app_package": _answered,
    **dict.fromkeys(SIMPLE_FIELDS, _answered),
    "framework": _one_of("fastapi"),
    "database": _one_of("postgresql", "sqlite"),
    "db_driver": _db_driver,
    "migrations": _one_of("alembic"),
    "linter": _one_of("ruff"),
    "test_runner": _one_of("pytest"),
    "pytest_asyncio": _same_as_async,
    **{name: _answered_as(answer) for name, (answer, _) in ANSWERED_AS.items()},
    "task_queue": _task_queue,
    "broker": _broker,
    "celery_beat": _answered,
    "task_monitor": _answered,
    "auth": _auth,
    "rbac": _rbac,
    "roles": _each_in("roles"),
    # Deploy targets the template has no files for (fly, vercel) are listed as not rendered.
    "deploy": _each_in("deploy"),
    "integrations": _each_in("integrations"),
}
"""Every field of ``Conventions`` and whether the rendered project has its stated value."""


def not_rendered(conventions: Conventions, answers: Answers) -> tuple[str, ...]:
    """Each stated convention the project rendered with ``answers`` will not have, as ``field=value``."""
    found = []
    for item in dataclasses.fields(Conventions):
        value = getattr(conventions, item.name)
        if value is None or value == []:
            continue
        renders = RENDERS.get(item.name, _not_yet)
        if isinstance(value, list):
            # Name only the items the project lacks (auth=refresh-token, not the jwt it has).
            value = [v for v in value if not renders(item.name, [v], answers)]
            if not value:
                continue
        elif renders(item.name, value, answers):
            continue
        found.append(f"{item.name}={show(value)}")
    return tuple(found)


def renamed(modules: Mapping[str, Evidence]) -> tuple[str, ...]:
    """Each module the agent names by a name the template writes elsewhere, and where it is instead."""
    found = []
    for written, names in FIXED_MODULES.items():
        for module, evidence in modules.items():
            if module.rpartition("/")[2] in names and module != written:
                found.append(f"{module}.py (line {evidence.line}) is {written}.py")
    return tuple(found)


def worker_folder(answers: Answers) -> tuple[str, ...]:
    """Where the worker command runs when the code sits in a folder below the repository root.

    The project's modules import each other from the project folder (``core.config``), as
    uvicorn serves them; a command run from the root (``celery -A apps.backend.celery_app``)
    would import the worker's module but not the modules it imports.
    """
    if not answers.task_queue or answers.layout_root == ".":
        return ()
    module = ((f"{answers.app_package}/" if answers.app_package else "") + str(answers.worker_module)).replace("/", ".")
    command = f"celery -A {module} worker" if answers.task_queue == "celery" else f"arq {module}.WorkerSettings"
    return (f"{command} runs from {answers.layout_root}, as uvicorn does (the modules import each other from there)",)


def database_address(conventions: Conventions, evidence: Mapping[str, list[Evidence]]) -> tuple[str, ...]:
    """Where the PostgreSQL the agent states is set: ``DATABASE_URL``, which ``.env`` starts on SQLite.

    The project runs on PostgreSQL wherever ``DATABASE_URL`` names one; its first ``.env`` points at
    a SQLite file so that its README's first commands need no database server.
    """
    if conventions.database != "postgresql":
        return ()
    lines = evidence.get("database") or []
    where = f" (line {lines[0].line})" if lines else ""
    return (f"postgresql{where} is DATABASE_URL in .env, which starts on a SQLite file (no server needed to begin)",)
