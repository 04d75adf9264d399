"""scaffold: start and keep FastAPI backends that follow your agent definitions."""

from __future__ import annotations

from scaffold.errors import ScaffoldError
from scaffold.extraction import extract_conventions
from scaffold.loader import load_agent

__version__ = "0.1.0"
__all__ = ["ScaffoldError", "__version__", "extract_conventions", "load_agent"]
