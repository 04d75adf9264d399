"""Hostile and careless input, as a table: every case ends in one ``error:`` line or a project.

Each case runs the CLI in-process under a 30 s ``signal.alarm`` (a hang fails the case instead of
the run), with a sentinel folder beside DEST whose contents must not change; an uncaught exception
fails the case with its traceback.
Unreadable files: the tests run as root here, where ``chmod 000`` stops nothing, so the unreadable
case uses a folder named like an agent file (plus a ``chmod 000`` case skipped when root).
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold.cli import app

TIMEOUT = 30.0
"""Long enough for a render on a busy shared machine (under a second when quiet); a hang never ends."""
Setup = Callable[[Path], list[str]]
"""Builds a case in its folder (DEST is ``folder/D``, the sentinel ``folder/outside``) and returns the argv."""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


class TimedOut(Exception):
    pass


def alarm(signum: int, frame: object) -> None:
    raise TimedOut(f"took more than {TIMEOUT} s")


def scaffold(folder: Path, *args: str) -> Outcome:
    """Run the CLI in-process (a subprocess costs a second of imports per case) under a ``signal.alarm``."""
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr("scaffold.environment.python_available", lambda version, *, cwd: True)


def frontmatter(*lines: str, body: str = "Use FastAPI.\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return frontmatter("name: bomb", *lines, "top: &top [*a8]", "description: *top")


def agent(text: str, name: str = "agent.md") -> Setup:
    def setup(folder: Path) -> list[str]:
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        return ["inspect", "--agent", f"./{name}"]

    return setup


def agent_in_project_folder(text: str) -> Setup:
    """A bad file in ./.claude/agents, while a good agent is looked up by name."""

    def setup(folder: Path) -> list[str]:
        agents = folder / ".claude" / "agents"
        agents.mkdir(parents=True)
        (agents / "bomb.md").write_text(text)
        return ["inspect", "--agent", "backend-engineer"]

    return setup


def linked(target: str) -> Setup:
    def setup(folder: Path) -> list[str]:
        (folder / "agent.md").symlink_to(target)
        return ["inspect", "--agent", "./agent.md"]

    return setup


def fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "agent.md")
    return ["inspect", "--agent", "./agent.md"]


def utf16(folder: Path) -> list[str]:
    (folder / "agent.md").write_bytes(frontmatter("name: wide").encode("utf-16"))
    return ["inspect", "--agent", "./agent.md"]


def folder_as_agent(folder: Path) -> list[str]:
    (folder / "agent.md").mkdir()
    return ["inspect", "--agent", "./agent.md"]


def symlinked_folder_in_dest(folder: Path) -> list[str]:
    (folder / "D").mkdir()
    (folder / "D" / "backend").symlink_to(folder / "outside")
    return ["new", "D", "--agent", "backend-engineer", "--no-git"]


def symlinked_folder_in_dest_with_force(folder: Path) -> list[str]:
    (folder / "D").mkdir()
    (folder / "D" / "notes.txt").write_text("mine\n")
    (folder / "D" / "backend").symlink_to(folder / "outside")
    return ["new", "D", "--agent", "backend-engineer", "--no-git", "--force"]


def symlinked_file_in_dest(folder: Path) -> list[str]:
    (folder / "D" / "backend").mkdir(parents=True)
    (folder / "D" / "README.md").symlink_to(folder / "outside" / "keep.txt")
    return ["new", "D", "--agent", "backend-engineer", "--no-git", "--force"]


def file_where_project_has_folder(folder: Path) -> list[str]:
    (folder / "D").mkdir()
    (folder / "D" / ".claude").write_text("f\n")
    return ["new", "D", "--agent", "backend-engineer", "--no-git", "--force"]


def new_with(*sets: str, agent_text: str | None = None) -> Setup:
    def setup(folder: Path) -> list[str]:
        spec = "backend-engineer"
        if agent_text is not None:
            (folder / "agent.md").write_text(agent_text)
            spec = "./agent.md"
        return ["new", "D", "--agent", spec, "--no-git", *(arg for s in sets for arg in ("--set", s))]

    return setup


def agent_in_odd_folder(folder: Path) -> list[str]:
    """A nested AGENTS.md, whose folder becomes the layout root, in a folder named to break things."""
    (folder / ".git").mkdir()
    odd = folder / 'we ird$(touch PWNED)`x`"\x1b[31m'
    odd.mkdir()
    (odd / "AGENTS.md").write_text("# API\nFastAPI with SQLAlchemy.\n")
    return ["new", "D", "--agent", str(odd / "AGENTS.md"), "--no-git"]


INJECTION = 'x"""; import os; os.system("touch PWNED"); """'
IMPORT_TREE = "# Layout\n\n```\nbackend/\n└── import/\n    ├── main.py\n    └── routes/\n```\nUse FastAPI.\n"
# A server command run after cd into a folder outside the repository: its folder would be the root.
SERVED_OUTSIDE = "# API\n\n```bash\ncd ../../outside\nuvicorn main:app\n```\nUse FastAPI.\n"

CASES: dict[str, Setup] = {
    "alias bomb": agent(alias_bomb()),
    "alias bomb beside a good agent in .claude/agents": agent_in_project_folder(alias_bomb()),
    "100k-deep flow YAML": agent(frontmatter("name: d", "x: " + "[" * 100_000 + "]" * 100_000)),
    "1,200-level block mapping": agent(frontmatter("name: d", *(" " * i + f"k{i}:" for i in range(1200)))),
    "symlink to /dev/zero": linked("/dev/zero"),
    "symlink to /dev/urandom": linked("/dev/urandom"),
    "symlink loop": linked("agent.md"),
    "FIFO": fifo,
    "folder named like the agent (unreadable as a file)": folder_as_agent,
    "UTF-16 with a BOM": utf16,
    "escape sequence in the name": agent(frontmatter('name: "red\\e[31mname\\e]0;title\\a"')),
    "lone surrogate in the name": agent(frontmatter('name: "half\\udc80"')),
    "symlinked folder in DEST": symlinked_folder_in_dest,
    "symlinked file in DEST with --force": symlinked_file_in_dest,
    "symlinked folder in DEST with --force": symlinked_folder_in_dest_with_force,
    "file where the project has a folder": file_where_project_has_folder,
    "keyword as app_package": new_with("app_package=class"),
    "soft keyword as app_package": new_with("app_package=match"),
    "agent whose package is import/": new_with(agent_text=IMPORT_TREE),
    "uvicorn main:app served after cd ../../outside": new_with(agent_text=SERVED_OUTSIDE),
    "injection through the description": new_with(f"description={INJECTION}"),
    "nested AGENTS.md in a folder named with quotes, $() and an escape": agent_in_odd_folder,
    # Near 1 MiB each: judging every mention against its whole line took hours.
    "a service named 140,000 times on one line": agent("# API\n\n- " + "Stripe " * 140_000),
    "a path named 65,000 times on one line": agent("# API\n\n- " + "`backend/x.py` " * 65_000),
    "110,000 lines naming a service": agent("# API\n\n" + "- Stripe\n" * 110_000),
}


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_ends_in_one_error_line_or_a_project(case: str, tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    argv = CASES[case](tmp_path)
    (tmp_path / "outside" / "keep.txt").write_text("sentinel\n")
    before = files_under(tmp_path / "outside")
    started = time.monotonic()
    outcome = scaffold(tmp_path, *argv)
    assert time.monotonic() - started < TIMEOUT
    assert "\x1b" not in outcome.stderr + outcome.stdout
    if outcome.code != 0:
        lines = [line for line in outcome.stderr.splitlines() if not line.startswith("... ")]  # progress
        assert len(lines) == 1, outcome.stderr
        assert lines[0].startswith("error: "), outcome.stderr
    else:
        for source in (tmp_path / "D").rglob("*.py") if (tmp_path / "D").exists() else ():
            ast.parse(source.read_text(), filename=str(source))
    assert files_under(tmp_path / "outside") == before
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the folder case covers it")
def test_a_file_without_read_permission_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "agent.md").write_text(frontmatter("name: locked"))
    (tmp_path / "agent.md").chmod(0)
    outcome = scaffold(tmp_path, "inspect", "--agent", "./agent.md")
    assert (outcome.code, outcome.stderr) == (2, "error: agent.md: cannot be read: permission denied\n")


INTERRUPTED_WHILE_LOADING = """
import builtins, os, signal, sys
real_import = builtins.__import__
def interrupting_import(name, *args, **kwargs):
    if name == "scaffold.cli":  # a real SIGINT, sent while the entry point loads the command line
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupting_import
sys.argv = ["scaffold", "inspect", "--agent", "backend-engineer"]
from scaffold.__main__ import main
main()
"""


def test_an_interrupt_while_loading_is_one_line_and_code_130(tmp_path: Path) -> None:
    """The one case run in a subprocess: a real SIGINT arrives while the command line loads.

    Sent from an import hook rather than after a sleep, so it lands at the same moment every run.
    """
    process = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_LOADING],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert (process.returncode, process.stderr) == (130, "error: interrupted\n")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no folder can be made")
def test_a_destination_that_cannot_be_written_is_named_in_the_error(tmp_path: Path) -> None:
    destination = f"/proc/scaffold-test-{os.getpid()}"
    outcome = scaffold(tmp_path, "new", destination, "--agent", "backend-engineer", "--no-git", "--no-lock")
    [line] = [line for line in outcome.stderr.splitlines() if not line.startswith("... ")]
    assert outcome.code == 2
    assert line.startswith(f"error: {destination}: cannot write there"), line
    assert ".scaffold-" not in line
