"""Readable views of what scaffold found: rows for the CLI to print, never printed here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffold.discovery import Found
from scaffold.models import LIST_FIELDS, SCALAR_FIELDS, Evidence, Inspection
from scaffold.text import show, show_answer

if TYPE_CHECKING:
    from scaffold.planning import Choice, Plan
    from scaffold.project import Project
    from scaffold.render import Rendered
    from scaffold.resync import Resync
    from scaffold.revisions import RevisionReport

STEP_LABELS = ("run the service", "run its tests")
"""What the generated README's first two code blocks do."""

_LEADING = ("framework", "layout_root", "app_package", "dirs")
FIELD_ORDER: tuple[str, ...] = (
    *_LEADING,
    *(f for f in SCALAR_FIELDS if f not in _LEADING),
    *(f for f in LIST_FIELDS if f not in _LEADING),
)


def convention_lines(inspection: Inspection, *, width: int) -> list[str]:
    """One line per convention: field, value, and the first line of evidence with its number."""
    data = inspection.conventions.as_dict()
    values = {field: show(data[field]) for field in FIELD_ORDER}
    value_width = min(max(len(v) for v in values.values()), 40)
    lines = [f"{'field':<18} {'value':<{value_width}}  {'sure':<8}  {'line':>4}  evidence"]
    for field in FIELD_ORDER:
        items = inspection.evidence.get(field, [])
        value = values[field]
        if len(value) > value_width:
            value = value[: value_width - 1] + "…"
        head = f"{field:<18} {value:<{value_width}}  {inspection.confidence.get(field, ''):<8}  "
        if not items:
            lines.append(head.rstrip())
            continue
        more = f" (+{len(items) - 1})" if len(items) > 1 else ""
        room = max(width - len(head) - 6 - len(more), 20)
        text = items[0].text if len(items[0].text) <= room else items[0].text[: room - 1] + "…"
        lines.append(f"{head}{items[0].line or 'path':>4}  {text}{more}")
    return lines


def warning_lines(inspection: Inspection) -> list[str]:
    """One line per warning, with the lines it is about."""
    lines = []
    for finding in inspection.warnings:
        word = "line" if len(finding.lines) == 1 else "lines"
        where = f" ({word} {', '.join(map(str, finding.lines[:6]))})" if finding.lines else ""
        lines.append(f"{finding.message}{where}")
    return lines


UNREADABLE = "unreadable: "
"""How an agent file that cannot be read is described, before the reason."""


def agent_rows(found: list[Found]) -> list[dict[str, str]]:
    """Name, where, path, format and a one-line description for each agent file found."""
    rows = []
    for item in found:
        row = {"name": item.path.stem, "where": item.where, "path": _short(item.path), "format": "?"}
        if item.agent is None:
            row["description"] = f"{UNREADABLE}{item.problem}"
        else:
            first = item.agent.description.replace("\\n", "\n").split("\n")[0]
            row |= {"name": item.agent.name, "format": item.agent.format, "description": " ".join(first.split())}
        rows.append(row)
    return rows


def _short(path: Path) -> str:
    for base, label in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return label + str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def aligned(rows: list[dict[str, str]], *, width: int) -> list[str]:
    """Rows as aligned text lines, one per agent, the description cut to fit ``width``."""
    columns = ("name", "where", "format", "path")
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns) + "  description"]
    for row in rows:
        head = "  ".join(row[c].ljust(widths[c]) for c in columns) + "  "
        room = max(width - len(head), 20)
        text = row["description"]
        whole = len(text) <= room or text.startswith(UNREADABLE)  # why a file cannot be read is never cut
        lines.append(head + (text if whole else text[: room - 1] + "…"))
    return lines


def new_json(plan: Plan, rendered: Rendered, warnings: list[str]) -> dict[str, Any]:
    """``scaffold new --json``: the plan, what the agent states beyond the template, and the result."""
    choices = {
        c.field: {
            "value": c.value,
            "source": c.source,
            "confidence": c.confidence,
            "evidence": {"line": c.evidence.line, "text": c.evidence.text} if c.evidence else None,
            "replaces": _replaced(c),
        }
        for c in plan.choices
    }
    unconfirmed = [
        {"field": u.field, "value": u.value, "line": u.evidence.line if u.evidence else None} for u in plan.unconfirmed
    ]
    steps = [
        {"label": label, "commands": block.splitlines()}
        for label, block in zip(STEP_LABELS, _next_steps(rendered.path), strict=False)
    ]
    return {
        "plan": {
            "answers": choices,
            "stated_dirs": list(plan.stated_dirs),
            "unconfirmed": unconfirmed,
            "left_open": list(plan.left_open),
        },
        "not_rendered": list(plan.not_rendered),
        "renamed": list(plan.renamed),
        "result": {
            "path": str(rendered.path),
            "overwritten": list(rendered.overwritten),
            "kept": list(rendered.kept),
            "committed": rendered.committed,
            "answers": rendered.answers,
            "packages": list(rendered.packages),
            "next_steps": steps,
            "warnings": warnings,
        },
    }


def _next_steps(project: Path) -> list[str]:
    from scaffold.render import next_steps

    return next_steps(project)


def from_anywhere(block: str, project: Path) -> list[str]:
    """A README block (run from the project's root) as lines that run from any folder."""
    import shlex

    lines = block.splitlines()
    folder = project
    if lines and lines[0].startswith("cd "):
        folder, lines = project / lines[0][3:].strip(), lines[1:]
    return [f"cd {shlex.quote(str(folder))}", *lines]


def git_state(rendered: Rendered, *, no_git: bool) -> str:
    """How the project stands in git, for the report's first line."""
    if rendered.committed:
        return "a git repository with one commit"
    if no_git:
        return "no git repository (--no-git)"
    return "inside an existing git repository: review and commit the changes"


def change_lines(found: Resync, project: Project) -> list[str]:
    """A heading naming the agent file, then one line per answer an update moves: field, old -> new, why."""
    source = project.agent_file.relative_to(project.root).as_posix() if project.agent_file else "no agent file"
    if not found.changes:
        return [f"No answer changes ({source})."]
    moves = [f"{show_answer(c.old)} -> {show_answer(c.new)}" for c in found.changes]
    width = max(len(m) for m in moves)
    rows = [f"  {c.field:<18} {m:<{width}}   {c.why}" for c, m in zip(found.changes, moves, strict=True)]
    return [f"Answers that change ({source}):", *rows]


def revision_lines(report: RevisionReport | None) -> list[str]:
    """What an update did to the Alembic revisions: applied ones kept as they were, added ones chained."""
    if report is None:
        return []
    lines = [f"  kept applied revision {r.file} as it was ({r.reason})" for r in report.restored]
    lines += [f"  {r.file} now follows {r.new_down} (the template had {show(r.old_down)})" for r in report.rechained]
    return (["Migrations:", *lines]) if lines else []


_NONE = {
    ("app_package", ""): "(none: modules in layout_root)",
    ("models_dir", ""): "(one models.py)",
    ("schemas_dir", ""): "(one schemas.py)",
    ("coverage_min", 0): "0 (no floor)",
}
"""How answers that mean "none" or "one file" read in the plan."""


def _replaced(choice: Choice) -> dict[str, Any] | None:
    """The agent's answer a ``--set`` value replaced, as ``--json`` shows it."""
    agent = choice.replaces
    if agent is None:
        return None
    return {"value": agent.value, "line": agent.evidence.line if agent.evidence else None}


def _where(evidence: Evidence | None) -> str:
    return f"{evidence.place}: {evidence.text[:60]}" if evidence else ""


def _idle_default(choice: Choice, plan: Plan) -> bool:
    """Whether ``choice`` is a default of a feature the project does not have.

    Such a default changes nothing, and the plan leaves it out (a "broker redis" default beside no
    task queue reads as a Redis broker).
    """
    from scaffold.answers import FEATURE_OF  # the answers' models: only a plan needs them

    feature = FEATURE_OF.get(choice.field)
    return choice.source == "default" and feature is not None and not getattr(plan.answers, feature)


def _row_note(choice: Choice) -> str:
    """What the plan prints after an answer: its line (and confidence), or what it replaces or follows."""
    if choice.replaces is not None and choice.replaces.value != choice.value:
        agent = choice.replaces
        return f"instead of the agent's {show(agent.value)}, {_where(agent.evidence)}".rstrip(", ")
    if choice.field == "auth" and choice.source == "default" and choice.value:
        return "the roles need an identity; --set auth=... changes it"
    where = _where(choice.evidence)
    return f"[{choice.confidence}] {where}".rstrip() if choice.confidence is not None else where


def plan_sections(plan: Plan, source: str) -> list[tuple[str, list[str]]]:
    """The plan ``scaffold new`` prints: a heading and its lines for each kind of answer and note."""
    sections: list[tuple[str, list[str]]] = []
    left_out = _not_rendered_unless_replaced(plan)
    stated_elsewhere = _stated_not_generated(left_out)
    labels = (("From the agent", "agent"), ("From --set", "--set"), ("Defaults", "default"))
    for label, wanted in labels:
        rows = [
            c
            for c in plan.choices
            if c.source == wanted and (c.value != "" or c.field != "description") and not _idle_default(c, plan)
        ]
        values = [_NONE.get((c.field, c.value), show(c.value) if c.value != "" else "(none)") for c in rows]
        width = max([14, *(len(v) for v in values)])
        lines = []
        for choice, value in zip(rows, values, strict=True):
            note = _row_note(choice)
            if choice.source == "default" and choice.field in stated_elsewhere:
                note = f"the agent's {stated_elsewhere[choice.field]} is not generated yet (below)"
            lines.append(f"  {choice.field:<18} {value:<{width}} {note}".rstrip())
        if lines:
            sections.append((f"{label}{f' ({source})' if wanted == 'agent' else ''}:", lines))
    if plan.unconfirmed:
        width = max(14, *(len(show(u.value)) for u in plan.unconfirmed))
        weak = [f"  {u.field:<18} {show(u.value):<{width}} {_where(u.evidence)}" for u in plan.unconfirmed]
        heading = "Weak in the agent, not used (confirm with --set field=value, or --accept-weak):"
        sections.append((heading, [line.rstrip() for line in weak]))
    if plan.left_open:
        sections.append(
            (
                "Left open by the agent (the template's default is used unless --set says otherwise):",
                [f"  {w}" for w in plan.left_open],
            )
        )
    if plan.renamed:
        sections.append(("Named by the agent, but elsewhere in this template:", ["  " + "; ".join(plan.renamed)]))
    if left_out:
        sections.append(("Stated by the agent, not generated by this template yet:", ["  " + "; ".join(left_out)]))
    return sections


def _answer_and_value(item: str) -> tuple[str, str]:
    """The answer a not-rendered ``field=value`` item is about, and its value ("rate_limiting=yes")."""
    from scaffold.support import ANSWERED_AS  # beside the answers' models: only a plan needs it

    name, _, value = item.partition("=")
    return ANSWERED_AS.get(name, (name,))[0], value


def _stated_not_generated(left_out: list[str]) -> dict[str, str]:
    """For each answer, the value the agent states that is not generated yet ("deploy=fly": fly)."""
    found: dict[str, str] = {}
    for answer, value in map(_answer_and_value, left_out):
        found[answer] = f"{found[answer]}, {value}" if answer in found else value
    return found


def _not_rendered_unless_replaced(plan: Plan) -> list[str]:
    """The plan's ``not_rendered`` less the values a ``--set`` row already shows it replaced."""
    replaced = {c.field for c in plan.choices if c.replaces is not None}
    return [item for item in plan.not_rendered if _answer_and_value(item)[0] not in replaced]
