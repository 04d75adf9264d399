"""The bundled template: the folder Copier renders from, and the source and version a project records."""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scaffold.git import git_text
from scaffold.resources import template_root

ENTRIES = ("copier.yml", "template")
"""What the template consists of, relative to its root."""
BUNDLE = "template.bundle"
"""A wheel's git bundle of the template repository (every tag), beside its plain copy."""
ORIGIN = "template.json"
"""A wheel's record of the repository URL and the version its template was built from."""


@dataclass(frozen=True)
class Origin:
    """Where the bundled template comes from, as a project records it for ``copier update``."""

    source: str
    """``_src_path``: the checkout's folder, or the repository URL for a wheel."""
    commit: str | None
    """``_commit``: ``git describe --tags --always`` of the template (None when unknown)."""
    bundle: Path | None = None
    """A git bundle standing in for ``source`` (a wheel), so that updates need no network."""


@functools.cache
def bundled_origin() -> Origin:
    """The source and version of the bundled template: this checkout's git, or the wheel's record.

    Read once per process: an update asks for it several times, and each asks git in a checkout.
    """
    root = template_root()
    record = root.parent / ORIGIN
    if record.is_file():
        data = json.loads(record.read_text(encoding="utf-8"))
        bundle = root.parent / BUNDLE
        return Origin(str(data["url"]), data.get("commit") or None, bundle if bundle.is_file() else None)
    return Origin(str(root), describe(root) if (root / ".git").exists() else None)


def describe(repository: Path) -> str | None:
    """The version of ``repository``'s HEAD as Copier records it (``v1.2.0``, ``v1.2.0-3-gabc1234``)."""
    return git_text(repository, "describe", "--tags", "--always", timeout=30).strip() or None


def redirect(origin: Origin) -> dict[str, str]:
    """Git settings that fetch ``origin.source`` from its bundle (for Copier's git), else nothing."""
    if origin.bundle is None:
        return {}
    first = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
    # Copier asks git for a GitHub URL with ".git" added: both spellings lead to the bundle.
    spellings = [origin.source.removesuffix(".git"), origin.source.removesuffix(".git") + ".git"]
    settings = {"GIT_CONFIG_COUNT": str(first + len(spellings))}
    for index, url in enumerate(spellings, start=first):
        settings[f"GIT_CONFIG_KEY_{index}"] = f"url.{origin.bundle}.insteadOf"
        settings[f"GIT_CONFIG_VALUE_{index}"] = url
    return settings


@contextmanager
def template_source(template: str | Path | None = None) -> Iterator[str]:
    """Yield what to hand Copier: ``template`` as given (a local folder made absolute), else the bundled one.

    Copier renders a template that is a git repository from its newest tag, not from the files
    on disk; in a source checkout the bundled template is such a repository, so it is rendered
    from a plain copy of its two entries (a few milliseconds).
    """
    if template is not None:
        local = Path(template).expanduser()
        yield str(local.resolve()) if local.exists() else str(template)
        return
    root = template_root()
    if not (root / ".git").exists():
        yield str(root)
        return
    with tempfile.TemporaryDirectory(prefix="scaffold-template-") as folder:
        ignore = shutil.ignore_patterns("__pycache__", "*.py[co]")
        for entry in ENTRIES:
            if (root / entry).is_dir():
                shutil.copytree(root / entry, Path(folder) / entry, ignore=ignore)
            else:
                shutil.copy2(root / entry, Path(folder) / entry)
        yield folder
