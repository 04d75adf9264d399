"""The contracts: what an agent file is, and what scaffold extracts from it.

These are frozen stdlib dataclasses so that ``scaffold inspect`` starts fast (importing pydantic
costs more than the whole 150 ms budget allows); where input must be validated (answers, ``--set``)
pydantic validates the same classes through ``TypeAdapter``, with ``extra="forbid"``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

Confidence = Literal["stated", "inferred", "weak"]
"""How sure a value is: the file states it, a reader infers it from what is stated, or it rests on
an example, a passing mention or a close call (shown, never rendered without confirmation)."""
AgentFormat = Literal["claude-subagent", "agents-md", "claude-md", "cursor-rule", "copilot-instructions", "other"]


_STRICT = {"extra": "forbid", "frozen": True}


@dataclass(frozen=True, kw_only=True)
class AgentFile:
    """An agent definition as read from disk: its metadata, body and where the body starts."""

    __pydantic_config__ = _STRICT

    path: Path
    format: AgentFormat
    name: str
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    text: str
    body_start_line: int = 1
    """1-based line of ``text`` on which the body (after any frontmatter) starts."""


@dataclass(frozen=True)
class Evidence:
    """One line of the agent file that supports a value (line 0: where the file sits supports it)."""

    __pydantic_config__ = _STRICT

    line: int
    text: str

    @property
    def place(self) -> str:
        """Where the support is, for a reader: "line 7", or "the file's folder"."""
        return f"line {self.line}" if self.line else "the file's folder"


@dataclass(frozen=True, kw_only=True)
class Finding:
    """A warning about the file: a conflict, or a thing stated twice differently."""

    __pydantic_config__ = _STRICT

    field: str
    message: str
    lines: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Conventions:
    """The backend conventions an agent file states; null (or empty) where it states nothing.

    Field names and vocabulary follow the public contract of ``scaffold inspect --json``.
    """

    __pydantic_config__ = _STRICT

    name: str
    format: AgentFormat
    framework: str | None = None
    layout_root: str | None = None
    app_package: str | None = None
    dirs: list[str] = field(default_factory=list)
    service_layer: bool | None = None
    repository_pattern: bool | None = None
    orm: str | None = None
    async_db: bool | None = None
    database: str | None = None
    db_driver: str | None = None
    migrations: str | Literal[False] | None = None
    task_queue: str | Literal[False] | None = None
    broker: str | None = None
    celery_beat: bool | None = None
    task_monitor: str | None = None
    """The dashboard that watches the task queue (``flower``); beyond the contract's table."""
    cache: str | None = None
    rate_limiting: bool | None = None
    auth: list[str] = field(default_factory=list)
    rbac: bool | None = None
    roles: list[str] = field(default_factory=list)
    type_checker: str | None = None
    linter: str | None = None
    formatter: str | None = None
    test_runner: str | None = None
    pytest_asyncio: bool | None = None
    coverage_min: int | None = None
    logging: str | None = None
    python_version: str | None = None
    package_manager: str | None = None
    api_prefix: str | None = None
    port: int | None = None
    venv_dir: str | None = None
    deploy: list[str] = field(default_factory=list)
    integrations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain JSON-ready values."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Inspection:
    """Everything ``scaffold inspect`` reports: the conventions, their evidence and warnings."""

    source: Path
    conventions: Conventions
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    modules: dict[str, Evidence] = field(default_factory=dict)
    """Module files the agent names, relative to the app package, without ``.py`` (``database``,
    ``api/deps``), each with the first line naming it. Not part of the JSON contract."""
    root_folders: dict[str, Evidence] = field(default_factory=dict)
    """Folders the agent names beside the package in the layout root (``alembic``, ``migrations``)."""
    confidence: dict[str, Confidence] = field(default_factory=dict)
    """How sure each field with a value is; a field without a value has none."""
    home: str = ""
    """The folder a nested AGENTS.md or CLAUDE.md governs, from the repository root (``api``), or ''.
    Not part of the JSON contract."""
    role_duties: dict[str, tuple[str, Evidence]] = field(default_factory=dict)
    """The role the file keeps rights for (``admin_role``) and the one new accounts get
    (``default_role``), each with its line, where it says so. Not part of the JSON contract."""

    def weak_fields(self) -> tuple[str, ...]:
        """The fields whose values rest on too little to render without confirmation."""
        return tuple(name for name, level in self.confidence.items() if level == "weak")

    def to_json_dict(self) -> dict[str, Any]:
        """The public JSON shape: contract fields at top level, evidence and warnings beside."""
        data = self.conventions.as_dict()
        data["source"] = str(self.source)
        data["evidence"] = {name: [asdict(e) for e in items] for name, items in self.evidence.items()}
        data["confidence"] = dict(self.confidence)
        data["warnings"] = [{**asdict(w), "lines": list(w.lines)} for w in self.warnings]
        return data


def _conventions_fields(*, lists: bool) -> tuple[str, ...]:
    """The conventions fields (name and format left out) whose values are lists, or single values."""
    found = (f for f in fields(Conventions) if f.name not in ("name", "format"))
    return tuple(f.name for f in found if str(f.type).startswith("list[") == lists)


SCALAR_FIELDS: tuple[str, ...] = _conventions_fields(lists=False)
"""Conventions fields holding one value, in the contract's order."""
LIST_FIELDS: tuple[str, ...] = _conventions_fields(lists=True)
"""Conventions fields holding a list."""
