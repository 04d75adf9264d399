"""Making projects: list the agents, inspect one, render a project from it (``agents``, ``inspect``, ``new``)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaffold.cli._app import AgentOption, Interrupted, JsonOption, SetOption, echo, fail, parse_sets, secho, show_steps
from scaffold.errors import InvalidValueError, ScaffoldError

if TYPE_CHECKING:
    from scaffold.planning import Plan
    from scaffold.render import Rendered


def agents(json_output: JsonOption = False) -> None:
    """List every agent found: where, its format and what it is for."""
    from scaffold.discovery import discover
    from scaffold.report import agent_rows, aligned

    found = list(discover())
    if json_output:
        echo(json.dumps(agent_rows(found), indent=2))
        return
    if not found:
        echo("No agent files found in ./.claude/agents, ~/.claude/agents or the bundled agents.")
        return
    for line in aligned(agent_rows(found), width=max(shutil.get_terminal_size().columns, 100)):
        echo(line)


def inspect(agent: AgentOption, json_output: JsonOption = False) -> None:
    """Show the conventions an agent states, each with the line it came from."""
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions

    try:
        inspection = extract_conventions(resolve_agent(agent))
    except ScaffoldError as exc:
        raise fail(exc) from None
    if json_output:
        echo(json.dumps(inspection.to_json_dict(), indent=2))
        return
    from scaffold.report import convention_lines, warning_lines  # the text view only

    conventions = inspection.conventions
    secho(f"{conventions.name}  ({conventions.format}: {inspection.source})", bold=True)
    for line in convention_lines(inspection, width=max(shutil.get_terminal_size().columns, 100)):
        echo(line)
    for line in warning_lines(inspection):
        secho(f"warning: {line}", fg="yellow")


def new(
    destination: Annotated[
        Path, typer.Argument(metavar="DEST", help="Folder to create the project in (its name names the project).")
    ],
    agent: AgentOption,
    set_values: SetOption = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask every question, with the agent's values as defaults.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Render into a folder that is not empty.")] = False,
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not make the project a git repository.")] = False,
    no_lock: Annotated[
        bool,
        typer.Option(
            "--no-lock",
            help="Do not write the package manager's lock file (also when SCAFFOLD_NO_LOCK=1).",
        ),
    ] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="PATH|URL", help="A fork of the template (path or git URL) with the same questions."
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the plan and the result as one JSON object instead of text.")
    ] = False,
    accept_weak: Annotated[
        bool,
        typer.Option(
            "--accept-weak",
            help="Also use the values the plan marks weak (one code example, a close call); --interactive asks.",
        ),
    ] = False,
) -> None:
    """Create a FastAPI project that follows the agent's conventions."""
    from scaffold.destination import check_destination
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions
    from scaffold.lock import lock_skipped
    from scaffold.planning import governed_folder, plan_answers
    from scaffold.project import agent_home
    from scaffold.render import render_project
    from scaffold.report import new_json

    try:
        _check_modes(interactive=interactive, json_output=json_output)
        check_destination(destination, force=force)
        loaded = resolve_agent(agent)
        inspection = extract_conventions(loaded)
        overrides = parse_sets(set_values or [])
        governs = governed_folder(inspection, overrides)
        plan = plan_answers(
            inspection,
            project_name=destination.resolve().name,
            agent_file=agent_home(loaded.name, loaded.path.name, governs=governs),
            overrides=overrides,
            accept_weak=accept_weak or interactive,
        )
        if not json_output:
            _print_plan(plan, str(inspection.source))
        with show_steps(spinner=not interactive) as progress:
            rendered = render_project(
                plan.answers,
                destination,
                agent=loaded,
                stated_dirs=plan.stated_dirs,
                template=template,
                force=force,
                git=not no_git,
                lock=not (no_lock or lock_skipped()),
                interactive=interactive,
                progress=progress,
            )
            progress("checking the project's Python")
            warnings = _warnings_unless_interrupted(rendered)
    except ScaffoldError as exc:
        raise fail(exc) from None
    if json_output:
        echo(json.dumps(new_json(plan, rendered, warnings), indent=2, default=str))
    else:
        _report(rendered, warnings, destination, no_git=no_git)


def _check_modes(*, interactive: bool, json_output: bool) -> None:
    if interactive and json_output:
        raise InvalidValueError("--interactive asks its questions on stdout, which --json keeps for JSON; use one")
    if interactive and not sys.stdin.isatty():
        raise InvalidValueError("--interactive needs a terminal to ask its questions; use --set field=value instead")


def _warnings_unless_interrupted(rendered: Rendered) -> list[str]:
    """The checks after rendering; an interrupt there stops them, not the report of what was made."""
    try:
        return _warnings(rendered)
    except (Interrupted, KeyboardInterrupt):
        return ["interrupted while checking the project's Python; the project was created"]


def _warnings(rendered: Rendered) -> list[str]:
    """What keeps the next steps from working: no lock file, no package manager, no Python."""
    from scaffold.environment import how_to_get_python, python_available, tool_warning

    manager = str(rendered.answers.get("package_manager", "uv"))
    found = [w for w in (rendered.lock_problem, tool_warning(manager)) if w]
    version = str(rendered.answers.get("python_version", ""))
    if version and not python_available(version, cwd=rendered.path / str(rendered.answers.get("layout_root", "."))):
        found.append(f"the project needs Python {version}, which is not found here: {how_to_get_python(version)}")
    return found


def _report(rendered: Rendered, warnings: list[str], destination: Path, *, no_git: bool) -> None:
    from scaffold.render import next_steps
    from scaffold.report import STEP_LABELS, from_anywhere, git_state

    secho(f"Created {rendered.path} ({git_state(rendered, no_git=no_git)}).", fg="green")
    for name in rendered.overwritten:
        secho(f"  overwrote {name}", fg="yellow")
    for name in rendered.kept:
        echo(f"  kept your {name} (the template never replaces it)")
    if rendered.packages:
        echo(f"  added empty packages for folders the agent names: {', '.join(rendered.packages)}")
    for line in warnings:
        secho(f"warning: {line}", fg="yellow", err=True)
    steps = next_steps(rendered.path)
    if steps:
        echo(f"Next steps, as {destination}/README.md says:")
        for label, block in zip(STEP_LABELS, steps, strict=False):
            echo(f"  # {label}")
            for line in from_anywhere(block, rendered.path):
                echo(f"  {line}")


def _print_plan(plan: Plan, source: str) -> None:
    from scaffold.report import plan_sections
    from scaffold.text import one_line

    source = one_line(source)  # a folder named with a line break stays on the plan's one line
    for heading, lines in plan_sections(plan, source):
        secho(heading, bold=True)
        for line in lines:
            echo(line)
    if not any(c.source == "agent" for c in plan.choices) and not plan.not_rendered:
        secho(
            f"warning: {source} states none of the conventions this template uses: every answer is a default",
            fg="yellow",
            err=True,
        )
