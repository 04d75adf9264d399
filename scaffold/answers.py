"""The contract with the template: the answers it asks for, in its order, with its rules.

``Answers`` follows the shared answers spec (the same names, defaults, closed choices and rules
as ``copier.yml``; ``tests/test_answers.py`` compares them). Each rule lives in one validator
with a message a person can read; ``problems_of`` turns pydantic's ``ValidationError`` into one
``(field, message)`` pair per field, so a caller can report every problem at once.
"""

from __future__ import annotations

import keyword
import re
import sys
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, StrictInt, ValidationError, ValidationInfo, field_validator

from scaffold.text import MODULE_NAME, is_module_path

Orm = Literal["sqlalchemy", "sqlmodel"]
SchemasDir = Literal["", "schemas", "schemas/split"]
MigrationsDir = Literal["migrations", "alembic"]
TypeChecker = Literal["mypy", "basedpyright", "pyright"]
Formatter = Literal["ruff", "black"]
PythonVersion = Literal["3.11", "3.12", "3.13"]
PackageManager = Literal["uv", "poetry", "pip"]
AuthProvider = Literal["jwt", "refresh-token", "magic-link", "api-key", "clerk", "supabase", "auth0"]
IDENTITIES = ("jwt", "clerk", "supabase", "auth0")
"""The auth values that say who a user is (the API's own accounts or a provider's); one at most."""
JWT_EXTENSIONS = ("refresh-token", "magic-link")
"""Auth values that add to the password flow (jwt) and need it."""
Cache = Literal["", "redis"]
Logging = Literal["stdlib", "structlog", "loguru"]
Deploy = Literal["docker", "render", "kubernetes"]
"""Deploy targets; every one runs the Docker image the Dockerfile builds."""
TaskQueue = Literal["", "celery", "arq"]
Broker = Literal["redis", "rabbitmq"]
TaskMonitor = Literal["", "flower"]

_REMOVED_SINCE_311 = frozenset({
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt", "distutils", "imghdr", "imp",
    "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "smtpd", "sndhdr", "spwd", "sunau",
    "telnetlib", "uu", "xdrlib",
})  # fmt: skip
"""Standard modules of Python 3.11 that later Pythons dropped: projects may still target 3.11."""
STDLIB = frozenset(n for n in sys.stdlib_module_names if not n.startswith("_")) | _REMOVED_SINCE_311
"""The standard library's public modules on every Python a project may target."""
SHADOWED = frozenset({
    "tests", "migrations", "alembic", "fastapi", "sqlalchemy", "sqlmodel", "pydantic", "pydantic_settings",
    "starlette", "uvicorn", "aiosqlite", "asyncpg", "psycopg", "httpx", "pytest", "pytest_asyncio", "pytest_cov",
    "mypy", "black", "ruff", "greenlet", "redis", "limits", "structlog", "loguru", "pythonjsonlogger",
    "celery", "kombu", "arq", "flower",
}) | STDLIB  # fmt: skip
"""Names ``app_package`` must not take: the project's own folders, what it imports, the standard library."""

_PACKAGE_KEYWORDS = frozenset({*keyword.kwlist, *keyword.softkwlist, "type"})
"""Keywords and soft keywords of every Python a project may target (``type`` is soft from 3.12)."""

MAX_PROJECT_NAME = 50
"""The longest project name whose generated lines stay within the line length ruff checks."""
_PROJECT_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_FOLDER = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_PREFIX = re.compile(r"^(/[A-Za-z0-9_.-]+)+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_AGENT_FILE = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*[.]md$")
_VENV = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_.-]*$")
_KIND = Literal["package", "module"]


class Answers(BaseModel):
    """The answers the template asks for, in the order it asks them, validated by its rules."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    project_name: str
    description: str = ""
    agent_file: str = ""
    layout_root: str = "."
    app_package: str = "app"
    routes_dir: str = "api/routes"
    api_prefix: str = "/api/v1"
    models_dir: str = ""
    schemas_dir: SchemasDir = ""
    db_module: str = "core/db"
    deps_module: str | None = None
    """None means the computed default: ``api/deps`` when ``routes_dir`` starts with ``api``, else ``deps``."""
    migrations_dir: MigrationsDir = "migrations"
    orm: Orm = "sqlalchemy"
    async_db: bool = True
    service_layer: bool = True
    repository_pattern: bool = False
    roles: tuple[str, ...] = ()
    admin_role: str | None = None
    """None means the computed default: the first role named like admin, else the first role ("" without roles)."""
    default_role: str | None = None
    """None means the computed default: the first other role named like a plain user, else the last other role."""
    auth: tuple[AuthProvider, ...] | None = None
    """None means the computed default: jwt when there are roles, else no auth."""
    public_reads: bool = False
    rate_limit: bool = False
    cache: Cache = ""
    task_queue: TaskQueue = ""
    broker: Broker = "redis"
    celery_beat: bool = False
    task_monitor: TaskMonitor = ""
    tasks_dir: str = "tasks"
    worker_module: str | None = None
    """None means the computed default: ``<tasks_dir>/celery_app``, or ``<tasks_dir>/worker`` for arq."""
    type_checker: TypeChecker = "mypy"
    formatter: Formatter = "ruff"
    coverage_min: StrictInt = 0
    python_version: PythonVersion = "3.12"
    package_manager: PackageManager = "uv"
    venv_dir: str = ".venv"
    port: StrictInt = 8000
    logging: Logging = "stdlib"
    integrations: tuple[str, ...] = ()
    deploy: tuple[Deploy, ...] = ()

    @field_validator("project_name")
    @classmethod
    def _distribution_name(cls, value: str) -> str:
        if not _PROJECT_NAME.fullmatch(value):
            raise ValueError(
                "must start and end with a letter or digit and use only letters, digits, '.', '_' and '-' (e.g. my-api)"
            )
        if len(value) > MAX_PROJECT_NAME:
            # Longer, the lines that hold it (the Redis key prefix, the title) outgrow the line length.
            raise ValueError(f"must be at most {MAX_PROJECT_NAME} characters")
        return value

    @field_validator("description")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if _CONTROL.search(value):
            raise ValueError("must be one line of text, without line breaks or other control characters")
        return value

    @field_validator("agent_file")
    @classmethod
    def _agent_path(cls, value: str) -> str:
        if value and (not _AGENT_FILE.fullmatch(value) or any(p in (".", "..") for p in value.split("/"))):
            raise ValueError(
                "must be empty or a relative path to a .md file, of names using letters, digits, '_', '.' and '-', "
                "without '.' or '..' parts (e.g. .claude/agents/backend-engineer.md)"
            )
        return value

    @field_validator("layout_root")
    @classmethod
    def _relative_folder(cls, value: str) -> str:
        if not is_layout_root(value):
            raise ValueError(
                "must be '.' or relative folder names separated by '/', using letters, digits, '_', '.' and '-', "
                f"without '..', at most {MAX_LAYOUT_ROOT} characters, not a file the template writes (README.md) "
                "(e.g. backend, apps/backend)"
            )
        return value.removeprefix("./").removesuffix("/")

    @field_validator("app_package")
    @classmethod
    def _package_name(cls, value: str) -> str:
        if not value:
            return value
        if not MODULE_NAME.fullmatch(value):
            raise ValueError("must be a lower-case Python identifier (e.g. app), or empty for modules in layout_root")
        if value in _PACKAGE_KEYWORDS:
            raise ValueError(f"'{value}' is a Python keyword, which cannot be imported as a package")
        if value in SHADOWED:
            raise ValueError(f"'{value}' would shadow the '{value}' the project imports or keeps beside it (try app)")
        return value

    @field_validator("deps_module", "worker_module", mode="before")
    @classmethod
    def _computed_module(cls, value: Any, info: ValidationInfo) -> Any:
        """None means the default computed from the answer it follows (routes_dir, tasks_dir)."""
        base = info.data.get(_FOLLOWS[str(info.field_name)])
        if value is not None or base is None:
            return value
        if info.field_name == "deps_module":
            return "api/deps" if base.split("/")[0] == "api" else "deps"
        return f"{base}/{'worker' if info.data.get('task_queue') == 'arq' else 'celery_app'}"

    @field_validator("routes_dir", "models_dir", "db_module", "deps_module", "tasks_dir", "worker_module")
    @classmethod
    def _module_path(cls, value: str | None, info: ValidationInfo) -> str | None:
        name = str(info.field_name)
        if value is None or (name == "models_dir" and not value):
            return value
        most = {"routes_dir": 3, "tasks_dir": 1}.get(name, 2)
        parts = value.split("/")
        if len(parts) > most or not is_module_path(value):
            if most == 1:
                raise ValueError(f"must be one lower-case identifier (e.g. {_EXAMPLES[name]})")
            raise ValueError(f"must be 1 to {most} lower-case identifiers separated by '/' (e.g. {_EXAMPLES[name]})")
        bad = next((p for p in parts if keyword.iskeyword(p)), None)
        if bad:
            raise ValueError(f"'{bad}' is a Python keyword, which cannot be imported as a module")
        return value

    @field_validator("api_prefix")
    @classmethod
    def _url_prefix(cls, value: str) -> str:
        if value and not _PREFIX.fullmatch(value):
            raise ValueError(
                "must be empty or '/' followed by parts of letters, digits, '.', '_' and '-' separated by '/', "
                "without a trailing '/' (e.g. /api/v1)"
            )
        return value

    @field_validator("repository_pattern")
    @classmethod
    def _repositories_need_services(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("service_layer") is False:
            raise ValueError("repository_pattern needs service_layer: repositories are called from services")
        return value

    @field_validator(
        "routes_dir", "models_dir", "schemas_dir", "db_module", "deps_module", "migrations_dir", "service_layer",
        "repository_pattern", "rate_limit", "cache", "tasks_dir", "worker_module",
    )  # fmt: skip
    @classmethod
    def _no_collision(cls, value: Any, info: ValidationInfo) -> Any:
        _check_collisions(str(info.field_name), value, info.data)
        return value

    @field_validator("roles")
    @classmethod
    def _role_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for role in value:
            if not _ROLE.fullmatch(role):
                raise ValueError(
                    f"'{role}' must be a Python identifier of at most 30 letters, digits and '_', starting with a "
                    "letter (e.g. admin, BLGU_USER)"
                )
            if role in _ENUM_RESERVED:
                raise ValueError(f"'{role}' is a name Python keeps for itself; spell the role another way")
            if role.lower() in seen:
                raise ValueError(f"'{role}' is listed twice")
            seen.add(role.lower())
        return value

    @field_validator("admin_role", "default_role", mode="before")
    @classmethod
    def _one_of_the_roles(cls, value: Any, info: ValidationInfo) -> Any:
        roles: tuple[str, ...] = info.data.get("roles") or ()
        if not roles:
            return ""
        if value is None:
            return _admin_role(roles) if info.field_name == "admin_role" else _default_role(roles, info.data)
        if value not in roles:
            raise ValueError("must be one of the roles: " + ", ".join(roles))
        return value

    @field_validator("default_role")
    @classmethod
    def _new_accounts_are_not_administrators(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and value == info.data.get("admin_role"):
            raise ValueError(
                f"'{value}' is admin_role: every account that signs up would be an administrator; list a role for them"
            )
        return value

    @field_validator("auth", mode="before")
    @classmethod
    def _computed_auth(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return ("jwt",) if info.data.get("roles") else ()
        return value

    @field_validator("auth", "deploy")
    @classmethod
    def _in_choice_order(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        # Copier keeps a multiselect's answers in the order of its choices.
        choices = _literal_options(cls.model_fields[str(info.field_name)].annotation)
        return tuple(sorted(set(value), key=choices.index))

    @field_validator("auth")
    @classmethod
    def _one_identity(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        identities = [v for v in value if v in IDENTITIES]
        if len(identities) > 1:
            raise ValueError(f"choose one identity provider, not {' and '.join(identities)}")
        if "api-key" in value and not identities:
            raise ValueError("api-key needs an identity to own the keys: add jwt, clerk, supabase or auth0")
        if info.data.get("roles") and not identities:
            raise ValueError("roles need an identity: add jwt, clerk, supabase or auth0")
        extensions = [v for v in JWT_EXTENSIONS if v in value]
        if extensions and "jwt" not in value:
            verb = "extend" if len(extensions) > 1 else "extends"
            raise ValueError(f"{' and '.join(extensions)} {verb} jwt's accounts and tokens: add jwt")
        _check_collisions("auth", value, info.data)
        return value

    @field_validator("task_queue")
    @classmethod
    def _arq_needs_async(cls, value: str, info: ValidationInfo) -> str:
        if value == "arq" and info.data.get("async_db") is False:
            raise ValueError("task_queue arq needs async_db: arq jobs are enqueued from the event loop")
        return value

    @field_validator("broker", "celery_beat", "task_monitor")
    @classmethod
    def _celery_only(cls, value: Any, info: ValidationInfo) -> Any:
        if value in (False, "", "redis") or info.data.get("task_queue") == "celery":
            return value
        name = str(info.field_name)
        shown = "" if value is True else f" {value}"
        raise ValueError(f"{name}{shown} needs task_queue celery: {_CELERY_ONLY[name]}")

    @field_validator("coverage_min")
    @classmethod
    def _percentage(cls, value: int) -> int:
        if not 0 <= value <= 100:
            raise ValueError("must be a percentage from 0 (no floor) to 100")
        return value

    @field_validator("venv_dir")
    @classmethod
    def _venv_folder(cls, value: str, info: ValidationInfo) -> str:
        if value in (".", "..") or not _VENV.fullmatch(value):
            raise ValueError("must be one folder name using letters, digits, '_', '.' and '-' (e.g. .venv)")
        owner = _root_folders(info.data).get(value)
        if owner is not None:
            raise ValueError(f"'{value}' collides with {owner} ('{value}')")
        return value

    @field_validator("port")
    @classmethod
    def _port_number(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("must be a port number from 1 to 65535")
        return value

    @field_validator("integrations")
    @classmethod
    def _service_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for index, name in enumerate(value):
            if not is_integration_name(name):
                raise ValueError(
                    f"'{name}' must be lower-case letters and digits, words joined by '-', at most 40 characters "
                    "(e.g. openai, vercel-blob)"
                )
            if name in value[:index]:
                raise ValueError(f"'{name}' is listed twice")
        return value


_INTEGRATION = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_ROLE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,29}$")
"""30 characters at most: an enum member line (``NAME = "NAME"``) holds a role twice."""


def is_integration_name(name: str) -> bool:
    """Whether ``name`` is spelled as the ``integrations`` answer takes it (``openai``, ``vercel-blob``)."""
    return bool(_INTEGRATION.fullmatch(name)) and len(name) <= 40


_ENUM_RESERVED = frozenset({*keyword.kwlist, "name", "value", "mro"})
PLAIN_ROLE = re.compile("user|member|student|customer|viewer|reader|guest", re.IGNORECASE)
"""Role names that sound like an ordinary account: never the administrator."""


def is_admin_name(role: str) -> bool:
    """Whether ``role`` is named like an administrator (``admin``, ``SiteAdmin``)."""
    return "admin" in role.lower()


def _admin_role(roles: tuple[str, ...]) -> str:
    return next((r for r in roles if is_admin_name(r)), roles[0])


def _default_role(roles: tuple[str, ...], data: dict[str, Any]) -> str:
    admin = data.get("admin_role") or _admin_role(roles)
    plain = [r for r in roles if r != admin]
    return next((r for r in plain if PLAIN_ROLE.search(r)), plain[-1] if plain else admin)


_EXAMPLES = {
    "routes_dir": "api/routes", "models_dir": "models", "db_module": "core/db", "deps_module": "api/deps",
    "tasks_dir": "tasks", "worker_module": "workers/celery_app",
}  # fmt: skip
_FOLLOWS = {"deps_module": "routes_dir", "worker_module": "tasks_dir"}
"""The answer whose value a computed module default follows."""
_CELERY_ONLY = {
    "broker": "arq reads its jobs from Redis",
    "celery_beat": "beat schedules Celery tasks",
    "task_monitor": "Flower watches Celery workers",
}
FEATURE_OF = {
    "broker": "task_queue",
    "celery_beat": "task_queue",
    "task_monitor": "task_queue",
    "tasks_dir": "task_queue",
    "worker_module": "task_queue",
    "admin_role": "roles",
    "default_role": "roles",
    "public_reads": "auth",
}
"""Answers that only shape a feature, and the answer that turns the feature on: while it is off
(empty), they change nothing in the project."""

FIELDS: tuple[str, ...] = tuple(Answers.model_fields)
"""Answer names in the order the template asks them."""


@dataclass(frozen=True)
class _Entry:
    """A path the template writes inside the package, its kind, and the answer it comes from."""

    path: str
    kind: _KIND
    owner: str
    """The field that puts it there, or a description of a fixed entry (``the core package``)."""


def _entries(name: str, value: Any, data: dict[str, Any]) -> list[_Entry]:
    """What answer ``name`` makes the template write, given the answers before it (``data``)."""
    if name == "models_dir":
        return [_Entry(value, "package", name) if value else _Entry("models", "module", name)]
    if name == "schemas_dir":
        return [_Entry("schemas", "package" if value else "module", name)]
    if name in ("routes_dir", "db_module", "deps_module"):
        return [] if value is None else [_Entry(value, "package" if name == "routes_dir" else "module", name)]
    if name == "migrations_dir":
        return [_Entry(value, "package", name)] if data.get("app_package") == "" else []
    if name == "service_layer":
        return [_Entry("services", "package", name) if value else _Entry("crud", "module", name)]
    if name == "repository_pattern" and value and data.get("service_layer"):
        return [_Entry("repositories", "package", name)]
    return _feature_entries(name, value, data)


def _feature_entries(name: str, value: Any, data: dict[str, Any]) -> list[_Entry]:
    """What the optional features (auth, Redis, background work) make the template write."""
    if name == "auth" and value:
        return [_Entry("auth", "package", name)]
    if name == "rate_limit" and value:
        return [_Entry("core/rate_limit", "module", name), _Entry("core/redis_client", "module", name)]
    if name == "cache" and value == "redis":
        shared = [] if data.get("rate_limit") else [_Entry("core/redis_client", "module", name)]
        return [_Entry("core/cache", "module", name), *shared]
    if name in ("tasks_dir", "worker_module") and value and data.get("task_queue"):
        return [_Entry(value, "package" if name == "tasks_dir" else "module", name)]
    return []


def _earlier_entries(data: dict[str, Any]) -> list[_Entry]:
    """The fixed entries, then those of the answers validated so far (``data``), in question order."""
    found = [_Entry("core", "package", "the core package"), _Entry("main", "module", "the main module")]
    if data.get("app_package") == "":
        found.append(_Entry("tests", "package", "the tests folder"))
    for name, value in data.items():
        found.extend(_entries(name, value, data))
    return found


def _root_folders(data: dict[str, Any]) -> dict[str, str]:
    """The folders the template writes in the layout root, each with the answer that puts it there."""
    package = data.get("app_package")
    found = {package: "app_package"} if package else {}
    found.setdefault("tests", "the tests folder")
    found.setdefault(str(data.get("migrations_dir")), "migrations_dir")
    if package == "":
        for entry in _earlier_entries(data):
            if entry.kind == "package" or "/" in entry.path:
                found.setdefault(entry.path.split("/")[0], entry.owner)
    return found


def _collide(a: _Entry, b: _Entry) -> bool:
    if a.path == b.path:
        return True
    return (a.kind == "module" and b.path.startswith(a.path + "/")) or (
        b.kind == "module" and a.path.startswith(b.path + "/")
    )


def _check_collisions(name: str, value: Any, data: dict[str, Any]) -> None:
    """Refuse ``value`` for ``name`` if what it writes collides with what an earlier answer writes."""
    earlier = _earlier_entries(data)
    for mine in _entries(name, value, data):
        other = next((e for e in earlier if _collide(mine, e)), None)
        if other is None:
            continue
        what = f"'{value}'" if value == mine.path else f"the {mine.kind} '{mine.path}' it writes"
        raise ValueError(f"{what} collides with {other.owner} ('{other.path}')")


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """One ``(field, message)`` per field in question order, messages as a person reads them."""
    found: dict[str, str] = {}
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "answers"
        if name not in found:
            found[name] = _message(name, item)
    order = {name: index for index, name in enumerate(FIELDS)}
    return sorted(found.items(), key=lambda pair: order.get(pair[0], len(order)))


def _message(name: str, item: Any) -> str:
    if item["type"] == "literal_error" and name in Answers.model_fields:
        options = _literal_options(Answers.model_fields[name].annotation)
        return "expected one of " + ", ".join(repr(o) if o == "" else str(o) for o in options)
    if item["type"] == "extra_forbidden":
        return "unknown field; fields are " + ", ".join(FIELDS)
    return str(item["msg"]).removeprefix("Value error, ")


def _literal_options(annotation: Any) -> tuple[Any, ...]:
    """The values of the ``Literal`` in ``annotation`` (``Orm``, ``tuple[AuthProvider, ...] | None``)."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return tuple(option for arg in get_args(annotation) for option in _literal_options(arg))


MAX_LAYOUT_ROOT = 60
"""The longest layout root whose generated lines stay within the line length ruff checks."""
ROOT_FILES = frozenset({"readme.md", "agents.md", "claude.md", "render.yaml", ".copier-answers.yml"})
"""Files the template writes at the repository root: no folder may take their names."""


def is_layout_root(value: str) -> bool:
    """Whether the template can render into ``value``: ``.`` or relative folder names joined by ``/``.

    Not a file the template writes at the root (``README.md``), and not longer than ``MAX_LAYOUT_ROOT``.
    """
    cleaned = value.removeprefix("./").removesuffix("/")
    if value == ".":
        return True
    parts = cleaned.split("/")
    return (
        len(cleaned) <= MAX_LAYOUT_ROOT
        and parts[0].lower() not in ROOT_FILES
        and all(_FOLDER.fullmatch(part) for part in parts)
    )
