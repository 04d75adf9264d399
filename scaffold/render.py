"""Render the Copier template into a new project, all or nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scaffold.answers import Answers
from scaffold.discovery import slugify
from scaffold.errors import RenderError
from scaffold.models import AgentFile
from scaffold.resources import bundled

_GIT_IDENTITY = {"GIT_AUTHOR_NAME": "scaffold", "GIT_AUTHOR_EMAIL": "scaffold@localhost"}


@dataclass(frozen=True)
class Rendered:
    """A rendered project: where it is, what it overwrote, and whether scaffold committed it."""

    path: Path
    overwritten: tuple[str, ...]
    committed: bool


def default_template() -> Path:
    """The template bundled with scaffold."""
    return bundled("templates") / "fastapi-service"


def render_project(
    answers: Answers,
    destination: Path,
    *,
    agent: AgentFile,
    extra_dirs: tuple[str, ...] = (),
    template: str | Path | None = None,
    force: bool = False,
    git: bool = True,
    interactive: bool = False,
) -> Rendered:
    """Render into ``destination``; on any failure leave the destination exactly as it was."""
    destination = destination.resolve()
    existing = _existing_files(destination)
    if existing and not force:
        raise RenderError("folder is not empty; use --force to render into it", path=destination)
    source = str(template or default_template())
    created = _first_missing(destination.parent)
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=".scaffold-", dir=destination.parent) as staging:
            work = Path(staging) / "project"
            _run_copier(source, work, answers, interactive=interactive)
            _place_agent(agent, work)
            _add_packages(work, answers, extra_dirs)
            overwritten = tuple(sorted(str(p) for p in _relative_files(work) if str(p) in existing))
            committed = git and not (destination / ".git").exists()
            if committed:
                _init_git(work)
            _move_into(work, destination)
    except BaseException:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        raise
    return Rendered(path=destination, overwritten=overwritten, committed=committed)


def _run_copier(source: str, work: Path, answers: Answers, *, interactive: bool) -> None:
    import copier  # heavy (about 270 ms): only the commands that render pay for it

    data = answers.model_dump()
    try:
        if interactive:
            copier.run_copy(source, work, user_defaults=data, defaults=False, quiet=False, unsafe=False)
        else:
            copier.run_copy(source, work, data=data, defaults=True, quiet=True, unsafe=False)
    except KeyboardInterrupt:
        raise RenderError("interrupted; nothing was written") from None
    except Exception as exc:  # copier raises many types; each is a failed render for the user
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise RenderError(f"template {source} could not be rendered: {message}") from None


def _place_agent(agent: AgentFile, work: Path) -> None:
    target = work / ".claude" / "agents" / f"{slugify(agent.name) or 'agent'}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(agent.path, target)


def _add_packages(work: Path, answers: Answers, folders: tuple[str, ...]) -> None:
    """Create the folders the agent names that the template has no code for, as documented packages.

    The answers file is read back, so folders land where ``--interactive`` answers put the package.
    """
    import yaml

    final = {**answers.model_dump(), **(yaml.safe_load((work / ".copier-answers.yml").read_text()) or {})}
    package = work / final["layout_root"] / (final["app_package"] or "")
    for folder in folders:
        target = package / folder
        for depth in range(1, len(folder.split("/")) + 1):
            init = package.joinpath(*folder.split("/")[:depth]) / "__init__.py"
            if not init.exists():
                init.parent.mkdir(parents=True, exist_ok=True)
                name = "/".join(folder.split("/")[:depth])
                init.write_text(f'"""{name}: a folder the agent definition names; its modules go here."""\n')
        target.mkdir(parents=True, exist_ok=True)


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


def _move_into(work: Path, destination: Path) -> None:
    if not destination.exists():
        work.rename(destination)
        return
    for item in work.iterdir():
        target = destination / item.name
        if target.is_dir() and item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        else:
            if target.is_dir():
                shutil.rmtree(target)
            shutil.move(str(item), target)


def _existing_files(destination: Path) -> set[str]:
    if not destination.exists():
        return set()
    if not destination.is_dir():
        raise RenderError("exists and is not a folder", path=destination)
    return {str(p) for p in _relative_files(destination)}


def _relative_files(root: Path) -> list[Path]:
    return [p.relative_to(root) for p in root.rglob("*") if p.is_file() and ".git" not in p.relative_to(root).parts]


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
