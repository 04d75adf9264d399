"""The URL prefix a file's endpoints share, when it lists them without naming the prefix."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from scaffold.extraction.document import Line

_PREFIX = r"(/(?:api(?:/v\d+)?|v\d+))"
"""The shapes of prefix an API is mounted under (``/api``, ``/api/v1``, ``/v2``), as group 1."""
_ENDPOINT = re.compile(r"(?<![\w.:/@~-])" + _PREFIX + r"/[A-Za-z{:<][\w{}:<>./-]*")
_SOURCE_FILE = re.compile(r"\.(?:py|pyi|ts|tsx|js|jsx|mjs|vue|svelte|json|ya?ml|md)$")
"""A path that ends in a source file's extension (``@/api/client.ts``) is a module, not an endpoint."""
MIN_ENDPOINTS = 2
"""How many different endpoints must share a prefix before it counts as the API's."""


_DOCS = re.compile(
    r"(?<![\w.:/-])(?:https?://[\w.-]+(?::\d+)?)?" + _PREFIX + r"/(?:docs|redoc|openapi\.json)(?![\w.-])"
)
"""The interactive docs or schema served under a prefix (``localhost:8000/api/v1/docs``): the API's."""


def docs_prefix(lines: Sequence[Line]) -> tuple[str, list[Line]] | None:
    """The one prefix the file's docs or OpenAPI schema URLs sit under, with their lines."""
    where: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        if not line.example:
            for match in _DOCS.finditer(line.text):
                where[match[1]].append(line)
    return next(iter(where.items())) if len(where) == 1 else None


def shared_prefix(lines: Sequence[Line]) -> tuple[str, list[Line]] | None:
    """The prefix (``/api``, ``/v1``) of at least three different endpoints, with their lines."""
    paths: dict[str, set[str]] = defaultdict(set)
    where: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        if line.example:
            continue
        for match in _ENDPOINT.finditer(line.text):
            if _SOURCE_FILE.search(match[0]):
                continue
            paths[match[1]].add(match[0])
            where[match[1]].append(line)
    found = [(prefix, len(named)) for prefix, named in paths.items() if len(named) >= MIN_ENDPOINTS]
    if len(found) != 1:
        return None
    prefix = found[0][0]
    return prefix, where[prefix]
