"""Where the bundled agents and the template live: in the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder ``name`` (``agents`` or ``templates``)."""
    shipped = _PACKAGE / "_bundled" / name
    return shipped if shipped.is_dir() else _PACKAGE.parent / name
