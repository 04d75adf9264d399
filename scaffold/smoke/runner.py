"""A smoke run: render each target into a folder of its own and run its checks, a few projects at a time."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scaffold.environment import uv_beside_scaffold
from scaffold.errors import ScaffoldError
from scaffold.smoke.commands import read_commands
from scaffold.smoke.matrix import coverage
from scaffold.smoke.process import STOP
from scaffold.smoke.refusals import check_refusals
from scaffold.smoke.results import ProjectResult, SmokeReport, StepResult, seconds_since
from scaffold.smoke.services import Services
from scaffold.smoke.steps import ProjectChecks
from scaffold.smoke.targets import Target, render_target

Events = Callable[[str, str, StepResult | None], None]
"""Told of each project's steps (project, step, ``None`` as it starts, else its result); called from worker threads."""

# Settings of the caller's own projects that would steer a generated one: each step sets what it needs.
_NOT_INHERITED = re.compile(
    r"(VIRTUAL_ENV|UV_PROJECT_ENVIRONMENT|PYTHONPATH|PYTHONHOME|DATABASE_URL|REDIS_.*|CELERY_.*|TEST_.*|LOG_.*)"
)


def run_smoke(
    targets: list[Target],
    *,
    services: Services,
    jobs: int = 1,
    keep: bool = False,
    template: str | None = None,
    matrix: bool = False,
    events: Events | None = None,
) -> SmokeReport:
    """Smoke every target, ``jobs`` at a time; with ``matrix`` also the refusals and the values covered.

    Projects are rendered under one temporary folder; a project that fails is kept there (its
    path is in its result), the others are removed unless ``keep``.
    """
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="scaffold-smoke-"))
    tell = events or _quiet
    STOP.clear()
    refusals = tuple(check_refusals(template)) if matrix else ()
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="smoke") as pool:
            futures = [pool.submit(_smoke_one, t, root / t.name, services, template, keep, tell) for t in targets]
            try:
                projects = tuple(f.result() for f in futures)
            except BaseException:
                STOP.set()  # stops the commands running in the other threads
                pool.shutdown(wait=True, cancel_futures=True)
                if not keep:
                    shutil.rmtree(root, ignore_errors=True)
                raise
    finally:
        if root.is_dir() and not any(root.iterdir()):
            root.rmdir()
    return SmokeReport(
        template=template or "bundled",
        jobs=jobs,
        seconds=round(time.perf_counter() - started, 1),
        projects=projects,
        refusals=refusals,
        coverage=coverage() if matrix else {},
    )


def _smoke_one(
    target: Target, folder: Path, services: Services, template: str | None, keep: bool, tell: Events
) -> ProjectResult:
    project = folder / target.name
    steps: list[StepResult] = []

    def notify(step: str, result: StepResult | None) -> None:
        tell(target.name, step, result)

    notify("render", None)
    start = time.perf_counter()
    try:
        render_target(target, project, template=template)
        commands = read_commands(project)
    except (ScaffoldError, ValueError) as exc:  # ValueError: answers a fork's questions cannot take
        reason = " ".join(str(exc).split())
        failed = StepResult(name="render", status="failed", seconds=seconds_since(start), reason=reason)
        notify("render", failed)
        return _finish(target, folder, [failed], keep=keep)
    steps.append(StepResult(name="render", status="passed", seconds=seconds_since(start)))
    notify("render", steps[0])
    checks = ProjectChecks(
        commands, project=project, logs=folder / "logs", env=smoke_env(), services=services, notify=notify
    )
    steps += checks.run_all()
    return _finish(target, folder, steps, keep=keep)


def _finish(target: Target, folder: Path, steps: list[StepResult], *, keep: bool) -> ProjectResult:
    if all(step.status == "passed" for step in steps) and not keep:
        shutil.rmtree(folder, ignore_errors=True)
        return ProjectResult(name=target.name, source=target.source, steps=tuple(steps))
    project, logs = folder / target.name, folder / "logs"
    if not project.exists() and not logs.exists():
        shutil.rmtree(folder, ignore_errors=True)  # a render that failed left nothing to look at
    return ProjectResult(
        name=target.name,
        source=target.source,
        steps=tuple(steps),
        path=str(project) if project.exists() else None,
        logs=str(logs) if logs.is_dir() else None,
    )


def smoke_env() -> dict[str, str]:
    """The environment the projects' commands run in.

    The caller's, without settings meant for other projects and with bytecode caching on, with uv
    on PATH (the one installed beside scaffold if no other).
    """
    env = {k: v for k, v in os.environ.items() if not _NOT_INHERITED.fullmatch(k)}
    env["UV_NO_PROGRESS"] = "1"
    # A project's a dozen Python processes (type checker, two test runs, alembic, the server, the
    # worker) import the same modules: cached bytecode in its throw-away folder saves a quarter
    # of their time where the caller's environment turns caching off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if shutil.which("uv", path=env.get("PATH")) is None and (uv := uv_beside_scaffold()) is not None:
        env["PATH"] = f"{uv.parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _quiet(project: str, step: str, result: StepResult | None) -> None:
    """The events callback that shows nothing."""
