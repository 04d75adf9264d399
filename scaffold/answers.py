"""From extracted conventions to the template's answers: each value with where it came from.

``Answers`` is the contract with ``templates/fastapi-service/copier.yml``: the same names, the
same closed choices (``tests/test_answers.py`` compares them). ``plan_answers`` takes each value
from the agent where it states one, else from ``--set``, else from the documented default, and
refuses a stated value the template cannot honour instead of quietly replacing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scaffold.errors import InvalidValueError
from scaffold.models import Evidence, Inspection
from scaffold.text import show

Orm = Literal["sqlalchemy", "sqlmodel"]
TypeChecker = Literal["mypy", "basedpyright", "pyright"]
PythonVersion = Literal["3.11", "3.12", "3.13"]
PackageManager = Literal["uv"]
_PATH_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
ROUTE_DIRS = (
    "api/v1/endpoints",
    "api/v2/endpoints",
    "api/endpoints",
    "api/routes",
    "api/routers",
    "routers",
    "routes",
    "api",
)


class Answers(BaseModel):
    """The answers ``templates/fastapi-service`` asks for, validated as Copier's validators do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    project_name: Annotated[str, Field(pattern=r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")]
    description: str = ""
    layout_root: str = "."
    app_package: str = "app"
    routes_dir: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*(/[a-z_][a-z0-9_]*){0,2}$")] = "api/routes"
    api_prefix: Annotated[str, Field(pattern=r"^((/[A-Za-z0-9_.-]+)+)?$")] = "/api/v1"
    models_dir: Annotated[str, Field(pattern=r"^([a-z_][a-z0-9_]*(/[a-z_][a-z0-9_]*)?)?$")] = ""
    schemas_dir: Literal["", "schemas", "schemas/split"] = ""
    db_dir: Literal["core", "db"] = "core"
    orm: Orm = "sqlalchemy"
    async_db: bool = True
    service_layer: bool = True
    repository_pattern: bool = False
    type_checker: TypeChecker = "mypy"
    python_version: PythonVersion = "3.12"
    package_manager: PackageManager = "uv"
    venv_dir: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.][A-Za-z0-9_.-]*$")] = ".venv"
    port: Annotated[int, Field(ge=1, le=65535)] = 8000

    @field_validator("layout_root")
    @classmethod
    def _relative_path(cls, value: str) -> str:
        cleaned = value.strip().rstrip("/").removeprefix("./") or "."
        parts = cleaned.split("/")
        if cleaned != "." and (
            cleaned.startswith("/") or any(p in ("", ".", "..") or not _PATH_PART.match(p) for p in parts)
        ):
            raise ValueError("must be '.' or a relative folder path without '..' (e.g. backend, apps/backend)")
        return cleaned

    @field_validator("app_package")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if value and not _IDENTIFIER.match(value):
            raise ValueError("must be a lower-case Python identifier, or empty for modules directly in layout_root")
        return value

    @model_validator(mode="after")
    def _layers_fit(self) -> Answers:
        if self.repository_pattern and not self.service_layer:
            raise ValueError("repository_pattern needs service_layer: repositories are called from services")
        if self.venv_dir in (".", ".."):
            raise ValueError("venv_dir must be a folder name")
        taken = {"core", "services", "repositories", "schemas", "crud", "main", "deps", "tests", "migrations"}
        if self.models_dir and self.models_dir.split("/")[0] in taken | {self.routes_dir.split("/")[0]}:
            raise ValueError(
                f"models_dir must not start with {self.models_dir.split('/')[0]!r} (used by other modules)"
            )
        if self.db_dir == "db" and self.models_dir == "db":
            raise ValueError("db_dir 'db' needs another models_dir than 'db' (e.g. db/models)")
        return self


FIELDS: tuple[str, ...] = tuple(Answers.model_fields)
"""Answer names in the order the template asks them."""


@dataclass(frozen=True)
class Choice:
    """One answer and its origin: the agent (with the line), ``--set``, or the default."""

    field: str
    value: Any
    source: Literal["agent", "--set", "default"]
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Plan:
    """The answers to render with, how each was chosen, and what the agent states beyond them."""

    answers: Answers
    choices: tuple[Choice, ...]
    not_rendered: tuple[str, ...]
    extra_dirs: tuple[str, ...] = ()
    """Folders the agent names that the template has no code for: created as empty packages."""


NOT_RENDERED_YET = (
    "task_queue",
    "broker",
    "celery_beat",
    "cache",
    "rate_limiting",
    "auth",
    "rbac",
    "roles",
    "logging",
    "deploy",
    "integrations",
)


def plan_answers(inspection: Inspection, *, project_name: str, overrides: dict[str, str] | None = None) -> Plan:
    """Choose every answer; raise ``InvalidValueError`` for values the template cannot honour."""
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(FIELDS))
    if unknown:
        raise InvalidValueError(f"--set {unknown[0]}: unknown field; fields are {', '.join(FIELDS)}")
    stated = _from_conventions(inspection)
    choices: dict[str, Choice] = {}
    for name in FIELDS:
        if name in overrides:
            choices[name] = Choice(name, _coerce(name, overrides[name]), "--set")
        elif name == "project_name":
            choices[name] = Choice(name, project_name, "default")
        elif name in stated:
            value, evidence = stated[name]
            choices[name] = Choice(name, value, "agent", evidence)
        else:
            choices[name] = Choice(name, Answers.model_fields[name].default, "default")
    answers = _validate(inspection, choices)
    data = inspection.conventions.as_dict()
    not_rendered = tuple(f"{f}={show(data[f])}" for f in NOT_RENDERED_YET if data[f] not in (None, [], False))
    extra = tuple(d for d in inspection.conventions.dirs if not _covered(d, answers) and _is_package_path(d))
    return Plan(answers=answers, choices=tuple(choices.values()), not_rendered=not_rendered, extra_dirs=extra)


def _covered(folder: str, answers: Answers) -> bool:
    """Whether the template already writes ``folder`` (or a folder inside it) for these answers."""
    written = {answers.routes_dir, answers.db_dir, "core"}
    written |= {answers.models_dir} if answers.models_dir else set()
    if answers.schemas_dir == "schemas/split":
        written |= {"schemas/request", "schemas/response"}
    elif answers.schemas_dir:
        written.add(answers.schemas_dir)
    if answers.service_layer:
        written.add("services")
    if answers.repository_pattern:
        written.add("repositories")
    return any(w == folder or w.startswith(folder + "/") for w in written)


def _is_package_path(folder: str) -> bool:
    return all(_IDENTIFIER.match(part) for part in folder.split("/"))


def _from_conventions(inspection: Inspection) -> dict[str, tuple[Any, Evidence | None]]:
    conventions = inspection.conventions

    def first(field: str) -> Evidence | None:
        items = inspection.evidence.get(field)
        return items[0] if items else None

    by_dir = dict(zip(conventions.dirs, inspection.evidence.get("dirs", []), strict=False))
    stated: dict[str, tuple[Any, Evidence | None]] = {
        name: (value, by_dir.get(folder)) for name, (value, folder) in _folders(conventions.dirs).items()
    }
    if conventions.layout_root is not None:
        stated["layout_root"] = (conventions.layout_root, first("layout_root"))
        # A stated root with no package means the modules sit in the root itself (backend/main.py).
        stated["app_package"] = (conventions.app_package or "", first("app_package") or first("layout_root"))
    elif conventions.app_package is not None:
        stated["app_package"] = (conventions.app_package, first("app_package"))
    for name in SIMPLE_FIELDS:
        value = getattr(conventions, name)
        if value is not None:
            stated[name] = (value, first(name))
    return stated


SIMPLE_FIELDS = (
    "api_prefix", "orm", "async_db", "service_layer", "repository_pattern", "type_checker", "python_version",
    "package_manager", "venv_dir", "port",
)  # fmt: skip


def _folders(stated_dirs: list[str]) -> dict[str, tuple[str, str]]:
    """The folder answers (routes, models, schemas, db) the agent's folders imply, each with its folder."""
    dirs = set(stated_dirs)
    found: dict[str, tuple[str, str]] = {}
    routes = next((d for d in ROUTE_DIRS if d in dirs), None)
    if routes:
        found["routes_dir"] = (routes, routes)
    models = next((d for d in ("db/models", "models") if d in dirs), None)
    if models:
        found["models_dir"] = (models, models)
    if {"schemas/request", "schemas/response"} <= dirs:
        found["schemas_dir"] = ("schemas/split", "schemas/request")
    elif "schemas" in dirs:
        found["schemas_dir"] = ("schemas", "schemas")
    if "db" in dirs and models != "db/models":
        found["db_dir"] = ("db", "db")
    return found


def _coerce(name: str, raw: str) -> Any:
    annotation = Answers.model_fields[name].annotation
    if annotation is bool:
        lowered = raw.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0", "on", "off"):
            raise InvalidValueError(f"--set {name}: expected true or false (got {raw!r})")
        return lowered in ("true", "yes", "1", "on")
    if annotation is int or name == "port":
        if not raw.strip().isdigit():
            raise InvalidValueError(f"--set {name}: expected a whole number (got {raw!r})")
        return int(raw)
    return raw


def _validate(inspection: Inspection, choices: dict[str, Choice]) -> Answers:
    try:
        return Answers(**{name: choice.value for name, choice in choices.items()})
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "answers"
        choice = choices.get(name)
        reason = _reason(name, error)
        if choice is not None and choice.source == "agent" and choice.evidence is not None:
            raise InvalidValueError(
                f"{name}: the agent states {show(choice.value)!r}, which this template cannot render: {reason}; "
                f"choose one with --set {name}=...",
                path=inspection.source,
                line=choice.evidence.line,
            ) from None
        origin = f"--set {name}" if choice is not None and choice.source == "--set" else name
        raise InvalidValueError(f"{origin}: {reason} (got {show(choice.value) if choice else '?'!r})") from None


def _reason(name: str, error: Any) -> str:
    if error["type"] == "literal_error":
        options = Answers.model_fields[name].annotation
        return "expected one of " + ", ".join(str(a) for a in get_args(options))
    return str(error["msg"]).removeprefix("Value error, ")
