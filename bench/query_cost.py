"""Server CPU per primary-key read, layer by layer, in a generated project's own environment.

    python bench/query_cost.py [--agent NAME] [--queries N] [--rounds R]

Where does a generated API's CPU go on a read? This renders the agent's project, installs it with
`uv sync` (its own lock: the SQLAlchemy, asyncpg and greenlet it ships), seeds 1,000 items in a fresh
PostgreSQL database, then, in the project's interpreter, reads one item by primary key N times per
layer, in autocommit as the project's GET requests do. It prints the process CPU per read
(``time.process_time``: waits for PostgreSQL do not count), the median of R interleaved rounds:

- ``asyncpg prepared``: the driver alone, a prepared statement on one connection;
- ``core held``: a SQLAlchemy Core ``select`` on one checked-out ``AsyncConnection``;
- ``checkout``: checking a connection out of the pool and back, no statement;
- ``core session``: the Core ``select`` through a new ``AsyncSession`` per read (checkout included);
- ``orm session``: ``select(Item)`` mapped to objects, through a new ``AsyncSession`` per read;
- ``request session`` and ``request connection``: what a GET of one item with its caller costs the
  data layer, two reads by primary key, as ORM objects through one ``AsyncSession``, or as Core rows
  on one ``AsyncConnection`` (the figure is per request, not per read).

Only async SQLAlchemy projects on PostgreSQL are measured (the generated template's hot path); the
mapping is declared here, so the figures compare layers, not one project's code. Needs uv and
PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), and psycopg, httpx and pyyaml in this
interpreter (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from list_endpoint import database, install, render

ROWS = 1000

PROBE = """
import asyncio, statistics, sys, time
try:
    import asyncpg
except ImportError:
    sys.exit("this project does not use asyncpg: only async SQLAlchemy projects on PostgreSQL are measured")
from sqlalchemy import bindparam, select, String
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None]

url, rows, queries, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ORM = select(Item).where(Item.id == bindparam("id"))
CORE = select(Item.__table__).where(Item.__table__.c.id == bindparam("id"))

async def main():
    # Reads run in autocommit, as the generated project's GET requests do: no BEGIN, no ROLLBACK.
    engine = create_async_engine(url.replace("postgresql://", "postgresql+asyncpg://", 1))
    engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    raw = await asyncpg.connect(url)
    prepared = await raw.prepare("SELECT id, name, description FROM items WHERE id = $1")
    held = await engine.connect()

    async def driver(i):
        await prepared.fetchrow(i % rows + 1)

    async def core_held(i):
        (await held.execute(CORE, {"id": i % rows + 1})).first()

    async def checkout(i):
        async with engine.connect():
            pass

    async def core_session(i):
        async with AsyncSession(engine) as session:
            (await session.execute(CORE, {"id": i % rows + 1})).first()

    async def orm_session(i):
        async with AsyncSession(engine) as session:
            (await session.execute(ORM, {"id": i % rows + 1})).scalars().first()

    async def request_session(i):
        async with AsyncSession(engine, expire_on_commit=False) as session:
            (await session.execute(ORM, {"id": i % rows + 1})).scalars().first()
            (await session.execute(ORM, {"id": (i + 7) % rows + 1})).scalars().first()

    async def request_connection(i):
        async with engine.connect() as connection:
            (await connection.execute(CORE, {"id": i % rows + 1})).first()
            (await connection.execute(CORE, {"id": (i + 7) % rows + 1})).first()

    layers = {"asyncpg prepared": driver, "core held": core_held, "checkout": checkout,
              "core session": core_session, "orm session": orm_session,
              "request session": request_session, "request connection": request_connection}
    figures = {name: [] for name in layers}
    for _ in range(rounds):
        for name, read in layers.items():
            for i in range(50):
                await read(i)  # warm: statement caches, pool
            started = time.process_time()
            for i in range(queries):
                await read(i)
            figures[name].append((time.process_time() - started) / queries * 1e6)
    for name, values in figures.items():
        print(f"{name:<18} {statistics.median(values):8.0f} us")

asyncio.run(main())
"""


def parse_args() -> argparse.Namespace:
    """The command line: which agent, and how many reads."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agent", default="backend-engineer", help="agent name or path (default: %(default)s)")
    parser.add_argument("--queries", type=int, default=2000, help="reads per layer and round (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default: %(default)s)")
    return parser.parse_args()


def main() -> None:
    """Render, install and seed the project, then run the probe in its interpreter."""
    args = parse_args()
    name = f"bench_query_cost_{uuid.uuid4().hex[:12]}"  # a run that died leaves its database behind
    with tempfile.TemporaryDirectory(prefix="scaffold-query-cost-") as tmp, database(name) as url:
        project = render(args.agent, Path(tmp), url)
        install(project, url, ROWS)
        probe = [str(project.venv / "bin" / "python"), "-c", PROBE, url, str(ROWS), str(args.queries), str(args.rounds)]
        print(f"agent {args.agent}: process CPU per primary-key read, median of {args.rounds} rounds")
        sys.stdout.flush()
        if subprocess.run(probe, cwd=project.root, env=project.env).returncode:
            raise SystemExit("the probe failed (its message is above)")


if __name__ == "__main__":
    main()
