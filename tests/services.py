"""Real services for the slow tests: skip with a reason when absent, fail instead under CI=true."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 15
RABBITMQ_HOST, RABBITMQ_PORT = "127.0.0.1", 5672


def unavailable(reason: str) -> None:
    """Skip, or fail under CI where every service must be there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test; dropped afterwards."""
    if not reachable(PG_HOST, PG_PORT):
        unavailable(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}")
    from scaffold.smoke.services import fresh_database as made

    with made(f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/postgres", prefix) as url:
        yield url


def redis_url() -> str:
    """The Redis database the generated projects' tests may use (under keys of their own)."""
    if not reachable(REDIS_HOST, REDIS_PORT):
        unavailable(f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


def rabbitmq_url() -> str:
    """The RabbitMQ the generated projects' worker tests may use (on queues of their own)."""
    if not reachable(RABBITMQ_HOST, RABBITMQ_PORT):
        unavailable(f"RabbitMQ is not reachable on {RABBITMQ_HOST}:{RABBITMQ_PORT}")
    return f"amqp://guest:guest@{RABBITMQ_HOST}:{RABBITMQ_PORT}//"


def python_env() -> dict[str, str]:
    """Environment in which uv finds every installed Python and never downloads one."""
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    # The generated projects' many Python processes read cached bytecode, as `scaffold smoke` lets them.
    for key in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"):
        env.pop(key, None)
    pyenv = shutil.which("pyenv")
    if pyenv and "PYENV_VERSION" not in env:
        versions = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True, check=False).stdout
        bare = [v.strip() for v in versions.splitlines() if v.strip() and "/" not in v]
        if bare:
            env["PYENV_VERSION"] = ":".join(bare)
    return env
