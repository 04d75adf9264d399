"""Split an agent file into its YAML frontmatter and its Markdown body, with line numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import frontmatter.default_handlers
import yaml

from scaffold.errors import AgentFileError, ScaffoldError

_HANDLER = frontmatter.default_handlers.YAMLHandler()
_LENIENT_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*))?$")
_STRICT_START = ("[", "{", '"', "'", "|", ">")
MAX_DEPTH = 64
"""How deeply frontmatter may nest lists and mappings; real agent files nest two or three levels."""


class _Refused(yaml.composer.ComposerError):
    """YAML that parses but is refused: it would expand or nest beyond what an agent file needs."""


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` that refuses aliases of lists or mappings and nesting deeper than ``MAX_DEPTH``.

    A few lines of nested aliases ("billion laughs") expand to billions of values, and deep nesting
    exhausts Python's stack; aliases of plain values (``*name`` for a string) stay allowed.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing an alias of a collection or one level too many."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        mark = cast("yaml.Mark | None", event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            if isinstance(self.anchors.get(event.anchor), yaml.CollectionNode):
                why = "aliases of lists or mappings are not allowed (they can expand a small file without bound)"
                raise _Refused(None, None, f"alias *{event.anchor}: {why}", mark)
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise _Refused(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _load(text: str) -> Any:
    """Parse YAML with ``_Loader`` (safe types only, no expansion, bounded depth)."""
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader


def load_yaml(text: str, *, path: Path, error: type[ScaffoldError] = AgentFileError) -> Any:
    """Parse a whole YAML document safely (as frontmatter is); raise ``error`` naming ``path`` and the line."""
    try:
        return _load(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise error(f"invalid YAML: {problem}", path=path, line=mark.line + 1 if mark else None) from None


def split_frontmatter(text: str, *, path: Path) -> tuple[dict[str, Any], str, int]:
    """Return ``(meta, body, body_start_line)``; ``meta`` is empty when there is no frontmatter.

    Strict YAML first; where that fails, Claude Code and Cursor accept flat ``key: value`` lines
    whose values are not valid YAML (``globs: **/*``, descriptions holding ``: ``), so such lines
    are read as plain strings. Anything else is reported with the line YAML stumbled on.
    """
    if not _HANDLER.detect(text):
        return {}, text, 1
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if _HANDLER.FM_BOUNDARY.fullmatch(lines[i])), None)
    if closing is None:
        raise AgentFileError("frontmatter opened with '---' on line 1 is never closed", path=path, line=1)
    raw, body, body_start = "\n".join(lines[1:closing]), "\n".join(lines[closing + 1 :]), closing + 2
    try:
        meta = _load(raw)
    except _Refused as exc:
        raise AgentFileError(_yaml_message(exc), path=path, line=_yaml_line(exc)) from None
    except yaml.YAMLError as exc:
        meta = _lenient(raw)
        if meta is None:
            raise AgentFileError(_yaml_message(exc), path=path, line=_yaml_line(exc)) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        kind = type(meta).__name__
        raise AgentFileError(f"frontmatter must be a mapping of keys to values, not a {kind}", path=path, line=2)
    return {str(k): v for k, v in meta.items()}, body, body_start


def _lenient(raw: str) -> dict[str, Any] | None:
    """Read flat ``key: value`` lines one by one; None when the block is not of that shape."""
    meta: dict[str, Any] = {}
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LENIENT_LINE.match(line)
        if match is None:
            return None
        value = (match["value"] or "").strip()
        try:
            parsed = _load(line)
        except _Refused:
            return None
        except yaml.YAMLError:
            if value.startswith(_STRICT_START):
                return None
            parsed = {match["key"]: value}
        if not isinstance(parsed, dict):
            return None
        meta.update(parsed)
    return meta


def _yaml_line(exc: yaml.YAMLError) -> int:
    """The file line YAML stumbled on; for a construct left open, the line that opened it."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    at_end = "stream end" in (getattr(exc, "problem", "") or "")
    mark = context if (at_end and context is not None) else (problem or context)
    return (mark.line + 2) if mark is not None else 2


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"invalid YAML frontmatter: {problem}"
