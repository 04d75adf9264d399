"""The ``scaffold`` command line. The only module that prints or exits."""

from __future__ import annotations

import json
import shutil
from typing import Annotated

import typer

from scaffold import __version__
from scaffold.errors import ScaffoldError

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
    typer.secho(f"error: {exc}", fg="red", err=True)
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
