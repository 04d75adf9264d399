"""Drift in a generated project: where its agent file, its files and its code disagree with its answers.

``check_project`` compares the stored answers (``.copier-answers.yml``) with four things:

- ``agent``: the conventions the agent file states today (planned as ``scaffold new`` would);
  only answers the agent states count, since a default may have been replaced with ``--set``;
- ``config``: the settings the project's files hold (see ``scaffold.configured``);
- ``folder``: the folders the answers and the agent name, missing on disk;
- ``layering``: imports that break the layering rules (see ``scaffold.layering``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from scaffold.answers import FIELDS, Answers, problems_of
from scaffold.configured import configured_settings
from scaffold.errors import InvalidAnswersError, ProjectError
from scaffold.files import ANSWERS_FILE
from scaffold.layering import REPOSITORIES, RULES, Layers, layering_violations
from scaffold.loader import load_agent
from scaffold.planning import Plan
from scaffold.project import AGENTS_FOLDER, Project, load_project
from scaffold.resync import Resync, resync
from scaffold.text import show, show_answer

Kind = Literal["agent", "config", "folder", "layering"]


@dataclass(frozen=True, kw_only=True)
class Drift:
    """One disagreement: what kind, about which answer or rule, what was expected and found, and where."""

    kind: Kind
    field: str
    """The answer it is about (``type_checker``, ``routes_dir``), ``dirs`` for a folder the agent names,
    or the layering rule broken (``route-imports-repository``, see ``scaffold.layering.RULES``)."""
    expected: str
    found: str
    file: str | None = None
    """Where it shows, relative to the project's root: the agent file, the config file, the missing
    folder, the importing module."""
    line: int | None = None
    evidence: str | None = None
    """The text of that line (the agent's statement, the config line, the import statement)."""


@dataclass(frozen=True)
class DriftReport:
    """The outcome of ``scaffold check``: clean when there are no findings."""

    root: Path
    findings: tuple[Drift, ...]

    @property
    def clean(self) -> bool:
        """Whether nothing drifted."""
        return not self.findings

    def to_json_dict(self) -> dict[str, Any]:
        """``{"clean": bool, "findings": [...]}``: the ``--json`` contract."""
        return {"clean": self.clean, "findings": [asdict(f) for f in self.findings]}


def check_project(folder: Path) -> DriftReport:
    """Every drift in the project in ``folder``; raise a ``ScaffoldError`` naming the file it cannot read."""
    project = load_project(folder)
    answers = _stored_answers(project)
    agent = _agent_path(project)
    where = _relative(agent, project.root)
    found, refused = _resync(project, agent, where)
    findings = [
        *(_agent_drift(found, where) if found else refused),
        *_config_drift(project, answers),
        *_missing_folders(project, answers, found.plan if found else None, where),
        *_layering_drift(project, answers),
    ]
    return DriftReport(project.root, tuple(findings))


def _stored_answers(project: Project) -> Answers:
    """The stored answers validated as the template's, or ``ProjectError`` naming the first bad one."""
    known = {name: value for name, value in project.answers.items() if name in FIELDS}
    try:
        return Answers(**known)
    except ValidationError as exc:
        name, message = problems_of(exc)[0]
        raise ProjectError(f"{name}: {message}", path=project.root / ANSWERS_FILE) from None


def _resync(project: Project, agent: Path, where: str) -> tuple[Resync | None, list[Drift]]:
    """The agent planned as ``scaffold update`` plans it, or (None and) the values the template cannot render."""
    try:
        return resync(project), []
    except InvalidAnswersError as exc:
        # As for any agent finding: what the agent states, against what the project holds.
        lines = load_agent(agent).text.splitlines()
        quoted = {p.line: lines[p.line - 1].strip() for p in exc.problems if p.line and p.line <= len(lines)}
        return None, [
            Drift(kind="agent", field=p.field, expected=show(p.value), found=show_answer(project.answers.get(p.field)),
                  file=where, line=p.line, evidence=quoted.get(p.line or 0))
            for p in exc.problems
        ]  # fmt: skip


def _agent_drift(found: Resync, where: str) -> list[Drift]:
    """What ``scaffold update`` would move, and the answers kept apart from what the agent states.

    The rule is ``resync``'s, so check and update agree: an answer drifts when the agent now says
    something else than when the answers were written (a statement removed included), or states
    a value the project does not follow.
    """
    moved = [c for c in found.changes if c.why != "a question this template version adds"]
    return [
        Drift(
            kind="agent",
            field=change.field,
            expected=show_answer(change.new),
            found=show_answer(change.old),
            file=where,
            line=change.evidence.line if change.evidence else None,
            evidence=change.evidence.text.strip() if change.evidence else change.why,
        )
        for change in (*moved, *found.kept)
    ]


def _agent_path(project: Project) -> Path:
    """The agent file the project follows, or ``ProjectError`` saying why there is none."""
    if project.agent_file is not None:
        return project.agent_file
    stated = project.answers.get("agent_file")
    if isinstance(stated, str) and stated:
        raise ProjectError(
            f"agent_file names {stated!r}, which is not a file in the project", path=project.root / ANSWERS_FILE
        )
    folder = project.root / AGENTS_FOLDER
    count = len(list(folder.glob("*.md"))) if folder.is_dir() else 0
    why = "holds no agent file" if count == 0 else f"holds {count} agent files and the answers name none"
    raise ProjectError(f"{why}: cannot tell which agent the project follows", path=folder)


def _config_drift(project: Project, answers: Answers) -> list[Drift]:
    found = []
    for setting in configured_settings(_project_dir(project, answers), project.root):
        expected = show(getattr(answers, setting.field))
        if expected not in setting.values:
            found.append(
                Drift(
                    kind="config",
                    field=setting.field,
                    expected=expected,
                    found=show(setting.values),
                    file=_relative(setting.path, project.root),
                    line=setting.line,
                    evidence=setting.text,
                )
            )
    return found


def _missing_folders(project: Project, answers: Answers, plan: Plan | None, where: str) -> list[Drift]:
    """The folders the answers imply, then those only the agent names, missing on disk."""
    found = [
        Drift(
            kind="folder",
            field=name,
            expected=_relative(path, project.root) + "/",
            found="missing",
            file=_relative(path, project.root),
        )
        for name, path in _answer_folders(project, answers)
        if not path.is_dir()
    ]
    reported = {f.file for f in found}
    package = _package(project, answers)
    for folder in plan.stated_dirs if plan else ():
        path = _relative(package / folder, project.root)
        if path in reported or _has_folder(package, folder):
            continue
        line = plan.dir_evidence.get(folder) if plan else None
        evidence = f"{where}:{line.line}: {line.text.strip()}" if line else f"named in {where}"
        found.append(
            Drift(kind="folder", field="dirs", expected=f"{path}/", found="missing", file=path, evidence=evidence)
        )
    return found


def _answer_folders(project: Project, answers: Answers) -> list[tuple[str, Path]]:
    """Each folder the answers imply, with the answer implying it."""
    project_dir = _project_dir(project, answers)
    package = _package(project, answers)
    wanted: list[tuple[str, Path]] = [("layout_root", project_dir)] if answers.layout_root != "." else []
    if answers.app_package:
        wanted.append(("app_package", package))
    wanted += [("routes_dir", package / answers.routes_dir), ("migrations_dir", project_dir / answers.migrations_dir)]
    if answers.models_dir:
        wanted.append(("models_dir", package / answers.models_dir))
    if answers.schemas_dir:
        wanted.append(("schemas_dir", package / "schemas"))
    if answers.task_queue:
        wanted.append(("tasks_dir", package / answers.tasks_dir))
    if answers.repository_pattern:
        wanted.append(("repository_pattern", package / REPOSITORIES))
    return wanted


def _layering_drift(project: Project, answers: Answers) -> list[Drift]:
    if not answers.service_layer:
        return []
    layers = Layers(
        package=_package(project, answers),
        import_prefix=f"{answers.app_package}." if answers.app_package else "",
        routes_dir=answers.routes_dir,
        deps_module=str(answers.deps_module),
        db_module=answers.db_module,
        repository_pattern=answers.repository_pattern,
        models=answers.models_dir or "models",
    )
    return [
        Drift(
            kind="layering",
            field=v.rule,
            expected=RULES[v.rule],
            found=v.imported,
            file=_relative(v.path, project.root),
            line=v.line,
            evidence=v.statement,
        )
        for v in layering_violations(layers)
    ]


def _project_dir(project: Project, answers: Answers) -> Path:
    return project.root / answers.layout_root


def _package(project: Project, answers: Answers) -> Path:
    return _project_dir(project, answers) / answers.app_package


def _has_folder(package: Path, folder: str) -> bool:
    """Whether ``package`` has the folder, or a module file standing for it or for a parent of it."""
    parts = folder.split("/")
    if package.joinpath(*parts).is_dir():
        return True
    return any(
        package.joinpath(*parts[: depth - 1], f"{parts[depth - 1]}.py").is_file() for depth in range(1, len(parts) + 1)
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def table_lines(report: DriftReport) -> list[str]:
    """The findings as aligned rows (kind, field, expected, found, where, evidence), then a summary line."""
    if report.clean:
        return [f"No drift: {report.root} matches its answers, its agent file and its layering rules."]
    rows = [("kind", "field", "expected", "found", "where", "evidence")]
    for f in report.findings:
        where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
        rows.append((f.kind, f.field, _cut(f.expected), _cut(f.found), where, _cut(f.evidence or "", 60)))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, [*widths, 0], strict=True)).rstrip() for row in rows
    ]
    counts = Counter(f.kind for f in report.findings)
    kinds = ", ".join(f"{counts[k]} {k}" for k in ("agent", "config", "folder", "layering") if counts[k])
    noun = "finding" if len(report.findings) == 1 else "findings"
    return [*lines, f"{len(report.findings)} {noun} ({kinds}) in {report.root}"]


def _cut(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
