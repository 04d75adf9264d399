"""Load-test the list endpoint of a freshly rendered project on PostgreSQL, then remove everything.

    python bench/list_endpoint.py [--agent NAME] [--seconds S] [--concurrency C] [--workers W] [--rows N]

Renders the agent's project into a temporary folder, installs it with `uv sync`, migrates a new
database, seeds it with SQL, serves it with uvicorn on 127.0.0.1 and sends `GET {api_prefix}/items`
from an httpx client in this process. Needs uv, PostgreSQL on 127.0.0.1:5432 (user postgres, trust
auth), and psycopg and httpx in this interpreter. The client shares the machine with the server and
PostgreSQL, so the figures compare runs on one machine; they are not capacity numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import httpx
import psycopg
import yaml
from psycopg import sql

SERVER = "postgresql://postgres@127.0.0.1:5432"
PAGE = 20
# The write and sign-in limits guard a real deployment; a benchmark's clients on one address would
# measure 429s.
UNLIMITED = {
    "RATE_LIMIT_WRITES": "1000000/minute",
    "RATE_LIMIT_LOGIN": "1000/minute",
    "RATE_LIMIT_REGISTER": "1000/minute",
}
Headers = dict[str, str] | None
HEADER = f"{'request':<44} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'errors':>6} {'scans/req':>9}"


@dataclass
class Project:  # a rendered project: where it lives and how to run it
    root: Path  # the layout root: pyproject.toml, alembic.ini, the app
    venv: Path
    app: str  # uvicorn's import target
    prefix: str
    env: dict[str, str]
    password_auth: bool  # requests need a bearer token from its login


def signed_in(base: str, project: Project) -> Headers:
    """Register an account and sign in when the project has the password flow; else no headers."""
    if not project.password_auth:
        return None
    account = {"email": "bench@example.com", "password": "bench password"}
    httpx.post(f"{base}{project.prefix}/auth/register", json=account, timeout=10.0).raise_for_status()
    form = {"username": account["email"], "password": account["password"]}
    token = httpx.post(f"{base}{project.prefix}/auth/login", data=form, timeout=10.0).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Run:  # one timed load: latencies of the 200s; anything else is an error
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def tool(name: str) -> str:
    """The executable beside this interpreter (the scaffold venv), else the one on PATH.

    Absolute either way: the commands run in the projects' folders, where a relative
    PATH entry or interpreter path would name something else.
    """
    beside = Path(sys.executable).absolute().parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found beside {sys.executable} or on PATH")
    return str(Path(found).absolute())


@contextmanager
def database(name: str) -> Iterator[str]:
    """Create an empty database; drop it on exit, closing whatever is still connected."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def render(agent: str, folder: Path, database_url: str, template: str | None = None) -> Project:
    """Render the agent's project with `scaffold new` (from `template`, else the bundled one)."""
    dest = folder / "bench-api"
    cmd = [tool("scaffold"), "new", str(dest), "--agent", agent, "--no-git"]
    cmd += ["--template", template] if template else []
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode:
        raise SystemExit(f"scaffold new --agent {agent} failed (its message is above)")
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    root = (dest / answers["layout_root"]).resolve()
    venv = root / answers["venv_dir"]
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env |= {"UV_PROJECT_ENVIRONMENT": str(venv), "DATABASE_URL": database_url}
    app = f"{answers['app_package']}.main:app" if answers["app_package"] else "main:app"
    return Project(root, venv, app, answers["api_prefix"], env, "jwt" in (answers.get("auth") or []))


def install(project: Project, database_url: str, rows: int) -> None:
    """Install the project, migrate its database and insert `rows` items (name, description)."""
    for cmd in (["sync", "--quiet"], ["run", "--no-sync", "alembic", "upgrade", "head"]):
        done = subprocess.run([tool("uv"), *cmd], cwd=project.root, env=project.env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"uv {' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")
    with psycopg.connect(database_url, autocommit=True) as conn:
        seed = "INSERT INTO items (name, description) SELECT 'item ' || n, 'row ' || n FROM generate_series(1, %s) n"
        conn.execute(seed, (rows,))
        conn.execute("ANALYZE items")


@contextmanager
def serve(python: Path, app: str, cwd: Path, env: dict[str, str], workers: int, health: str) -> Iterator[str]:
    """Run uvicorn (no reload) on a free loopback port until `health` answers 200; stop it on exit."""
    with socket.socket() as probe:  # a loopback port nobody listens on right now
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    cmd = [str(python), "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(cmd, cwd=cwd, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(base + health):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not answer {health} (exit code {server.poll()})")
            time.sleep(0.1)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: uvicorn and its workers
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1.0).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection in this process (the client) while a timed load runs.

    A full collection of the client's heap stalls every request in flight at once: measured
    here on one worker, the list path's p99 was 74 ms with the client collecting and 59 ms
    without, p50 unchanged. The client's pauses are not the server's latency. What the load
    allocates is collected when it ends.
    """
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()
        gc.collect()


async def hammer(clients: list[httpx.AsyncClient], path: str, seconds: float) -> Run:
    """Keep one request in flight per client for `seconds`; none starts after that."""
    run = Run(seconds)
    started = time.perf_counter()
    deadline = started + seconds

    async def user(client: httpx.AsyncClient) -> None:
        while (start := time.perf_counter()) < deadline:
            try:
                ok = (await client.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
                await asyncio.sleep(0.01)  # a dead server is not retried in a tight loop
            if ok:
                run.latencies.append(time.perf_counter() - start)
            else:
                run.errors += 1

    await asyncio.gather(*(user(client) for client in clients))
    run.seconds = time.perf_counter() - started
    return run


async def measure(base: str, path: str, *, seconds: float, concurrency: int, headers: Headers = None) -> Run:
    """Warm up for up to 2 s, then load `path` for `seconds` from `concurrency` keep-alive clients.

    One client per request in flight: one client sharing 32 connections costs httpx more CPU than the server.
    """
    async with AsyncExitStack() as stack:
        client = partial(httpx.AsyncClient, base_url=base, headers=headers, timeout=10.0)
        clients = [await stack.enter_async_context(client()) for _ in range(concurrency)]
        await hammer(clients, path, min(2.0, seconds))
        with collector_paused():
            return await hammer(clients, path, seconds)


def _table_scans(database_url: str) -> int:
    with psycopg.connect(database_url, autocommit=True) as conn:
        row = conn.execute("SELECT sum(seq_scan + coalesce(idx_scan, 0)) FROM pg_stat_user_tables").fetchone()
    return int(row[0] or 0) if row else 0


def scans_per_request(base: str, paths: list[str], database_url: str, headers: Headers = None) -> list[float]:
    """Table scans per request to each path, from pg_stat_user_tables (pg_stat_statements is rarely loaded).

    A statement that reads one table scans it once, so for these queries this counts the SQL
    statements (BEGIN/ROLLBACK are not seen). PostgreSQL 15 publishes a backend's counters when it
    goes idle at least 1 s after it last did, else up to 10 s later: so wait out what the load left
    pending, then send spaced requests over the warm connection pool.
    """
    count, scans = 4, []
    time.sleep(11)
    with httpx.Client(base_url=base, headers=headers, timeout=10.0) as client:
        for path in paths:
            before = _table_scans(database_url)
            for _ in range(count):
                client.get(path).raise_for_status()
                time.sleep(1.1)
            scans.append((_table_scans(database_url) - before) / count)
    return scans


def report(label: str, run: Run, scans: float) -> str:
    """One line of the table under HEADER."""
    points = run.latencies if len(run.latencies) > 1 else [float("nan")] * 2
    cuts = statistics.quantiles(points, n=100, method="inclusive")
    p50, p90, p99 = (cuts[i] * 1000 for i in (49, 89, 98))
    rate = len(run.latencies) / run.seconds
    return f"{label:<44} {rate:7.0f} {p50:7.1f} {p90:7.1f} {p99:7.1f} {run.errors:6d} {scans:9.1f}"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--agent", default="backend-engineer", help="agent name or path (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per page, after a 2 s warm-up")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default: %(default)s)")
    parser.add_argument("--rows", type=int, default=1000, help="items in the table (default: %(default)s)")
    args = parser.parse_args()
    if args.seconds <= 0 or args.concurrency < 1 or args.workers < 1 or args.rows < 1:
        parser.error("--seconds, --concurrency, --workers and --rows must be positive")
    return args


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed run still tears down
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-list-")))
        database_url = stack.enter_context(database(f"bench_list_{uuid.uuid4().hex[:12]}"))
        started = time.perf_counter()
        project = render(args.agent, folder, database_url)
        install(project, database_url, args.rows)
        python = project.venv / "bin" / "python"
        base = stack.enter_context(serve(python, project.app, project.root, project.env, args.workers, "/health"))
        paths = [f"{project.prefix}/items?limit={PAGE}&offset={offset}" for offset in (0, args.rows // 2)]
        headers = signed_in(base, project)
        body = httpx.get(base + paths[0], headers=headers, timeout=10.0).json()
        if body.get("total") != args.rows or len(body.get("data", [])) != min(PAGE, args.rows):
            raise SystemExit(f"unexpected answer to {paths[0]}: {str(body)[:300]}")
        print(f"agent {args.agent}: rendered, installed, migrated, seeded in {time.perf_counter() - started:.0f} s")
        signed = ", signed in (one user lookup per request)" if headers else ""
        load_line = f"{args.workers} uvicorn worker(s), {args.concurrency} in flight, {args.seconds:g} s"
        print(f"{args.rows} rows, {load_line}{signed}")
        print(HEADER)
        load = partial(measure, seconds=args.seconds, concurrency=args.concurrency, headers=headers)
        runs = [asyncio.run(load(base, path)) for path in paths]
        per_request = scans_per_request(base, paths, database_url, headers)
        for path, run, scans in zip(paths, runs, per_request, strict=True):
            print(report(f"GET {path}", run, scans))


if __name__ == "__main__":
    main()
