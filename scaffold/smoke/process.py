"""Run a project's commands as child process groups: logged, timed out, stopped on request, never left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STOP = threading.Event()
"""Set when the run is interrupted: every running command is stopped and no new one starts."""


class Stopped(Exception):
    """The run was interrupted while a command ran."""


class NotServing(Exception):
    """A server that exited, or did not answer in time; the message ends with its log's last lines."""


@dataclass(frozen=True)
class Finished:
    """How a command ended: its exit code (None after a timeout) and the last lines it printed."""

    code: int | None
    tail: str

    @property
    def ok(self) -> bool:
        """Whether it exited with 0."""
        return self.code == 0


def run_script(script: str, *, cwd: Path, env: dict[str, str], log: Path, timeout: float) -> Finished:
    """Run ``script`` with bash in ``cwd``, its output (stdout and stderr) appended to ``log``."""
    if STOP.is_set():
        raise Stopped
    with _started(script, cwd=cwd, env=env, log=log) as child:
        code = _wait(child, timeout)
    return Finished(code, tail(log))


@contextmanager
def _started(script: str, *, cwd: Path, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``script`` started under bash in a session of its own, its output after a ``$ script`` line in ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        out.write(f"$ {script}\n".encode())
        out.flush()
        yield _start(script, cwd=cwd, env=env, out=out)


def _start(script: str, *, cwd: Path, env: dict[str, str], out: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(child: subprocess.Popen[bytes], timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return child.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if STOP.is_set():
                stop(child)
                raise Stopped from None
            if time.monotonic() > deadline:
                stop(child)
                return None


def stop(child: subprocess.Popen[bytes]) -> None:
    """End ``child``'s whole process group (a server's reloader and workers too): TERM, then KILL."""
    for sig, grace in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(log: Path, lines: int = 25) -> str:
    """The last ``lines`` lines of ``log``."""
    text = log.read_bytes()[-20000:].decode("utf-8", "replace")
    return "\n".join(text.splitlines()[-lines:])


@contextmanager
def serving(script: str, *, cwd: Path, env: dict[str, str], log: Path, url: str, timeout: float) -> Iterator[None]:
    """Run ``script`` (a server) until ``url`` answers at all; stop it when the block ends.

    Raises ``NotServing`` (with the log's tail) when it does not answer in ``timeout`` seconds
    or exits first.
    """
    with _started(script, cwd=cwd, env=env, log=log) as child:
        try:
            _wait_until_answering(child, url, timeout, log)
            yield
        finally:
            stop(child)


def _wait_until_answering(child: subprocess.Popen[bytes], url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if STOP.is_set():
            raise Stopped
        if child.poll() is not None:
            raise NotServing(f"the server exited (code {child.returncode}) before {url} answered:\n{tail(log)}")
        try:
            get(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise NotServing(f"{url} did not answer within {timeout:.0f} s:\n{tail(log)}") from None
            time.sleep(0.3)


def get(url: str) -> tuple[int, Any]:
    """GET ``url``: its status and JSON body (an HTTP error status is returned, not raised)."""
    return call("GET", url)


def call(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """One HTTP request: the status and the JSON body (None when the body is not JSON)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, _json(response.read())
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return None
