"""Where the Copier template lives, and the folder Copier renders it from.

The whole repository is the template (``copier.yml`` at its root, the rendered tree in
``template/project``), so the repository's version tags are the template's versions. A wheel
ships the same two entries in ``scaffold/_bundled/template``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
ENTRIES = ("copier.yml", "template")
"""What the template consists of, relative to its root."""


def template_root() -> Path:
    """The folder holding the bundled template's ``copier.yml``: in the wheel, or this checkout."""
    shipped = _PACKAGE / "_bundled" / "template"
    return shipped if (shipped / "copier.yml").is_file() else _PACKAGE.parent


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
        shutil.copy2(root / "copier.yml", Path(folder) / "copier.yml")
        ignore = shutil.ignore_patterns("__pycache__", "*.py[co]")
        shutil.copytree(root / "template", Path(folder) / "template", ignore=ignore)
        yield folder
