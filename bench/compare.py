"""Measure a generated API beside the FastAPI full-stack template's backend, in one run, interleaved.

    python bench/compare.py --template-backend PATH [--quick] [--agent NAME] [--workers 1,2]
                            [--rounds 3] [--seconds S] [--concurrency C] [--rows N]
                            [--client wrk|httpx] [--baseline TEMPLATE]

PATH is a checkout of https://github.com/fastapi/full-stack-fastapi-template (its root, or its
``backend`` folder) at the commit the figures are compared at::

    git clone https://github.com/fastapi/full-stack-fastapi-template
    git -C full-stack-fastapi-template checkout a7275354

Nothing is fetched but packages. Each side is installed from its own files (the template with
``uv sync --frozen`` against its own lock, in a copy of the checkout; the generated project as
``scaffold new`` writes it), migrated and seeded with the same ``--rows`` items in a fresh
PostgreSQL database, and served by uvicorn on loopback. Both sign in (the template as its first
superuser, the generated project as a registered account) and every request carries the token.
For each worker count, each path runs in rounds A, B, then B, A, ... (A the generated project, B
the template; each round starts with the next side): list (a page of 20 half way in), single
read, create, update (of the seeded rows in turn), delete (of rows inserted for it just before).
Each worker count starts from the seeded rows, vacuumed. Printed per path and side: req/s, p50,
p99, server CPU per request (the server's processes' own counters in /proc), new PostgreSQL
sessions per second (pg_stat_database), and statements per request (counted on the wire by a
proxy in a separate pass of sequential requests, BEGIN/COMMIT included); then the ratios,
generated / template. The last line is
``cpu_ratio list=0.NN single=0.NN create=0.NN`` (server CPU per request, one worker).

The client is wrk (``apt install wrk``, ``brew install wrk``) when it is on PATH: one process per
connection, each timing its own requests, the connections opened over half a second as clients
arrive (opened in one burst, they land on whichever worker wakes first); see bench/wrk_load.py.
``--client httpx`` drives the same load from this Python process instead (its garbage collector
paused while timing); its own scheduling, on the cores the servers use, shows in its latencies.

``--baseline TEMPLATE`` adds a third side in the same rounds: the agent's project rendered from
another revision of scaffold's template (a folder or git URL, as ``scaffold new --template`` takes,
such as a worktree of the previous commit), so a template change is measured before and after
under the same load. Its rows are labelled ``baseline`` and its ratios ``vs base`` (generated /
baseline); the line before the last reads ``baseline_cpu_ratio list=... single=... create=...``.

Needs uv, PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), and psycopg, httpx and pyyaml
in this interpreter (``pip install -e ".[bench]"``). Client, servers and PostgreSQL share the
machine: compare the ratios of one run, not figures across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import wrk_load
from list_endpoint import SERVER, UNLIMITED, collector_paused, database, install, render, serve, tool
from psycopg import sql

PATHS = ("list", "single", "create", "update", "delete")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RAMP = 0.5  # seconds over which a round's client connections are opened
TEMPLATE_PREFIX = "/api/v1"
EXPECTED = {"create": (200, 201), "delete": (200, 204)}  # the statuses that count as answered; else 200


@dataclass
class Side:
    """One server under test: how to reach its items, and its database."""

    name: str
    python: Path
    app: str
    cwd: Path
    env: dict[str, str]
    database_url: str
    sign_in: Callable[[str], dict[str, str]]
    items: str  # the items collection, with the trailing slash the app routes on
    single: str  # one seeded item, as a path
    updated: list[str]  # the seeded items updates take in turn, as paths
    create_body: Callable[[str], dict[str, str]]  # `n` unique in the run
    doom_sql: str  # inserts %(count)s rows to delete, their names tagged %(tag)s; returns their ids
    table: str  # the items table, whose seeded rows' `title` column starts with 'item '
    title: str
    update_method: str
    page: str  # the list query: 20 items half way in
    health: str  # answers 200 once the server is up
    connections: int = 15  # the most PostgreSQL connections one worker's pool may hold

    def item(self, key: object) -> str:
        """The path of the item with this id."""
        return f"{self.items.rstrip('/')}/{key}"


@dataclass
class Round:
    """One timed load of one path on one side."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    sessions: int = 0
    spread: tuple[int, ...] = ()  # the client's connections each server process holds, most first
    short: int = 0  # connections whose rows to delete ran out, or that stopped answering (wrk)

    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def cpu_ms(self) -> float:
        return 1000 * self.cpu_seconds / self.requests if self.requests else float("nan")


# --- the template's backend -------------------------------------------------------------------


def template_side(checkout: Path, folder: Path, database_url: str, rows: int) -> Side:
    """Copy the template's checkout, install it from its lock, migrate, create its superuser, seed."""
    root = checkout.parent if checkout.name == "backend" else checkout
    if not (root / "backend" / "app" / "main.py").is_file() or not (root / "uv.lock").is_file():
        raise SystemExit(f"{checkout}: not a checkout of the full-stack template (no backend/app/main.py, uv.lock)")
    copy = folder / "template"
    ignore = shutil.ignore_patterns(".git", "frontend", "node_modules", ".venv", "img")
    shutil.copytree(root, copy, ignore=ignore)
    (copy / ".env").unlink(missing_ok=True)  # its placeholders; this run sets every value it needs
    backend = copy / "backend"
    name = database_url.rsplit("/", 1)[1]
    password = secrets.token_urlsafe(16)
    env = _clean_env() | {
        "PROJECT_NAME": "bench",
        "ENVIRONMENT": "local",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "POSTGRES_SERVER": "127.0.0.1",
        "POSTGRES_PORT": "5432",
        "POSTGRES_USER": "postgres",
        "POSTGRES_PASSWORD": "",
        "POSTGRES_DB": name,
        "FIRST_SUPERUSER": "bench@example.com",
        "FIRST_SUPERUSER_PASSWORD": password,
        "SENTRY_DSN": "",
        "UV_PROJECT_ENVIRONMENT": str(copy / ".venv"),
    }
    for cmd in (
        ["sync", "--frozen", "--quiet", "--no-dev"],
        ["run", "--no-sync", "alembic", "upgrade", "head"],
        ["run", "--no-sync", "python", "app/initial_data.py"],
    ):
        done = subprocess.run([tool("uv"), *cmd], cwd=backend, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"template: uv {' '.join(cmd)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO item (id, title, description, owner_id, created_at)"
            " SELECT gen_random_uuid(), 'item ' || n, 'row ' || n, (SELECT id FROM \"user\" LIMIT 1),"
            " now() - n * interval '1 second' FROM generate_series(1, %s) n",
            (rows,),
        )
        conn.execute("ANALYZE item")
        row = conn.execute("SELECT id FROM item ORDER BY created_at DESC OFFSET %s LIMIT 1", (rows // 2,)).fetchone()
        seeded = [str(found) for (found,) in conn.execute("SELECT id FROM item WHERE title LIKE 'item %%'")]
    assert row is not None

    def sign_in(base: str) -> dict[str, str]:
        form = {"username": env["FIRST_SUPERUSER"], "password": password}
        answer = httpx.post(f"{base}{TEMPLATE_PREFIX}/login/access-token", data=form, timeout=10.0)
        answer.raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    return Side(
        name="template",
        python=copy / ".venv" / "bin" / "python",
        app="app.main:app",
        cwd=backend,
        env=env,
        database_url=database_url,
        sign_in=sign_in,
        items=f"{TEMPLATE_PREFIX}/items/",
        single=f"{TEMPLATE_PREFIX}/items/{row[0]}",
        updated=[f"{TEMPLATE_PREFIX}/items/{found}" for found in seeded],
        create_body=lambda n: {"title": f"bench {n}", "description": "made by the benchmark"},
        doom_sql=(
            "INSERT INTO item (id, title, description, owner_id, created_at)"
            " SELECT gen_random_uuid(), 'doomed ' || %(tag)s || ' ' || n, 'to delete',"
            ' (SELECT id FROM "user" LIMIT 1), now() FROM generate_series(1, %(count)s) n RETURNING id'
        ),
        table="item",
        title="title",
        update_method="PUT",
        page="skip=500&limit=20",
        health=f"{TEMPLATE_PREFIX}/utils/health-check/",
    )


# --- the generated project ----------------------------------------------------------------------


def generated_side(
    agent: str, folder: Path, database_url: str, rows: int, template: str | None = None, name: str = "generated"
) -> Side:
    """Render the agent's project, install, migrate and seed it, as bench/list_endpoint.py does."""
    folder.mkdir(exist_ok=True)
    project = render(agent, folder, database_url, template)
    if not project.password_auth:
        raise SystemExit(f"agent {agent}: its project has no password sign-in to compare with the template's")
    install(project, database_url, rows)
    # Nothing is cached: the run sets no REDIS_URL.
    project.env |= UNLIMITED | {"ENVIRONMENT": "production"}
    project.env |= {"SECRET_KEY": secrets.token_urlsafe(32), "LOG_LEVEL": "WARNING"}
    project.env.pop("REDIS_URL", None)
    with psycopg.connect(database_url, autocommit=True) as conn:
        row = conn.execute("SELECT id FROM items ORDER BY id OFFSET %s LIMIT 1", (rows // 2,)).fetchone()
        seeded = [str(found) for (found,) in conn.execute("SELECT id FROM items ORDER BY id")]
    assert row is not None
    account = {"email": "bench@example.com", "password": secrets.token_urlsafe(16)}

    registered = threading.Event()

    def sign_in(base: str) -> dict[str, str]:
        if not registered.is_set():
            httpx.post(f"{base}{project.prefix}/auth/register", json=account, timeout=10.0).raise_for_status()
            registered.set()
        form = {"username": account["email"], "password": account["password"]}
        answer = httpx.post(f"{base}{project.prefix}/auth/login", data=form, timeout=10.0)
        answer.raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    return Side(
        name=name,
        python=project.venv / "bin" / "python",
        app=project.app,
        cwd=project.root,
        env=project.env,
        database_url=database_url,
        sign_in=sign_in,
        items=f"{project.prefix}/items",
        single=f"{project.prefix}/items/{row[0]}",
        updated=[f"{project.prefix}/items/{found}" for found in seeded],
        create_body=lambda n: {"name": f"bench {n} {uuid.uuid4().hex[:8]}", "description": "made by the benchmark"},
        doom_sql=(
            "INSERT INTO items (name, description) SELECT 'doomed ' || %(tag)s || ' ' || n, 'to delete'"
            " FROM generate_series(1, %(count)s) n RETURNING id"
        ),
        table="items",
        title="name",
        update_method="PATCH",
        page="offset=500&limit=20",
        health="/health",
        connections=_pool_size(project.root),
    )


def _pool_size(root: Path) -> int:
    """DB_POOL_SIZE + DB_MAX_OVERFLOW as the generated project's settings default them."""
    text = "".join(path.read_text() for path in root.glob("**/core/config.py") if ".venv" not in path.parts)
    found = {key: int(value) for key, value in re.findall(r"\b(DB_POOL_SIZE|DB_MAX_OVERFLOW): int = (\d+)", text)}
    return found.get("DB_POOL_SIZE", 5) + found.get("DB_MAX_OVERFLOW", 10)


def doomed(side: Side, count: int) -> list[str]:
    """Insert `count` rows for a delete round to remove; their paths."""
    with psycopg.connect(side.database_url, autocommit=True) as conn:
        found = conn.execute(side.doom_sql, {"count": count, "tag": uuid.uuid4().hex}).fetchall()
    return [side.item(key) for (key,) in found]


def restore(side: Side) -> None:
    """Take the side's table back to its seeded rows, vacuumed: each worker count starts alike.

    Rounds leave rows behind (creates, and rows inserted for deletes that a round did not reach);
    a list counts every row, so left in they would make the second worker count's lists dearer.
    """
    with psycopg.connect(side.database_url, autocommit=True) as conn:
        table, title = sql.Identifier(side.table), sql.Identifier(side.title)
        conn.execute(sql.SQL("DELETE FROM {} WHERE {} NOT LIKE %s").format(table, title), ("item %",))
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(table))


def connection_budget(sides: list[Side], workers: int) -> str | None:
    """A warning when the sides' pools together may hold more connections than PostgreSQL allows."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        row = conn.execute(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
        ).fetchone()
    allowed = int(row[0]) if row else 0
    wanted = sum(side.connections for side in sides) * workers
    if wanted <= allowed:
        return None
    return (
        f"warning: {workers} worker(s) of {len(sides)} sides may hold {wanted} PostgreSQL connections, "
        f"more than the {allowed} the server allows: a side may fail with 'too many clients' "
        f"(run this worker count without --baseline, or raise max_connections)"
    )


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}


# --- load ---------------------------------------------------------------------------------------


def server_cpu(session: int) -> float:
    """CPU seconds (user + system) used so far by every process of the server's session."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def connections_per_process(base: str) -> tuple[int, ...]:
    """How many open client connections each process serving `base` holds, most first.

    With several workers the kernel hands each new connection to whichever worker accepts first,
    and a client that keeps its connections open keeps that split for the whole round: a worker
    holding most of them answers slower, which shows in p99.
    """
    port = base.rsplit(":", 1)[1]
    done = subprocess.run(["ss", "-Htnp", "state", "established", f"sport = :{port}"], capture_output=True, text=True)
    held = Counter(part.split(",", 1)[0] for line in done.stdout.splitlines() for part in line.split("pid=")[1:2])
    return tuple(sorted(held.values(), reverse=True))


def pg_sessions(database_url: str) -> int:
    """Sessions ever established to the database (PostgreSQL 14+ counts them)."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT sessions FROM pg_stat_database WHERE datname = %s", (name,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


class Requests:
    """The request each path sends next; creates feed the ids that deletes remove."""

    def __init__(self, side: Side) -> None:
        self.side = side
        self.counter = itertools.count()
        self.created: list[str] = []

    def next(self, path: str) -> tuple[str, str, dict[str, str] | None] | None:
        side = self.side
        if path == "list":
            return "GET", f"{side.items}?{side.page}", None
        if path == "single":
            return "GET", side.single, None
        if path == "create":
            return "POST", side.items, side.create_body(str(next(self.counter)))
        if path == "update":
            # Each update takes the next seeded row: in-flight updates of one row would queue on
            # its lock and measure PostgreSQL's lock queue, not the server.
            n = next(self.counter)
            return side.update_method, side.updated[n % len(side.updated)], {"description": f"changed {n}"}
        if not self.created:
            return None  # nothing left to delete: the round ends early
        return "DELETE", side.item(self.created.pop()), None

    def record(self, path: str, answer: httpx.Response) -> None:
        if path == "create" and answer.status_code in (200, 201):
            self.created.append(str(answer.json()["id"]))


async def load(
    base: str,
    side: Side,
    path: str,
    requests: Requests,
    headers: dict[str, str],
    args: argparse.Namespace,
    session: int,
) -> Round:
    """Keep `args.concurrency` requests of `path` in flight for `args.seconds` (after a short warm-up)."""
    seconds, concurrency = args.seconds, args.concurrency
    async with AsyncExitStack() as stack:
        make = lambda: httpx.AsyncClient(base_url=base, headers=headers, timeout=30.0)  # noqa: E731
        clients = [await stack.enter_async_context(make()) for _ in range(concurrency)]
        # The warm-up opens the connections, one every RAMP / concurrency seconds, as clients
        # arrive. Opened in one burst, they land on whichever worker wakes first (splits of
        # 28/4 measured on 2 workers) and the slowest requests are that worker's queue. A
        # delete would use up the rows the round deletes: its warm-up reads.
        warm_up = "single" if path == "delete" else path
        await _hammer(clients, warm_up, requests, warm_up_seconds(seconds), Round(), RAMP / concurrency)
        cpu, sessions = server_cpu(session), pg_sessions(side.database_url)
        with collector_paused():
            result = await _hammer(clients, path, requests, seconds, Round())
        result.spread = connections_per_process(base)  # the clients' connections are still open
        result.cpu_seconds = server_cpu(session) - cpu
        result.sessions = pg_sessions(side.database_url) - sessions
        return result


def wrk_round(
    base: str,
    side: Side,
    path: str,
    headers: dict[str, str],
    done: dict[str, list[Round]],
    args: argparse.Namespace,
    session: int,
) -> Round:
    """One round driven by wrk (bench/wrk_load.py): each connection its own process, opened in turn.

    `done` are the side's rounds so far at this worker count: a delete round inserts rows for
    half again what the fastest of them would delete.
    """
    result = Round(seconds=args.seconds)
    rows = doomed(side, doomed_count(done, args)) if path == "delete" else []
    before: list[float] = []

    def at_start() -> None:
        before[:] = [server_cpu(session), pg_sessions(side.database_url)]
        result.spread = connections_per_process(base)

    def at_end() -> None:
        result.cpu_seconds = server_cpu(session) - before[0]
        result.sessions = int(pg_sessions(side.database_url) - before[1])

    load = wrk_load.Load(
        base=base,
        authorization=headers["Authorization"],
        lists=request_lists(side, path, args.concurrency, rows),
        warm_up=_line("GET", side.single) if path == "delete" else "",  # a delete's warm-up reads
        expected=EXPECTED.get(path, (200,)),
        cycle=path != "delete",
        ramp=RAMP,
        warm=warm_up_seconds(args.seconds),
        seconds=args.seconds,
    )
    timed = load.run(at_start=at_start, at_end=at_end)
    result.requests, result.errors, result.latencies = timed.requests, timed.errors, timed.latencies
    result.short = timed.exhausted + timed.silent
    if timed.said:
        print(f"  wrk, on {side.name}'s {path}: {timed.said}")
    return result


def request_lists(side: Side, path: str, concurrency: int, doomed: list[str]) -> list[list[str]]:
    """Each wrk connection's requests: updates take rows of their own, deletes rows of their own."""
    if path == "list":
        return [[_line("GET", f"{side.items}?{side.page}")]] * concurrency
    if path == "single":
        return [[_line("GET", side.single)]] * concurrency
    if path == "create":
        return [[_line("POST", side.items, side.create_body("{n}"))]] * concurrency
    if path == "update":
        return [
            [_line(side.update_method, row, {"description": "changed {n}"}) for row in side.updated[i::concurrency]]
            for i in range(concurrency)
        ]
    return [[_line("DELETE", row) for row in doomed[i::concurrency]] for i in range(concurrency)]


def _line(method: str, url: str, body: dict[str, str] | None = None) -> str:
    return f"{method}\t{url}\t{json.dumps(body) if body else ''}"


def warm_up_seconds(seconds: float) -> float:
    """How long a round of `seconds` warms up before it is timed (its connections open over RAMP)."""
    return max(RAMP, min(1.0, seconds / 4))


def doomed_count(done: dict[str, list[Round]], args: argparse.Namespace) -> int:
    """Rows enough for a delete round: half again what the side's fastest round so far would delete."""
    fastest = max((one.rate() for rounds in done.values() for one in rounds), default=0.0) or 1000.0
    return int(1.5 * fastest * args.seconds) + 16 * args.concurrency


async def _hammer(
    clients: list[httpx.AsyncClient], path: str, requests: Requests, seconds: float, result: Round, stagger: float = 0.0
) -> Round:
    """Each client sends `path` requests one after another until `seconds` pass; the i-th starts i x `stagger` in."""
    started = time.perf_counter()
    deadline = started + seconds
    expected = EXPECTED.get(path, (200,))

    async def user(index: int, client: httpx.AsyncClient) -> None:
        await asyncio.sleep(index * stagger)
        while (start := time.perf_counter()) < deadline:
            request = requests.next(path)
            if request is None:
                return
            method, url, body = request
            try:
                answer = await client.request(method, url, json=body)
            except httpx.HTTPError:
                result.errors += 1
                await asyncio.sleep(0.01)
                continue
            if answer.status_code in expected:
                result.requests += 1
                result.latencies.append(time.perf_counter() - start)
                requests.record(path, answer)
            else:
                result.errors += 1

    await asyncio.gather(*(user(index, client) for index, client in enumerate(clients)))
    result.seconds = time.perf_counter() - started
    return result


# --- statements on the wire ---------------------------------------------------------------------


class WireCounter:
    """A loopback proxy to PostgreSQL that counts the statements and sessions passing through.

    Simple queries ('Q', as drivers send BEGIN and COMMIT) and extended-protocol executions ('E')
    are counted from the client's messages; an SSL or GSS request is declined so the stream stays
    readable. Sessions are the connections it accepts.
    """

    def __init__(self) -> None:
        self.statements = 0
        self.sessions = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WireCounter:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *_: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.sessions += 1
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", 5432)
        try:
            while True:  # the startup phase: decline encryption, forward the startup message
                head = await reader.readexactly(8)
                length, code = int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")
                if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest
                    writer.write(b"N")
                    await writer.drain()
                    continue
                upstream_writer.write(head + await reader.readexactly(length - 8))
                break
            back = asyncio.ensure_future(self._pipe(upstream_reader, writer))  # kept: a task needs a reference
            while True:
                kind = await reader.readexactly(1)
                size = await reader.readexactly(4)
                payload = await reader.readexactly(int.from_bytes(size, "big") - 4)
                if kind in (b"Q", b"E"):
                    self.statements += 1
                upstream_writer.write(kind + size + payload)
                if kind == b"X":
                    break
            await back
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            for stream in (writer, upstream_writer):
                with contextlib.suppress(Exception):
                    stream.close()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(Exception):
            writer.close()


def statements_per_request(side: Side, count: int) -> dict[str, float]:
    """Serve the side once more through the counting proxy and send `count` requests per path, one at a time."""
    with WireCounter() as wire:
        env = dict(side.env)
        proxied = side.database_url.replace(":5432/", f":{wire.port}/")
        env |= {"DATABASE_URL": proxied, "POSTGRES_PORT": str(wire.port), "PGSSLMODE": "disable"}
        with serve(side.python, side.app, side.cwd, env, 1, side.health) as base:
            headers = side.sign_in(base)
            requests = Requests(side)
            found: dict[str, float] = {}
            with httpx.Client(base_url=base, headers=headers, timeout=30.0) as client:
                for path in PATHS:
                    for _ in range(2):  # a warm pool: the first requests open connections
                        _send(client, requests, path if path != "delete" else "create")
                    time.sleep(0.2)
                    before = wire.statements
                    for _ in range(count):
                        _send(client, requests, path)
                    found[path] = (wire.statements - before) / count
            return found


def _send(client: httpx.Client, requests: Requests, path: str) -> None:
    request = requests.next(path)
    if request is None:
        return
    method, url, body = request
    answer = client.request(method, url, json=body)
    if answer.status_code >= 300:
        raise SystemExit(f"{requests.side.name}: {method} {url} answered {answer.status_code}: {answer.text[:200]}")
    requests.record(path, answer)


# --- the run ------------------------------------------------------------------------------------


def quantile(points: list[float], q: int) -> float:
    if len(points) < 2:
        return float("nan")
    return statistics.quantiles(points, n=100, method="inclusive")[q - 1] * 1000


@contextmanager
def serving(side: Side, workers: int) -> Iterator[tuple[str, int]]:
    """The side served by uvicorn: its address and its process session (for the CPU counters)."""
    with serve(side.python, side.app, side.cwd, side.env, workers, side.health) as base:
        yield base, _session_of(base)


def _session_of(base: str) -> int:
    port = base.rsplit(":", 1)[1]
    done = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True)
    for part in done.stdout.split("pid=")[1:]:
        pid = int(part.split(",", 1)[0])
        return os.getsid(pid)
    raise SystemExit(f"cannot find the process listening on {base}")


def run(sides: list[Side], workers: int, args: argparse.Namespace) -> dict[str, dict[str, list[Round]]]:
    """All rounds for one worker count: per side and path, the rounds in the order they ran."""
    rounds: dict[str, dict[str, list[Round]]] = {side.name: {path: [] for path in PATHS} for side in sides}
    warning = connection_budget(sides, workers)
    if warning:
        print(warning)
    for side in sides:
        restore(side)
    with ExitStack() as stack:
        served = {side.name: stack.enter_context(serving(side, workers)) for side in sides}
        headers = {side.name: side.sign_in(served[side.name][0]) for side in sides}
        requests = {side.name: Requests(side) for side in sides}
        for path in PATHS:
            for turn in range(args.rounds):
                # Each round starts with the next side: no side always runs first (or after the
                # same neighbour), which was worth a few per cent of CPU per request.
                for side in sides[turn % len(sides) :] + sides[: turn % len(sides)]:
                    base, session = served[side.name]
                    if args.client == "wrk":
                        result = wrk_round(base, side, path, headers[side.name], rounds[side.name], args, session)
                    else:
                        hammered = load(base, side, path, requests[side.name], headers[side.name], args, session)
                        result = asyncio.run(hammered)
                    rounds[side.name][path].append(result)
    return rounds


def combined(results: list[Round]) -> Round:
    total = Round()
    for one in results:
        total.requests += one.requests
        total.errors += one.errors
        total.seconds += one.seconds
        total.latencies += one.latencies
        total.cpu_seconds += one.cpu_seconds
        total.sessions += one.sessions
        total.short += one.short
    return total


def report(
    rounds: dict[str, dict[str, list[Round]]], statements: dict[str, dict[str, float]], workers: int
) -> dict[str, dict[str, float]]:
    """Print one table per worker count; return the CPU ratios per compared side and path."""
    print(f"\n{workers} uvicorn worker(s)")
    head = f"{'path':<8} {'side':<10} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    print(f"{head} {'cpu ms/req':>10} {'stmts/req':>9} {'sessions/s':>10}")
    ratios: dict[str, dict[str, float]] = {}
    for path in PATHS:
        figures = {}
        for side, paths in rounds.items():
            total = combined(paths[path])
            figures[side] = total
            p50, p99 = quantile(total.latencies, 50), quantile(total.latencies, 99)
            sessions = total.sessions / total.seconds if total.seconds else float("nan")
            line = f"{path:<8} {side:<10} {total.rate():7.0f} {p50:7.1f} {p99:7.1f} {total.errors:6d}"
            print(f"{line} {total.cpu_ms():10.2f} {statements[side][path]:9.1f} {sessions:10.1f}")
            if total.short:
                print(f"  warning: {total.short} connection(s) of {side} ran out of rows or stopped answering")
        for other, label in (("template", "ratio"), ("baseline", "vs base")):
            if other not in figures:
                continue
            ratio, line = _ratios(figures["generated"], figures[other], statements, path, other)
            ratios.setdefault(other, {})[path] = ratio
            print(f"{path:<8} {label:<10} {line}")
    if workers > 1:
        print("client connections per worker, each round:")
        for side, paths in rounds.items():
            each = {path: " ".join("/".join(map(str, r.spread)) for r in paths[path]) for path in PATHS}
            splits = "  ".join(f"{path} {shares}" for path, shares in each.items())
            print(f"  {side:<10} {splits}")
    return ratios


def _ratios(
    generated: Round, other: Round, statements: dict[str, dict[str, float]], path: str, name: str
) -> tuple[float, str]:
    """Generated / other: the CPU ratio, and the ratio columns of the table."""
    ratio = generated.cpu_ms() / other.cpu_ms() if other.cpu_ms() else float("nan")
    rate = generated.rate() / other.rate() if other.rate() else float("nan")
    stmts = statements["generated"][path] / statements[name][path] if statements[name][path] else 0
    return ratio, f"{rate:7.2f} {'':>7} {'':>7} {'':>6} {ratio:10.2f} {stmts:9.2f}"


# What each side's lock chose decides much of its CPU per request: PyJWT 2.15's decode, say,
# costs three to four times 2.13's. Printed so that runs on different days can be compared.
LIBRARIES = ("fastapi", "starlette", "pydantic", "sqlalchemy", "pyjwt", "uvicorn")


def library_versions(python: Path) -> str:
    """The versions of LIBRARIES installed for `python`, as `name version` pairs."""
    code = (
        "import importlib.metadata as m, sys\n"
        "for name in sys.argv[1:]:\n"
        "    try: print(name, m.version(name))\n"
        "    except m.PackageNotFoundError: print(name, '-')"
    )
    done = subprocess.run([str(python), "-c", code, *LIBRARIES], capture_output=True, text=True)
    return ", ".join(done.stdout.splitlines()) if done.returncode == 0 else "versions unknown"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--template-backend", type=Path, required=True, help="checkout of the full-stack template")
    parser.add_argument("--quick", action="store_true", help="a short run of the same (1 round of 2 s, 1 worker)")
    parser.add_argument("--agent", default="backend-engineer", help="agent name or path (default: %(default)s)")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per path and side (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per round (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight (default: %(default)s)")
    parser.add_argument("--rows", type=int, default=1000, help="items seeded on each side (default: %(default)s)")
    parser.add_argument(
        "--client",
        choices=("wrk", "httpx"),
        default="wrk" if wrk_load.available() else "httpx",
        help="the load: wrk, one process per connection (default when on PATH), or Python's httpx",
    )
    parser.add_argument("--baseline", help="another revision of scaffold's template to measure beside (path or URL)")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.workers = 1, 2.0, "1"
    try:
        args.worker_counts = [int(n) for n in args.workers.split(",")]
    except ValueError:
        parser.error("--workers takes counts separated by commas, such as 1,2")
    if args.rounds < 1 or args.seconds <= 0 or args.concurrency < 1 or args.rows < 1000:
        parser.error("--rounds, --seconds and --concurrency must be positive, --rows at least 1000")
    if not args.template_backend.is_dir():
        parser.error(f"--template-backend {args.template_backend}: no such folder")
    return args


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed run still tears down
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-compare-")))
        tag = uuid.uuid4().hex[:10]
        started = time.perf_counter()
        generated = generated_side(args.agent, folder, stack.enter_context(database(f"bench_gen_{tag}")), args.rows)
        template = template_side(
            args.template_backend, folder, stack.enter_context(database(f"bench_tpl_{tag}")), args.rows
        )
        sides = [generated, template]
        if args.baseline:
            url = stack.enter_context(database(f"bench_base_{tag}"))
            sides.append(generated_side(args.agent, folder / "baseline", url, args.rows, args.baseline, "baseline"))
        print(f"installed, migrated and seeded {len(sides)} sides in {time.perf_counter() - started:.0f} s")
        for side in sides:
            print(f"{side.name}: {library_versions(side.python)}")
        print(
            f"{args.rows} rows each; {args.concurrency} in flight; {args.rounds} round(s) of {args.seconds:g} s "
            f"per path and side, interleaved; every request signed in; client {args.client}"
        )
        statements = {side.name: statements_per_request(side, 10) for side in sides}
        ratios = {workers: report(run(sides, workers, args), statements, workers) for workers in args.worker_counts}
        first = ratios[args.worker_counts[0]]
        for other, label in (("baseline", "baseline_cpu_ratio"), ("template", "cpu_ratio")):
            if other in first:
                print(label, " ".join(f"{path}={first[other][path]:.2f}" for path in ("list", "single", "create")))


if __name__ == "__main__":
    main()
