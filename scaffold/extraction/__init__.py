"""Extract backend conventions, with evidence, from an agent file."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from scaffold.extraction import layout as layout_rules
from scaffold.extraction import paths
from scaffold.extraction.document import Line, read_lines, states_own_project
from scaffold.extraction.endpoints import docs_prefix, shared_prefix
from scaffold.extraction.resolve import Decision, decide_list, decide_minimum, decide_scalar
from scaffold.extraction.roles import find_roles, role_duties
from scaffold.extraction.rules import Hit, scan
from scaffold.extraction.vocabulary import TABLE
from scaffold.models import (
    LIST_FIELDS,
    SCALAR_FIELDS,
    AgentFile,
    Confidence,
    Conventions,
    Evidence,
    Finding,
    Inspection,
)

SQL_ORMS = frozenset({"sqlalchemy", "sqlmodel", "tortoise", "django-orm", "peewee", "piccolo", "ormar"})
LAYOUT_FIELDS = frozenset({"layout_root", "app_package"})
EVIDENCE_PER_FIELD = 3


def extract_conventions(agent: AgentFile) -> Inspection:
    """Read the conventions an agent file states; a field it does not state stays null."""
    lines = read_lines(agent)
    by_field: dict[str, list[Hit]] = defaultdict(list)
    for hit in scan(lines, TABLE):
        by_field[hit.field].append(hit)
    known_only = _beside_the_project(by_field) if states_own_project(lines) else {}
    decisions = _decide(by_field, known_only)
    evidence: dict[str, list[Evidence]] = {}
    warnings: list[Finding] = []
    values: dict[str, Any] = {}
    confidence: dict[str, Confidence] = {}
    for name, decision in decisions.items():
        values[name] = decision.value
        if decision.confidence is not None:
            confidence[name] = decision.confidence
        _record(name, decision.value, [h.line for h in decision.support], evidence)
        if decision.warning:
            lines_of = tuple(sorted({h.line.number for h in by_field.get(name, [])}))
            warnings.append(Finding(field=name, message=decision.warning, lines=lines_of))
    home = paths.home_folder(agent.path)
    decided = _apply_layout(agent, lines, values, evidence, warnings, home)
    _django_migrations(decided.facts, values, evidence, confidence)
    _django_apps(values, evidence)
    _apply_roles(lines, values, evidence, confidence)
    _infer(lines, values, evidence, confidence)
    _apply_endpoints(lines, values, evidence, confidence)
    for name in ("layout_root", "app_package", "dirs"):
        if values[name] not in (None, []):
            confidence[name] = decided.confidence
    conventions = Conventions(name=agent.name, format=agent.format, **values)
    return Inspection(
        source=agent.path,
        conventions=conventions,
        evidence=evidence,
        warnings=warnings,
        modules={name: _evidence(facts[0].line) for name, facts in decided.module_facts.items()},
        root_folders={name: _evidence(facts[0].line) for name, facts in decided.root_folder_facts.items()},
        confidence={name: confidence[name] for name in (*SCALAR_FIELDS, *LIST_FIELDS) if name in confidence},
        home="/".join(home),
        role_duties=_role_duties(lines, values["roles"]),
    )


def _decide(by_field: dict[str, list[Hit]], known_only: dict[str, str]) -> dict[str, Decision]:
    """Each field's decision from its hits; a field left empty by setting knowledge aside says so."""
    decisions: dict[str, Decision] = {}
    for name in SCALAR_FIELDS:
        if name in LAYOUT_FIELDS:
            continue
        decide = decide_minimum if name == "python_version" else decide_scalar
        decisions[name] = decide(name, by_field.get(name, []))
    for name in ("auth", "deploy", "integrations"):
        decisions[name] = decide_list(name, by_field.get(name, []))
    for name, decision in decisions.items():
        if decision.value in (None, []) and not decision.warning and name in known_only:
            decisions[name] = Decision(warning=known_only[name])
    return decisions


def _beside_the_project(by_field: dict[str, list[Hit]]) -> dict[str, str]:
    """Set aside what the assistant knows, in a file that states its project; say where that left a field empty.

    A persona ("You are a senior FastAPI developer ... Database integration: SQLAlchemy, Alembic")
    is often kept beside a section on the project itself ("This project uses Oracle, no Alembic"):
    the project's choices are those the file states, not the persona's repertoire.
    """
    warnings: dict[str, str] = {}
    for name, hits in by_field.items():
        kept = [hit for hit in hits if not hit.line.capability]
        if len(kept) < len(hits):
            by_field[name] = kept
            warnings[name] = f"{name}: named only in what the assistant knows, not among the project's choices"
    return warnings


def _role_duties(lines: Sequence[Line], roles: list[str]) -> dict[str, tuple[str, Evidence]]:
    """Which of the stated ``roles`` keeps rights and which new accounts get, where the file says."""
    named = {role.lower(): role for role in roles}
    return {duty: (named[name], _evidence(line)) for duty, (name, line) in role_duties(lines).items() if name in named}


def _apply_layout(
    agent: AgentFile,
    lines: Sequence[Line],
    values: dict[str, Any],
    evidence: dict[str, list[Evidence]],
    warnings: list[Finding],
    home: tuple[str, ...],
) -> layout_rules.Layout:
    glob_list = [glob for key in ("globs", "applyTo") for glob in _globs(agent.meta.get(key))]
    decided = layout_rules.decide(paths.collect(lines, globs=glob_list, home=home))
    values["layout_root"] = decided.layout_root
    values["app_package"] = decided.app_package
    values["dirs"] = decided.dirs
    _record("layout_root", decided.layout_root, [f.line for f in decided.root_facts], evidence)
    _record("app_package", decided.app_package, [f.line for f in decided.package_facts], evidence)
    # One line per folder, in the order of ``dirs``, so each folder's own line can be quoted.
    evidence["dirs"] = [_evidence(facts[0].line) for facts in decided.dir_facts.values()]
    warnings.extend(Finding(field="layout_root", message=message) for message in decided.conflicts)
    return decided


def _django_migrations(
    facts: Sequence[paths.PathFact],
    values: dict[str, Any],
    evidence: dict[str, list[Evidence]],
    confidence: dict[str, Confidence],
) -> None:
    """Django's own migrations where a Django file shows a ``migrations/`` folder and names no tool."""
    if values.get("framework") != "django" or values.get("migrations") is not None:
        return
    shown = [
        f for f in facts if f.source in ("tree", "path") and "migrations" in (f.parts if f.is_dir else f.parts[:-1])
    ]
    if shown:
        values["migrations"], confidence["migrations"] = "django", "inferred"
        _record("migrations", "django", [shown[0].line], evidence)


def _django_apps(values: dict[str, Any], evidence: dict[str, list[Evidence]]) -> None:
    """No app package in a Django file that puts no module folders under the folder it names.

    A Django project keeps its code in several apps, each a folder beside the others: one app
    named with nothing beneath it (``core/db_routers.py``, ``black taxan``) is one of them, not
    the package that holds the project's modules.
    """
    if values.get("framework") == "django" and values.get("app_package") and not values.get("dirs"):
        values["app_package"] = None
        evidence.pop("app_package", None)


def _apply_roles(
    lines: Sequence[Line],
    values: dict[str, Any],
    evidence: dict[str, list[Evidence]],
    confidence: dict[str, Confidence],
) -> None:
    found = find_roles(lines)
    roles = list(dict.fromkeys(name for names, _ in found for name in names))
    values["roles"] = roles
    _record("roles", roles, [line for _, line in found], evidence)
    if not roles:
        return
    # Roles shown only in a code example (an enum, a Literal) may be an illustration, unless the
    # file states role-based access in words.
    shown_only = all(line.code for _, line in found)
    rbac_stated = values.get("rbac") is True and confidence.get("rbac") == "stated"
    confidence["roles"] = ("inferred" if rbac_stated else "weak") if shown_only else "stated"
    if values.get("rbac") is None:
        values["rbac"] = True
        confidence["rbac"] = "weak" if shown_only else "inferred"
        _record("rbac", True, [line for _, line in found], evidence)


_USE_CASES = re.compile(r"use_?cases", re.I)
"""A folder of use cases: the business logic between the routes and the data."""
_API_VERSION_NOTE = re.compile(r"\bv\d+/\s*#\s*API\s+(?:version\s*)?v?\d", re.I)
"""A tree's note on a folder that makes it a version of the API's URLs ("v1/  # API version 1")."""


def _infer(
    lines: Sequence[Line],
    values: dict[str, Any],
    evidence: dict[str, list[Evidence]],
    confidence: dict[str, Confidence],
) -> None:
    """Conclusions a reader draws from what is stated: a services folder means a service layer."""
    if values.get("database") == "mongodb" and values.get("orm") in SQL_ORMS:
        values["database"] = None
        evidence.pop("database", None)
        confidence.pop("database", None)
    dirs: list[str] = values.get("dirs") or []
    inferred: dict[str, tuple[Any, str]] = {}  # each conclusion, and the folder whose line is its evidence
    # A use-case folder (clean architecture's business logic) is a services layer too.
    services = next((d for d in dirs if d.split("/")[0] == "services" or _USE_CASES.fullmatch(d.split("/")[-1])), None)
    if values.get("service_layer") is None and services:
        inferred["service_layer"] = (True, services)
    repositories = next((d for d in dirs if d.split("/")[0] in ("repositories", "crud")), None)
    if values.get("repository_pattern") is None and repositories:
        inferred["repository_pattern"] = (True, repositories)
    # A folder api/v1/ names no URL (blind readers of real files agreed 8 times to 1 that the folder
    # alone states none), unless its note says it is a version of the API ("v1/  # API version 1").
    versioned = next((d for d in dirs if re.match(r"api/v\d+(?:/|$)", d)), None)
    noted = next((line for line in lines if _API_VERSION_NOTE.search(line.text)), None)
    if values.get("api_prefix") is None and versioned and noted is not None:
        inferred["api_prefix"] = ("/" + "/".join(versioned.split("/")[:2]), versioned)
    by_dir = dict(zip(dirs, evidence.get("dirs", []), strict=False))
    for name, (value, folder) in inferred.items():
        values[name] = value
        evidence[name] = [by_dir[folder]] if folder in by_dir else evidence.get("dirs", [])[:1]
        if name == "api_prefix" and noted is not None:
            evidence[name] = [_evidence(noted)]
        confidence[name] = "inferred"


def _apply_endpoints(
    lines: Sequence[Line],
    values: dict[str, Any],
    evidence: dict[str, list[Evidence]],
    confidence: dict[str, Confidence],
) -> None:
    """An API prefix the file never names, from the endpoints it lists or where its docs are served."""
    if values.get("api_prefix") is not None:
        return
    found = shared_prefix(lines) or docs_prefix(lines)
    if found:
        values["api_prefix"], confidence["api_prefix"] = found[0], "inferred"
        _record("api_prefix", found[0], found[1], evidence)


def _globs(value: object) -> list[str]:
    """The file patterns a rule applies to: Cursor's ``globs``, Copilot's ``applyTo`` (a list or commas)."""
    return [g for g in (value if isinstance(value, list) else str(value or "").split(",")) if isinstance(g, str)]


def _record(name: str, value: Any, lines: Sequence[Line], evidence: dict[str, list[Evidence]]) -> None:
    if value in (None, [], ""):
        return
    seen: dict[int, Evidence] = {}
    for line in lines:
        if line.number not in seen:
            seen[line.number] = _evidence(line)
        if len(seen) == EVIDENCE_PER_FIELD:
            break
    evidence[name] = sorted(seen.values(), key=lambda e: e.line)


def _evidence(line: Line) -> Evidence:
    return Evidence(line=line.number, text=" ".join(line.text.split())[:200])
