"""Load a server with wrk, one process per connection, the connections opened in turn.

Why not one wrk with -c32: wrk opens all its connections at once, and with several uvicorn
workers the first worker to wake accepts most of them (28 of 32 seen) and keeps them for the
round. Why not a Python client: its own scheduling, on the same two cores as the servers, shows
up in the latencies it records. Here each connection is a wrk process with one connection,
started `ramp` / (connections) seconds after the previous one, so the kernel spreads them as it
spreads arriving clients; a short Lua script sends the given requests one after another and
times each itself on CLOCK_MONOTONIC (Python's ``time.monotonic``), counting those that start
inside a window shared by every process. The warm-up before the window sends the process's own
requests, or `warm_up` when given (a read, where the timed requests would use up rows, as deletes
do).

A request list is lines of ``METHOD<TAB>PATH<TAB>BODY``; ``{n}`` in a body becomes a number
unique in the round. A list marked `cycle` starts over when used up; one that is not (deletes)
stops counting when used up, and the result says so.
"""

from __future__ import annotations

import math
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# The process's requests and statuses come in as files and arguments; it writes `ok errors
# exhausted` and then one latency (seconds) per line to its results file, once the first request
# started after the window has been answered.
SCRIPT = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) * 1e-9
end

local function parse(line)
  local method, path, body = line:match("^([^\t]*)\t([^\t]*)\t?(.*)$")
  return {method = method, path = path, body = body ~= "" and body or nil}
end

local requests, warm_up, expected = {}, nil, {}
local first, last, results, tag, cycle
local cursor, counter, ok, errors, exhausted, reported = 0, 0, 0, 0, false, false
local latencies, started, timed = {}, 0, false

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then requests[#requests + 1] = parse(line) end
  end
  if args[2] ~= "" then warm_up = parse(args[2]) end
  first, last, results, tag, cycle = tonumber(args[3]), tonumber(args[4]), args[5], args[6], args[7] == "1"
  for code in args[8]:gmatch("%d+") do expected[tonumber(code)] = true end
  wrk.headers["Authorization"] = args[9]
  wrk.headers["Content-Type"] = "application/json"
end

local function send(one)
  counter = counter + 1
  local body = one.body and (one.body:gsub("{n}", tag .. "-" .. counter)) or nil
  return wrk.format(one.method, one.path, nil, body)
end

function request()
  started = now()
  timed = started >= first and not exhausted
  if warm_up and not timed then return send(warm_up) end
  if cursor == #requests then
    if not cycle then  -- a list that is not cycled always comes with a warm-up
      exhausted, timed = true, false
      return send(warm_up)
    end
    cursor = 0
  end
  cursor = cursor + 1
  return send(requests[cursor])
end

function response(status, headers, body)
  local finished = now()
  if started >= first and started < last and timed then
    if expected[status] then
      ok = ok + 1
      latencies[#latencies + 1] = finished - started
    else
      errors = errors + 1
    end
  end
  if started >= last and not reported then
    reported = true
    local out = io.open(results .. ".part", "w")
    out:write(ok, " ", errors, " ", exhausted and 1 or 0, "\n")
    for _, seconds in ipairs(latencies) do out:write(string.format("%.7f\n", seconds)) end
    out:close()
    os.rename(results .. ".part", results)
  end
end

-- Requests that got no answer (a refused or reset connection, a timeout) never reach
-- response(): wrk counts them, and says so once stopped.
function done(summary, latency, requests)
  local errors = summary.errors
  local out = io.open(os.getenv("BENCH_WRK_UNANSWERED"), "w")
  out:write(errors.connect + errors.read + errors.write + errors.timeout, "\n")
  out:close()
end
"""


@dataclass
class Timed:
    """What the processes counted inside the window."""

    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    exhausted: int = 0  # processes whose (non-cycling) request list ran out in the window
    silent: int = 0  # processes that wrote nothing (their server stopped answering)
    unanswered: int = 0  # requests wrk saw fail or time out, window or not (counted in `errors` too)
    said: str = ""  # what a silent process wrote on stderr, its last line


def wrk() -> str:
    """The wrk executable, or SystemExit saying how to get it."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk not found on PATH (Debian/Ubuntu: apt install wrk; macOS: brew install wrk)")
    return found


@dataclass
class Load:
    """One round: `lists[i]` are the requests of connection i."""

    base: str
    authorization: str
    lists: list[list[str]]
    warm_up: str  # a request line, or "" for the process's own requests
    expected: tuple[int, ...]
    cycle: bool
    ramp: float
    warm: float
    seconds: float

    def run(self, *, at_start: Callable[[], None], at_end: Callable[[], None]) -> Timed:
        """Start the processes in turn; call `at_start` and `at_end` at the window's edges; collect."""
        with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
            folder = Path(scratch)
            (folder / "load.lua").write_text(SCRIPT)
            first = time.monotonic() + self.ramp + self.warm
            last = first + self.seconds
            tag = secrets.token_hex(4)
            executable, processes = wrk(), []
            try:
                for index, lines in enumerate(self.lists):
                    (folder / f"{index}.txt").write_text("".join(f"{line}\n" for line in lines))
                    processes.append(self._start(executable, folder, index, (first, last), f"{tag}-{index}"))
                    time.sleep(self.ramp / len(self.lists))
                time.sleep(max(0.0, first - time.monotonic()))
                at_start()
                time.sleep(max(0.0, last - time.monotonic()))
                at_end()
                timed = self._collect(folder, processes, deadline=time.monotonic() + 30)
            finally:
                _stop(processes)
            for index in range(len(self.lists)):
                said = folder / f"{index}.unanswered"
                timed.unanswered += int(said.read_text()) if said.exists() else 0
            timed.errors += timed.unanswered
            return timed

    def _start(
        self, executable: str, folder: Path, index: int, window: tuple[float, float], tag: str
    ) -> subprocess.Popen[bytes]:
        first, last = window
        duration = math.ceil(last - time.monotonic()) + 30  # stopped once its results are in
        args = [str(folder / f"{index}.txt"), self.warm_up, repr(first), repr(last), str(folder / f"{index}.out")]
        args += [tag, "1" if self.cycle else "0", ",".join(map(str, self.expected)), self.authorization]
        cmd = [executable, "-t1", "-c1", f"-d{duration}s", "--timeout", "30s", "-s", str(folder / "load.lua")]
        env = os.environ | {"BENCH_WRK_UNANSWERED": str(folder / f"{index}.unanswered")}
        with (folder / f"{index}.err").open("wb") as stderr:
            return subprocess.Popen([*cmd, self.base, "--", *args], env=env, stdout=subprocess.DEVNULL, stderr=stderr)

    def _collect(self, folder: Path, processes: list[subprocess.Popen[bytes]], *, deadline: float) -> Timed:
        timed = Timed()
        for index, process in enumerate(processes):
            out = folder / f"{index}.out"
            while not out.exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if not out.exists():
                timed.silent += 1
                timed.said = timed.said or "".join((folder / f"{index}.err").read_text().splitlines()[-1:])
                continue
            head, *rest = out.read_text().splitlines()
            ok, errors, exhausted = map(int, head.split())
            timed.requests += ok
            timed.errors += errors
            timed.exhausted += exhausted
            timed.latencies += [float(line) for line in rest]
        return timed


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the processes as Ctrl-C would (wrk then reports, see `done` above); kill the deaf."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def available() -> bool:
    """Whether wrk is on PATH."""
    return shutil.which("wrk") is not None
