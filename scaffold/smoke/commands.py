"""What a rendered project says to run: its README's commands, and the facts about it that pick the checks."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.errors import SmokeError
from scaffold.frontmatter_split import load_yaml
from scaffold.render import next_steps

_TABLE_ROW = re.compile(r"^\| ([^|]+?) \| `([^`]+)` \|$", re.M)
EVERYDAY = ("lint", "format", "type check", "apply migrations", "models and migrations agree")
"""The rows of the README's everyday commands the steps run (each row's description starts so)."""
_PORT = re.compile(r"--port \d+")
_LOCAL_URL = re.compile(r"http://127\.0\.0\.1:\d+")


@dataclass(frozen=True)
class ProjectCommands:
    """A project's commands as its README gives them, each a bash script run from the project's folder.

    The README's blocks start with ``cd <layout root>`` and any ``export`` the package manager
    needs; ``prefix`` is those lines, put before every command taken from the everyday table.
    """

    root: Path
    """The folder the commands run in (the project's layout root)."""
    prefix: str
    install: str
    test: str
    serve: str
    """The README's run command, whole (install, migrations, server); ``on_port`` moves its port."""
    everyday: dict[str, str]
    fuzz: str | None
    answers: dict[str, Any]

    def script(self, command: str) -> str:
        """``command`` as a script run from the project's folder, after the README's ``cd`` and exports."""
        return f"set -e\n{self.prefix}\n{command}"

    def table(self, starts: str) -> str:
        """The everyday command whose description starts with ``starts`` (``lint``, ``type check``)."""
        for what, command in self.everyday.items():
            if what.startswith(starts):
                return command
        raise SmokeError(f"the README's everyday commands have no '{starts}' row")

    def on_port(self, port: int) -> str:
        """The run command serving on ``port``."""
        return _PORT.sub(f"--port {port}", self.serve)

    def fuzz_at(self, base: str) -> str | None:
        """The README's schemathesis command aimed at ``base`` (``http://127.0.0.1:PORT``)."""
        return _LOCAL_URL.sub(base, self.fuzz) if self.fuzz else None

    @property
    def type_checker(self) -> str:
        """mypy, pyright or basedpyright."""
        return str(self.answers.get("type_checker", "mypy"))

    @property
    def python_version(self) -> str:
        """The Python the project states (``3.12``)."""
        return str(self.answers.get("python_version", ""))

    @property
    def uses_redis(self) -> bool:
        """Whether the project depends on redis (a cache, rate limits, a queue or a result store)."""
        return any(re.match(r"redis\b", d) for d in self.dependencies)

    @property
    def uses_rabbitmq(self) -> bool:
        """Whether Celery's broker is RabbitMQ."""
        return self.answers.get("task_queue") == "celery" and self.answers.get("broker") == "rabbitmq"

    @property
    def password_accounts(self) -> bool:
        """Whether accounts register and sign in with a password (jwt), so a fuzzer can sign in."""
        return "jwt" in (self.answers.get("auth") or ())

    @property
    def coverage(self) -> bool:
        """Whether its tests measure coverage against a floor (pytest-cov is installed then)."""
        return int(self.answers.get("coverage_min") or 0) > 0

    @property
    def external_auth(self) -> bool:
        """Whether tokens come from an identity provider of its own (Clerk, Supabase, Auth0)."""
        return bool({"clerk", "supabase", "auth0"} & set(self.answers.get("auth") or ()))

    @property
    def worker_test(self) -> Path | None:
        """The project's worker test (a real worker, started as the README says), when it has one."""
        found = self.root / "tests" / "test_worker.py"
        return found if found.is_file() else None

    @functools.cached_property
    def dependencies(self) -> list[str]:
        """The project's runtime requirements, from its pyproject.toml (read once)."""
        data = tomllib.loads((self.root / "pyproject.toml").read_text(encoding="utf-8"))
        return list(data.get("project", {}).get("dependencies", []))


def read_commands(project: Path) -> ProjectCommands:
    """Read ``project``'s README and answers file; a README without its two commands is a ``SmokeError``."""
    answers_file = project / ".copier-answers.yml"
    answers = load_yaml(answers_file.read_text(encoding="utf-8"), path=answers_file, error=SmokeError) or {}
    blocks = next_steps(project)
    if len(blocks) < 2:
        raise SmokeError("the README does not start with its run and test commands", path=project / "README.md")
    run_block, test_block = blocks
    *setup, last = test_block.splitlines()
    install, _, test = last.rpartition(" && ")
    readme = (project / "README.md").read_text(encoding="utf-8")
    fuzz = next((line for line in readme.splitlines() if line.startswith("uvx ") and "schemathesis" in line), None)
    everyday = dict(_TABLE_ROW.findall(readme))
    for starts in EVERYDAY:
        if not any(what.startswith(starts) for what in everyday):
            raise SmokeError(f"the everyday commands have no '{starts}' row", path=project / "README.md")
    return ProjectCommands(
        root=project / str(answers.get("layout_root", ".")),
        prefix="\n".join(setup),
        install=install or "true",
        test=test,
        serve=run_block,
        everyday=everyday,
        fuzz=fuzz,
        answers=answers,
    )
