"""Build agent files inline for tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml


def write_agent(folder: Path, *, meta: dict[str, Any] | None = None, body: str = "", name: str = "agent.md") -> Path:
    """Write an agent file with optional YAML frontmatter and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ""
    if meta is not None:
        text = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n"
    path.write_text(text + body, encoding="utf-8")
    return path


@contextmanager
def compiled_once() -> Iterator[None]:
    """Compile each Jinja source once while the block runs, for tests that render many times.

    Every Copier run builds a new Jinja environment and compiles each default, validator and file
    anew, which is most of its time; a compiled template depends only on its source and the
    environment's syntax settings, so renders in a test session run about twice as fast.
    """
    import jinja2

    compile_ = jinja2.Environment.compile
    compiled: dict[tuple[Any, ...], Any] = {}

    def compile_once(env: jinja2.Environment, source: Any, *args: Any, **kwargs: Any) -> Any:
        # Jinja folds constant expressions while compiling: a cached `... | ans_random` would give
        # every project the same secret, so sources that draw random values compile each time.
        uncacheable = not isinstance(source, str) or "random" in source
        if uncacheable or kwargs.get("raw") or (len(args) > 2 and args[2]):
            return compile_(env, source, *args, **kwargs)
        syntax = (type(env), env.block_start_string, env.variable_start_string, env.comment_start_string)
        settings = (env.line_statement_prefix, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline)
        key = (source, args, tuple(sorted(kwargs.items())), *syntax, *settings, tuple(env.extensions))
        if key not in compiled:
            compiled[key] = compile_(env, source, *args, **kwargs)
        return compiled[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", compile_once)
        yield
