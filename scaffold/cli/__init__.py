"""The ``scaffold`` command line: the only package that prints or exits.

``_app`` holds the application and what the commands share; ``making``, ``keeping`` and
``smoking`` the commands, registered here in the order ``scaffold --help`` lists them.
"""

from __future__ import annotations

from scaffold.cli import keeping, making, smoking
from scaffold.cli._app import app, fail, run

for _command in (making.agents, making.inspect, making.new, keeping.update, keeping.check, smoking.smoke):
    app.command()(_command)

__all__ = ["app", "fail", "run"]
