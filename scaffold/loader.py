"""Read an agent file from disk into an ``AgentFile``, refusing anything that is not one."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from scaffold.errors import AgentFileError
from scaffold.formats import detect_format
from scaffold.frontmatter_split import split_frontmatter
from scaffold.models import AgentFile
from scaffold.text import key_line

MAX_BYTES = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte order marks and the encodings they announce (UTF-32 first: its LE mark starts like UTF-16's)."""
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
    data = _read_bytes(path)
    text = _decode(data, path=path)
    if not text.strip():
        raise AgentFileError("empty file", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file only (after symlinks), never more than ``MAX_BYTES`` plus one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens without waiting for a writer
    except OSError as exc:
        raise AgentFileError(_os_reason(exc), path=path) from None
    kind = _kind(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        raise AgentFileError(f"is {kind}, not an agent file", path=path)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise AgentFileError(_os_reason(exc), path=path) from None
    if len(data) > MAX_BYTES:
        raise AgentFileError(f"file is larger than {MAX_BYTES} bytes; agent files are limited to 1 MiB", path=path)
    return data


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a character device"}
    kinds |= {stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}
    return next((name for test, name in kinds.items() if test(mode)), "not a regular file")


def _os_reason(exc: OSError) -> str:
    """Why a file could not be opened or read, in words (a symlink loop is not "no such file")."""
    reasons = {errno.ENOENT: "no such file", errno.ELOOP: "a symlink loop (a link that leads back to itself)"}
    reasons |= {errno.EACCES: "cannot be read: permission denied", errno.EISDIR: "is a folder, not an agent file"}
    return reasons.get(exc.errno or 0, f"cannot be read: {exc.strerror or type(exc).__name__}")


def _decode(data: bytes, *, path: Path) -> str:
    """Decode UTF-8, or UTF-16/32 when a byte order mark says so; refuse anything else by name."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8-sig")
    if encoding == "utf-8-sig" and b"\x00" in data:
        raise AgentFileError(
            "binary file (contains NUL bytes), not an agent definition",
            path=path,
            line=data.count(b"\n", 0, data.index(b"\x00")) + 1,
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        name = encoding.replace("-sig", "").upper()
        raise AgentFileError(
            f"not {name} text (byte 0x{data[exc.start]:02x} at offset {exc.start})", path=path, line=line
        ) from None
    if encoding != "utf-8-sig" and not any(c.isascii() and c.isprintable() and not c.isspace() for c in text):
        raise AgentFileError(
            f"starts with a {encoding.upper()} byte order mark, but is not {encoding.upper()} text", path=path
        )
    return text


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match["title"].strip("*_` ") if match else None
