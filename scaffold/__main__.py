"""``python -m scaffold`` and the ``scaffold`` command.

An interrupt while the command line loads (a fraction of a second) is noted here and reported by
``scaffold.cli.run`` like any later one: one line, exit code 130, no traceback.
"""

from __future__ import annotations

import signal
from types import FrameType


def main() -> None:
    """Load the command line with interrupts held back, then run it."""
    pending: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    signal.signal(signal.SIGINT, hold)
    from scaffold.cli import run

    run(pending)


if __name__ == "__main__":
    main()
