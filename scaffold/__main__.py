"""``python -m scaffold``."""

from scaffold.cli import app

app(prog_name="scaffold")
