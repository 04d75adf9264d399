"""Time sign-in answers of a freshly rendered project: an unknown email against a wrong password.

    python bench/sign_in.py [--agent NAME] [--rounds N]

The two answers must not tell an attacker which emails have accounts: the same status and body
(the generated tests check that) and a similar time, which this prints as medians of interleaved
rounds and their ratio. It also times a correct sign-in and registration (one Argon2 hash each).
Needs what bench/list_endpoint.py needs (uv, PostgreSQL on 127.0.0.1:5432); the server shares the
machine with this client, so compare the figures with each other, not with other machines.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import httpx
from list_endpoint import database, install, render, serve


def timed(client: httpx.Client, path: str, **kwargs: object) -> tuple[int, float]:
    start = time.perf_counter()
    status = client.post(path, **kwargs).status_code  # type: ignore[arg-type]
    return status, (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--agent", default="backend-architect", help="agent with password auth (%(default)s)")
    parser.add_argument("--rounds", type=int, default=30, help="sign-ins of each kind (default: %(default)s)")
    args = parser.parse_args()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-sign-in-")))
        database_url = stack.enter_context(database(f"bench_sign_in_{uuid.uuid4().hex[:12]}"))
        project = render(args.agent, folder, database_url)
        if not project.password_auth:
            raise SystemExit(f"{args.agent} renders no password sign-in (auth has no jwt)")
        install(project, database_url, rows=1)
        project.env["RATE_LIMIT_LOGIN"] = "1000000/minute"  # the limit would answer 429 mid-run
        python = project.venv / "bin" / "python"
        base = stack.enter_context(serve(python, project.app, project.root, project.env, 1, "/health"))
        auth = f"{project.prefix}/auth"
        kinds: dict[str, list[float]] = {"unknown email": [], "wrong password": [], "right password": []}
        with httpx.Client(base_url=base, timeout=30.0) as client:
            account = {"email": "known@example.com", "password": "the right password"}
            status, registering = timed(client, f"{auth}/register", json=account)
            assert status == 201, status
            forms = {
                "unknown email": {"username": "nobody@example.com", "password": "the right password"},
                "wrong password": {"username": "known@example.com", "password": "a wrong password"},
                "right password": {"username": "known@example.com", "password": "the right password"},
            }
            expected = {"unknown email": 401, "wrong password": 401, "right password": 200}
            for _ in range(args.rounds):  # interleaved, so load on the machine hits every kind alike
                for kind, form in forms.items():
                    status, ms = timed(client, f"{auth}/login", data=form)
                    assert status == expected[kind], (kind, status)
                    kinds[kind].append(ms)
        print(f"agent {args.agent}: {args.rounds} interleaved rounds, one uvicorn worker")
        print(f"{'POST /auth/login':<24} {'median ms':>9} {'p90 ms':>7}")
        for kind, times in kinds.items():
            p90 = statistics.quantiles(times, n=10)[8]
            print(f"{kind:<24} {statistics.median(times):9.1f} {p90:7.1f}")
        ratio = statistics.median(kinds["unknown email"]) / statistics.median(kinds["wrong password"])
        print(f"unknown email / wrong password median ratio: {ratio:.2f}")
        print(f"register (one hash): {registering:.1f} ms")


if __name__ == "__main__":
    main()
