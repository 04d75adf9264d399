"""The command line's application and what every command shares: printing, failing, options, progress."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated, Any

import typer

from scaffold import __version__
from scaffold.errors import InvalidValueError, ScaffoldError

app = typer.Typer(
    name="scaffold",
    help="Start and keep FastAPI backends that follow your agent definitions.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)

AgentOption = Annotated[
    str,
    typer.Option(
        "--agent",
        "-a",
        metavar="NAME|PATH",
        help="Agent file path, or a name looked up in ./.claude/agents, ~/.claude/agents, then the bundled agents.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set", metavar="FIELD=VALUE", help="Override one answer, as field=value (repeatable), e.g. --set port=8080."
    ),
]


def echo(message: str = "", *, err: bool = False) -> None:
    """Print one line, with control characters and lone surrogates escaped (see ``printable``)."""
    secho(message, err=err)


def secho(message: str, *, err: bool = False, **style: Any) -> None:
    """Print one styled line, escaped like ``echo``.

    When the reader has gone (``scaffold new ... | head``), the rest of the output is dropped and the
    command carries on: a project half made because its report had no reader would surprise.
    """
    from scaffold.text import printable

    try:
        typer.secho(printable(message), err=err, **style)
    except BrokenPipeError:
        stream = sys.stderr if err else sys.stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _version(value: bool) -> None:
    if value:
        echo(f"scaffold {__version__}")
        raise typer.Exit()


@app.callback()
@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Start and keep FastAPI backends that follow your agent definitions."""


BUG_EXIT = 70
"""The exit code of a failure that is scaffold's own (EX_SOFTWARE): not drift (1), not bad input (2)."""


class Interrupted(BaseException):
    """Ctrl-C: a ``BaseException`` that Click does not turn into its own ``Aborted!``."""


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # A second Ctrl-C would cut short the cleanup the first one starts (stopping child
    # processes, removing what was made): it is ignored until the command has ended.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted


def run(pending: list[int] | None = None) -> None:
    """Run the command line; an interrupt (now, or ``pending`` from loading it) ends it with one line, code 130.

    Rendering cleans up as the interrupt unwinds it, so the destination is left as it was.
    """
    signal.signal(signal.SIGINT, _interrupt)
    try:
        if pending:
            raise Interrupted
        app(prog_name="scaffold")
    except (Interrupted, KeyboardInterrupt):
        secho("error: interrupted", fg="red", err=True)
        raise SystemExit(130) from None
    except Exception as exc:  # a bug: bad input is a ScaffoldError, answered with one line
        import traceback

        traceback.print_exc()
        secho(
            f"error: scaffold failed ({type(exc).__name__}): a bug; please report it with the lines above",
            fg="red",
            err=True,
        )
        raise SystemExit(BUG_EXIT) from None


def fail(exc: ScaffoldError) -> typer.Exit:
    for line in str(exc).splitlines():
        secho(f"error: {line}", fg="red", err=True)
    return typer.Exit(exc.exit_code)


def parse_sets(items: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidValueError(f"--set {item!r}: expected field=value, e.g. --set port=8080")
        parsed[name.strip()] = value.strip()
    return parsed


@contextmanager
def show_steps(*, spinner: bool) -> Iterator[Callable[[str], None]]:
    """A progress callback: a spinner on stderr at a terminal, else one ``... step`` line per step."""
    if spinner and sys.stdout.isatty() and sys.stderr.isatty():
        from rich.console import Console

        with Console(stderr=True).status("starting") as status:
            yield lambda step: status.update(f"{step}...")
        return
    yield lambda step: echo(f"... {step}", err=True)
