"""Extraction rules as data: a named pattern that, where it matches a line, supports a value.

A ``Rule`` knows its field, the value it supports (a constant, or a function of the match), where
it may match (prose, shell or program code), its weight, and the context the line must have.
``scan`` runs a table of rules over the lines and returns ``Hit``s; deciding between hits is
``resolve``'s job.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from scaffold.extraction.document import Line, continues
from scaffold.extraction.polarity import NEGATED, OFFERED_FACTOR, judge, offered, sentence_around, trailing_clause
from scaffold.text import SHELL_LANGS

Where = Literal["any", "prose", "code"]
_MARKUP = re.compile(r"\*\*|__|`")
_SCOPE = re.compile(
    r"\b(?:routers?|routes?|handlers?|controllers?|endpoints?|services?|layers?|repositor(?:y|ies)|inside|within|"
    r"from CI|in CI|in tests|imports?|imported|dependenc(?:y|ies) on)\b",
    re.I,
)


@dataclass(frozen=True)
class Rule:
    """One matcher: where ``pattern`` matches, the line supports ``value`` for ``field``."""

    name: str
    field: str
    value: Any
    source: str
    flags: int = re.M | re.I
    where: Where = "any"
    weight: float = 1.0
    code_weight: float = 0.5
    context_source: str | None = None
    """The line, or its nearest heading, must match this too."""
    exclude_source: str | None = None
    """The sentence of the match must not match this ("the API runs on 8080; Redis on 6379")."""
    negatable: bool = True
    category: str = ""
    """For list fields: values of one category named together on a line are alternatives."""
    words: frozenset[str] | None = None
    """Lower-case words of which one must be in the text for the pattern to match (None: unknown)."""
    known_is_used: bool = True
    """Whether a mention under a heading of what the assistant knows counts (weakly); services an
    assistant knows how to call are not services this project calls."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use: most rules never meet a line they could match)."""
        return _compiled(self.source, self.flags)

    @property
    def context(self) -> re.Pattern[str] | None:
        """The compiled context pattern."""
        return _compiled(self.context_source, re.I) if self.context_source else None

    @property
    def exclude(self) -> re.Pattern[str] | None:
        """The compiled exclusion pattern."""
        return _compiled(self.exclude_source, re.I) if self.exclude_source else None

    def value_of(self, match: re.Match[str]) -> Any:
        """The value this match supports."""
        return self.value(match) if callable(self.value) else self.value


@functools.cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


@dataclass(frozen=True)
class Hit:
    """A rule that matched: the value it supports, on which line, how strongly, for or against."""

    field: str
    value: Any
    line: Line
    weight: float
    negated: bool
    rule: str
    category: str = ""
    span: tuple[int, int] = (0, 0)
    """Where the match sits in the line's plain text (markup removed)."""
    offered: bool = False
    """Named as one option among others ("Celery or Dramatiq"): it weighs little for itself, but
    still stands against the other values of its field."""
    hedged: bool = False
    """Named only as an option, an example, something optional or for development: such mentions,
    however many, do not make a choice on their own."""


def rule(
    name: str,
    field: str,
    value: Any,
    pattern: str,
    *,
    case: bool = False,
    context: str | None = None,
    exclude: str | None = None,
    **options: Any,
) -> Rule:
    """Build a ``Rule``; patterns ignore case unless ``case=True``."""
    return Rule(
        name=name,
        field=field,
        value=value,
        source=pattern,
        flags=re.M if case else re.M | re.I,
        context_source=context,
        exclude_source=exclude,
        words=required_words(pattern),
        **options,
    )


def required_words(pattern: str) -> frozenset[str] | None:
    r"""Lower-case words one of which any match of ``pattern`` contains; None when that is not known.

    Each top-level alternative must hold a literal run of three or more letters outside groups and
    classes (``\\bredis\\b`` gives ``redis``); a pattern with an alternative without one gives None.
    """
    words: set[str] = set()
    for alternative in _alternatives(pattern):
        word = _longest_literal(alternative)
        if word is None:
            return None
        words.add(word)
    return frozenset(words)


def _alternatives(pattern: str) -> list[str]:
    parts, depth, start, index = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]


def _longest_literal(alternative: str) -> str | None:
    runs, current, depth, index = [], "", 0, 0
    while index < len(alternative):
        char = alternative[index]
        if char == "\\":
            runs.append(current)
            current, index = "", index + 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if depth == 0 and char.isalnum():
            current += char
        else:
            if char in "?*{" and current:
                current = current[:-1]  # the quantifier makes the last letter optional
            runs.append(current)
            current = ""
        index += 1
    runs.append(current)
    best = max(runs, key=len)
    return best.lower() if len(best) >= 3 else None


def group(index: int = 1, convert: Callable[[str], Any] = str) -> Callable[[re.Match[str]], Any]:
    """A value taken from the first non-empty group from ``index`` on, converted."""

    def take(match: re.Match[str]) -> Any:
        for text in match.groups()[index - 1 :]:
            if text:
                return convert(text)
        return None

    return take


_ASCII_BY_CJK = re.compile(
    r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])(?=[A-Za-z0-9])"
)
"""Where a Latin name meets Chinese, Japanese or Korean text with no space ("Redis缓存", "使用FastAPI")."""


def plain_text(line: Line) -> str:
    """The line as rules see it: Markdown emphasis and backticks removed, Latin names spaced from CJK.

    A space goes between a Latin name and the Chinese, Japanese or Korean text it runs into, so
    that a name ends where a reader sees it end (those scripts are word characters to a regular
    expression).
    """
    plain = _MARKUP.sub("", line.text)
    return plain if plain.isascii() else _ASCII_BY_CJK.sub(" ", plain)


MATCHES_PER_LINE = 24
MATCHED_LINES = 400
"""The most matches of one rule judged on one line, and the most lines judged for one rule: a real
file names a value a few times a line and on a few dozen lines; a hostile one thousands of times,
and judging each would take minutes."""


def scan(lines: Sequence[Line], rules: Iterable[Rule]) -> list[Hit]:
    """Run every rule over every line that may speak for the project.

    Each rule runs once over the whole text (lines joined by newlines), which is several times
    faster than once per line; a match is then judged on its own line, and one that runs across
    a line break is dropped and its lines are matched one by one.
    """
    usable = [line for line in lines if not line.example and line.text.strip()]
    plains = [plain_text(line) for line in usable]
    starts: list[int] = []
    offset = 0
    for plain in plains:
        starts.append(offset)
        offset += len(plain) + 1
    carries = [_carry(usable, plains, index) for index in range(len(usable))]
    joined = "\n".join(plains)
    lowered = joined.lower()
    hits: list[Hit] = []
    for current in rules:
        if current.words is not None and not any(word in lowered for word in current.words):
            continue
        redone: set[int] = set()
        judged: dict[int, int] = defaultdict(int)
        for match in current.pattern.finditer(joined):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index in redone or judged[index] == MATCHES_PER_LINE or len(judged) > MATCHED_LINES:
                continue
            judged[index] += 1
            last = bisect.bisect_right(starts, max(match.end() - 1, match.start())) - 1
            if last != index:
                for spanned in range(index, last + 1):
                    redone.add(spanned)
                    found = current.pattern.finditer(plains[spanned])
                    hits.extend(_apply(current, usable[spanned], plains[spanned], found, carry=carries[spanned]))
                continue
            hits.extend(
                _apply(current, usable[index], plains[index], [match], shift=starts[index], carry=carries[index])
            )
    return hits


def _carry(usable: Sequence[Line], plains: Sequence[str], index: int) -> str:
    """The open clause of the line before, where this line continues its sentence (wrapped prose)."""
    if index == 0:
        return ""
    if not continues(usable[index - 1], usable[index]):
        return ""
    return trailing_clause(plains[index - 1])


def _apply(
    current: Rule, line: Line, plain: str, matches: Iterable[re.Match[str]], *, shift: int = 0, carry: str = ""
) -> list[Hit]:
    weight = _base_weight(current, line)
    if weight == 0.0:
        return []
    if current.context is not None and not (current.context.search(plain) or current.context.search(line.section)):
        return []
    lead = f"{carry} " if carry else ""  # matches are judged with the clause the line before left open
    scope = _scoped(plain, line.section)
    found: list[Hit] = []
    for match in matches:
        value = current.value_of(match)
        if value is None:
            continue
        start, end = match.start() - shift, match.end() - shift
        if current.exclude is not None and current.exclude.search(
            sentence_around(lead + plain, start + len(lead), end + len(lead))
        ):
            continue
        sign, factor = (
            judge(lead + plain, start + len(lead), end + len(lead), field=current.field)
            if current.negatable
            else (1, 1.0)
        )
        if factor == 0.0:  # named as not done yet: no choice either way
            continue
        negated = sign == NEGATED or (line.negative and current.negatable)
        scoped = not isinstance(value, bool) and scope
        if negated and (line.code or scoped):
            # A bad code example shows a wrong pattern, and "no SQLAlchemy in routers" limits where
            # a tool is used: neither says the project rejects the tool.
            continue
        option = current.negatable and not negated and offered(plain, start, end)
        found.append(
            Hit(
                current.field,
                value,
                line,
                weight * factor,
                negated,
                current.name,
                current.category,
                (start, end),
                offered=option,
                hedged=factor <= OFFERED_FACTOR,
            )
        )
    return found


@functools.lru_cache(maxsize=256)
def _scoped(plain: str, section: str) -> bool:
    """Whether the line or its heading limits where a tool is used (asked once per line, not per match)."""
    return bool(_SCOPE.search(plain) or _SCOPE.search(section))


def _base_weight(current: Rule, line: Line) -> float:
    if line.capability and not current.known_is_used:
        return 0.0
    if not line.code:
        return 0.0 if current.where == "code" else current.weight
    if line.lang in SHELL_LANGS:
        return current.weight if current.where != "prose" else 0.0
    return 0.0 if current.where == "prose" else current.code_weight
