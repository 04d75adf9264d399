"""Random text and frontmatter never crash the loader or the extractor."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold import ScaffoldError, extract_conventions, load_agent

WORDS = st.sampled_from(
    [
        "FastAPI",
        "Celery",
        "NOT",
        "mypy",
        "backend/",
        "app/main.py",
        "├──",
        "`",
        "```",
        "---",
        "port",
        "8009",
        "(",
        ")",
        ":",
        "Python 3.12+",
        "roles:",
        "- ",
        "\n",
        "from app.x import Y",
        "# ",
        "avoid",
        "Redis",
        "/api/v1",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=60).map(" ".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3)
)
META = st.dictionaries(st.sampled_from(["name", "description", "globs", "tools", "model", "x"]), SCALARS, max_size=5)


def _check(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agent.md"
        path.write_bytes(raw)
        try:
            inspection = extract_conventions(load_agent(path))
        except ScaffoldError:
            return
        inspection.to_json_dict()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_bodies_give_a_result_or_a_scaffold_error(body: str) -> None:
    _check(body.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(META, TEXT)
def test_random_frontmatter_gives_a_result_or_a_scaffold_error(meta: dict[str, object], body: str) -> None:
    _check(("---\n" + yaml.safe_dump(meta) + "---\n" + body).encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_result_or_a_scaffold_error(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_frontmatter_text_gives_a_result_or_a_scaffold_error(block: str) -> None:
    _check(("---\n" + block + "\n---\nbody\n").encode("utf-8", "surrogatepass"))
