"""Wheel build step: ship the template repository as a git bundle, with its URL and version.

A project records where its template came from and which version (``_src_path``, ``_commit``),
so that ``copier update`` can render the old version again. A wheel's plain copy of the template
has no history; the bundle holds every commit and tag, and ``scaffold update`` lets git fetch the
recorded URL from it, so updates work offline. Editable installs use the checkout itself.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TemplateBundle(BuildHookInterface):  # type: ignore[type-arg]
    """Add ``scaffold/_bundled/template.bundle`` and ``template.json`` to a regular wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Bundle the repository when building a regular wheel from a git checkout."""
        root = Path(self.root)
        if self.target_name != "wheel" or version == "editable" or not (root / ".git").exists():
            return
        folder = Path(tempfile.mkdtemp(prefix="scaffold-bundle-"))
        bundle = folder / "template.bundle"
        _git(root, "bundle", "create", str(bundle), "HEAD", "--branches", "--tags")
        record = {
            "url": self.metadata.core.urls.get("Repository", str(root)),
            "commit": _git(root, "describe", "--tags", "--always").strip(),
        }
        (folder / "template.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        build_data["force_include"][str(bundle)] = "scaffold/_bundled/template.bundle"
        build_data["force_include"][str(folder / "template.json")] = "scaffold/_bundled/template.json"


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return result.stdout
