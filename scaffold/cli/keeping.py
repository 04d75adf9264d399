"""Keeping projects: move one to its agent and the newest template, report its drift (``update``, ``check``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaffold.cli._app import SetOption, echo, fail, parse_sets, secho, show_steps
from scaffold.errors import InvalidValueError, ScaffoldError

if TYPE_CHECKING:
    from scaffold.project import Project
    from scaffold.resync import Resync
    from scaffold.update import Updated


def update(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The project's folder (where .copier-answers.yml is).")
    ] = Path("."),
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="VERSION",
            help="Template version (a tag) to update to; default: the template this scaffold ships.",
        ),
    ] = None,
    pretend: Annotated[
        bool, typer.Option("--pretend", help="Show what would change, in a throw-away clone; write nothing.")
    ] = False,
    set_values: SetOption = None,
    no_lock: Annotated[
        bool,
        typer.Option("--no-lock", help="Do not write the lock file again when the dependencies change."),
    ] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="SOURCE",
            help="Confirm the template source the project records when it is not this scaffold's (a fork).",
        ),
    ] = None,
) -> None:
    """Re-read the project's agent file and move the project to its answers and the newest template."""
    from scaffold.lock import lock_skipped
    from scaffold.project import load_project
    from scaffold.resync import resync
    from scaffold.update import check_updatable, default_version, update_project

    try:
        if to is not None and not to.strip():
            message = "--to: expected a version (a tag) or a commit of the template; omit it for the default"
            raise InvalidValueError(message)
        project = load_project(folder)
        check_updatable(project, template=template)
        found = resync(project, overrides=parse_sets(set_values or []))
        _print_changes(found, project)
        data = {c.field: c.new for c in found.changes}
        with show_steps(spinner=True) as progress:
            updated = update_project(
                project,
                data,
                to=to or default_version(project),
                pretend=pretend,
                lock=not (no_lock or lock_skipped()),
                progress=progress,
                template=template,
            )
    except ScaffoldError as exc:
        raise fail(exc) from None
    _report_update(updated, folder)
    if updated.conflicts:
        raise typer.Exit(1)


def _print_changes(found: Resync, project: Project) -> None:
    from scaffold.report import change_lines
    from scaffold.text import show_answer

    heading, *lines = change_lines(found, project)
    secho(heading, bold=bool(found.changes))
    for line in lines:
        echo(line)
    for note in found.notes:
        secho(f"warning: {note}", fg="yellow", err=True)
    for change in found.kept:
        follow = "" if change.refused else f"; --set {change.field}=... to follow it"
        secho(
            f"  kept {change.field} {show_answer(change.old)}: the agent states {show_answer(change.new)} "
            f"({change.why}){follow}",
            fg="yellow",
        )


def _report_update(updated: Updated, folder: Path) -> None:
    from scaffold.report import revision_lines

    verb = "Would change" if updated.pretend else "Changed"
    version = f" (template {updated.version})" if updated.version else ""
    if not updated.changed:
        secho(f"Up to date{version}: nothing {'would change' if updated.pretend else 'changed'}.", fg="green")
    else:
        count = len(updated.changed)
        secho(f"{verb} {count} file{'s' if count != 1 else ''}{version}:", fg="green")
        for line in updated.changed:
            echo(f"  {line}")
    for line in revision_lines(updated.revisions):
        echo(line)
    for problem in updated.revisions.problems if updated.revisions else ():
        secho(f"warning: {problem}", fg="yellow", err=True)
    for name in updated.links:
        secho(f"warning: {name} is a symbolic link: the update leaves it as it is", fg="yellow", err=True)
    if updated.conflicts:
        _report_conflicts(updated, folder)
    if updated.lock_problem:
        secho(f"warning: {updated.lock_problem}", fg="yellow", err=True)
    elif updated.changed and not updated.pretend and not updated.conflicts:
        echo(f"Review with `git -C {folder} diff`, run the project's tests, then commit.")


def _report_conflicts(updated: Updated, folder: Path) -> None:
    count = len(updated.conflicts)
    files = f"{count} file{'s' if count != 1 else ''}"
    secho(f"error: {files} conflict with your edits; resolve them, then commit:", fg="red", err=True)
    for name in updated.conflicts:
        secho(f"  {name}", fg="red", err=True)
    if not updated.pretend:
        echo(f"To abandon the update instead: git -C {folder} reset --hard && git -C {folder} clean -fd")


def check(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The project's folder, holding .copier-answers.yml (default: this folder)."),
    ] = Path("."),
    json_output: Annotated[
        bool, typer.Option("--json", help='Print {"clean": ..., "findings": [...]} instead of a table.')
    ] = False,
) -> None:
    """Report drift: the agent, the config or the folders disagreeing with the answers, or layers crossed.

    Exits 0 when the project is clean, 1 when anything drifted, 2 when it cannot be read.
    """
    from scaffold.drift import check_project, table_lines

    try:
        report = check_project(folder)
    except ScaffoldError as exc:
        raise fail(exc) from None
    if json_output:
        echo(json.dumps(report.to_json_dict(), indent=2))
    else:
        for line in table_lines(report):
            echo(line)
    if not report.clean:
        raise typer.Exit(1)
