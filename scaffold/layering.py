"""The layering rules of a project with a service layer, checked on its imports with ``ast``.

Route modules reach the database through services: they import no repository module, no ORM
session class and not the project's database module (the sessions they need come as the deps
module's aliases, ``SessionDep``, which the deps module builds and may therefore import). Service
modules know nothing of HTTP: they import neither FastAPI nor Starlette, except their
``concurrency`` helpers (``run_in_threadpool``), which run code and answer no request.

Every import statement counts wherever it is, inside a function or under ``if TYPE_CHECKING:``
too: an annotation naming ``Session`` ties the route to the session as much as a call does (the
generated project's own ``tests/test_architecture.py`` counts them the same way). Comments and
strings are not imports, and neither is a name reached through an attribute (``orm.Session``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import ProjectError
from scaffold.files import python_files, read_text

SESSION_NAMES = frozenset({
    ("sqlalchemy.orm", "Session"),
    ("sqlalchemy.orm", "sessionmaker"),
    ("sqlalchemy.orm", "scoped_session"),
    ("sqlalchemy.ext.asyncio", "AsyncSession"),
    ("sqlalchemy.ext.asyncio", "async_sessionmaker"),
    ("sqlalchemy.ext.asyncio", "async_scoped_session"),
    ("sqlmodel", "Session"),
    ("sqlmodel.ext.asyncio.session", "AsyncSession"),
})  # fmt: skip
"""ORM session classes, as ``(module, name)``: what a route must not hold itself."""
SESSION_MODULES = ("sqlalchemy.orm.session", "sqlalchemy.ext.asyncio.session", "sqlmodel.ext.asyncio.session")
HTTP_PACKAGES = ("fastapi", "starlette")
HTTP_FREE = ("fastapi.concurrency", "starlette.concurrency")
"""Modules of the HTTP packages that hold no HTTP: thread-pool helpers a service may use."""
RULES = {
    "route-imports-repository": "routes reach repositories through services",
    "route-imports-db-module": "routes get sessions from the deps module (SessionDep)",
    "route-imports-session": "routes get sessions from the deps module (SessionDep)",
    "route-imports-model": "routes take and return schemas; the ORM models stay behind the services",
    "service-imports-http": "services know nothing of HTTP",
}
"""Each rule's name, and what the project should do instead (the finding's expectation)."""
REPOSITORIES = "repositories"
SERVICES = "services"
"""The folders (inside the package) the template writes the repositories and the services in."""


@dataclass(frozen=True, kw_only=True)
class Layers:
    """Where a project's layers are: its package folder and the answers that name the modules."""

    package: Path
    """The import package's folder (``<layout_root>/<app_package>``)."""
    import_prefix: str
    """``app.`` when the modules live in package ``app``; empty when they sit in the layout root."""
    routes_dir: str
    deps_module: str
    db_module: str
    repository_pattern: bool
    models: str = "models"
    """The ORM models' module or folder in the package (``models``, ``db/models``)."""


@dataclass(frozen=True, kw_only=True)
class Violation:
    """One import that breaks a layering rule: the rule, what it imports, and the statement's place."""

    rule: str
    """One of ``RULES``."""
    imported: str
    path: Path
    line: int
    statement: str


@dataclass(frozen=True)
class _Import:
    """One name an import statement brings in, resolved: its dotted name, and inside the package."""

    dotted: str
    """The absolute dotted name (``sqlalchemy.orm.Session``, ``app.repositories.items``)."""
    internal: str | None
    """The name relative to the package (``repositories.items``), when it is the package's own."""
    module: str
    name: str | None
    """The module and the name ``from`` imports (``sqlalchemy.orm``, ``Session``); None for ``import x``."""
    line: int


_Rule = Callable[[_Import, Layers], "str | None"]
"""A rule: an import and the layers in, the broken rule's name (or None) out."""


def layering_violations(layers: Layers) -> list[Violation]:
    """Every import in the route and service modules that breaks a rule, in file and line order."""
    found: list[Violation] = []
    deps = layers.package / f"{layers.deps_module}.py"
    for path in python_files(layers.package / layers.routes_dir):
        if path != deps:
            found.extend(_check(path, layers, _route_rule))
    for path in python_files(layers.package / SERVICES):
        found.extend(_check(path, layers, _service_rule))
    return found


def _route_rule(item: _Import, layers: Layers) -> str | None:
    """The rule a route module's import breaks, if any."""
    db = layers.db_module.replace("/", ".")
    if layers.repository_pattern and _within(item.internal, REPOSITORIES):
        return "route-imports-repository"
    if _within(item.internal, db):
        return "route-imports-db-module"
    if (item.module, item.name) in SESSION_NAMES or any(_within(item.dotted, m) for m in SESSION_MODULES):
        return "route-imports-session"
    if _within(item.internal, layers.models.replace("/", ".")):
        return "route-imports-model"
    return None


def _service_rule(item: _Import, layers: Layers) -> str | None:
    """The rule a service module's import breaks, if any."""
    if any(_within(item.module, m) for m in HTTP_FREE):
        return None
    if any(_within(item.module, m) for m in HTTP_PACKAGES):
        return "service-imports-http"
    return None


def _within(name: str | None, module: str) -> bool:
    return name is not None and (name == module or name.startswith(f"{module}."))


def _check(path: Path, layers: Layers, rule: _Rule) -> Iterator[Violation]:
    source = read_text(path) or ""
    lines = source.splitlines()
    for item in _imports(path, source, layers):
        broken = rule(item, layers)
        if broken:
            statement = lines[item.line - 1].strip() if 0 < item.line <= len(lines) else ""
            yield Violation(rule=broken, imported=item.dotted, path=path, line=item.line, statement=statement)


def _imports(path: Path, source: str, layers: Layers) -> Iterator[_Import]:
    """Each name every import statement of ``path`` brings in, resolved against the package."""
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise ProjectError(f"is not Python that parses: {exc.msg}", path=path, line=exc.lineno) from None
    except ValueError as exc:  # a NUL byte in the source
        raise ProjectError(f"is not Python that parses: {exc}", path=path) from None
    here = _module_parts(path, layers.package)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield _resolved(alias.name, None, alias.name, node.lineno, layers)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, here, layers)
            for alias in node.names:
                dotted = f"{module}.{alias.name}" if module else alias.name
                yield _resolved(dotted, alias.name, module, node.lineno, layers)


def _resolved(dotted: str, name: str | None, module: str, line: int, layers: Layers) -> _Import:
    prefix = layers.import_prefix
    if not prefix:
        internal: str | None = dotted
    elif dotted.startswith(prefix):
        internal = dotted.removeprefix(prefix)
    else:
        internal = None
    return _Import(dotted=dotted, internal=internal, module=module, name=name, line=line)


def _module_parts(path: Path, package: Path) -> list[str]:
    """The dotted parts of the package ``path`` belongs to (``api.routes`` for ``api/routes/items.py``)."""
    return list(path.relative_to(package).parent.parts)


def _absolute(node: ast.ImportFrom, here: list[str], layers: Layers) -> str:
    """The absolute module a ``from`` import names (``from ..services import x`` in ``api/routes``)."""
    if not node.level:
        return node.module or ""
    up = node.level - 1
    base = here[: len(here) - up] if up <= len(here) else []
    parts = [*layers.import_prefix.rstrip(".").split(".")] if layers.import_prefix else []
    parts = [p for p in [*parts, *base, *(node.module.split(".") if node.module else [])] if p]
    return ".".join(parts)
