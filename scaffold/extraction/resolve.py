"""Turn the hits of the rule table into one value per field, with evidence and warnings.

Per field, each value gathers the weight of the lines that support it. Values named together on
one line as alternatives ("Celery or Dramatiq", "asyncpg, aiomysql") share that line's weight.
A value the file rejects anywhere ("NOT mypy") is out. Where one value supersedes another that
it builds on (SQLModel over SQLAlchemy, basedpyright over pyright, Ruff over Flake8), the more
specific one takes the other's weight. A value wins only when it outweighs all others together twice
over; otherwise the file offers a choice and the field stays null, with a warning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scaffold.extraction.polarity import OFFERED_FACTOR
from scaffold.extraction.rules import Hit, plain_text
from scaffold.models import Confidence
from scaffold.text import SHELL_LANGS

SUPERSEDES: dict[str, dict[str, tuple[str, ...]]] = {
    "orm": {"sqlalchemy": ("sqlmodel",)},
    "type_checker": {"pyright": ("basedpyright",)},
    "linter": {"flake8": ("ruff",)},
    "framework": {"starlette": ("fastapi",)},
    "logging": {"stdlib": ("structlog", "loguru")},
    # Flask-Migrate runs Alembic: a file that names Alembic itself states the tool underneath.
    "migrations": {"flask-migrate": ("alembic",)},
}
FALSE_ON_REJECTION = frozenset({"task_queue", "migrations"})
MIN_WEIGHT = 0.5
"""The least a value needs: a mention offered only as an option (a quarter) is not a choice."""
MIN_LIST_WEIGHT = MIN_WEIGHT
CLEAR_LEAD = 2.0
"""How many times the other values' weight a value needs to be the file's choice rather than one of
several it names (a closer call is left null, with a warning)."""


@dataclass
class Decision:
    """A field's value and the hits behind it."""

    value: Any = None
    support: list[Hit] = field(default_factory=list)
    warning: str | None = None
    confidence: Confidence | None = None
    """How sure the value is (see ``confidence``); None where there is no value."""


def decide_scalar(name: str, hits: Sequence[Hit]) -> Decision:
    """One value for a scalar field, or null where the file is silent or undecided."""
    if not hits:
        return Decision()
    if isinstance(hits[0].value, bool):
        return _decide_bool(hits)
    rejected = _rejected(hits)
    kept = [h for h in hits if not h.negated and h.value not in rejected]
    weights = _superseded(name, _shared_weights(kept))
    stated = {value: w for value, w in weights.items() if not _only_hedged(value, kept)}
    if weights and not stated:
        names = ", ".join(str(v) for v in weights)
        return Decision(warning=f"{name}: the file names {names} only as options or examples")
    weights = stated
    rivals = _superseded(name, _shared_weights(kept, options_in_full=True))
    if not weights:
        only_rejections = bool(rejected) and name in FALSE_ON_REJECTION
        return Decision(
            value=False if only_rejections else None, support=[h for h in hits if h.negated] if only_rejections else []
        )
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    best, weight = ranked[0]
    rest = sum(w for value, w in rivals.items() if value != best)
    if weight < CLEAR_LEAD * rest or weight < MIN_WEIGHT:
        names = ", ".join(str(v) for v, _ in ranked)
        return Decision(warning=f"{name}: the file names {names} without preferring one")
    support = [h for h in hits if h.value == best and not h.negated]
    warning = None
    if rest:
        others = ", ".join(str(v) for v, _ in ranked[1:])
        warning = f"{name}: chose {best!r}; the file also names {others}"
    return Decision(value=best, support=support, warning=warning, confidence=confidence(support, weight, rest))


def _only_hedged(value: Any, hits: Sequence[Hit]) -> bool:
    """Whether every mention of ``value`` offers, illustrates or hedges it (none states it)."""
    return all(h.hedged for h in hits if h.value == value)


def decide_minimum(name: str, hits: Sequence[Hit]) -> Decision:
    """The lowest stated value (a minimum Python version is the lowest one the file allows)."""
    stated = [h for h in hits if not h.negated and h.weight >= MIN_WEIGHT]
    if not stated:
        return Decision()
    best = min((h.value for h in stated), key=_version_key)
    support = [h for h in stated if h.value == best]
    return Decision(value=best, support=support, confidence=confidence(support, sum(h.weight for h in support), 0))


def decide_list(name: str, hits: Sequence[Hit]) -> Decision:
    """Every value the file states and does not reject, in order of first mention."""
    rejected = _rejected(hits)
    neighbours = _same_kind_on_line(hits)
    kept = [h for h in hits if not h.negated and h.value not in rejected and not _alternative(h, neighbours)]
    totals: dict[Any, float] = defaultdict(float)
    for hit in kept:
        totals[hit.value] += hit.weight
    values = [
        v for v in dict.fromkeys(h.value for h in kept) if totals[v] >= MIN_LIST_WEIGHT and not _only_hedged(v, kept)
    ]
    support = [h for h in kept if h.value in values]
    if not values:
        return Decision(value=values, support=support)
    sureness = [confidence([h for h in support if h.value == v], totals[v], 0) for v in values]
    return Decision(value=values, support=support, confidence=min(sureness, key=CONFIDENCE_ORDER.index))


def _rejected(hits: Sequence[Hit]) -> set[Any]:
    """Values the file argues against more than it argues for."""
    balance: dict[Any, float] = defaultdict(float)
    for hit in hits:
        balance[hit.value] += -hit.weight if hit.negated else hit.weight
    return {
        value
        for value, net in balance.items()
        if net < 0 or (net == 0 and any(h.negated and h.value == value for h in hits))
    }


def _decide_bool(hits: Sequence[Hit]) -> Decision:
    votes: dict[bool, float] = {True: 0.0, False: 0.0}
    for hit in hits:
        votes[hit.value != hit.negated] += hit.weight
    if votes[True] == votes[False]:
        return Decision(warning=f"{hits[0].field}: the file argues both ways")
    if max(votes.values()) < MIN_WEIGHT:
        return Decision(warning=f"{hits[0].field}: the file offers it only as an option")
    value = votes[True] > votes[False]
    support = [h for h in hits if (h.value != h.negated) == value]
    return Decision(value=value, support=support, confidence=confidence(support, votes[value], votes[not value]))


_TREE_LINE = re.compile(r"[├└]──")
"""A line of a box tree: in a code block, yet it shows the project's files, not an example."""
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("weak", "inferred", "stated")
"""From least to most sure."""
STATED_WEIGHT = 1.0
"""The weight a value needs to count as stated: one plain statement, or two code examples."""


def confidence(support: Sequence[Hit], weight: float, rest: float) -> Confidence:
    """How sure a value is, from the lines behind it and the weight of the values it beat.

    Stated: a line of prose or a command states it with the weight of one plain statement, and it
    outweighs the other values named at least twice over. Inferred: lines that imply it (a driver
    implies its database), or code examples that agree on two lines or more. Weak: one code
    example, a passing hint, a close call, or only lines listing what the assistant knows.
    """
    if (rest and weight < CLEAR_LEAD * rest) or all(h.line.capability for h in support):
        return "weak"
    said = [h for h in support if not h.line.code or h.line.lang in SHELL_LANGS or _TREE_LINE.search(h.line.text)]
    if said and weight >= STATED_WEIGHT and any(h.weight >= STATED_WEIGHT for h in said):
        return "stated"
    if said or (weight >= STATED_WEIGHT and len({h.line.number for h in support}) > 1):
        return "inferred"
    return "weak"


def _superseded(name: str, weights: dict[Any, float]) -> dict[Any, float]:
    """The weights with each superseded value's weight moved to the value that supersedes it."""
    for weaker, candidates in SUPERSEDES.get(name, {}).items():
        stronger = next((c for c in candidates if c in weights), None)
        if weaker in weights and stronger is not None:
            weights[stronger] += weights.pop(weaker)
    return weights


def _shared_weights(hits: Sequence[Hit], *, options_in_full: bool = False) -> dict[Any, float]:
    """Each value's weight, values named on one line sharing it; options count in full as rivals.

    A value named only in brackets after another ("SQLite (kept portable, for a later move to
    PostgreSQL)") is an aside about the value before it: it does not share that line.
    """
    by_line: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_line[id(hit.line)].append(hit)
    weights: dict[Any, float] = defaultdict(float)
    for line_hits in by_line.values():
        line_values: dict[Any, float] = {}
        for hit in _without_asides(line_hits):
            weight = hit.weight / OFFERED_FACTOR if options_in_full and hit.offered else hit.weight
            line_values[hit.value] = max(line_values.get(hit.value, 0.0), weight)
        share = 1 / len(line_values)
        for value, weight in line_values.items():
            weights[value] += weight * share
    return dict(weights)


def _without_asides(line_hits: list[Hit]) -> list[Hit]:
    """One line's hits, less those in the brackets that annotate the value named first."""
    if len({h.value for h in line_hits}) < 2:
        return line_hits
    first = min(line_hits, key=lambda h: h.span)
    text = plain_text(first.line)
    return [hit for hit in line_hits if not _in_aside(text, first, hit)]


def _builds_on(name: str, one: Any, other: Any) -> bool:
    """Whether one of the two values supersedes the other in field ``name``."""
    pairs = SUPERSEDES.get(name, {})
    return other in pairs.get(one, ()) or one in pairs.get(other, ())


_ASIDE = re.compile(r"[\s*_`]*\(")
"""A bracket right after a value, markup aside: what follows in it annotates that value."""


def _in_aside(text: str, first: Hit, hit: Hit) -> bool:
    """Whether ``hit`` sits in the brackets that annotate ``first``, another value named outside brackets."""
    if hit.value == first.value or _builds_on(hit.field, first.value, hit.value):
        return False  # "Flask-Migrate (Alembic)" names the tool underneath: SUPERSEDES weighs it
    if _bracketed(text, first.span[0]):
        return False
    bracket = _ASIDE.match(text, first.span[1])
    if bracket is None or bracket.end() > hit.span[0]:
        return False
    return text.find(")", bracket.end(), hit.span[0]) < 0


NEIGHBOURS = 6
"""How many values of its category on each side of a mention, on its line, are weighed with it."""


def _same_kind_on_line(hits: Sequence[Hit]) -> dict[int, list[Hit]]:
    """For each hit (by id), the hits of its category on its line nearest to it, in line order.

    A real line names a handful of services; a hostile one thousands, and comparing each with all
    the others would take minutes.
    """
    groups: dict[tuple[int, str], list[Hit]] = defaultdict(list)
    for hit in hits:
        if hit.category:
            groups[(id(hit.line), hit.category)].append(hit)
    near: dict[int, list[Hit]] = {}
    for group in groups.values():
        group.sort(key=lambda h: h.span)
        for index, hit in enumerate(group):
            near[id(hit)] = group[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]
    return near


def _alternative(hit: Hit, neighbours: dict[int, list[Hit]]) -> bool:
    """A list value named beside another of its category on one line as one of several is an alternative.

    Joined by "or" or "/" ("S3 or MinIO") the file offers a choice; joined by "and", "+", "&" or
    "with" ("the OpenAI and Anthropic SDKs") both are in use. A comma list of clouds ("AWS, GCP,
    Azure") or a bracketed one ("file storage (S3, MinIO, local)") names options; a comma list of
    services after a label ("Providers: Stripe, Mercado Pago") names the ones the project uses.
    """
    if not hit.category:
        return False
    others = [other for other in neighbours.get(id(hit), ()) if other.value != hit.value]
    text = plain_text(hit.line) if others else ""
    for other in others:
        low, high = sorted((hit.span, other.span))
        between = text[low[1] : high[0]]
        if _EITHER.search(between):
            return True
        if not _BOTH.search(between) and (hit.field != "integrations" or _bracketed(text, low[0])):
            return True
    return False


def _bracketed(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` lies inside a bracket opened before it."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


_BOTH = re.compile(r"\band\b|\+|&|\bwith\b|\bplus\b", re.I)
_EITHER = re.compile(r"\bor\b|/|\bvs\.?|\bversus\b", re.I)


def _version_key(value: Any) -> tuple[int, ...]:
    return tuple(int(p) for p in str(value).split(".") if p.isdigit())
