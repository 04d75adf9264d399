"""The ``scaffold`` command line. The only module that prints or exits."""

from __future__ import annotations

import json
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
    from scaffold.report import agent_rows

    found = list(discover())
    if json_output:
        payload = [
            {"name": n, "where": w.split(": ", 1)[0], "path": w.split(": ", 1)[1], "format": f, "description": d}
            for n, w, f, d in agent_rows(found)
        ]
        typer.echo(json.dumps(payload, indent=2))
        return
    if not found:
        typer.echo("No agent files found in ./.claude/agents, ~/.claude/agents or the bundled agents.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "where", "format", "description", box=None, pad_edge=False)
    for row in agent_rows(found):
        table.add_row(*row)
    Console(soft_wrap=False).print(table)


@app.command()
def inspect(agent: AgentOption, json_output: JsonOption = False) -> None:
    """Show the conventions an agent states, each with the line it came from."""
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions
    from scaffold.report import convention_rows, warning_lines

    try:
        inspection = extract_conventions(resolve_agent(agent))
    except ScaffoldError as exc:
        raise _fail(exc) from None
    if json_output:
        typer.echo(json.dumps(inspection.to_json_dict(), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    conventions = inspection.conventions
    console.print(f"[bold]{conventions.name}[/bold]  ({conventions.format}, {inspection.source})")
    table = Table("field", "value", "evidence", show_lines=False)
    for field, value, evidence in convention_rows(inspection):
        table.add_row(field, value, evidence, style=None if value != "-" else "dim")
    console.print(table)
    for line in warning_lines(inspection):
        console.print(f"[yellow]warning:[/yellow] {line}", highlight=False)
