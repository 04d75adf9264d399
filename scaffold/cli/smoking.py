"""Smoke builds: render projects and run their checks, with live progress and reports (``smoke``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffold.cli._app import SetOption, echo, fail, parse_sets, secho
from scaffold.errors import ScaffoldError

if TYPE_CHECKING:
    from scaffold.smoke.results import StepResult
    from scaffold.smoke.runner import Events


def smoke(
    agents: Annotated[
        list[str] | None,
        typer.Option(
            "--agent",
            "-a",
            metavar="NAME|PATH|all",
            help="An agent to smoke: a name, a path, or 'all' bundled agents (repeatable; the default).",
        ),
    ] = None,
    matrix: Annotated[
        bool,
        typer.Option(
            "--matrix", help="Smoke the supported combinations of answers and check the invalid ones are refused."
        ),
    ] = False,
    set_values: SetOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=1, max=16, help="Projects smoked at once.")] = 1,
    keep: Annotated[bool, typer.Option("--keep", help="Keep every project's folder, not only failed ones.")] = False,
    report_file: Annotated[
        Path | None, typer.Option("--report", metavar="FILE", help="Write the results as JSON to this file.")
    ] = None,
    junit_file: Annotated[
        Path | None, typer.Option("--junit", metavar="FILE", help="Write the results as JUnit XML to this file.")
    ] = None,
    database_url: Annotated[
        str,
        typer.Option(
            envvar="SCAFFOLD_DATABASE_URL",
            metavar="URL",
            help="A PostgreSQL server: each project gets fresh databases on it.",
        ),
    ] = "postgresql://postgres@127.0.0.1:5432/postgres",
    redis_url: Annotated[
        str,
        typer.Option(
            envvar="SCAFFOLD_REDIS_URL", metavar="URL", help="A Redis database (keys under a prefix per project)."
        ),
    ] = "redis://127.0.0.1:6379/15",
    rabbitmq_url: Annotated[
        str,
        typer.Option(
            envvar="SCAFFOLD_RABBITMQ_URL", metavar="URL", help="A RabbitMQ, for Celery projects that state it."
        ),
    ] = "amqp://guest:guest@127.0.0.1:5672//",
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="PATH|URL", help="A fork of the template (path or git URL) to smoke instead."
        ),
    ] = None,
) -> None:
    """Render projects and prove each works: its lint, types, tests, migrations, server, fuzzing, worker.

    Exits 0 when every step passed, 1 when any failed, 2 when nothing could start.
    """
    from scaffold.planning import check_sets
    from scaffold.smoke.reports import check_report_files, failure_lines, table_lines, to_json, to_junit, write
    from scaffold.smoke.runner import run_smoke
    from scaffold.smoke.services import Services, check_urls
    from scaffold.smoke.targets import ALL, agent_targets, check_template, matrix_targets

    try:
        check_report_files({"--report": report_file, "--junit": junit_file})
        services = Services(database_url=database_url, redis_url=redis_url, rabbitmq_url=rabbitmq_url)
        check_urls(services)
        check_template(template)
        specs = agents or ([] if matrix else [ALL])
        overrides = parse_sets(set_values or [])
        check_sets(overrides)
        targets = agent_targets(specs, overrides) + (matrix_targets() if matrix else [])
        with _smoke_progress() as events:
            result = run_smoke(
                targets, services=services, jobs=jobs, keep=keep, template=template, matrix=matrix, events=events
            )
    except ScaffoldError as exc:
        raise fail(exc) from None
    for line in table_lines(result):
        echo(line)
    for line in failure_lines(result):
        secho(line, fg="red", err=True)
    try:
        if report_file is not None:
            write(to_json(result), report_file)
        if junit_file is not None:
            write(to_junit(result), junit_file)
    except ScaffoldError as exc:
        raise fail(exc) from None
    if not result.passed:
        raise typer.Exit(1)


@contextmanager
def _smoke_progress() -> Iterator[Events]:
    """Live progress of a smoke run on stderr: a rich display at a terminal, else one line per step."""
    import threading

    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, transient=True) as progress:
            tasks: dict[str, Any] = {}

            def show(project: str, step: str, result: StepResult | None) -> None:
                if project not in tasks:
                    tasks[project] = progress.add_task(project, total=None)
                state = "running" if result is None else result.status
                progress.update(tasks[project], description=f"{project}: {step} ({state})")

            yield show
        return
    lock = threading.Lock()

    def line(project: str, step: str, result: StepResult | None) -> None:
        if result is not None:
            with lock:
                echo(f"[{project}] {step}: {result.status} ({result.seconds:.1f} s)", err=True)

    yield line
