"""Run Copier's update on a project: in its clean git work tree, or in a throw-away clone to preview it.

Copier renders the recorded template version with the recorded answers, takes the project's
differences from it, renders the new version with the new answers and applies those differences
again. It exits cleanly even when it leaves conflicts, so they are looked for here: unmerged paths,
conflict markers in changed files, ``.rej`` files. A failed update leaves the work tree as it was.
"""

from __future__ import annotations

import subprocess
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, RenderError
from scaffold.files import ANSWERS_FILE
from scaffold.git import git_text
from scaffold.project import Project, load_project
from scaffold.revisions import RevisionReport, keep_applied_revisions
from scaffold.template import Origin, bundled_origin, redirect

MARKER = b"<<<<<<< "
"""How Copier's inline conflicts start (``<<<<<<< before updating``)."""
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Updated:
    """What an update changed (``git status --short`` lines), its conflicts and the version it reached."""

    changed: tuple[str, ...]
    conflicts: tuple[str, ...]
    version: str | None
    pretend: bool = False
    lock_problem: str | None = None
    """Why the lock file could not be written again after the dependencies changed."""
    revisions: RevisionReport | None = None
    """Applied Alembic revisions put back as they were, and added ones chained on the project's head."""
    links: tuple[str, ...] = ()
    """Files that are symbolic links, which the update leaves as they are."""


def default_version(project: Project) -> str | None:
    """The version to update to when none is asked for: the template this scaffold ships, else the newest tag.

    A project rendered from this checkout (or wheel) records its ``git describe``; the newest tag
    may be older than that, which Copier would refuse as a downgrade.
    """
    origin = bundled_origin()
    if project.source != origin.source:
        return None
    return "HEAD" if origin.bundle is None and origin.commit else origin.commit


def update_project(
    project: Project,
    data: dict[str, Any],
    *,
    to: str | None,
    pretend: bool,
    lock: bool,
    progress: Progress,
    template: str | None = None,
) -> Updated:
    """Update ``project`` with the answers in ``data`` to version ``to``; ``pretend`` writes nothing.

    With ``lock``, a lock file whose ``pyproject.toml`` the update changed is written again.
    ``template`` confirms a template source other than this scaffold's (see ``check_updatable``).
    """
    check_updatable(project, template=template)
    if pretend:
        with _clone(project.root) as copy:
            progress("updating a throw-away clone of the project")
            updated = _update(load_project(copy), data, to=to, pretend=True, shown_as=project.root)
            return _with_relock(load_project(copy), updated) if lock and _relocks(updated) else updated
    progress("updating the project with Copier")
    try:
        updated = _update(project, data, to=to, pretend=False, shown_as=project.root)
    except BaseException:
        _restore(project.root)
        raise
    if not lock or not _relocks(updated):
        return updated
    return _relock(load_project(project.root), updated, progress)


def _relocks(updated: Updated) -> bool:
    """Whether the update changed the dependencies, so the lock file is written again after it."""
    return not updated.conflicts and any(line.endswith("pyproject.toml") for line in updated.changed)


def _with_relock(project: Project, updated: Updated) -> Updated:
    """A pretended update with the lock file the real one writes again listed among its changes."""
    from scaffold.lock import lock_command

    answers = project.answers
    _, name = lock_command(str(answers.get("package_manager", "uv")), str(answers.get("python_version", "")))
    folder = str(answers.get("layout_root", "."))
    path = name if folder in (".", "") else f"{folder.rstrip('/')}/{name}"
    if any(line.endswith(f" {path}") for line in updated.changed):
        return updated
    mark = " M" if (project.root / path).is_file() else "??"
    return replace(updated, changed=(*updated.changed, f"{mark} {path} (the lock file, written again)"))


def _relock(project: Project, updated: Updated, progress: Progress) -> Updated:
    """Write the package manager's lock file for the updated dependencies (as ``scaffold new`` does)."""
    from scaffold.lock import lock_dependencies

    answers = project.answers
    manager = str(answers.get("package_manager", "uv"))
    progress(f"locking the dependencies with {manager}")
    folder = project.root / str(answers.get("layout_root", "."))
    problem = lock_dependencies(
        folder, package_manager=manager, python_version=str(answers.get("python_version", "")), shown_as=folder
    )
    status = _status(project.root)
    return replace(updated, changed=tuple(status), lock_problem=problem)


def _update(project: Project, data: dict[str, Any], *, to: str | None, pretend: bool, shown_as: Path) -> Updated:
    import copier  # heavy (about 270 ms): only the commands that render pay for it

    versions = _versions(project)
    before = {p.name: p.read_bytes() for p in versions.glob("*.py") if p.is_file()} if versions.is_dir() else {}
    with _environment(redirect(_origin_of(project))), warnings.catch_warnings():
        # Copier warns (on stderr) of a dirty template checkout and of versions it cannot order.
        warnings.simplefilter("ignore")
        try:
            copier.run_update(
                project.root,
                data=data,
                defaults=True,
                overwrite=True,
                conflict="inline",
                vcs_ref=to,
                quiet=True,
                unsafe=False,
            )
        except KeyboardInterrupt:
            raise RenderError("interrupted; the project is as it was") from None
        except Exception as exc:  # copier raises many types; each is a failed update for the user
            message = " ".join(str(exc).split()) or type(exc).__name__
            if to is not None and "Unknown revision" in message:
                shown = to if len(to) <= 80 else f"{to[:77]}..."
                message = f"Unknown revision: {shown!r}{_versions_hint(_origin_of(project))}"
            raise RenderError(f"the update could not be made: {message}", path=shown_as) from None
    revisions = keep_applied_revisions(versions, before) if versions.is_dir() else None
    status = _status(project.root)
    return Updated(
        changed=tuple(status),
        conflicts=_conflicts(project.root, status),
        version=load_project(project.root).commit,
        pretend=pretend,
        revisions=revisions,
        links=_links(project.root),
    )


def _status(root: Path) -> list[str]:
    """``git status --porcelain`` lines, untracked files listed one by one."""
    return git_text(root, "status", "--porcelain", "--untracked-files=all").splitlines()


def _links(root: Path) -> tuple[str, ...]:
    """Files the project tracks as symbolic links: Copier never writes through them, so they keep their content."""
    entries = git_text(root, "ls-files", "-s").splitlines()
    return tuple(line.split("\t", 1)[1] for line in entries if line.startswith("120000 ") and "\t" in line)


def _versions_hint(origin: Origin) -> str:
    """What ``--to`` can name: the template's tags (the newest few), or that it has none."""
    source = str(origin.bundle or origin.source)
    listed = git_text(Path.cwd(), "ls-remote", "--sort=v:refname", "--tags", "--refs", "--", source, timeout=30)
    tags = [line.rpartition("refs/tags/")[2] for line in listed.splitlines() if "refs/tags/" in line]
    if not tags:
        return f"; the template ({origin.source}) has no version tags: --to takes one of its commits"
    return f"; --to takes a tag of the template ({origin.source}), such as {', '.join(tags[-5:])}, or a commit"


def _versions(project: Project) -> Path:
    """The project's Alembic versions folder, from its answers."""
    answers = project.answers
    return (
        project.root
        / str(answers.get("layout_root", "."))
        / str(answers.get("migrations_dir", "migrations"))
        / "versions"
    )


def _origin_of(project: Project) -> Origin:
    """The bundled origin when the project records it (so its bundle can stand in), else the project's own."""
    origin = bundled_origin()
    return origin if project.source == origin.source else Origin(str(project.source), project.commit)


def check_updatable(project: Project, *, template: str | None = None) -> None:
    """Refuse what Copier cannot update, would update into a tree the user cannot undo, or from a template not trusted.

    Updating renders the template the answers file names into the project (and runs git in
    the copies Copier makes): a changed ``_src_path`` must not be followed silently. This
    scaffold's own template is trusted; another one only when ``template`` names it.
    """
    if project.source is None or project.commit is None:
        raise ProjectError(
            "records no template version (_commit) or source (_src_path): it was not rendered from a git "
            "repository, so Copier has no old version to compare with",
            path=project.root / ANSWERS_FILE,
        )
    top = git_text(project.root, "rev-parse", "--show-toplevel").strip()
    if not top or Path(top).resolve() != project.root:
        raise ProjectError(
            "is not the root of a git repository: an update is merged into committed files", path=project.root
        )
    dirty = _status(project.root)
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise ProjectError(
            f"the work tree has uncommitted changes or untracked files ({shown}): commit or stash them first, so "
            "that the update can be reviewed and undone",
            path=project.root,
        )
    local = project.root / Path(project.source).expanduser()
    if not _looks_remote(project.source) and not local.exists():
        # A project made from someone else's checkout records that checkout's folder.
        raise ProjectError(
            f"the template source it records ({project.source}) is not on this machine; set _src_path in "
            f"{ANSWERS_FILE} to your clone of the template ({bundled_origin().source} is this scaffold's), commit, "
            "and run again",
            path=project.root / ANSWERS_FILE,
        )
    _check_trusted(project, template)


def _check_trusted(project: Project, template: str | None) -> None:
    """Refuse a recorded template source other than this scaffold's, unless ``template`` confirms it."""
    recorded = _canonical(str(project.source), project.root)
    ours = bundled_origin().source
    if template is not None and _canonical(template, Path.cwd()) != recorded:
        raise ProjectError(
            f"--template {template} is not the template source the project records ({project.source})",
            path=project.root / ANSWERS_FILE,
        )
    if template is None and recorded != _canonical(ours, Path.cwd()):
        raise ProjectError(
            f"records the template source {project.source}, not this scaffold's ({ours}); an update renders "
            f"that template's files into the project: if you trust it, run again with --template {project.source}",
            path=project.root / ANSWERS_FILE,
        )


def _canonical(source: str, base: Path) -> str:
    """A template source as compared: a URL without a trailing ``.git`` or ``/``, a local folder resolved."""
    if _looks_remote(source):
        return source.removesuffix("/").removesuffix(".git")
    return str((base / Path(source).expanduser()).resolve())


def _looks_remote(source: str) -> bool:
    return "://" in source or source.startswith(("git@", "gh:", "gl:"))


def _conflicts(root: Path, status: list[str]) -> tuple[str, ...]:
    """Files the update could not merge: unmerged in git, holding conflict markers, or ``.rej`` files."""
    found = dict.fromkeys(line.split("\t")[-1] for line in git_text(root, "ls-files", "-u").splitlines() if line)
    for line in status:
        name = line[3:].split(" -> ")[-1].strip('"')
        path = root / name
        if name.endswith(".rej") or (path.is_file() and _has_marker(path)):
            found[name] = None
    return tuple(found)


def _has_marker(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return any(line.startswith(MARKER) for line in handle)
    except OSError:
        return False


def _restore(root: Path) -> None:
    """Put a work tree that was clean before the update back as it was (ignored files untouched)."""
    git_text(root, "reset", "-q", "--hard")
    git_text(root, "clean", "-q", "-fd")


@contextmanager
def _clone(root: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="scaffold-pretend-") as folder:
        copy = Path(folder) / root.name
        result = subprocess.run(
            ["git", "clone", "-q", str(root), str(copy)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise ProjectError(f"cannot clone it to preview the update: {result.stderr.strip()}", path=root)
        yield copy


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set ``values`` for the git that Copier runs (through plumbum, which keeps its own copy of the environment)."""
    from plumbum import local

    with local.env(**values):
        yield
