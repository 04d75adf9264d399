"""Render the Copier template into a new project, all or nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scaffold.answers import Answers
from scaffold.destination import Keep, check_destination, merge_into
from scaffold.errors import RenderError
from scaffold.models import AgentFile
from scaffold.project import AGENTS_FOLDER, as_subagent
from scaffold.template import Origin, bundled_origin, template_source
from scaffold.text import is_module_path

_GIT_IDENTITY = {"GIT_AUTHOR_NAME": "scaffold", "GIT_AUTHOR_EMAIL": "scaffold@localhost"}
STAGING_PREFIX = ".scaffold-"
"""The folder a project is rendered in first, beside the destination, then moved into it."""


Progress = Callable[[str], None]
"""Called with a short name of each step as it starts (``"rendering the template"``)."""


@dataclass(frozen=True)
class Rendered:
    """A rendered project: where it is, what it wrote, and the answers Copier rendered it with."""

    path: Path
    overwritten: tuple[str, ...]
    """Files that were already there and whose content changed."""
    committed: bool
    answers: dict[str, Any] = field(default_factory=dict)
    """The final answers as Copier recorded them (after any prompts), secrets left out."""
    packages: tuple[str, ...] = ()
    """Folders the agent names that the rendered tree had no module for, added as empty packages."""
    kept: tuple[str, ...] = ()
    """Files that were already there and that the template leaves to the user (``.env``), kept."""
    lock_problem: str | None = None
    """Why the package manager's lock file was not written (one line, with the command to run later)."""


def render_project(
    answers: Answers,
    destination: Path,
    *,
    agent: AgentFile | None,
    stated_dirs: tuple[str, ...] = (),
    template: str | Path | None = None,
    force: bool = False,
    git: bool = True,
    lock: bool = True,
    interactive: bool = False,
    progress: Progress | None = None,
) -> Rendered:
    """Render into ``destination``; on any failure leave the destination exactly as it was.

    ``stated_dirs`` are the folders the agent names (``workers``, ``db/models``), relative to the
    package: each one the rendered tree has no module for becomes an empty documented package.
    With ``lock`` the package manager's lock file is written before the first commit (see
    ``scaffold.lock``); a lock that cannot be written is reported in ``Rendered.lock_problem``.
    """
    step = progress or _silent
    destination = destination.resolve()
    check_destination(destination, force=force)
    _check_folders(stated_dirs)
    created = _first_missing(destination.parent)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=destination.parent) as staging:
            work = Path(staging) / "project"
            with template_source(template) as source:
                final, keep = _run_copier(source, work, answers, interactive=interactive, step=step)
            if template is None:
                _record_origin(work, bundled_origin())
            if answers.agent_file and agent is not None:
                step("placing the agent")
                _place_agent(agent, work / answers.agent_file)
            if stated_dirs:
                step("adding packages for the folders the agent names")
            packages = _add_packages(_package(work, final), stated_dirs)
            lock_problem = _lock(work, destination, final, step) if lock else None
            committed = git and not (destination / ".git").exists()
            if committed:
                step("making it a git repository with one commit")
                _init_git(work)
            merged = merge_into(work, destination, keep=keep)
    except OSError as exc:
        _remove(created)
        raise RenderError(f"cannot write there: {exc.strerror or exc}", path=_failed_path(exc, destination)) from None
    except BaseException:
        _remove(created)
        raise
    return Rendered(
        destination,
        merged.overwritten,
        committed,
        answers=final,
        packages=packages,
        kept=merged.kept,
        lock_problem=lock_problem,
    )


def _remove(created: Path | None) -> None:
    """Remove the folders ``render_project`` created for the destination, if it created any."""
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)


def _silent(step: str) -> None:
    """The progress callback that shows nothing."""


def _run_copier(
    source: str, work: Path, answers: Answers, *, interactive: bool, step: Progress
) -> tuple[dict[str, Any], Keep]:
    """Render ``source`` into ``work``; return the answers Copier ended with (prompts included).

    Also return the template's own ``_skip_if_exists`` test, rendered with those answers: Copier
    renders into an empty staging folder, so merging into the destination applies it.
    """
    step("rendering the template")
    import copier  # heavy (about 270 ms): only the commands that render pay for it

    data = answers.model_dump(mode="json")
    try:
        if interactive:
            worker = copier.run_copy(source, work, user_defaults=data, defaults=False, quiet=False, unsafe=False)
        else:
            worker = copier.run_copy(source, work, data=data, defaults=True, quiet=True, unsafe=False)
    except KeyboardInterrupt:
        raise RenderError("interrupted; nothing was written") from None
    except Exception as exc:  # copier raises many types; each is a failed render for the user
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise RenderError(f"the template could not be rendered: {message}") from None
    combined = worker.answers.combined
    hidden = worker.answers.hidden | worker.template.secret_questions
    final = {name: combined[name] for name in worker.template.questions_data if name in combined and name not in hidden}
    return final, worker.match_skip


def _record_origin(work: Path, origin: Origin) -> None:
    """Record where the bundled template comes from and its version, not the temporary copy Copier rendered.

    With both, plain ``copier update`` works from the project: Copier renders the recorded version
    again, compares it with the project and applies the newer version's changes.
    """
    answers_file = work / ".copier-answers.yml"
    if not answers_file.is_file():
        return
    lines = answers_file.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("_src_path:", "_commit:"))]
    values = {"_commit": origin.commit, "_src_path": origin.source}
    # Written as Copier writes its answers file (to_nice_yaml), so an update leaves the lines as they are.
    recorded = [yaml.safe_dump({k: v}, allow_unicode=True, width=10_000) for k, v in values.items() if v]
    at = next((i for i, line in enumerate(kept) if not line.startswith("#")), len(kept))
    answers_file.write_text("".join(kept[:at] + recorded + kept[at:]), encoding="utf-8")


def _package(work: Path, final: dict[str, Any]) -> Path:
    """The rendered import package: ``<layout_root>/<app_package>`` from the answers Copier ended with."""
    return work / str(final.get("layout_root", ".")) / str(final.get("app_package", "app"))


def _lock(work: Path, destination: Path, final: dict[str, Any], step: Progress) -> str | None:
    """Write the lock file of the project's package manager in the staging copy ``work``."""
    from scaffold.lock import lock_dependencies

    manager = str(final.get("package_manager", "uv"))
    step(f"locking the dependencies with {manager}")
    root = str(final.get("layout_root", "."))
    return lock_dependencies(
        work / root,
        package_manager=manager,
        python_version=str(final.get("python_version", "")),
        shown_as=destination / root,
    )


def _place_agent(agent: AgentFile, target: Path) -> None:
    """Copy the agent file to ``target``; in .claude/agents, as a subagent Claude Code loads."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = agent.text
    if target.parent.parts[-2:] == AGENTS_FOLDER.parts:
        text = as_subagent(
            agent.text, agent.meta, name=agent.name, description=agent.description, source=agent.path.name
        )
    if text is agent.text:
        shutil.copyfile(agent.path, target)  # byte for byte
    else:
        target.write_text(text, encoding="utf-8")


def _check_folders(folders: tuple[str, ...]) -> None:
    for folder in folders:
        if not is_module_path(folder):
            raise RenderError(f"{folder!r} is not a package path (identifiers separated by '/', e.g. db/models)")


def _add_packages(package: Path, folders: tuple[str, ...]) -> tuple[str, ...]:
    """Add an empty documented package for each folder the rendered ``package`` has no module for."""
    added = []
    for folder in folders:
        parts = folder.split("/")
        if _has_module(package, parts):
            continue
        for depth in range(1, len(parts) + 1):
            init = package.joinpath(*parts[:depth], "__init__.py")
            if not init.exists():
                init.parent.mkdir(parents=True, exist_ok=True)
                name = "/".join(parts[:depth])
                init.write_text(f'"""{name}: a folder the agent definition names; its modules go here."""\n')
        added.append(folder)
    return tuple(added)


def _has_module(package: Path, parts: list[str]) -> bool:
    """Whether ``package`` already has the folder, or a module file for it or for one of its parents."""
    if package.joinpath(*parts).exists():
        return True
    return any(
        package.joinpath(*parts[: depth - 1], f"{parts[depth - 1]}.py").exists() for depth in range(1, len(parts) + 1)
    )


def _init_git(work: Path) -> None:
    if shutil.which("git") is None:
        raise RenderError("git is not installed; install it or pass --no-git")
    env = {**os.environ}
    for key, value in _GIT_IDENTITY.items():
        env.setdefault(key, value)
        env.setdefault(key.replace("AUTHOR", "COMMITTER"), value)
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", "Initial project from scaffold"],
    ):
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RenderError(f"{' '.join(command)} failed: {result.stderr.strip() or result.stdout.strip()}")


def _failed_path(exc: OSError, destination: Path) -> Path:
    """The path to name for a failed write: the destination, or the user's file that failed.

    The staging folder beside the destination is the tool's own; the user never asked for it.
    """
    if not exc.filename:
        return destination
    failed = Path(os.fsdecode(exc.filename))
    try:
        first = failed.relative_to(destination.parent).parts[0]
    except (ValueError, IndexError):
        return failed
    return destination if first.startswith(STAGING_PREFIX) else failed


def _first_missing(folder: Path) -> Path | None:
    missing = None
    while not folder.exists():
        missing, folder = folder, folder.parent
    return missing


def next_steps(project: Path) -> list[str]:
    """The generated README's first two commands (run the service, run its tests)."""
    readme = project / "README.md"
    blocks: list[str] = []
    current: list[str] | None = None
    for line in readme.read_text(encoding="utf-8").splitlines() if readme.exists() else []:
        if line.startswith("```"):
            if current is not None:
                blocks.append("\n".join(current))
                current = None
            else:
                current = []
        elif current is not None:
            current.append(line)
    return blocks[:2]
