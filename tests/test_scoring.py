"""Extraction measured with the shared scorer on the seeds, our agents and the public corpus."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
AGENTS = Path(__file__).resolve().parents[1] / "agents"
SCORER = SHARED / "tools" / "score_extraction.py"

pytestmark = pytest.mark.skipif(
    not SCORER.exists(), reason="../shared (seeds, corpus, scorer) is not beside this checkout"
)


def score(labels: Path, files: Path, *extra: str) -> tuple[float, int, int]:
    command = [
        sys.executable,
        str(SCORER),
        str(labels),
        str(files),
        *extra,
        "--scaffold",
        f"{sys.executable} -m scaffold",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"accuracy=([\d.]+) inventions=(\d+) files=(\d+)", output)
    assert match, output
    return float(match[1]), int(match[2]), int(match[3])


def test_seed_agents_extract_exactly() -> None:
    assert score(SHARED / "seeds" / "expected", SHARED / "seeds") == (1.0, 0, 5)


def test_bundled_agents_extract_to_the_seed_expectations(tmp_path: Path) -> None:
    by_name = {}
    for path in sorted(AGENTS.glob("*.md")):
        text = path.read_text()
        name = re.search(r"^name:\s*(.+)$", text, re.M)
        assert name, path
        by_name[name[1].strip().strip("\"'")] = path
    for expected in (SHARED / "seeds" / "expected").glob("*.json"):
        label = json.loads(expected.read_text())
        shutil.copy(by_name[label["name"]], tmp_path / f"{label['id']}.md")
    assert score(SHARED / "seeds" / "expected", tmp_path) == (1.0, 0, 5)


def test_public_corpus_meets_the_bar() -> None:
    accuracy, inventions, files = score(SHARED / "corpus" / "labels.json", SHARED / "corpus", "--split", "visible")
    assert files >= 5
    assert accuracy >= 0.90
    assert inventions <= files / 5
