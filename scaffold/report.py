"""Readable views of what scaffold found: rows for the CLI to print, never printed here."""

from __future__ import annotations

from typing import Any

from scaffold.discovery import Found
from scaffold.models import LIST_FIELDS, SCALAR_FIELDS, Inspection

_LEADING = ("framework", "layout_root", "app_package", "dirs")
FIELD_ORDER: tuple[str, ...] = (
    *_LEADING,
    *(f for f in SCALAR_FIELDS if f not in _LEADING),
    *(f for f in LIST_FIELDS if f not in _LEADING),
)


def show(value: Any) -> str:
    """A value as a person reads it: ``-`` for unstated, lists joined by commas."""
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def convention_rows(inspection: Inspection) -> list[tuple[str, str, str]]:
    """``(field, value, evidence)`` for every convention, evidence as ``L12: quoted text``."""
    data = inspection.conventions.as_dict()
    rows: list[tuple[str, str, str]] = []
    for field in FIELD_ORDER:
        items = inspection.evidence.get(field, [])
        evidence = "\n".join(f"L{e.line}: {e.text}" for e in items)
        rows.append((field, show(data[field]), evidence))
    return rows


def warning_lines(inspection: Inspection) -> list[str]:
    """One line per warning, with the lines it is about."""
    lines = []
    for finding in inspection.warnings:
        where = f" (lines {', '.join(map(str, finding.lines[:6]))})" if finding.lines else ""
        lines.append(f"{finding.message}{where}")
    return lines


def agent_rows(found: list[Found]) -> list[tuple[str, str, str, str]]:
    """``(name, where, format, description)`` for each agent file found."""
    rows = []
    for item in found:
        if item.agent is None:
            rows.append((item.path.stem, f"{item.where}: {item.path}", "?", f"unreadable: {item.problem}"))
            continue
        description = " ".join(item.agent.description.split())
        if len(description) > 90:
            description = description[:87] + "..."
        rows.append((item.agent.name, f"{item.where}: {item.path}", item.agent.format, description))
    return rows
