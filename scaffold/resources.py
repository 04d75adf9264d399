"""Where the bundled agents and the template live: in the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder ``name`` (``agents``)."""
    shipped = _PACKAGE / "_bundled" / name
    return shipped if shipped.is_dir() else _PACKAGE.parent / name


def template_root() -> Path:
    """The folder holding the bundled template's ``copier.yml``: in the wheel, else this checkout.

    The whole repository is the template (``copier.yml`` at its root, the rendered tree in
    ``template/project``), so the repository's version tags are the template's versions; a wheel
    ships those two entries in ``scaffold/_bundled/template``.
    """
    shipped = _PACKAGE / "_bundled" / "template"
    return shipped if (shipped / "copier.yml").is_file() else _PACKAGE.parent
