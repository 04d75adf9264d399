"""What a smoke run renders: agents (bundled, named or a file) and the supported combinations of answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.answers import Answers
from scaffold.errors import SmokeError
from scaffold.lock import lock_skipped
from scaffold.models import AgentFile
from scaffold.render import Rendered, render_project
from scaffold.smoke.matrix import COMBINATIONS
from scaffold.text import slugify

ALL = "all"
"""The ``--agent`` value that names every bundled agent."""


@dataclass(frozen=True)
class Target:
    """One project to render: from an agent file, or from a combination of answers."""

    name: str
    """The project's name (its folder's), unique in the run."""
    source: str
    """The agent file's path, or ``combination <name>``."""
    agent: AgentFile | None = None
    answers: tuple[tuple[str, Any], ...] = ()
    """A combination's answers; for an agent, the ``--set`` values that override its plan."""


def agent_targets(specs: list[str], overrides: dict[str, str] | None = None) -> list[Target]:
    """The agents ``specs`` name (``all``, a name looked up as ``scaffold new`` does, or a path).

    ``overrides`` (``--set``) change the answers of every agent's plan, as in ``scaffold new``.
    """
    from scaffold.discovery import bundled_agent_names, resolve_agent
    from scaffold.loader import load_agent
    from scaffold.resources import bundled

    loaded: list[AgentFile] = []
    for spec in specs:
        if spec == ALL:
            loaded += [load_agent(bundled("agents") / f"{name}.md") for name in bundled_agent_names()]
        else:
            loaded.append(resolve_agent(spec))
    sets = tuple(sorted((overrides or {}).items()))
    return _named([(agent.name or agent.path.stem, str(agent.path), agent, sets) for agent in loaded])


def matrix_targets() -> list[Target]:
    """The supported combinations, each rendered under its own name."""
    return [
        Target(name=name, source=f"combination {name}", answers=tuple(sorted(answers.items())))
        for name, answers in COMBINATIONS.items()
    ]


def _named(found: list[tuple[str, str, AgentFile | None, tuple[tuple[str, Any], ...]]]) -> list[Target]:
    """Targets with unique project names: a second ``backend`` becomes ``backend-2``."""
    targets: list[Target] = []
    seen: dict[str, int] = {}
    for stem, source, agent, answers in found:
        if any(t.source == source for t in targets):
            continue  # the same file named twice is smoked once
        base = slugify(stem) or "project"
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base}-{seen[base]}"
        targets.append(Target(name=name, source=source, agent=agent, answers=answers))
    return targets


def check_template(template: str | None) -> None:
    """Refuse a ``--template`` that names no template: empty, or a local path without a copier.yml.

    A git URL (``https://``, ``git@``, ``gh:``) is Copier's to fetch; a failure there fails the render.
    """
    if template is None:
        return
    if not template.strip():
        raise SmokeError("--template needs a path or a git URL")
    if "://" in template or template.startswith(("git@", "gh:", "gl:")):
        return
    folder = Path(template).expanduser()
    if not folder.is_dir():
        raise SmokeError(f"--template {template}: no such folder (a fork of the template, or a git URL)")
    if not any((folder / name).is_file() for name in ("copier.yml", "copier.yaml")):
        raise SmokeError(f"--template {template} is not a Copier template: it has no copier.yml")


def render_target(target: Target, destination: Path, *, template: str | None) -> Rendered:
    """Render ``target`` into ``destination`` as ``scaffold new`` would (no git repository)."""
    lock = not lock_skipped()
    if target.agent is None:
        answers = Answers(project_name=target.name, **dict(target.answers))
        rendered = render_project(answers, destination, agent=None, template=template, git=False, lock=lock)
    else:
        from scaffold.extraction import extract_conventions
        from scaffold.planning import governed_folder, plan_answers
        from scaffold.project import agent_home

        inspection = extract_conventions(target.agent)
        overrides = {name: str(value) for name, value in target.answers}
        governs = governed_folder(inspection, overrides)
        home = agent_home(target.agent.name, target.agent.path.name, governs=governs)
        plan = plan_answers(inspection, project_name=target.name, agent_file=home, overrides=overrides)
        rendered = render_project(
            plan.answers,
            destination,
            agent=target.agent,
            stated_dirs=plan.stated_dirs,
            template=template,
            git=False,
            lock=lock,
        )
    if rendered.lock_problem:
        raise SmokeError(f"the lock file was not written: {rendered.lock_problem}")
    return rendered
