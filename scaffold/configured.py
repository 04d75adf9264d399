"""What a generated project's files configure, read where the template writes each setting.

Each setting is read from the place the template renders it, so a hand edit there shows:

- ``type_checker``: the checker tables of ``<layout_root>/pyproject.toml`` (``[tool.mypy]``,
  ``[tool.basedpyright]``, ``[tool.pyright]``; the template writes exactly one);
- ``python_version``: the lower bound of ``requires-python`` and ``<layout_root>/.python-version``;
- ``port``: the uvicorn command in ``README.md`` (``--port N``; not Flower's) and, with a Dockerfile, its
  ``EXPOSE`` and ``--port`` (the app has no port setting: uvicorn is told on the command line);
- ``venv_dir``: ruff's ``extend-exclude`` (which lists it) and pyright's ``venv`` where written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError
from scaffold.files import line_of, read_text

CHECKERS = ("mypy", "basedpyright", "pyright")
_LOWER_BOUND = re.compile(r">=\s*(\d+(?:\.\d+)*)")
_TOML_LINE = re.compile(r" \(at line (\d+), column \d+\)")
_README_PORT = re.compile(r"\buvicorn\b.*--port[ =](\d+)")
_DOCKER_PORTS = (re.compile(r"^EXPOSE\s+(\d+)"), re.compile(r'"--port",\s*"(\d+)"'))


@dataclass(frozen=True, kw_only=True)
class Setting:
    """One place a project configures an answer: the values found there, the file and its line."""

    field: str
    values: tuple[str, ...]
    """What the place holds; the answer should be one of them (a list of excludes holds several)."""
    path: Path
    line: int | None = None
    text: str | None = None
    """The line as written."""


def configured_settings(project_dir: Path, repository_root: Path) -> list[Setting]:
    """The settings ``project_dir`` (the layout root) and the repository's README configure."""
    found: list[Setting] = []
    pyproject_path = project_dir / "pyproject.toml"
    pyproject_text = read_text(pyproject_path)
    if pyproject_text is not None:
        data = _toml(pyproject_text, pyproject_path)
        found += _pyproject_settings(data, pyproject_text, pyproject_path)
    found += _python_version_file(project_dir / ".python-version")
    found += _ports(repository_root / "README.md", _README_PORT)
    found += _ports(project_dir / "Dockerfile", *_DOCKER_PORTS)
    return found


def _toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_LINE.search(str(exc))
        message = _TOML_LINE.sub("", str(exc))
        line = int(where.group(1)) if where else None
        raise ProjectError(f"not valid TOML: {message}", path=path, line=line) from None


def _pyproject_settings(data: dict[str, Any], text: str, path: Path) -> list[Setting]:
    def at(field: str, values: tuple[str, ...], start: str) -> Setting:
        line = line_of(text, start)
        return Setting(field=field, values=values, path=path, line=line, text=_line_text(text, line))

    tool = _table(data, "tool")
    checkers = tuple(name for name in CHECKERS if name in tool)
    header = f"[tool.{checkers[0]}]" if checkers else "[tool."
    found = [at("type_checker", checkers, header)]
    requires = _table(data, "project").get("requires-python")
    if isinstance(requires, str):
        bound = _LOWER_BOUND.search(requires)
        found.append(at("python_version", (bound.group(1) if bound else requires,), "requires-python"))
    excludes = _table(tool, "ruff").get("extend-exclude")
    if isinstance(excludes, list):
        found.append(at("venv_dir", tuple(str(e).rstrip("/") for e in excludes), "extend-exclude"))
    for name in checkers:
        venv = _table(tool, name).get("venv")
        if isinstance(venv, str):
            found.append(at("venv_dir", (venv,), "venv ="))
    return found


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _python_version_file(path: Path) -> list[Setting]:
    text = read_text(path, limit=4096)
    if text is None:
        return []
    lines = [line.strip() for line in text.splitlines()]
    version = next((line for line in lines if line and not line.startswith("#")), "")
    return [Setting(field="python_version", values=(version,), path=path, line=1, text=version)]


def _ports(path: Path, *patterns: re.Pattern[str]) -> list[Setting]:
    text = read_text(path)
    if text is None:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in patterns:
            for match in pattern.finditer(line):
                found.append(Setting(field="port", values=(match.group(1),), path=path, line=number, text=line.strip()))
    return found


def _line_text(text: str, line: int | None) -> str | None:
    lines = text.splitlines()
    return lines[line - 1].strip() if line and line <= len(lines) else None
