"""The folder Copier renders the template from."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scaffold.resources import template_root

ENTRIES = ("copier.yml", "template")
"""What the template consists of, relative to its root."""


@contextmanager
def template_source(template: str | Path | None = None) -> Iterator[str]:
    """Yield what to hand Copier: ``template`` as given, else the bundled template.

    Copier renders a template that is a git repository from its newest tag, not from the files
    on disk; in a source checkout the bundled template is such a repository, so it is rendered
    from a plain copy of its two entries (a few milliseconds).
    """
    if template is not None:
        yield str(template)
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
