"""What the agent file changed since the project last took its answers: the answers to move, and why.

The project's answers file holds what it was rendered with; the agent file is what the team edits.
An answer moves when the agent now says something else than it said when the answers were last
written (the agent's text at the commit that last changed ``.copier-answers.yml``): the project
still has what the old plan gave, and the new plan gives another value. An answer that differs
from what the agent said then was chosen apart from it (``--set``, a Copier re-answer) and is kept.
Without that history, an answer moves where the agent states a value that differs from it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scaffold.answers import FIELDS, Answers, problems_of
from scaffold.errors import InvalidAnswersError, Problem, ProjectError, ScaffoldError
from scaffold.extraction import extract_conventions
from scaffold.files import ANSWERS_FILE
from scaffold.git import git_bytes, git_text
from scaffold.loader import load_agent
from scaffold.models import Conventions, Evidence, Inspection
from scaffold.planning import Plan, Source, plan_answers
from scaffold.project import Project
from scaffold.text import show

FOLLOWS = {
    "deps_module": ("routes_dir",),
    "worker_module": ("tasks_dir", "task_queue"),
    "admin_role": ("roles",),
    "default_role": ("roles",),
    "auth": ("roles",),
}
"""Answers whose default is computed from others: they follow those when the project kept the default."""
_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One answer: the project's value, the value the agent (or ``--set``) gives, and why."""

    field: str
    old: Any
    new: Any
    why: str
    evidence: Evidence | None = None
    refused: bool = False
    """Kept because the template cannot render the agent's value: there is nothing to follow yet."""


@dataclass(frozen=True)
class Resync:
    """The answers to update with, the ones that move, and the ones kept apart from the agent."""

    answers: dict[str, Any]
    changes: tuple[Change, ...]
    plan: Plan | None = None
    """The agent's plan as it stands now (what ``scaffold new`` would render)."""
    kept: tuple[Change, ...] = ()
    notes: tuple[str, ...] = ()
    """What the changes leave for the team to do (accounts holding a role that goes away)."""


def resync(project: Project, *, overrides: dict[str, str] | None = None) -> Resync:
    """Compare the agent's answers now (and then) with the project's; raise ``InvalidAnswersError`` on bad ones."""
    overrides = dict(overrides or {})
    named = project.answers.get("agent_file")
    if named and project.agent_file is None and "agent_file" not in overrides:
        raise ProjectError(
            f"agent_file names {named!r}, which is not a file in the project; restore it or --set agent_file=",
            path=project.root / ANSWERS_FILE,
        )
    stored = {k: v for k, v in project.answers.items() if k in FIELDS}
    then, refused_then = _plan_then(project)
    now, refused = _plan_keeping(project, overrides=overrides, text=None, keep=refused_then)
    changes: list[Change] = []
    agent_lines = load_agent(project.agent_file).text.splitlines() if refused and project.agent_file else []
    kept = [_kept_over_refused(problem, stored[problem.field], agent_lines) for problem in refused]
    for choice in now.choices:
        old = stored.get(choice.field, _MISSING)
        new = _plain(getattr(now.answers, choice.field))
        unchanged = _plain(old) == new if old is not _MISSING else new in ("", [], False, None)
        if unchanged:
            continue  # a question Copier skipped (admin_role without roles) is stored by no one
        why = _why(choice, old, moved={c.field for c in changes})
        change = Change(choice.field, None if old is _MISSING else old, new, why, choice.evidence)
        if choice.field in overrides or old is _MISSING or _moves(choice, old, then, changes):
            changes.append(change)
        elif choice.source == "agent":
            kept.append(change)
    merged = stored | {c.field: c.new for c in changes}
    _validate(project, merged, changes)
    return Resync(merged, tuple(changes), now, tuple(kept), _notes(changes))


def _notes(changes: list[Change]) -> tuple[str, ...]:
    """What a change leaves for the team to do: accounts holding a role that goes away."""
    roles = next((c for c in changes if c.field == "roles"), None)
    gone = [r for r in (roles.old or []) if r not in (roles.new or [])] if roles is not None else []
    if not gone:
        return ()
    listed = ", ".join(gone)
    return (
        f"the roles {listed} go away: accounts that hold one fail validation until they are given another "
        f"(a data migration, e.g. UPDATE users SET role = ... WHERE role IN (...))",
    )


def _moves(choice: Any, old: Any, then: Plan | None, changes: list[Change]) -> bool:
    """Whether an answer the project holds follows the agent to ``choice``'s value."""
    if then is not None:
        return bool(_plain(getattr(then.answers, choice.field)) == _plain(old))
    if choice.source == "agent":
        return True
    moved = {c.field for c in changes}
    return choice.source == "default" and any(base in moved for base in FOLLOWS.get(choice.field, ()))


def _why(choice: Any, old: Any, *, moved: set[str]) -> str:
    """Why an answer changes: ``--set``, the agent's line, the answers its default follows, or the default."""
    if choice.source == "--set":
        return "--set"
    if old is _MISSING:
        return "a question this template version adds"
    if choice.source == "agent" and choice.evidence is not None:
        return f"line {choice.evidence.line}: {choice.evidence.text.strip()[:60]}"
    bases = [b for b in FOLLOWS.get(choice.field, ()) if b in moved]
    if bases:
        return f"follows {' and '.join(bases)} (its default)"
    return "the agent no longer states it (the default)" if choice.source == "default" else choice.source


def _plain(value: Any) -> Any:
    """A value as the answers file holds it (tuples as lists), for comparing."""
    return list(value) if isinstance(value, tuple | list) else value


def _plan_keeping(
    project: Project, *, overrides: dict[str, str], text: bytes | None, keep: frozenset[Refusal] | None = None
) -> tuple[Plan, list[Problem]]:
    """The plan, keeping the project's answer where the agent states a value the template refuses.

    The project's answer stands over a refused value the agent already stated when the answers
    were last written (``keep``; all of them when ``keep`` is None): it was chosen with ``--set``
    over it, since ``new`` and ``update`` refuse it otherwise. The refusals kept come back with the
    plan; a value the agent states anew, or one with no answer to keep, is raised.
    """
    try:
        return _plan(project, overrides=overrides, text=text), []
    except InvalidAnswersError as exc:
        stored = project.answers
        refused = [
            p
            for p in exc.problems
            if p.source == "agent" and p.field in stored and p.field not in overrides
            and (keep is None or _refusal(p) in keep)
        ]  # fmt: skip
        if not refused or len(refused) < len(exc.problems):
            raise
        kept = {p.field: _as_set(stored[p.field]) for p in refused}
        return _plan(project, overrides=overrides | kept, text=text), refused


Refusal = tuple[str, str]
"""A value the template refused, as (field, value shown)."""


def _refusal(problem: Problem) -> Refusal:
    return problem.field, show(problem.value)


def _as_set(value: Any) -> str:
    """A stored answer as ``--set`` spells it (``jwt,api-key``, ``yes``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return "" if value is None else str(value)


def _kept_over_refused(problem: Problem, old: Any, lines: list[str]) -> Change:
    """The project's answer, kept where the agent's value (on one of ``lines``) is one the template refuses."""
    line = problem.line if problem.line and problem.line <= len(lines) else None
    evidence = Evidence(line=line, text=lines[line - 1]) if line else None
    why = f"line {line}, a value this template cannot render" if line else "a value this template cannot render"
    return Change(problem.field, old, problem.value, why, evidence, refused=True)


def _plan(project: Project, *, overrides: dict[str, str], text: bytes | None) -> Plan:
    """The plan from the agent file (its current text, or ``text``); defaults alone without an agent."""
    name = str(project.answers.get("project_name", project.root.name))
    home = str(project.answers.get("agent_file", ""))
    return plan_answers(_inspect(project, text), project_name=name, agent_file=home, overrides=overrides)


def _inspect(project: Project, text: bytes | None) -> Inspection:
    """The agent's conventions: from its file, from ``text`` (an earlier version), or none without an agent."""
    agent_file = project.agent_file
    if agent_file is None:
        return _empty_agent()
    if text is None:
        return extract_conventions(load_agent(agent_file))
    with tempfile.TemporaryDirectory(prefix="scaffold-agent-") as folder:
        copy = Path(folder) / agent_file.relative_to(project.root)  # the same path: the format depends on it
        copy.parent.mkdir(parents=True, exist_ok=True)  # CLAUDE.md at the root: the folder itself
        copy.write_bytes(text)
        # The project's root is where its answers are: api/AGENTS.md governs api/ in the copy too.
        (Path(folder) / ANSWERS_FILE).touch()
        return extract_conventions(load_agent(copy))


def _plan_then(project: Project) -> tuple[Plan | None, frozenset[Refusal]]:
    """The agent's plan as of the answers file's last commit (None when unknown), and its refusals.

    The refusals are the values that version stated and the template could not render, which the
    project's answers replaced.
    """
    if project.agent_file is None:
        return None, frozenset()
    relative = project.agent_file.relative_to(project.root).as_posix()
    commit = git_text(project.root, "log", "-1", "--format=%H", "--", ANSWERS_FILE, timeout=30).strip()
    text = git_bytes(project.root, "show", f"{commit}:{relative}", timeout=30) if commit else None
    if text is None:
        return None, frozenset()
    try:
        plan, refused = _plan_keeping(project, overrides={}, text=text)
    except ScaffoldError:
        return None, frozenset()
    return plan, frozenset(_refusal(p) for p in refused)


def _empty_agent() -> Inspection:
    """An agent that states nothing: a project without an agent file takes its answers as they are."""
    return Inspection(source=Path(ANSWERS_FILE), conventions=Conventions(name="", format="other"))


def _validate(project: Project, merged: dict[str, Any], changes: list[Change]) -> None:
    """Refuse answers the template cannot take together, naming the agent's line for the ones it moved."""
    try:
        Answers(**merged)
    except ValidationError as exc:
        by_field = {c.field: c for c in changes}
        stored = [(name, message) for name, message in problems_of(exc) if name not in by_field]
        if stored:
            shown = "; ".join(f"{name}: {message}" for name, message in stored)
            raise ProjectError(
                f"holds answers the template refuses: {shown}", path=project.root / ANSWERS_FILE
            ) from None
        problems = []
        for name, message in problems_of(exc):
            change = by_field.get(name)
            line = change.evidence.line if change is not None and change.evidence is not None else None
            source: Source = (
                "agent" if line is not None else ("--set" if change and change.why == "--set" else "default")
            )
            problems.append(
                Problem(
                    field=name,
                    message=message,
                    value=merged.get(name),
                    source=source,
                    path=project.agent_file if line else None,
                    line=line,
                )
            )
        raise InvalidAnswersError(tuple(problems)) from None
