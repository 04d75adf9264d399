"""From extracted conventions to the template's answers: each value with where it came from.

``plan_answers`` takes each answer from ``--set`` where given, else from the agent where it
states one, else from the default, and refuses stated values the template cannot honour (every
problem at once) instead of quietly replacing them. Whatever the agent states and the project will
not have is listed in ``Plan.not_rendered`` (see ``scaffold.support``).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from pydantic import ValidationError

from scaffold.answers import (
    FIELDS,
    JWT_EXTENSIONS,
    PLAIN_ROLE,
    Answers,
    AuthProvider,
    Broker,
    Deploy,
    TaskQueue,
    is_admin_name,
    is_integration_name,
    is_layout_root,
    problems_of,
)
from scaffold.errors import InvalidAnswersError, Problem
from scaffold.models import Confidence, Evidence, Inspection
from scaffold.refusals import refused_auth, refused_queue
from scaffold.support import (
    ANSWERED_AS,
    AUTH_ALIASES,
    SIMPLE_FIELDS,
    database_address,
    not_rendered,
    renamed,
    worker_folder,
)
from scaffold.text import is_module_path, show

Source = Literal["agent", "--set", "default"]
Stated = dict[str, tuple[Any, Evidence | None]]
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
DB_MODULE_NAMES = ("database", "db", "session", "engine")
DB_MODULE_FOLDERS = ("", "core", "db")
DEPS_MODULE_NAMES = ("deps", "dependencies")
MIGRATIONS_FOLDERS = ("migrations", "alembic")
TASKS_FOLDERS = ("tasks", "workers", "jobs")
WORKER_MODULE_NAMES = ("celery_app", "worker")


@dataclass(frozen=True)
class Choice:
    """One answer and its origin: the agent (with the line), ``--set``, or the default."""

    field: str
    value: Any
    source: Source
    evidence: Evidence | None = None
    confidence: Confidence | None = None
    """For the agent's answers: stated or inferred (weak values are not answers until confirmed)."""
    replaces: Choice | None = None
    """For a ``--set`` answer: the agent's answer it replaces, with its line."""


@dataclass(frozen=True)
class Plan:
    """The answers to render with, how each was chosen, and what the agent states beyond them."""

    answers: Answers
    choices: tuple[Choice, ...]
    not_rendered: tuple[str, ...]
    """Every stated convention the project will not have, as ``field=value``."""
    stated_dirs: tuple[str, ...] = ()
    """The package folders the agent names (identifiers only); the renderer adds the missing ones."""
    dir_evidence: Mapping[str, Evidence] = field(default_factory=dict)
    """The line naming each of ``stated_dirs``."""
    renamed: tuple[str, ...] = ()
    """Modules the agent names that the project has under another name (``config.py`` -> ``core/config.py``)."""
    unconfirmed: tuple[Unconfirmed, ...] = ()
    """Weak values the agent gives that the project does not use until confirmed."""
    left_open: tuple[str, ...] = ()
    """What the agent names without choosing (``task_queue: the file names celery, arq ...``)."""


@dataclass(frozen=True)
class Unconfirmed:
    """A weak value left out of the answers: the convention, its value and the line it rests on."""

    field: str
    value: Any
    evidence: Evidence | None = None


def plan_answers(
    inspection: Inspection,
    *,
    project_name: str,
    agent_file: str = "",
    overrides: dict[str, str] | None = None,
    accept_weak: bool = False,
) -> Plan:
    """Choose every answer; raise ``InvalidAnswersError`` listing every value the template cannot take.

    ``project_name`` and ``agent_file`` (where the project keeps the agent) are the defaults of
    their answers: they come from where the project is made, not from what the agent states.
    The agent's weak values are left out (and listed) unless ``accept_weak``.
    """
    overrides = dict(overrides or {})
    unconfirmed: tuple[Unconfirmed, ...] = ()
    if not accept_weak:
        inspection, unconfirmed = _confirmed_only(inspection, overrides)
    problems = _unknown_sets(overrides)
    stated = _from_conventions(inspection)
    if "auth" not in overrides:
        problems.extend(refused_auth(inspection))
    problems.extend(refused_queue(inspection, overrides))
    choices: dict[str, Choice] = {}
    for name in FIELDS:
        if name in overrides:
            value, problem = _coerce(name, overrides[name])
            problems.extend([problem] if problem else [])
            replaced = None
            if name in stated:
                replaced = Choice(name, stated[name][0], "agent", stated[name][1], _confidence_of(inspection, name))
            choices[name] = Choice(name, value, "--set", replaces=replaced)
        elif name in ("project_name", "agent_file"):
            choices[name] = Choice(name, project_name if name == "project_name" else agent_file, "default")
        elif name in stated:
            value, evidence = stated[name]
            choices[name] = Choice(name, value, "agent", evidence, _confidence_of(inspection, name))
        else:
            choices[name] = Choice(name, Answers.model_fields[name].default, "default")
    _drop_celery_options(choices)
    _admin_beside_the_stated_default(choices)
    answers = _validate(inspection, choices, problems)
    # Defaults computed from other answers (deps_module) are known only once the answers are.
    final = {name: dataclasses.replace(c, value=getattr(answers, name)) for name, c in choices.items()}
    # A folder the agent names for an answer that --set moved elsewhere is not wanted any more.
    moved = {f for name, folders in _answer_folders(inspection.conventions.dirs).items()
             if choices[name].source == "--set" for f in folders}  # fmt: skip
    stated_dirs = tuple(d for d in inspection.conventions.dirs if is_module_path(d) and d not in moved)
    by_dir = dict(zip(inspection.conventions.dirs, inspection.evidence.get("dirs", []), strict=False))
    return Plan(
        answers=answers,
        choices=tuple(final.values()),
        not_rendered=tuple(
            item
            for item in not_rendered(inspection.conventions, answers)
            if not (item.startswith("layout_root=") and _unrenderable_home(inspection))  # left open instead
        ),
        stated_dirs=stated_dirs,
        dir_evidence={d: by_dir[d] for d in stated_dirs if d in by_dir},
        renamed=renamed(inspection.modules)
        + worker_folder(answers)
        + database_address(inspection.conventions, inspection.evidence),
        unconfirmed=unconfirmed,
        left_open=tuple(w.message for w in inspection.warnings)
        + _home_left_open(inspection, overrides)
        + _admin_left_open(final["admin_role"], answers),
    )


def _admin_left_open(choice: Choice, answers: Answers) -> tuple[str, ...]:
    """A note when the administrator role is a guess: no role is named like one and the agent says none."""
    if choice.source != "default" or not answers.roles or any(is_admin_name(r) for r in answers.roles):
        return ()
    return (
        f"admin_role: the agent does not say which of {', '.join(answers.roles)} may administer; "
        f"{answers.admin_role} is used (--set admin_role=... chooses)",
    )


def check_sets(overrides: Mapping[str, str]) -> None:
    """Refuse ``--set`` values that no plan can take: unknown fields, and values not of the answer's type.

    For commands that plan later, per agent (``scaffold smoke``): a typo is bad input, refused
    before anything runs, not a failure of every project.
    """
    mistyped = [_coerce(name, value)[1] for name, value in overrides.items() if name in FIELDS]
    found = (*_unknown_sets(overrides), *(problem for problem in mistyped if problem is not None))
    if found:
        raise InvalidAnswersError(found)


def _unknown_sets(overrides: Mapping[str, str]) -> list[Problem]:
    """A problem for each ``--set`` field the template has no answer of, naming the closest one."""
    return [
        Problem(field=name, message=_unknown_field(name), value=value, source="--set")
        for name, value in overrides.items()
        if name not in FIELDS
    ]


def _unknown_field(name: str) -> str:
    """Why ``--set name=...`` is refused: the field it most likely meant, else every field."""
    close = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.6)
    return f"unknown field; did you mean {close[0]}?" if close else "unknown field; fields are " + ", ".join(FIELDS)


def _home_left_open(inspection: Inspection, overrides: Mapping[str, str]) -> tuple[str, ...]:
    home = _unrenderable_home(inspection)
    if home is None or "layout_root" in overrides:
        return ()
    return (f"layout_root: the file sits in {show(home)!r}, which is no folder name this template can use",)


ANSWERED_CONVENTIONS = frozenset(
    {*SIMPLE_FIELDS, *ANSWERED_AS, "auth", "roles", "rbac", "task_queue", "broker", "celery_beat", "task_monitor"}
    | {"integrations", "deploy", "layout_root", "app_package", "dirs"}
)
"""The conventions that set an answer; a weak value of another (a linter) has nothing to confirm."""
_CONVENTION_OF = {
    "rate_limit": "rate_limiting",
    **dict.fromkeys(("routes_dir", "models_dir", "schemas_dir", "tasks_dir", "db_module"), "dirs"),
    **dict.fromkeys(("deps_module", "worker_module", "migrations_dir", "app_package"), "layout_root"),
}
"""The convention an answer comes from, where its name differs."""


def _confidence_of(inspection: Inspection, answer: str) -> Confidence:
    """How sure the convention behind an answer is (a folder or module named in a path: stated)."""
    name = _CONVENTION_OF.get(answer, answer)
    if answer == "roles" and not inspection.conventions.roles:
        name = "rbac"
    return inspection.confidence.get(name, "stated")


def _confirmed_only(inspection: Inspection, overrides: Mapping[str, str]) -> tuple[Inspection, tuple[Unconfirmed, ...]]:
    """The inspection without its weak values, and those values (less any that ``--set`` answers)."""
    weak = inspection.weak_fields()
    if not weak:
        return inspection, ()
    conventions = inspection.conventions
    cleared: dict[str, Any] = {name: [] if isinstance(getattr(conventions, name), list) else None for name in weak}
    answered = {_CONVENTION_OF.get(name, name) for name in overrides}
    left_out = tuple(
        Unconfirmed(name, getattr(conventions, name), next(iter(inspection.evidence.get(name, [])), None))
        for name in weak
        if name not in answered and name in ANSWERED_CONVENTIONS
    )
    kept = dataclasses.replace(
        inspection,
        conventions=dataclasses.replace(conventions, **cleared),
        confidence={k: v for k, v in inspection.confidence.items() if k not in weak},
    )
    return kept, left_out


def _layout(inspection: Inspection, first: Callable[[str], Evidence | None]) -> Stated:
    """The layout root and package the agent states.

    A root the file shows with no package means the modules sit in the root itself (backend/main.py);
    a root known only from where the file sits (evidence line 0) says nothing of a package.
    """
    conventions = inspection.conventions
    shown = any(item.line for item in inspection.evidence.get("layout_root", []))
    stated: Stated = {}
    if conventions.layout_root is not None and not _unrenderable_home(inspection):
        stated["layout_root"] = (conventions.layout_root, first("layout_root"))
        if conventions.app_package is not None or shown:
            stated["app_package"] = (conventions.app_package or "", first("app_package") or first("layout_root"))
    elif conventions.app_package is not None:
        stated["app_package"] = (conventions.app_package, first("app_package"))
    return stated


def _unrenderable_home(inspection: Inspection) -> str | None:
    """The folder the file sits in, when that alone gives the root and no folder can bear its name.

    A root the file states is the user's word and is refused with a line to act on; one read
    only from where the file sits ('my service/AGENTS.md') leaves the root to the default.
    """
    root = _root_from_place(inspection)
    return root if root is not None and not is_layout_root(root) else None


def governed_folder(inspection: Inspection, overrides: Mapping[str, str]) -> str:
    """The folder a nested AGENTS.md or CLAUDE.md governs (``api/AGENTS.md``: ``api``), unless ``--set`` moves the root.

    A new project places such a file in that folder again: there it governs the same code and reads
    the same when ``scaffold check`` and ``scaffold update`` read it again; '' otherwise.
    """
    home = inspection.home
    if not home or "layout_root" in overrides or not is_layout_root(home):
        return ""
    return home


def _root_from_place(inspection: Inspection) -> str | None:
    """The layout root when its name comes from where the file sits (``my service/AGENTS.md``).

    A nested file's paths are read from its folder, so a root under that folder (``my service``,
    ``my service/backend``) is named by the place, whatever lines the file shows below it.
    """
    root, home = inspection.conventions.layout_root, inspection.home
    return root if home and root is not None and (root == home or root.startswith(f"{home}/")) else None


def _from_conventions(inspection: Inspection) -> Stated:
    """The answers the agent states, each with its first line of evidence."""
    conventions = inspection.conventions

    def first(name: str) -> Evidence | None:
        items = inspection.evidence.get(name)
        return items[0] if items else None

    stated = _folders(conventions.dirs, inspection.evidence.get("dirs", []))
    stated |= _modules(inspection.modules, inspection.root_folders, folders=conventions.dirs)
    stated |= _layout(inspection, first)
    for name in SIMPLE_FIELDS:
        value = getattr(conventions, name)
        if value is not None:
            stated[name] = (value, first(name))
    for name, (answer, values) in ANSWERED_AS.items():
        value = getattr(conventions, name)
        if value in values:
            stated[answer] = (value, first(name))
    stated |= _access(inspection, first)
    # Names outside the answer's spelling are left to the not-rendered list, not refused.
    integrations = tuple(n for n in conventions.integrations if is_integration_name(n))
    if integrations:
        stated["integrations"] = (integrations, first("integrations"))
    # Deploy files are added beside the code: a target the template has none for (fly) leaves the
    # project as it is, and is listed as not rendered instead of refused.
    deploy = tuple(v for v in conventions.deploy if v in get_args(Deploy))
    if deploy:
        stated["deploy"] = (deploy, first("deploy"))
    stated |= _background(inspection, first)
    return stated


def _background(inspection: Inspection, first: Callable[[str], Evidence | None]) -> Stated:
    """The task queue the agent states, with Celery's options, and where its modules live.

    A queue the template does not render is refused (``refused_queue``); the folder and
    module answers follow the agent's ``tasks/``, ``workers/`` or ``celery_app.py``.
    """
    conventions = inspection.conventions
    queue = conventions.task_queue
    if queue not in get_args(TaskQueue) or not queue:
        return {}
    found: Stated = {"task_queue": (queue, first("task_queue"))}
    if queue == "celery":
        if conventions.broker in get_args(Broker):
            found["broker"] = (conventions.broker, first("broker"))
        if conventions.celery_beat is not None:
            found["celery_beat"] = (conventions.celery_beat, first("celery_beat"))
        if conventions.task_monitor == "flower":
            found["task_monitor"] = ("flower", first("task_monitor"))
    by_dir = dict(zip(conventions.dirs, inspection.evidence.get("dirs", []), strict=False))
    tasks = next((d for d in TASKS_FOLDERS if d in conventions.dirs), None)
    if tasks:
        found["tasks_dir"] = (tasks, by_dir.get(tasks))
    module = next((m for m in inspection.modules if m.rpartition("/")[2] in WORKER_MODULE_NAMES), None)
    if module and module.count("/") <= 1:
        found["worker_module"] = (module, inspection.modules[module])
    return found


def _drop_celery_options(choices: dict[str, Choice]) -> None:
    """Celery's options the agent states go with its Celery: ``--set task_queue=arq`` drops them."""
    queue = choices["task_queue"]
    if queue.source != "--set" or queue.value == "celery":
        return
    for name in ("broker", "celery_beat", "task_monitor"):
        if choices[name].source == "agent":
            choices[name] = Choice(name, Answers.model_fields[name].default, "default")


def _access(inspection: Inspection, first: Callable[[str], Evidence | None]) -> Stated:
    """The auth and roles answers: the providers the template renders, and the roles they carry.

    Roles with no provider stated get the template's default identity (jwt); roles whose every
    stated provider is refused are left out with it. Refresh tokens or sign-in links stated
    alone bring jwt, whose accounts and tokens they extend.
    """
    conventions = inspection.conventions
    found: Stated = {}
    supported = get_args(AuthProvider)
    providers = tuple(dict.fromkeys(AUTH_ALIASES.get(v, v) for v in conventions.auth))
    rendered = tuple(p for p in providers if p in supported)
    if "jwt" not in rendered and any(p in JWT_EXTENSIONS for p in rendered):
        rendered = ("jwt", *rendered)
    if conventions.auth:
        found["auth"] = (rendered, first("auth"))
    roles = conventions.roles or (["admin", "user"] if conventions.rbac else [])
    if roles and (rendered or not conventions.auth):
        # Role names become enum members: "end-user" is spelled end_user there.
        found["roles"] = (tuple(r.replace("-", "_") for r in roles), first("roles") or first("rbac"))
        found |= _role_duties(inspection, roles)
    return found


def _admin_beside_the_stated_default(choices: dict[str, Choice]) -> None:
    """An administrator by default that is not the role the agent gives new accounts.

    The answers' own default (the role named like admin, else the first) could be that role,
    which the template refuses; the plan lists the guess as left open.
    """
    given, admin, roles = choices["default_role"], choices["admin_role"], choices["roles"].value or ()
    others = [role for role in roles if role != given.value]
    if given.source == "agent" and admin.source == "default" and others:
        chosen = next((role for role in others if is_admin_name(role)), others[0])
        choices["admin_role"] = dataclasses.replace(admin, value=chosen)


def _role_duties(inspection: Inspection, roles: list[str]) -> Stated:
    """``admin_role`` and ``default_role`` where the agent's prose says them, unless that would be unsafe.

    A role named like admin administers whatever a sentence grants others ("only users can see
    their orders" names no administrator), and one a sentence grants ("only admins may delete") is
    the agent's choice; an ordinary-sounding role never administers, an admin-sounding one is never
    given to every sign-up, and a role given both is no administrator.
    """
    duties: Stated = {
        duty: (role.replace("-", "_"), evidence) for duty, (role, evidence) in inspection.role_duties.items()
    }
    named_admin = any(is_admin_name(role) for role in roles)
    if "admin_role" in duties:
        keeper = duties["admin_role"][0]
        if (named_admin and not is_admin_name(keeper)) or PLAIN_ROLE.search(keeper):
            del duties["admin_role"]
    if "default_role" in duties and is_admin_name(duties["default_role"][0]):
        del duties["default_role"]
    if len({role for role, _ in duties.values()}) < len(duties):
        del duties["admin_role"]  # "only members may post; new users are members"
    return duties


def _folders(dirs: list[str], evidence: list[Evidence]) -> Stated:
    """The folder answers (routes, models, schemas, db) the agent's folders imply, each with its line."""
    by_dir = dict(zip(dirs, evidence, strict=False))
    named = set(dirs)
    found: Stated = {}
    routes = next((d for d in ROUTE_DIRS if d in named), None)
    if routes:
        found["routes_dir"] = (routes, by_dir.get(routes))
    models = next((d for d in ("db/models", "models") if d in named), None)
    if models:
        found["models_dir"] = (models, by_dir.get(models))
    if {"schemas/request", "schemas/response"} <= named:
        found["schemas_dir"] = ("schemas/split", by_dir.get("schemas/request"))
    elif "schemas" in named:
        found["schemas_dir"] = ("schemas", by_dir.get("schemas"))
    if "db" in named and models != "db/models":
        found["db_module"] = ("db/session", by_dir.get("db"))
    return found


def _answer_folders(dirs: list[str]) -> dict[str, tuple[str, ...]]:
    """The folders behind each folder answer the agent's folders imply (``routes_dir``: ``api/routes``)."""
    found = _folders(dirs, [])
    folders: dict[str, tuple[str, ...]] = {
        name: (str(value),) for name, (value, _) in found.items() if name in ("routes_dir", "models_dir")
    }
    if "schemas_dir" in found:
        split = found["schemas_dir"][0] == "schemas/split"
        folders["schemas_dir"] = ("schemas/request", "schemas/response") if split else ("schemas",)
    if "db_module" in found:
        folders["db_module"] = ("db",)
    return folders


def _modules(modules: Mapping[str, Evidence], root_folders: Mapping[str, Evidence], *, folders: list[str]) -> Stated:
    """The module answers the files and folders the agent names imply, each with its line.

    A module whose path is also a folder the agent names (``db`` beside ``db/``) says nothing sure.
    """
    found: Stated = {}
    for module, evidence in modules.items():
        folder, _, name = module.rpartition("/")
        if module in folders:
            continue
        if "db_module" not in found and name in DB_MODULE_NAMES and folder in DB_MODULE_FOLDERS:
            found["db_module"] = (module, evidence)
        if "deps_module" not in found and name in DEPS_MODULE_NAMES and module.count("/") <= 1:
            found["deps_module"] = (module, evidence)
    migrations = next((f for f in root_folders if f in MIGRATIONS_FOLDERS), None)
    if migrations:
        found["migrations_dir"] = (migrations, root_folders[migrations])
    return found


def _set_that_collides(choices: dict[str, Choice], choice: Choice, message: str) -> Choice | None:
    """The ``--set`` answer an agent's value collides with: the value is fine, the override is not."""
    match = _COLLIDES.search(message)
    other = choices.get(match.group(1)) if match else None
    if choice.source == "agent" and other is not None and other.source == "--set":
        return other
    return None


_COLLIDES = re.compile(r"collides with (\w+) \(")


def _coerce(name: str, raw: str) -> tuple[Any, Problem | None]:
    """A ``--set`` string as the answer's type, or the problem with it."""
    annotation = Answers.model_fields[name].annotation
    if annotation is bool:
        lowered = raw.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0", "on", "off"):
            return raw, Problem(field=name, message="expected yes or no (or true, false)", value=raw, source="--set")
        return lowered in ("true", "yes", "1", "on"), None
    if name in ("auth", "roles", "integrations", "deploy"):
        return tuple(part.strip() for part in raw.split(",") if part.strip()), None
    if annotation is int:
        if not raw.strip().isdigit():
            return raw, Problem(field=name, message="expected a whole number", value=raw, source="--set")
        return int(raw), None
    return raw, None


def _validate(inspection: Inspection, choices: dict[str, Choice], problems: list[Problem]) -> Answers:
    """The answers, or ``InvalidAnswersError`` with ``problems`` and every field Answers refuses."""
    known = {p.field for p in problems}
    values = {name: choice.value for name, choice in choices.items() if name not in known}
    try:
        answers = Answers(**values)
    except ValidationError as exc:
        problems.extend(_problem(inspection, choices, name, message) for name, message in problems_of(exc))
    if problems:
        order = {name: index for index, name in enumerate(FIELDS)}
        raise InvalidAnswersError(tuple(sorted(problems, key=lambda p: order.get(p.field, -1))))
    return answers


def _problem(inspection: Inspection, choices: dict[str, Choice], name: str, message: str) -> Problem:
    choice = choices.get(name)
    if choice is None:
        return Problem(field=name, message=message)
    blamed = _set_that_collides(choices, choice, message)
    if blamed is not None:
        where = f" on {choice.evidence.place}" if choice.evidence is not None else ""
        why = f"collides with {name} ({show(choice.value)!r}), which the agent states{where}"
        return Problem(field=blamed.field, message=why, value=blamed.value, source="--set")
    if name == "project_name" and choice.source == "default":
        message += "; it is the destination folder's name: choose another with --set project_name=..."
    line = choice.evidence.line if choice.evidence is not None else None
    path = inspection.source if choice.source == "agent" else None
    return Problem(field=name, message=message, value=choice.value, source=choice.source, path=path, line=line)
