"""The combinations the tests render: the supported ones (kept with ``scaffold smoke --matrix``) and
each auth value alone.

``COMBINATIONS`` has every value of every answer at least once, ``PAIRWISE`` six of them that
cover every pair of the code axes: the slow tests smoke those projects.
"""

from __future__ import annotations

from typing import Any

from scaffold.smoke.matrix import COMBINATIONS, PAIRWISE

__all__ = ["AUTH_ALONE", "COMBINATIONS", "PAIRWISE"]

AUTH_ALONE: dict[str, dict[str, Any]] = {
    "auth-jwt": {"auth": ["jwt"]},
    "auth-refresh-token": {"auth": ["jwt", "refresh-token"], "async_db": False},
    "auth-magic-link": {"auth": ["jwt", "magic-link"], "orm": "sqlmodel"},
    "auth-api-key": {"auth": ["jwt", "api-key"], "type_checker": "pyright", "async_db": False},
    "auth-clerk": {"auth": ["clerk"], "orm": "sqlmodel", "async_db": False},
    "auth-supabase": {"auth": ["supabase"], "type_checker": "basedpyright"},
    "auth-auth0": {"auth": ["auth0"], "roles": ["admin", "member"]},
}
"""Each auth value on its own (with the identity it needs): the slow tests lint and type-check each."""
