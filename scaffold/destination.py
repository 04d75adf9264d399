"""The destination folder: what may be rendered into it, and moving a rendered project in, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import RenderError
from scaffold.git import git_text

Keep = Callable[[Path], bool]
"""Whether an existing file at this relative path is the user's to keep (the template's ``_skip_if_exists``)."""


@dataclass(frozen=True)
class Merge:
    """What moving a project into a folder does to the files already there."""

    overwritten: tuple[str, ...]
    """Existing files whose content changes."""
    kept: tuple[str, ...]
    """Existing files the template leaves to the user (``.env``), kept as they were."""


def check_destination(destination: Path, *, force: bool) -> set[str]:
    """The files already in ``destination`` (relative paths, ``.git`` left out).

    Raise ``RenderError`` unless it is missing, an empty folder, or ``force`` allows rendering into it;
    ``force`` is refused on a git work tree with uncommitted changes (they would be lost). Symlinks
    are left to ``merge_into``: it refuses any at a path the project writes (a write through one
    could land outside the folder), and ignores the rest, such as an installed virtual
    environment's links to its interpreter.
    """
    destination = destination.resolve()
    if not destination.exists():
        return set()
    if not destination.is_dir():
        raise RenderError("exists and is not a folder", path=destination)
    try:
        entries = list(_walk(destination))
    except OSError as exc:
        raise RenderError(f"cannot be read: {exc.strerror}", path=exc.filename or destination) from None
    existing = {str(p.relative_to(destination)) for p in entries if p.is_file() or p.is_symlink()}
    if existing and not force:
        raise RenderError("folder is not empty; use --force to render into it", path=destination)
    if existing:
        _refuse_uncommitted(destination)
    return existing


def _walk(root: Path) -> Iterator[Path]:
    """Every entry under ``root`` (``.git`` left out), without following symlinks."""
    for folder, dirs, files in os.walk(root, onerror=_raise):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in (*dirs, *files):
            yield Path(folder) / name


def _raise(exc: OSError) -> None:
    raise exc


def _refuse_uncommitted(destination: Path) -> None:
    """Refuse a git work tree with uncommitted changes to tracked files inside ``destination``."""
    changed = sorted(
        {
            *_git(destination, "ls-files", "--modified", "--deleted"),
            *_git(destination, "diff", "--cached", "--name-only", "--relative"),
        }
    )
    if changed:
        listed = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise RenderError(
            f"has uncommitted changes ({listed}) that --force would lose; commit or stash them first",
            path=destination,
        )


def _git(folder: Path, *args: str) -> list[str]:
    """The lines ``git`` prints in ``folder`` (paths relative to it); none outside a work tree or without git."""
    return git_text(folder, *args).splitlines()


def merge_into(work: Path, destination: Path, *, keep: Keep) -> Merge:
    """Move the project in ``work`` into ``destination``: every conflict is refused before anything moves.

    An existing file the template skips if it exists (``keep``) stays as it was; only files whose
    content changes are reported as overwritten, and an untracked file in a git work tree is never one.
    """
    if not destination.exists():
        work.rename(destination)
        return Merge((), ())
    _refuse_conflicts(work, destination)
    items = sorted(work.rglob("*"))
    existing = [i.relative_to(work) for i in items if i.is_file() and (destination / i.relative_to(work)).exists()]
    existing = [p for p in existing if ".git" not in p.parts]
    kept = [p for p in existing if keep(p)]
    changed = [str(p) for p in existing if p not in kept and (work / p).read_bytes() != (destination / p).read_bytes()]
    untracked = set(_git(destination, "ls-files", "--others", "--exclude-standard")).intersection(changed)
    if untracked:
        listed = ", ".join(sorted(untracked))
        raise RenderError(
            f"--force would overwrite untracked files ({listed}); commit or move them first", path=destination
        )
    for item in items:
        relative = item.relative_to(work)
        if item.is_dir():
            (destination / relative).mkdir(exist_ok=True)
        elif relative not in kept:
            os.replace(item, destination / relative)
    return Merge(tuple(changed), tuple(str(p) for p in kept))


def _refuse_conflicts(work: Path, destination: Path) -> None:
    """Refuse when a file of the project is a folder in ``destination``, or the other way round."""
    conflicts: list[str] = []
    for item in sorted(work.rglob("*")):
        relative = item.relative_to(work)
        target = destination / relative
        if any(relative.is_relative_to(c) for c in conflicts) or not (target.exists() or target.is_symlink()):
            continue
        if target.is_symlink() or item.is_dir() != target.is_dir():
            conflicts.append(str(relative))
    if conflicts:
        what = "; ".join(f"{c} ({_kind(destination / c)} here, {_kind(work / c)} in the project)" for c in conflicts)
        raise RenderError(f"--force cannot merge: {what}; nothing was moved in", path=destination)


def _kind(path: Path) -> str:
    if path.is_symlink():
        return "a symlink"
    return "a folder" if path.is_dir() else "a file"
