"""CPU per request inside a generated API, one template revision beside another, no HTTP client.

    python bench/request_cpu.py --baseline TEMPLATE [--agent NAME] [--paths single,list,create]
                                [--requests N] [--pairs P]

On a shared machine a load test's client, server and PostgreSQL fight for the same cores, and
server CPU per request moves by 10 to 20 % from run to run. This measures the part a template
change can move with less noise: it renders the agent's project twice, from the bundled template
and from TEMPLATE (a folder or git URL, as ``scaffold new --template`` takes, such as a worktree of
an earlier commit), installs both with their own locks, migrates and seeds one PostgreSQL database
(1,000 items), and signs in. Then, in each project's own interpreter, it sends N requests per path
one after another straight to the ASGI app (no sockets, no server, no client) and reads the
process's CPU time (``time.process_time``: waits for PostgreSQL do not count). P pairs of such
processes run alternately, each side starting every other pair. It prints, per path and side, the
median CPU per request over all rounds, then the ratio ``current / baseline``.

What it leaves out: HTTP parsing and the server loop (the same for both revisions), and concurrency
(one request at a time, so no pool contention). Needs uv and PostgreSQL on 127.0.0.1:5432 (user
postgres, trust auth), and psycopg, httpx and pyyaml in this interpreter (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from list_endpoint import UNLIMITED, Project, database, install, render, tool

ROWS = 1000
PATHS = ("single", "list", "create")

PROBE = r"""
import asyncio, json, sys, time
kind, count, prefix, rounds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
sys.path.insert(0, ".")
from {app_module} import app

async def call(method, path, headers=(), body=b"", query=b""):
    scope = {{"type": "http", "asgi": {{"version": "3.0"}}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
             "root_path": "", "headers": [(b"host", b"bench")] + list(headers),
             "client": ("127.0.0.1", 1), "server": ("bench", 80)}}
    answer, sent = {{}}, False
    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {{"type": "http.request", "body": body, "more_body": False}}
        await asyncio.sleep(3600)
    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] = answer.get("body", b"") + message.get("body", b"")
    await app(scope, receive, send)
    return answer["status"], answer.get("body", b"")

async def main():
    auth = []
    if {password_auth}:
        form = [(b"content-type", b"application/x-www-form-urlencoded")]
        login = b"username=bench%40example.com&password=bench+password"
        status, body = await call("POST", prefix + "/auth/login", form, login)
        if status != 200:
            account = json.dumps({{"email": "bench@example.com", "password": "bench password"}}).encode()
            await call("POST", prefix + "/auth/register", [(b"content-type", b"application/json")], account)
            status, body = await call("POST", prefix + "/auth/login", form, login)
        auth = [(b"authorization", b"Bearer " + json.loads(body)["access_token"].encode())]
    json_body = auth + [(b"content-type", b"application/json")]

    async def one(i):
        if kind == "single":
            status, _ = await call("GET", f"{{prefix}}/items/{{i % {rows} + 1}}", auth)
        elif kind == "list":
            status, _ = await call("GET", f"{{prefix}}/items", auth, query=b"offset=500&limit=20")
        else:
            name = f"bench {{time.time_ns()}} {{i}}"
            status, _ = await call("POST", f"{{prefix}}/items", json_body, json.dumps({{"name": name}}).encode())
        if status >= 300:
            sys.exit(f"{{kind}}: answered {{status}}")

    for i in range(100):
        await one(i)  # warm: statement caches, the pool, lazy imports
    figures = []
    for _ in range(rounds):
        started = time.process_time()
        for i in range(count):
            await one(i)
        figures.append((time.process_time() - started) / count * 1e6)
    print(json.dumps(figures))

asyncio.run(main())
"""


def probe(project: Project, path: str, count: int) -> list[float]:
    """Run `count` requests of `path` three times in the project's interpreter; µs of CPU each."""
    module = project.app.rsplit(":", 1)[0]
    code = PROBE.format(app_module=module, password_auth=project.password_auth, rows=ROWS)
    env = project.env | UNLIMITED | {"LOG_LEVEL": "WARNING"}  # its DATABASE_URL is the seeded one
    python = str(project.venv / "bin" / "python")
    done = subprocess.run(
        [python, "-c", code, path, str(count), project.prefix, "3"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the {path} probe failed in {project.root}:\n{done.stderr[-2000:]}")
    return [float(value) for value in json.loads(done.stdout.strip().splitlines()[-1])]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--baseline", required=True, help="the template revision to compare with (path or URL)")
    parser.add_argument("--agent", default="backend-engineer", help="agent name or path (default: %(default)s)")
    parser.add_argument("--paths", default=",".join(PATHS), help="paths to measure (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per round (default: %(default)s)")
    parser.add_argument("--pairs", type=int, default=6, help="alternating process pairs (default: %(default)s)")
    args = parser.parse_args()
    args.path_list = [path.strip() for path in args.paths.split(",") if path.strip()]
    unknown = sorted(set(args.path_list) - set(PATHS))
    if unknown or not args.path_list:
        parser.error(f"--paths takes some of {', '.join(PATHS)}")
    if args.requests < 1 or args.pairs < 1:
        parser.error("--requests and --pairs must be positive")
    return args


def main() -> None:
    args = parse_args()
    tool("uv")
    with (
        tempfile.TemporaryDirectory(prefix="bench-request-cpu-") as tmp,
        database(f"bench_cpu_{uuid.uuid4().hex[:10]}") as url,
    ):
        folder = Path(tmp)
        (folder / "current").mkdir()
        (folder / "baseline").mkdir()
        sides = {
            "current": render(args.agent, folder / "current", url),
            "baseline": render(args.agent, folder / "baseline", url, args.baseline),
        }
        install(sides["current"], url, ROWS)  # migrates and seeds the one database
        for project in sides.values():
            done = subprocess.run([tool("uv"), "sync", "--quiet"], cwd=project.root, env=project.env)
            if done.returncode:
                raise SystemExit(f"uv sync failed in {project.root}")
        if not all(project.password_auth == sides["current"].password_auth for project in sides.values()):
            raise SystemExit("the two revisions differ in password sign-in: their requests would not compare")
        print(f"agent {args.agent}; {args.requests} requests x 3 rounds per process, {args.pairs} pairs per path")
        figures: dict[tuple[str, str], list[float]] = {}
        for path in args.path_list:
            for pair in range(args.pairs):
                order = list(sides.items()) if pair % 2 == 0 else list(reversed(sides.items()))
                for name, project in order:
                    figures.setdefault((path, name), []).extend(probe(project, path, args.requests))
        print(f"{'path':<8} {'side':<9} {'CPU us/request':>15} {'min':>7} {'max':>7}")
        ratios = []
        for path in args.path_list:
            for name in sides:
                values = figures[(path, name)]
                print(f"{path:<8} {name:<9} {statistics.median(values):15.0f} {min(values):7.0f} {max(values):7.0f}")
            ratio = statistics.median(figures[(path, "current")]) / statistics.median(figures[(path, "baseline")])
            ratios.append(f"{path}={ratio:.3f}")
        print("cpu_ratio_vs_baseline " + " ".join(ratios))


if __name__ == "__main__":
    sys.exit(main())
