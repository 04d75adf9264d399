"""Keep a project's applied Alembic revisions as they are, and chain the ones an update adds on top.

After a template update, a revision file the project already had may differ from the template's
(the template moved its ``down_revision``, or rewrote it): it is put back byte for byte, since a
database may have applied it. The revision files the update added are then chained, in the
template's own order, on the single head of the revisions the project had, its own included.
Files are read with ``ast`` and never imported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import RevisionError

Down = str | tuple[str, ...] | None
"""What a ``down_revision`` holds: the revision it revises, several (a merge), or None (the first)."""

_REVISES = re.compile(rb"^(\s*)Revises:[^\r\n]*", re.MULTILINE)


@dataclass(frozen=True)
class Revision:
    """One revision file as parsed: its identifiers and where its ``down_revision`` value sits."""

    file: str
    revision: str
    down: Down
    line: int
    """The line of the ``revision`` assignment."""
    down_span: tuple[int, int] | None
    """Byte offsets of the ``down_revision`` value, None when the file has no such assignment."""
    docstring_span: tuple[int, int] | None


@dataclass(frozen=True)
class Restored:
    """A revision file the update changed or deleted, put back as it was."""

    file: str
    reason: str


@dataclass(frozen=True)
class Rechained:
    """A revision file the update added, now revising the project's head."""

    file: str
    old_down: Down
    new_down: str | None


@dataclass(frozen=True)
class RevisionReport:
    """What ``keep_applied_revisions`` did, and what it could not do."""

    restored: tuple[Restored, ...] = ()
    rechained: tuple[Rechained, ...] = ()
    problems: tuple[RevisionError, ...] = ()


def keep_applied_revisions(versions: Path, before: Mapping[str, bytes]) -> RevisionReport:
    """Restore the revision files of ``before`` in ``versions`` and chain the added ones on their head.

    ``before`` maps each file name the folder held before the update to its bytes. A clash or an
    unreadable file is a problem in the report, and then no added file is rewritten.
    """
    if not versions.is_dir():
        raise RevisionError("no migrations versions folder", path=versions)
    restored = tuple(_restore(versions, name, data) for name, data in sorted(before.items()))
    problems: list[RevisionError] = []
    old = _parse_all(versions, {n: d for n, d in before.items() if n.endswith(".py")}, problems)
    added_files = {p.name: p.read_bytes() for p in sorted(versions.glob("*.py")) if p.name not in before}
    added = _parse_all(versions, added_files, problems)
    problems += _collisions(versions, old, added) + _unanchored(versions, added)
    head = _single_head(versions, old, problems)
    kept = tuple(r for r in restored if r is not None)
    if problems or not added:
        return RevisionReport(restored=kept, problems=tuple(problems))
    return RevisionReport(restored=kept, rechained=_rechain(versions, _template_order(added), head, added_files))


def _restore(versions: Path, name: str, data: bytes) -> Restored | None:
    """Put ``name`` back as ``data`` when the update changed or deleted it."""
    path = versions / name
    if not path.is_file():
        path.write_bytes(data)
        return Restored(name, "the update deleted it")
    now = path.read_bytes()
    if now == data:
        return None
    path.write_bytes(data)
    return Restored(name, _why_changed(name, data, now))


def _why_changed(name: str, old: bytes, new: bytes) -> str:
    """Say what the template changed in an applied revision, as far as the identifiers tell."""
    try:
        was, now = _parse(name, old), _parse(name, new)
    except RevisionError:
        return "the update rewrote it"
    if was is None or now is None:
        return "the update rewrote it"
    if was.revision != now.revision:
        return f"the template changed its revision id from {was.revision} to {now.revision}"
    if was.down != now.down:
        return f"the template moved its down_revision from {_show(was.down)} to {_show(now.down)}"
    return "the update changed its code"


def _parse_all(versions: Path, files: Mapping[str, bytes], problems: list[RevisionError]) -> list[Revision]:
    """Parse each file that is a revision; an unreadable one becomes a problem."""
    parsed: list[Revision] = []
    for name, data in sorted(files.items()):
        try:
            revision = _parse(name, data)
        except RevisionError as error:
            problems.append(RevisionError(error.message, path=versions / name, line=error.line))
            continue
        if revision is not None:
            parsed.append(revision)
    return parsed


def _parse(name: str, data: bytes) -> Revision | None:
    """Read ``revision`` and ``down_revision`` from a file's source; None when it is not a revision."""
    try:
        tree = ast.parse(data, filename=name)
    except (SyntaxError, ValueError) as error:
        line = error.lineno if isinstance(error, SyntaxError) else None
        raise RevisionError(f"cannot be parsed: {error}", path=name, line=line) from None
    values = dict(_assignments(tree))
    if "revision" not in values:
        return None
    revision = _literal(values["revision"], "revision", name)
    if not isinstance(revision, str):
        raise RevisionError("revision is not a string", path=name, line=values["revision"].lineno)
    down_node = values.get("down_revision")
    down = _down(_literal(down_node, "down_revision", name), name, down_node) if down_node else None
    return Revision(
        file=name,
        revision=revision,
        down=down,
        line=values["revision"].lineno,
        down_span=_span(data, down_node) if down_node else None,
        docstring_span=_docstring_span(data, tree),
    )


def _assignments(tree: ast.Module) -> list[tuple[str, ast.expr]]:
    """Module-level ``name = value`` and ``name: type = value`` pairs."""
    pairs: list[tuple[str, ast.expr]] = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            pairs.append((node.target.id, node.value))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            pairs.append((node.targets[0].id, node.value))
    return pairs


def _literal(node: ast.expr, field: str, name: str) -> object:
    """The literal value of an assignment, or a ``RevisionError`` when it is computed."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise RevisionError(f"{field} is not a literal", path=name, line=node.lineno) from None


def _down(value: object, name: str, node: ast.expr) -> Down:
    """A ``down_revision`` value checked to be None, a string or strings."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return tuple(str(v) for v in value)
    raise RevisionError("down_revision is not a revision id", path=name, line=node.lineno)


def _span(data: bytes, node: ast.expr) -> tuple[int, int]:
    """Byte offsets of ``node`` in ``data`` (ast columns count UTF-8 bytes)."""
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    end_line = node.end_lineno if node.end_lineno is not None else node.lineno
    end_col = node.end_col_offset if node.end_col_offset is not None else node.col_offset
    return starts[node.lineno - 1] + node.col_offset, starts[end_line - 1] + end_col


def _docstring_span(data: bytes, tree: ast.Module) -> tuple[int, int] | None:
    """Byte offsets of the module docstring, where alembic writes ``Revises:``."""
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return _span(data, first.value)
    return None


def _collisions(versions: Path, old: list[Revision], added: list[Revision]) -> list[RevisionError]:
    """An added revision whose id the project already has (or another added file has)."""
    seen = {r.revision: r.file for r in old}
    problems: list[RevisionError] = []
    for revision in added:
        if revision.revision in seen:
            message = f"revision id {revision.revision} is already {seen[revision.revision]}'s"
            problems.append(RevisionError(message, path=versions / revision.file, line=revision.line))
        seen.setdefault(revision.revision, revision.file)
    return problems


def _unanchored(versions: Path, added: list[Revision]) -> list[RevisionError]:
    """An added revision without a ``down_revision`` assignment, which cannot be pointed anywhere."""
    return [
        RevisionError("has no down_revision assignment to rewrite", path=versions / r.file, line=r.line)
        for r in added
        if r.down_span is None
    ]


def _single_head(versions: Path, old: list[Revision], problems: list[RevisionError]) -> str | None:
    """The one revision of ``old`` that none revises; several (or none) is a problem."""
    revised = {d for r in old for d in _ids(r.down)}
    heads = sorted(r.revision for r in old if r.revision not in revised)
    if len(heads) > 1:
        message = f"the project's revisions have several heads ({', '.join(heads)}): run alembic merge heads first"
        problems.append(RevisionError(message, path=versions))
    elif old and not heads:
        problems.append(RevisionError("the project's revisions have no head (a cycle)", path=versions))
    return heads[0] if len(heads) == 1 else None


def _template_order(added: list[Revision]) -> list[Revision]:
    """The added revisions in the template's own chain order (then by file name)."""
    by_id = {r.revision: r for r in added}

    def depth(revision: Revision) -> int:
        count, seen, down = 0, set(), revision.down
        while isinstance(down, str) and down in by_id and down not in seen:
            seen.add(down)
            count, down = count + 1, by_id[down].down
        return count

    return sorted(added, key=lambda r: (depth(r), r.file))


def _rechain(
    versions: Path, ordered: list[Revision], head: str | None, sources: Mapping[str, bytes]
) -> tuple[Rechained, ...]:
    """Point each added revision at the one before it, the first at ``head``; rewrite those that move."""
    rechained: list[Rechained] = []
    below = head
    for revision in ordered:
        if revision.down != below and revision.down_span is not None:
            data = _rewrite(sources[revision.file], revision.down_span, revision.docstring_span, below)
            (versions / revision.file).write_bytes(data)
            rechained.append(Rechained(revision.file, revision.down, below))
        below = revision.revision
    return tuple(rechained)


def _rewrite(data: bytes, span: tuple[int, int], docstring: tuple[int, int] | None, down: str | None) -> bytes:
    """``data`` with the ``down_revision`` value at ``span`` and the docstring's ``Revises:`` set to ``down``."""
    start, end = span
    value = b"None" if down is None else b'"' + down.encode() + b'"'
    data = data[:start] + value + data[end:]
    if docstring is not None and docstring[1] <= start:
        doc_start, doc_end = docstring
        revises = b"Revises:" + (b" " + down.encode() if down else b"")
        text = _REVISES.sub(lambda m: m.group(1) + revises, data[doc_start:doc_end], count=1)
        data = data[:doc_start] + text + data[doc_end:]
    return data


def _ids(down: Down) -> tuple[str, ...]:
    """The revision ids a ``down_revision`` names."""
    if down is None:
        return ()
    return (down,) if isinstance(down, str) else down


def _show(down: Down) -> str:
    """A ``down_revision`` as a person reads it."""
    return ", ".join(_ids(down)) or "None"
