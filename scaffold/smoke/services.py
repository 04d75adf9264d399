"""The real services a smoke build uses: PostgreSQL, Redis, RabbitMQ; one database and prefix per project."""

from __future__ import annotations

import socket
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from scaffold.errors import SmokeError

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"


class ServiceError(SmokeError):
    """A service a step needs is not there or refuses what the step asks of it."""


@dataclass(frozen=True)
class Services:
    """Where the services are. Projects share them: each gets databases and key prefixes of its own."""

    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = DEFAULT_REDIS_URL
    rabbitmq_url: str = DEFAULT_RABBITMQ_URL


_KINDS = {
    "--database-url": ("PostgreSQL", {"postgresql": 5432, "postgres": 5432}, DEFAULT_DATABASE_URL),
    "--redis-url": ("Redis", {"redis": 6379, "rediss": 6379}, DEFAULT_REDIS_URL),
    "--rabbitmq-url": ("RabbitMQ", {"amqp": 5672, "amqps": 5671}, DEFAULT_RABBITMQ_URL),
}
"""Each service's option -> what it is, its URL schemes with their default ports, an example URL."""


def check_urls(services: Services) -> None:
    """Refuse a service URL that is not one (a scheme of that service, a host, a number for the port).

    Whether the service answers is each step's to find: a missing one fails the steps that need it.
    """
    urls = {"--database-url": services.database_url, "--redis-url": services.redis_url}
    urls["--rabbitmq-url"] = services.rabbitmq_url
    for option, url in urls.items():
        what, schemes, example = _KINDS[option]
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.split("+")[0] not in schemes or not parts.hostname:
            raise ServiceError(f"{option} {url!r} is not a {what} URL (e.g. {example})")
        try:
            parts.port  # noqa: B018 (parsing it is the check)
        except ValueError:
            raise ServiceError(f"{option} {url!r} has a port that is not a number") from None


def require(url: str, option: str) -> None:
    """Raise ``ServiceError`` naming the service and ``option`` unless ``url``'s host accepts a connection."""
    what, schemes, _ = _KINDS[option]
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    try:
        port = parts.port or schemes.get(parts.scheme.split("+")[0], 0)
    except ValueError:
        raise ServiceError(f"{option} {url!r} has no valid port") from None
    try:
        with socket.create_connection((host, port), timeout=3):
            return
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ServiceError(f"{what} is not reachable at {host}:{port} ({option}): {reason.lower()}") from None


def database_named(server_url: str, name: str) -> str:
    """``server_url`` with its database replaced by ``name``."""
    parts = urllib.parse.urlsplit(server_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def fresh_database(server_url: str, purpose: str) -> Iterator[str]:
    """A new empty database on ``server_url``'s server, made through the database it names; dropped after."""
    require(server_url, "--database-url")
    import psycopg  # lazy: only smoke builds talk to PostgreSQL

    name = f"smoke_{purpose}_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ServiceError(f"PostgreSQL refused to create a database (--database-url): {first}") from None
    try:
        yield database_named(server_url, name)
    finally:
        try:
            with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.Error:
            pass  # the server went away: nothing left to drop there


def plant_marker(url: str) -> None:
    """A table with one row in the database ``url`` names, which the project's tests must leave alone."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE smoke_marker (x int)")
        connection.execute("INSERT INTO smoke_marker VALUES (1)")


def marker_intact(url: str) -> bool:
    """Whether the marker ``plant_marker`` put in ``url``'s database is still there, unchanged."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT count(*) FROM smoke_marker").fetchone()
    except psycopg.Error:
        return False
    return bool(row and row[0] == 1)


def delete_keys(redis_url: str, prefix: str) -> int:
    """Delete every key under ``prefix`` in the Redis database ``redis_url`` names; how many there were."""
    import redis  # lazy: only smoke builds talk to Redis

    deleted = 0
    try:
        with redis.Redis.from_url(redis_url, socket_timeout=10) as client:
            for key in client.scan_iter(match=f"{prefix}*", count=500):
                deleted += int(client.delete(key))
    except redis.RedisError as exc:
        raise ServiceError(f"Redis refused to delete the keys under {prefix!r} (--redis-url): {exc}") from None
    return deleted


_PORTS_LOCK = threading.Lock()
_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 and not handed to another project of this run."""
    with _PORTS_LOCK:
        while True:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port: int = sock.getsockname()[1]
            if port not in _HANDED_OUT:
                _HANDED_OUT.add(port)
                return port
