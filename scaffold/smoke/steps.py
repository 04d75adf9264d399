"""The checks of one rendered project, each a named, timed step: its README's commands against real services."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from scaffold.environment import how_to_get_python, python_available
from scaffold.smoke.commands import ProjectCommands
from scaffold.smoke.identity import keyless_issuer
from scaffold.smoke.process import NotServing, call, get, run_script, serving
from scaffold.smoke.results import StepResult, seconds_since
from scaffold.smoke.services import (
    ServiceError,
    Services,
    delete_keys,
    free_port,
    fresh_database,
    marker_intact,
    plant_marker,
    require,
)

Notify = Callable[[str, StepResult | None], None]
"""Told of each step as it starts (``None``) and as it ends (its result)."""

STEP_TIMEOUT = 900.0
"""Seconds one step may take (a first install downloads every package)."""
SERVER_TIMEOUT = 90.0
FUZZ_EXAMPLES = 30
"""Examples per operation for schemathesis: every check, a fixed seed, about half a minute per project."""
FUZZ_ACCOUNT = {"email": "smoke@example.com", "password": "smoke test password"}


class _Failed(Exception):
    """A step failed: its one-line reason and the output that shows why."""

    def __init__(self, reason: str, output: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.output = output


class ProjectChecks:
    """Runs one project's steps in order; a step whose prerequisite failed is recorded as not run."""

    def __init__(
        self,
        commands: ProjectCommands,
        *,
        project: Path,
        logs: Path,
        env: dict[str, str],
        services: Services,
        notify: Notify,
    ) -> None:
        self.commands = commands
        self.project = project
        self.logs = logs
        self.env = env
        self.services = services
        self.notify = notify
        self.results: list[StepResult] = []
        self._commands: list[str] = []
        """The commands the running step ran, for its result."""

    def run_all(self) -> list[StepResult]:
        """Every step; returns their results."""
        c = self.commands
        self.step("install", self._install)
        installed = ("install",)
        self.step("ruff check", lambda: self._script("lint", c.table("lint")), needs=installed)
        formatter = c.table("format")
        format_check = f"{formatter} --check"
        self.step(f"{_tool(formatter)} --check", lambda: self._script("format", format_check), needs=installed)
        types = c.table("type check")
        self.step(f"type check ({c.type_checker})", lambda: self._script("types", types), needs=installed)
        self.step("tests (SQLite)", self._tests_sqlite, needs=installed)
        self.step("tests (PostgreSQL)", self._tests_postgresql, needs=installed)
        with ExitStack() as stack:
            database = self._migrations(stack)
            self._server_and_fuzz(stack, database)
        if c.worker_test is not None:
            self.step("worker round trip", self._worker, needs=installed)
        return self.results

    def step(self, name: str, action: Callable[[], str | None], *, needs: tuple[str, ...] = ()) -> bool:
        """Run ``action`` as the step ``name``: passed unless it raises ``_Failed`` or ``ServiceError``."""
        blocked = [r.name for r in self.results if r.name in needs and r.status != "passed"]
        self.notify(name, None)
        self._commands = []
        start = time.perf_counter()
        if blocked:
            result = StepResult(name=name, status="not run", seconds=0.0, reason=f"needs {blocked[0]}, which failed")
        else:
            try:
                detail = action() or ""
                result = StepResult(name=name, status="passed", seconds=seconds_since(start), reason=detail)
            # OSError: a request to the project's server that broke off.
            except (_Failed, ServiceError, OSError) as exc:
                reason, output = _why(exc)
                result = StepResult(
                    name=name, status="failed", seconds=seconds_since(start), reason=reason, output=output
                )
        result = result.model_copy(update={"command": "\n".join(self._commands)})
        self.results.append(result)
        self.notify(name, result)
        return result.status == "passed"

    def _script(self, log: str, command: str, env: dict[str, str] | None = None, shown: str = "") -> str | None:
        """Run ``command`` (with ``env`` added); ``shown`` is what the result says it ran, if not that."""
        self._commands.append(shown or _shown(command, env or {}))
        finished = run_script(
            self.commands.script(command),
            cwd=self.project,
            env={**self.env, **(env or {})},
            log=self.logs / f"{log}.log",
            timeout=STEP_TIMEOUT,
        )
        if finished.code is None:
            raise _Failed(f"`{command}` did not finish in {STEP_TIMEOUT:.0f} s", finished.tail)
        if not finished.ok:
            raise _Failed(f"`{command}` exited with {finished.code}", finished.tail)
        return None

    def _install(self) -> str | None:
        version = self.commands.python_version
        if version and not python_available(version, cwd=self.commands.root):
            how = how_to_get_python(version)
            raise _Failed(f"Python {version}, which the project states, is not found here: {how}")
        return self._script("install", self.commands.install)

    def _service_env(self) -> dict[str, str]:
        """The services the project's tests use, each required to be reachable first."""
        found = {"CI": "true"}  # the project's tests fail, not skip, when a service they need is missing
        if self.commands.uses_redis:
            require(self.services.redis_url, "--redis-url")
            found["TEST_REDIS_URL"] = self.services.redis_url
        if self.commands.uses_rabbitmq:
            require(self.services.rabbitmq_url, "--rabbitmq-url")
            found["TEST_RABBITMQ_URL"] = self.services.rabbitmq_url
        return found

    def _again(self, *arguments: str) -> str:
        """The README's test command run again, on part of the suite or with other services.

        Without coverage: its floor, which the first, whole run enforced, would fail a part.
        """
        return " ".join([self.commands.test, *arguments, *(["--no-cov"] if self.commands.coverage else [])])

    def _tests_sqlite(self) -> str | None:
        return self._script("tests-sqlite", self.commands.test, self._service_env())

    def _tests_postgresql(self) -> str | None:
        env = self._service_env()
        tests = self._again("--ignore=tests/test_worker.py") if self.commands.worker_test else self._again()
        with fresh_database(self.services.database_url, "named") as named:
            plant_marker(named)
            self._script("tests-postgresql", tests, {**env, "TEST_DATABASE_URL": named})
            if not marker_intact(named):
                raise _Failed("the tests changed the database TEST_DATABASE_URL names (they must make their own)")
        return None

    def _migrations(self, stack: ExitStack) -> str | None:
        """Upgrade a fresh database to head, check it against the models, go down to base and back up."""
        migrate = self.commands.table("apply migrations")
        holder: list[str] = []

        def upgrade() -> str | None:
            holder.append(stack.enter_context(fresh_database(self.services.database_url, "migrations")))
            return self._script("migrations", migrate, {"DATABASE_URL": holder[0]})

        self.step("alembic upgrade head", upgrade, needs=("install",))
        database = {"DATABASE_URL": holder[0]} if holder else {}
        check = self.commands.table("models and migrations agree")
        self.step("alembic check", lambda: self._script("migrations", check, database), needs=("alembic upgrade head",))
        round_trip = f"{migrate.replace('upgrade head', 'downgrade base')} && {migrate}"
        self.step(
            "alembic downgrade base, upgrade head",
            lambda: self._script("migrations", round_trip, database),
            needs=("alembic upgrade head",),
        )
        return holder[0] if holder else None

    def _server_and_fuzz(self, stack: ExitStack, database: str | None) -> None:
        bases: list[str] = []

        def serve() -> str | None:
            bases.append(stack.enter_context(self._served(database or "")))
            for path in ("/health", "/health/ready"):
                status, body = get(bases[0] + path)
                if status != 200:
                    raise _Failed(f"{path} answered {status}: {json.dumps(body)[:300]}")
            return None

        self.step("server answers /health and /health/ready", serve, needs=("alembic upgrade head",))
        if self.commands.fuzz is None:
            return
        self.step("schemathesis", lambda: self._fuzz(bases[0]), needs=("server answers /health and /health/ready",))

    @contextmanager
    def _served(self, database: str) -> Iterator[str]:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {"DATABASE_URL": database}
        with ExitStack() as cleanup:
            if self.commands.uses_redis:
                # Its keys, queues and jobs under a prefix of its own, deleted when it stops. Celery on
                # RabbitMQ gets no broker: the items fuzzing creates send no task (the README's mode).
                prefix = f"smoke_{uuid.uuid4().hex[:12]}"
                queues = {"CELERY_QUEUE": prefix, "ARQ_QUEUE": f"{prefix}:arq:queue"}
                env |= {"REDIS_URL": self.services.redis_url, "REDIS_KEY_PREFIX": prefix, **queues}
                cleanup.callback(_forget_keys, self.services.redis_url, prefix)
            if self.commands.external_auth:
                issuer = cleanup.enter_context(keyless_issuer())
                env |= {"AUTH_ISSUER": issuer, "AUTH_AUDIENCE": "scaffold-smoke"}
            self._commands.append(_shown(self.commands.on_port(port), env))
            try:
                with serving(
                    self.commands.on_port(port),
                    cwd=self.project,
                    env={**self.env, **env},
                    log=self.logs / "server.log",
                    url=f"{base}/health",
                    timeout=SERVER_TIMEOUT,
                ):
                    yield base
            except NotServing as exc:
                first, _, rest = str(exc).partition("\n")
                raise _Failed(first, rest) from None

    def _fuzz(self, base: str) -> str | None:
        command = self.commands.fuzz_at(base) or ""
        command += f" --max-examples {FUZZ_EXAMPLES} --seed 1 --no-color"
        shown = command
        if self.commands.password_accounts:
            command += f" --header 'Authorization: {self._bearer(base)}'"
            shown += " --header 'Authorization: Bearer <a token of an account registered for it>'"
        self._script("schemathesis", command, shown=shown)
        found = re.findall(r"(\d+) generated, (\d+) passed", (self.logs / "schemathesis.log").read_text("utf-8"))
        return f"{found[-1][0]} cases, {found[-1][1]} passed" if found else None

    def _bearer(self, base: str) -> str:
        """Register an account and sign in, so the fuzzing reaches past the 401 of protected routes."""
        api = base + str(self.commands.answers.get("api_prefix", ""))
        body = json.dumps(FUZZ_ACCOUNT).encode()
        status, answer = call("POST", f"{api}/auth/register", body, {"Content-Type": "application/json"})
        if status != 201:
            raise _Failed(f"registering the fuzzing account answered {status}: {json.dumps(answer)[:300]}")
        form = urllib.parse.urlencode({"username": FUZZ_ACCOUNT["email"], "password": FUZZ_ACCOUNT["password"]})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, token = call("POST", f"{api}/auth/login", form.encode(), headers)
        if status != 200 or not isinstance(token, dict):
            raise _Failed(f"signing in the fuzzing account answered {status}: {json.dumps(token)[:300]}")
        return f"Bearer {token['access_token']}"

    def _worker(self) -> str | None:
        return self._script("worker", self._again("tests/test_worker.py"), self._service_env())


_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")


def _shown(command: str, env: dict[str, str]) -> str:
    """``NAME=value ... command`` as a result shows it: a password in a URL is masked (reports end up in CI logs)."""
    settings = [name + "=" + _PASSWORD.sub(r"\1***@", value) for name, value in env.items()]
    return " ".join([*settings, command])


def _why(exc: Exception) -> tuple[str, str]:
    """A failed step's one-line reason and the output that shows it."""
    if isinstance(exc, _Failed):
        return exc.reason, exc.output
    if isinstance(exc, ServiceError):
        return exc.message, ""
    return str(exc), ""


def _tool(command: str) -> str:
    """``ruff format`` or ``black``: the formatter a format command runs."""
    return "black" if re.search(r"\bblack\b", command) else "ruff format"


def _forget_keys(redis_url: str, prefix: str) -> None:
    """Delete a stopped server's Redis keys; a Redis gone meanwhile keeps them (the steps said why)."""
    with suppress(ServiceError):
        delete_keys(redis_url, prefix)
