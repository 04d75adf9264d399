"""Leaf helpers for names and values: formatting, slugs, shell languages, frontmatter key lines.

This module imports nothing from scaffold, so any module may use it without an upward arrow.
"""

from __future__ import annotations

import re
from typing import Any

SHELL_LANGS = frozenset({"", "bash", "sh", "shell", "console", "zsh", "powershell", "ps1", "cmd", "text", "txt", "bat"})
"""Code fence languages whose lines are commands or plain text rather than program code."""

MODULE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
"""A name the template gives a package or module: a lower-case ASCII identifier."""


def is_module_path(path: str) -> bool:
    """Whether ``path`` is module names separated by '/' (``api/routes``, ``db/models``)."""
    return all(MODULE_NAME.fullmatch(part) for part in path.split("/"))


def show(value: Any) -> str:
    """A value as a person reads it: ``-`` for unstated, lists joined by commas."""
    if value is None or value == [] or value == ():
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def one_line(text: object) -> str:
    r"""``text`` (a path, a name) on one line: line breaks shown as ``\n`` and ``\r``.

    An error is one line per problem; a folder named with a line break must not split it.
    """
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


def show_answer(value: Any) -> str:
    """An answer as a person reads it, where an empty answer (no queue, no description) reads ``(none)``."""
    return "(none)" if value in ("", None) else show(value)


def slugify(name: str) -> str:
    """``Backend Development Specialist`` -> ``backend-development-specialist``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def key_line(text: str, key: str, *, default: int = 1) -> int:
    """The 1-based line on which ``key:`` starts a line of ``text`` (frontmatter), else ``default``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return default


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    r"""``text`` safe for a terminal: control characters, bidi overrides and lone surrogates as escapes.

    An agent's name may hold ``\x1b[...`` sequences that would restyle or rewrite the terminal, or a
    lone surrogate that no terminal encoding can write; both are shown as ``\x1b`` and ``\udc80``.
    """
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
