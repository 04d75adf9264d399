"""Read an agent file from disk into an ``AgentFile``, refusing anything that is not one."""

from __future__ import annotations

import re
from pathlib import Path

from scaffold.errors import AgentFileError
from scaffold.formats import detect_format
from scaffold.frontmatter_split import split_frontmatter
from scaffold.models import AgentFile
from scaffold.text import key_line

MAX_BYTES = 1024 * 1024
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.M)


def load_agent(path: Path | str) -> AgentFile:
    """Read and parse one agent file; raise ``AgentFileError`` naming the file (and line)."""
    path = Path(path)
    text = _read_text(path)
    meta, body, body_start = split_frontmatter(text, path=path)
    name = meta.get("name")
    if name is not None and not isinstance(name, str):
        raise AgentFileError(
            f"frontmatter 'name' must be a string, not {type(name).__name__}",
            path=path,
            line=key_line(text, "name", default=2),
        )
    description = meta.get("description")
    if description is not None and not isinstance(description, str):
        description = str(description)
    return AgentFile(
        path=path,
        format=detect_format(path, meta, body),
        name=(name or "").strip() or _first_heading(body) or path.stem,
        description=(description or "").strip(),
        meta=meta,
        text=text,
        body_start_line=body_start,
    )


def _read_text(path: Path) -> str:
    if not path.exists():
        raise AgentFileError("no such file", path=path)
    if path.is_dir():
        raise AgentFileError("is a folder, not an agent file", path=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AgentFileError(f"file is {size} bytes; agent files are limited to {MAX_BYTES} (1 MiB)", path=path)
    data = path.read_bytes()
    if b"\x00" in data:
        raise AgentFileError(
            "binary file (contains NUL bytes), not an agent definition",
            path=path,
            line=data.count(b"\n", 0, data.index(b"\x00")) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AgentFileError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", path=path, line=line
        ) from None
    if not text.strip():
        raise AgentFileError("empty file", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match["title"].strip("*_` ") if match else None
