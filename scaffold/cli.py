"""The ``scaffold`` command line. The only module that prints or exits."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffold import __version__
from scaffold.errors import InvalidValueError, ScaffoldError

if TYPE_CHECKING:
    from scaffold.planning import Plan
    from scaffold.project import Project
    from scaffold.render import Rendered
    from scaffold.resync import Resync
    from scaffold.update import Updated

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


def _echo(message: str = "", *, err: bool = False) -> None:
    """Print one line, with control characters and lone surrogates escaped (see ``printable``)."""
    from scaffold.text import printable

    typer.echo(printable(message), err=err)


def _secho(message: str, *, err: bool = False, **style: Any) -> None:
    """Print one styled line, escaped like ``_echo``."""
    from scaffold.text import printable

    typer.secho(printable(message), err=err, **style)


def _version(value: bool) -> None:
    if value:
        _echo(f"scaffold {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Start and keep FastAPI backends that follow your agent definitions."""


class _Interrupted(BaseException):
    """Ctrl-C: a ``BaseException`` that Click does not turn into its own ``Aborted!``."""


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted


def run(pending: list[int] | None = None) -> None:
    """Run the command line; an interrupt (now, or ``pending`` from loading it) ends it with one line, code 130.

    Rendering cleans up as the interrupt unwinds it, so the destination is left as it was.
    """
    signal.signal(signal.SIGINT, _interrupt)
    try:
        if pending:
            raise _Interrupted
        app(prog_name="scaffold")
    except (_Interrupted, KeyboardInterrupt):
        _secho("error: interrupted", fg="red", err=True)
        raise SystemExit(130) from None


def _fail(exc: ScaffoldError) -> typer.Exit:
    for line in str(exc).splitlines():
        _secho(f"error: {line}", fg="red", err=True)
    return typer.Exit(exc.exit_code)


@app.command()
def agents(json_output: JsonOption = False) -> None:
    """List every agent found: where, its format and what it is for."""
    from scaffold.discovery import discover
    from scaffold.report import agent_rows, aligned

    found = list(discover())
    if json_output:
        _echo(json.dumps(agent_rows(found), indent=2))
        return
    if not found:
        _echo("No agent files found in ./.claude/agents, ~/.claude/agents or the bundled agents.")
        return
    for line in aligned(agent_rows(found), width=max(shutil.get_terminal_size().columns, 100)):
        _echo(line)


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
        _echo(json.dumps(inspection.to_json_dict(), indent=2))
        return
    conventions = inspection.conventions
    _secho(f"{conventions.name}  ({conventions.format}: {inspection.source})", bold=True)
    for line in convention_lines(inspection, width=max(shutil.get_terminal_size().columns, 100)):
        _echo(line)
    for line in warning_lines(inspection):
        _secho(f"warning: {line}", fg="yellow")


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
    no_lock: Annotated[
        bool,
        typer.Option(
            "--no-lock",
            help="Do not write the package manager's lock file (also when SCAFFOLD_NO_LOCK=1).",
        ),
    ] = False,
    template: Annotated[
        str | None, typer.Option("--template", help="A fork of the template (path or git URL) with the same questions.")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the plan and the result as one JSON object instead of text.")
    ] = False,
) -> None:
    """Create a FastAPI project that follows the agent's conventions."""
    from scaffold.destination import check_destination
    from scaffold.discovery import resolve_agent
    from scaffold.extraction import extract_conventions
    from scaffold.lock import SKIP_VARIABLE
    from scaffold.planning import plan_answers
    from scaffold.project import agent_home
    from scaffold.render import render_project
    from scaffold.report import new_json

    try:
        _check_modes(interactive=interactive, json_output=json_output)
        check_destination(destination, force=force)
        loaded = resolve_agent(agent)
        inspection = extract_conventions(loaded)
        overrides = _parse_sets(set_values or [])
        plan = plan_answers(
            inspection,
            project_name=destination.resolve().name,
            agent_file=agent_home(loaded.name),
            overrides=overrides,
        )
        if not json_output:
            _print_plan(plan, str(inspection.source))
        with _progress(spinner=not interactive) as progress:
            rendered = render_project(
                plan.answers,
                destination,
                agent=loaded,
                stated_dirs=plan.stated_dirs,
                template=template,
                force=force,
                git=not no_git,
                lock=not (no_lock or os.environ.get(SKIP_VARIABLE, "") not in ("", "0")),
                interactive=interactive,
                progress=progress,
            )
            progress("checking the project's Python")
            warnings = _warnings_unless_interrupted(rendered)
    except ScaffoldError as exc:
        raise _fail(exc) from None
    if json_output:
        _echo(json.dumps(new_json(plan, rendered, warnings), indent=2, default=str))
    else:
        _report(rendered, warnings, destination, no_git=no_git)


@app.command()
def update(
    folder: Annotated[Path, typer.Argument(help="The project's folder (where .copier-answers.yml is).")] = Path("."),
    to: Annotated[
        str | None,
        typer.Option("--to", help="Template version (a tag) to update to; default: the template this scaffold ships."),
    ] = None,
    pretend: Annotated[
        bool, typer.Option("--pretend", help="Show what would change, in a throw-away clone; write nothing.")
    ] = False,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="Change one answer, as field=value (repeatable), e.g. --set port=8080."),
    ] = None,
    no_lock: Annotated[
        bool,
        typer.Option("--no-lock", help="Do not write the lock file again when the dependencies change."),
    ] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="Confirm the template source the project records when it is not this scaffold's (a fork).",
        ),
    ] = None,
) -> None:
    """Re-read the project's agent file and move the project to its answers and the newest template."""
    from scaffold.lock import SKIP_VARIABLE
    from scaffold.project import load_project
    from scaffold.resync import resync
    from scaffold.update import check_updatable, default_version, update_project

    try:
        project = load_project(folder)
        check_updatable(project, template=template)
        found = resync(project, overrides=_parse_sets(set_values or []))
        _print_changes(found, project)
        data = {c.field: c.new for c in found.changes}
        with _progress(spinner=True) as progress:
            updated = update_project(
                project,
                data,
                to=to or default_version(project),
                pretend=pretend,
                lock=not (no_lock or os.environ.get(SKIP_VARIABLE, "") not in ("", "0")),
                progress=progress,
                template=template,
            )
    except ScaffoldError as exc:
        raise _fail(exc) from None
    _report_update(updated, folder)
    if updated.conflicts:
        raise typer.Exit(1)


def _print_changes(found: Resync, project: Project) -> None:
    from scaffold.report import change_lines
    from scaffold.text import show_answer

    heading, *lines = change_lines(found, project)
    _secho(heading, bold=bool(found.changes))
    for line in lines:
        _echo(line)
    for note in found.notes:
        _secho(f"warning: {note}", fg="yellow", err=True)
    for change in found.kept:
        _secho(
            f"  kept {change.field} {show_answer(change.old)}: the agent states {show_answer(change.new)} "
            f"({change.why}); --set {change.field}=... to follow it",
            fg="yellow",
        )


def _report_update(updated: Updated, folder: Path) -> None:
    from scaffold.report import revision_lines

    verb = "Would change" if updated.pretend else "Changed"
    version = f" (template {updated.version})" if updated.version else ""
    if not updated.changed:
        _secho(f"Up to date{version}: nothing {'would change' if updated.pretend else 'changed'}.", fg="green")
    else:
        count = len(updated.changed)
        _secho(f"{verb} {count} file{'s' if count != 1 else ''}{version}:", fg="green")
        for line in updated.changed:
            _echo(f"  {line}")
    for line in revision_lines(updated.revisions):
        _echo(line)
    for problem in updated.revisions.problems if updated.revisions else ():
        _secho(f"warning: {problem}", fg="yellow", err=True)
    for name in updated.links:
        _secho(f"warning: {name} is a symbolic link: the update leaves it as it is", fg="yellow", err=True)
    if updated.conflicts:
        _report_conflicts(updated, folder)
    if updated.lock_problem:
        _secho(f"warning: {updated.lock_problem}", fg="yellow", err=True)
    elif updated.changed and not updated.pretend and not updated.conflicts:
        _echo(f"Review with `git -C {folder} diff`, run the project's tests, then commit.")


def _report_conflicts(updated: Updated, folder: Path) -> None:
    count = len(updated.conflicts)
    files = f"{count} file{'s' if count != 1 else ''}"
    _secho(f"error: {files} conflict with your edits; resolve them, then commit:", fg="red", err=True)
    for name in updated.conflicts:
        _secho(f"  {name}", fg="red", err=True)
    if not updated.pretend:
        _echo(f"To abandon the update instead: git -C {folder} reset --hard && git -C {folder} clean -fd")


@app.command()
def check(
    folder: Annotated[
        Path, typer.Argument(help="The project's folder, holding .copier-answers.yml (default: this folder).")
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
        raise _fail(exc) from None
    if json_output:
        _echo(json.dumps(report.to_json_dict(), indent=2))
    else:
        for line in table_lines(report):
            _echo(line)
    if not report.clean:
        raise typer.Exit(1)


@app.command()
def smoke(
    agents: Annotated[
        list[str] | None,
        typer.Option(
            "--agent",
            "-a",
            help="An agent to smoke: a name, a path, or 'all' bundled agents (repeatable; the default).",
        ),
    ] = None,
    matrix: Annotated[
        bool,
        typer.Option(
            "--matrix", help="Smoke the supported combinations of answers and check the invalid ones are refused."
        ),
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=16, help="Projects smoked at once.")] = 1,
    keep: Annotated[bool, typer.Option("--keep", help="Keep every project's folder, not only failed ones.")] = False,
    report_file: Annotated[
        Path | None, typer.Option("--report", help="Write the results as JSON to this file.")
    ] = None,
    junit_file: Annotated[
        Path | None, typer.Option("--junit", help="Write the results as JUnit XML to this file.")
    ] = None,
    database_url: Annotated[
        str,
        typer.Option(
            envvar="SCAFFOLD_DATABASE_URL", help="A PostgreSQL server: each project gets fresh databases on it."
        ),
    ] = "postgresql://postgres@127.0.0.1:5432/postgres",
    redis_url: Annotated[
        str, typer.Option(envvar="SCAFFOLD_REDIS_URL", help="A Redis database (keys under a prefix per project).")
    ] = "redis://127.0.0.1:6379/15",
    rabbitmq_url: Annotated[
        str, typer.Option(envvar="SCAFFOLD_RABBITMQ_URL", help="A RabbitMQ, for Celery projects that state it.")
    ] = "amqp://guest:guest@127.0.0.1:5672//",
    template: Annotated[
        str | None, typer.Option("--template", help="A fork of the template (path or git URL) to smoke instead.")
    ] = None,
) -> None:
    """Render projects and prove each works: its lint, types, tests, migrations, server, fuzzing, worker.

    Exits 0 when every step passed, 1 when any failed, 2 when nothing could start.
    """
    from scaffold.smoke.reports import failure_lines, table_lines, to_json, to_junit, write
    from scaffold.smoke.runner import run_smoke
    from scaffold.smoke.services import Services
    from scaffold.smoke.targets import ALL, agent_targets, matrix_targets

    try:
        _check_report_files(report_file, junit_file)
        specs = agents or ([] if matrix else [ALL])
        targets = (agent_targets(specs) if specs else []) + (matrix_targets() if matrix else [])
        services = Services(database_url=database_url, redis_url=redis_url, rabbitmq_url=rabbitmq_url)
        with _smoke_progress(len(targets)) as events:
            result = run_smoke(
                targets, services=services, jobs=jobs, keep=keep, template=template, matrix=matrix, events=events
            )
    except ScaffoldError as exc:
        raise _fail(exc) from None
    for line in table_lines(result):
        _echo(line)
    for line in failure_lines(result):
        _secho(line, fg="red", err=True)
    if report_file is not None:
        write(to_json(result), report_file)
    if junit_file is not None:
        write(to_junit(result), junit_file)
    if not result.passed:
        raise typer.Exit(1)


def _check_report_files(*files: Path | None) -> None:
    """Refuse a report path that is a folder before hours of smoke, not after."""
    for file in files:
        if file is not None and file.is_dir():
            raise InvalidValueError(f"{file} is a folder; give a file name for the report")


@contextmanager
def _smoke_progress(total: int) -> Iterator[Callable[[str, str, Any], None]]:
    """Live progress of a smoke run on stderr: a rich display at a terminal, else one line per step."""
    import threading

    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, transient=True) as progress:
            tasks: dict[str, Any] = {}

            def show(project: str, step: str, result: Any) -> None:
                if project not in tasks:
                    tasks[project] = progress.add_task(project, total=None)
                state = "running" if result is None else result.status
                progress.update(tasks[project], description=f"{project}: {step} ({state})")

            yield show
        return
    lock = threading.Lock()

    def line(project: str, step: str, result: Any) -> None:
        if result is not None:
            with lock:
                _echo(f"[{project}] {step}: {result.status} ({result.seconds:.1f} s)", err=True)

    yield line


def _check_modes(*, interactive: bool, json_output: bool) -> None:
    if interactive and json_output:
        raise InvalidValueError("--interactive asks its questions on stdout, which --json keeps for JSON; use one")
    if interactive and not sys.stdin.isatty():
        raise InvalidValueError("--interactive needs a terminal to ask its questions; use --set field=value instead")


@contextmanager
def _progress(*, spinner: bool) -> Iterator[Callable[[str], None]]:
    """A progress callback: a spinner on stderr at a terminal, else one ``... step`` line per step."""
    if spinner and sys.stdout.isatty() and sys.stderr.isatty():
        from rich.console import Console

        with Console(stderr=True).status("starting") as status:
            yield lambda step: status.update(f"{step}...")
        return
    yield lambda step: _echo(f"... {step}", err=True)


def _warnings_unless_interrupted(rendered: Rendered) -> list[str]:
    """The checks after rendering; an interrupt there stops them, not the report of what was made."""
    try:
        return _warnings(rendered)
    except (_Interrupted, KeyboardInterrupt):
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

    _secho(f"Created {rendered.path} ({git_state(rendered, no_git=no_git)}).", fg="green")
    for name in rendered.overwritten:
        _secho(f"  overwrote {name}", fg="yellow")
    for name in rendered.kept:
        _echo(f"  kept your {name} (the template never replaces it)")
    if rendered.packages:
        _echo(f"  added empty packages for folders the agent names: {', '.join(rendered.packages)}")
    for line in warnings:
        _secho(f"warning: {line}", fg="yellow", err=True)
    steps = next_steps(rendered.path)
    if steps:
        _echo(f"Next steps, as {destination}/README.md says:")
        for label, block in zip(STEP_LABELS, steps, strict=False):
            _echo(f"  # {label}")
            for line in from_anywhere(block, rendered.path):
                _echo(f"  {line}")


def _parse_sets(items: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidValueError(f"--set {item!r}: expected field=value, e.g. --set port=8080")
        parsed[name.strip()] = value.strip()
    return parsed


def _print_plan(plan: Plan, source: str) -> None:
    from scaffold.report import plan_sections

    for heading, lines in plan_sections(plan, source):
        _secho(heading, bold=True)
        for line in lines:
            _echo(line)
    if not any(c.source == "agent" for c in plan.choices) and not plan.not_rendered:
        _secho(
            f"warning: {source} states none of the conventions this template uses: every answer is a default",
            fg="yellow",
            err=True,
        )
