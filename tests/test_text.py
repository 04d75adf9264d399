from __future__ import annotations

import ast
from pathlib import Path

import scaffold.text
from scaffold.text import key_line, printable, show, slugify


def test_show_reads_like_prose() -> None:
    assert show(None) == "-"
    assert show([]) == "-"
    assert show(["jwt", "oauth2"]) == "jwt, oauth2"
    assert show(True) == "yes"
    assert show(8000) == "8000"


def test_slugify_turns_titles_into_names() -> None:
    assert slugify("Backend Development Specialist") == "backend-development-specialist"
    assert slugify("  API / Server  ") == "api-server"


def test_key_line_finds_the_frontmatter_key() -> None:
    assert key_line("---\nname: x\ndescription: y\n---\n", "description") == 3


def test_key_line_falls_back_to_the_default() -> None:
    assert key_line("---\nname: x\n---\n", "description") == 1
    assert key_line("---\nname: x\n---\n", "description", default=2) == 2


def test_text_is_a_leaf_module() -> None:
    tree = ast.parse(Path(scaffold.text.__file__).read_text())
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name.split(".")[0] == "scaffold"]


def test_printable_escapes_terminal_controls_and_lone_surrogates() -> None:
    assert printable("red\x1b[31m\x9b\u202e\udc80") == "red\\x1b[31m\\x9b\\u202e\\udc80"


def test_printable_keeps_ordinary_text_tabs_and_newlines() -> None:
    assert printable("Café – 名前\tok\n") == "Café – 名前\tok\n"
