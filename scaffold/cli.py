"""The ``scaffold`` command line. The only module that prints or exits."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaffold import __version__
from scaffold.errors import InvalidValueError, ScaffoldError

if TYPE_CHECKING:
    from scaffold.answers import Plan
    from scaffold.render import Rendered

app = typer.Typer(
    name="scaffold",
    help="Start and keep FastAPI backends that follow your agent definitions.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    add_completion=False,
)

AgentOption = Annotated[
    str,
    typer.Option(
        "--agent",
        "-a",
        help="Agent file path, or a name looked up in ./.claude/agents, ~/.claude/agents, then the bundled agents.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scaffold {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Start and keep FastAPI backends that follow your agent definitions."""


def _fail(exc: ScaffoldError) -> typer.Exit:
    for line in str(exc).splitlines():
        typer.secho(f"error: {line}", fg="red", err=True)
    return typer.Exit(exc.exit_code)


@app.command()
def agents(json_output: JsonOption = False) -> None:
    """List every agent found: where, its format and what it is for."""
    from scaffold.discovery import discover
    from scaffold.report import agent_rows, aligned

    found = list(discover())
    if json_output:
        typer.echo(json.dumps(agent_rows(found), indent=2))
        return
    if not found:
        typer.echo("No agent files found in ./.claude/agents, ~/.claude/agents or the bundled agents.")
        return
    for line in aligned(agent_rows(found), width=max(shutil.get_terminal_size().columns, 100)):
        typer.echo(line)


@app.command()
def inspect(agent: AgentOption, json_output: JsonOption = False) -> None:
    """Show the conventions an agent states, each with the line it came from."""
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions
    from scaffold.report import convention_lines, warning_lines

    try:
        inspection = extract_conventions(resolve_agent(agent))
    except ScaffoldError as exc:
        raise _fail(exc) from None
    if json_output:
        typer.echo(json.dumps(inspection.to_json_dict(), indent=2))
        return
    conventions = inspection.conventions
    typer.secho(f"{conventions.name}  ({conventions.format}: {inspection.source})", bold=True)
    for line in convention_lines(inspection, width=max(shutil.get_terminal_size().columns, 100)):
        typer.echo(line)
    for line in warning_lines(inspection):
        typer.secho(f"warning: {line}", fg="yellow")


@app.command()
def new(
    destination: Annotated[Path, typer.Argument(help="Folder to create the project in (its name names the project).")],
    agent: AgentOption,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override one answer, as field=value (repeatable), e.g. --set port=8080."),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask every question, with the agent's values as defaults.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Render into a folder that is not empty.")] = False,
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not make the project a git repository.")] = False,
    template: Annotated[
        str | None, typer.Option("--template", help="A fork of the template (path or git URL) with the same questions.")
    ] = None,
) -> None:
    """Create a FastAPI project that follows the agent's conventions."""
    from scaffold.answers import plan_answers
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions
    from scaffold.render import render_project

    try:
        if interactive and not sys.stdin.isatty():
            raise InvalidValueError(
                "--interactive needs a terminal to ask its questions; use --set field=value instead"
            )
        loaded = resolve_agent(agent)
        inspection = extract_conventions(loaded)
        overrides = _parse_sets(set_values or [])
        plan = plan_answers(inspection, project_name=destination.resolve().name, overrides=overrides)
        _print_plan(plan, str(inspection.source))
        rendered = render_project(
            plan.answers,
            destination,
            agent=loaded,
            extra_dirs=plan.extra_dirs,
            template=template,
            force=force,
            git=not no_git,
            interactive=interactive,
        )
    except ScaffoldError as exc:
        raise _fail(exc) from None
    _report(rendered, plan, destination, no_git=no_git)


def _report(rendered: Rendered, plan: Plan, destination: Path, *, no_git: bool) -> None:
    from scaffold.environment import how_to_get_python, python_available
    from scaffold.render import next_steps

    if rendered.committed:
        where = "a git repository with one commit"
    elif no_git:
        where = "no git repository (--no-git)"
    else:
        where = "inside an existing git repository: review and commit the changes"
    typer.secho(f"Created {rendered.path} ({where}).", fg="green")
    for name in rendered.overwritten:
        typer.secho(f"  overwrote {name}", fg="yellow")
    if shutil.which("uv") is None:
        typer.secho(
            "warning: the project's commands use uv, which is not installed here: "
            "'pip install uv' or see https://docs.astral.sh/uv/getting-started/installation/",
            fg="yellow",
            err=True,
        )
    version = plan.answers.python_version
    if not python_available(version, cwd=rendered.path / plan.answers.layout_root):
        typer.secho(
            f"warning: the project needs Python {version}, which is not found here: {how_to_get_python(version)}",
            fg="yellow",
            err=True,
        )
    steps = next_steps(rendered.path)
    if steps:
        typer.echo(f"Next steps, as {destination}/README.md says (each from {destination}/):")
        for label, block in zip(("run the service", "run its tests"), steps, strict=False):
            typer.echo(f"  # {label}")
            for line in block.splitlines():
                typer.echo(f"  {line}")


def _parse_sets(items: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidValueError(f"--set {item!r}: expected field=value, e.g. --set port=8080")
        parsed[name.strip()] = value.strip()
    return parsed


def _print_plan(plan: Plan, source: str) -> None:
    from scaffold.report import show

    labels = (("From the agent", "agent"), ("From --set", "--set"), ("Defaults", "default"))
    for label, wanted in labels:
        rows = [c for c in plan.choices if c.source == wanted and (c.value != "" or c.source == "agent")]
        if not rows:
            continue
        typer.secho(f"{label}{f' ({source})' if wanted == 'agent' else ''}:", bold=True)
        for choice in rows:
            where = f"line {choice.evidence.line}: {choice.evidence.text[:60]}" if choice.evidence else ""
            value = show(choice.value) if choice.value != "" else "(none)"
            typer.echo(f"  {choice.field:<18} {value:<14} {where}".rstrip())
    if plan.extra_dirs:
        typer.secho("Folders the agent names, created empty:", bold=True)
        typer.echo("  " + ", ".join(plan.extra_dirs))
    if plan.not_rendered:
        typer.secho("Stated by the agent, not generated by this template yet:", bold=True)
        typer.echo("  " + "; ".join(plan.not_rendered))
