"""What a smoke run found: per project, per step, pass or fail with its time; the contract of ``--report``."""

from __future__ import annotations

import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from scaffold.smoke.matrix import Coverage

Status = Literal["passed", "failed", "not run"]
"""``not run``: an earlier step the step needs failed (no install, no tests)."""

_FROZEN = ConfigDict(extra="forbid", frozen=True)


def seconds_since(start: float) -> float:
    """Seconds since ``start`` (a ``time.perf_counter()``), as a result records them."""
    return round(time.perf_counter() - start, 2)


class StepResult(BaseModel):
    """One named step of one project."""

    model_config = _FROZEN

    name: str
    status: Status
    seconds: float
    command: str = ""
    reason: str = ""
    """Why it failed or did not run, in one line."""
    output: str = ""
    """The last lines of a failed step's output."""


class ProjectResult(BaseModel):
    """One rendered project and its steps."""

    model_config = _FROZEN

    name: str
    source: str
    """The agent file, or the combination's name."""
    steps: tuple[StepResult, ...]
    path: str | None = None
    """Where the project was kept (after a failure, or with ``--keep``); None when it was removed."""
    logs: str | None = None
    """The folder of its steps' logs, kept with it."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Whether every step passed."""
        return all(step.status == "passed" for step in self.steps)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def seconds(self) -> float:
        """The steps' seconds added up."""
        return round(sum(step.seconds for step in self.steps), 2)


class Refusal(BaseModel):
    """One invalid combination of answers, and whether the template refused it on the answer it should."""

    model_config = _FROZEN

    name: str
    answers: dict[str, object]
    field: str
    refused_on: str | None
    reason: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Whether the template refused it on the answer at fault."""
        return self.refused_on == self.field


class SmokeReport(BaseModel):
    """A whole run: its projects, and with ``--matrix`` the refusals and the values covered."""

    model_config = _FROZEN

    template: str
    jobs: int
    seconds: float
    projects: tuple[ProjectResult, ...]
    refusals: tuple[Refusal, ...] = ()
    coverage: dict[str, Coverage] = {}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Every project passed, every invalid combination was refused, every value was covered."""
        uncovered = any(c.missing for c in self.coverage.values())
        return all(p.passed for p in self.projects) and all(r.passed for r in self.refusals) and not uncovered
