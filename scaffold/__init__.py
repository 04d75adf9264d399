"""scaffold: start and keep FastAPI backends that follow your agent definitions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["ScaffoldError", "__version__", "extract_conventions", "load_agent", "render_project"]

if TYPE_CHECKING:
    from scaffold.errors import ScaffoldError
    from scaffold.extraction import extract_conventions
    from scaffold.loader import load_agent
    from scaffold.render import render_project

_LAZY = {
    "ScaffoldError": "scaffold.errors",
    "extract_conventions": "scaffold.extraction",
    "load_agent": "scaffold.loader",
    "render_project": "scaffold.render",
}


def __getattr__(name: str) -> Any:
    """Import the public names on first use, so ``scaffold --help`` loads nothing it does not show."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scaffold' has no attribute {name!r}")
