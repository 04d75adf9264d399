"""An agent file as a sequence of lines, each knowing its context.

Context is what a reader uses to weigh a line: is it inside a code block (and which language),
under which headings, in a part that lists things to avoid, or inside a made-up user request
(``<example>`` blocks, quoted prompts) that says nothing about the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffold.models import AgentFile

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
_NEGATIVE_HEADING = re.compile(
    r"\b(?:avoid|anti-?patterns?|don'?ts|do not use|never use|forbidden|pitfalls|common mistakes|deprecated|"
    r"bad practices)\b",
    re.I,
)
_NEGATIVE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:BAD|WRONG|DON'?T|AVOID|INCORRECT|❌)\b[^:\n]{0,60}:\s*(?:\*\*)?\s*$", re.I
)
_POSITIVE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:GOOD|RIGHT|CORRECT|DO|✅)\b[^:\n]{0,60}:\s*(?:\*\*)?\s*$", re.I
)
_EXAMPLE_HEADING = re.compile(
    r"\bexample\s+(?:interactions?|prompts?|requests?|queries|conversations?|usage)\b|\bsample prompts?\b", re.I
)
_QUOTED_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+[\"“].*[\"”]\s*$")
_EXAMPLE_OPEN = re.compile(r"<example>", re.I)
_EXAMPLE_CLOSE = re.compile(r"</example>", re.I)


@dataclass(frozen=True)
class Line:
    """One line of an agent file with what a reader knows about where it stands."""

    number: int
    text: str
    code: bool = False
    lang: str = ""
    headings: tuple[str, ...] = ()
    negative: bool = False
    example: bool = False
    description: bool = False

    @property
    def section(self) -> str:
        """The nearest heading above this line, or ``""``."""
        return self.headings[-1] if self.headings else ""


def read_lines(agent: AgentFile) -> list[Line]:
    """Every line of the description and the body, with its context."""
    return _description_lines(agent) + _body_lines(agent)


def _description_lines(agent: AgentFile) -> list[Line]:
    if not agent.description:
        return []
    number = _key_line(agent.text, "description")
    parts = re.split(r"\\n|\n", agent.description)
    lines: list[Line] = []
    in_example = False
    for part in parts:
        if _EXAMPLE_OPEN.search(part):
            in_example = True
        lines.append(Line(number=number, text=part, example=in_example, description=True))
        if _EXAMPLE_CLOSE.search(part):
            in_example = False
    return lines


def _body_lines(agent: AgentFile) -> list[Line]:
    all_lines = agent.text.split("\n")
    out: list[Line] = []
    headings: list[tuple[int, str]] = []
    fence: str | None = None
    lang = ""
    bad_block = False
    in_example = False
    for index in range(agent.body_start_line - 1, len(all_lines)):
        text = all_lines[index]
        number = index + 1
        fence_match = _FENCE.match(text)
        if fence_match and (fence is None or fence_match["fence"].startswith(fence)):
            if fence is None:
                fence, lang = fence_match["fence"], fence_match["lang"].lower()
            else:
                fence, lang = None, ""
            continue
        code = fence is not None
        heading = None if code else _HEADING.match(text)
        if heading:
            level = len(heading["marks"])
            headings = [(lvl, title) for lvl, title in headings if lvl < level] + [(level, heading["title"])]
            bad_block = False
        if not code:
            if _NEGATIVE_LABEL.match(text):
                bad_block = True
            elif _POSITIVE_LABEL.match(text) or (not text.strip() and not _looks_like_code(all_lines, index + 1)):
                bad_block = False
        if _EXAMPLE_OPEN.search(text):
            in_example = True
        titles = tuple(title for _, title in headings)
        out.append(
            Line(
                number=number,
                text=text,
                code=code,
                lang=lang,
                headings=titles,
                negative=bad_block or any(_NEGATIVE_HEADING.search(t) for t in titles[-1:]),
                example=in_example
                or bool(_QUOTED_BULLET.match(text))
                or any(_EXAMPLE_HEADING.search(t) for t in titles),
            )
        )
        if _EXAMPLE_CLOSE.search(text):
            in_example = False
    return out


def _looks_like_code(lines: list[str], index: int) -> bool:
    """Whether the next line continues an unfenced code example (indented or a decorator)."""
    return index < len(lines) and bool(re.match(r"^(?:\s{2,}\S|@|\.\.\.)", lines[index]))


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
