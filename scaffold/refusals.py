"""Values an agent states that the template does not render, as problems naming the agent's line.

``plan_answers`` refuses them instead of quietly replacing them; each message names the
``--set`` that chooses another value. Values the template has no files for but that take
nothing away from the project (a deploy target such as fly) are listed as not rendered instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

from scaffold.answers import AuthProvider, Broker, TaskQueue
from scaffold.errors import Problem
from scaffold.models import Inspection
from scaffold.support import AUTH_ALIASES, IN_FRAMEWORK_QUEUES


def refused_auth(inspection: Inspection) -> list[Problem]:
    """A problem for each auth value the template does not render (``session``, ``better-auth``)."""
    known = {*get_args(AuthProvider), *AUTH_ALIASES}
    escape = "--set auth=jwt (or --set auth= for none)"
    return [_refusal(inspection, "auth", value, escape) for value in inspection.conventions.auth if value not in known]


def refused_queue(inspection: Inspection, overrides: Mapping[str, str]) -> list[Problem]:
    """A problem for a task queue (or Celery broker) the template does not render.

    FastAPI's own ``background-tasks`` is neither rendered nor refused: every project has it.
    """
    conventions = inspection.conventions
    queue, broker = conventions.task_queue, conventions.broker
    if "task_queue" not in overrides and isinstance(queue, str) and queue not in get_args(TaskQueue):
        if queue in IN_FRAMEWORK_QUEUES:
            return []
        escape = "--set task_queue=celery (or arq, or --set task_queue= for none)"
        return [_refusal(inspection, "task_queue", queue, escape)]
    if queue == "celery" and "broker" not in overrides and broker and broker not in get_args(Broker):
        return [_refusal(inspection, "broker", broker, "--set broker=redis (or rabbitmq)")]
    return []


def _refusal(inspection: Inspection, name: str, value: str, escape: str) -> Problem:
    """The problem for ``value`` of ``name``, on the agent's first line stating it, naming ``escape``."""
    evidence = inspection.evidence.get(name, [])
    return Problem(
        field=name,
        message=f"choose another with {escape}",
        value=value,
        source="agent",
        path=inspection.source,
        line=evidence[0].line if evidence else None,
    )
