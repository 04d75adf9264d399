"""An agent file as a sequence of lines, each knowing its context.

Context is what a reader uses to weigh a line: is it inside a code block (and which language),
under which headings, in a part that lists things to avoid, or inside a made-up user request
(``<example>`` blocks, quoted prompts) that says nothing about the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scaffold.models import AgentFile
from scaffold.text import key_line

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
_NEGATIVE_HEADING = re.compile(
    r"\b(?:avoid|anti-?patterns?|don'?ts|do not use|never use|forbidden|pitfalls|common mistakes|deprecated|"
    r"bad practices)\b",
    re.I,
)
_NEGATIVE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:(?:BAD|WRONG|DON'?T|AVOID|INCORRECT)\b|❌)[^:\n]{0,60}:\s*(?:\*\*)?\s*$", re.I
)
_POSITIVE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:(?:GOOD|RIGHT|CORRECT|DO)\b|✅)[^:\n]{0,60}:\s*(?:\*\*)?\s*$", re.I
)
_NEGATIVE_COMMENT = re.compile(r"^\s*(?:#|//)\s*(?:(?:BAD|WRONG|AVOID|DON'?T|INCORRECT)\b|❌)", re.I)
_POSITIVE_COMMENT = re.compile(r"^\s*(?:#|//)\s*(?:(?:GOOD|RIGHT|CORRECT)\b|✅)", re.I)
_EXAMPLE_HEADING = re.compile(
    r"\bexample\s+(?:interactions?|prompts?|requests?|queries|conversations?|usage)\b|\bsample prompts?\b|"
    r"\bejemplos? de (?:interacci[oó]n|prompts?)\b|\bexemplos? de (?:intera[cç][aã]o|prompts?)\b|"
    r"\bпримеры? (?:взаимодействи|запрос)\w*|交互示例|示例交互|对话示例|インタラクション例|対話例|상호\s?작용 예시",
    re.I,
)
_PLANNED_HEADING = re.compile(
    r"\broad\s?map\b|\bfuture\b|\bplanned\b|\bto-?do\b|\bbacklog\b|\bwish\s?list\b|\bupcoming\b|"
    r"\bnot yet (?:implemented|done)\b|\bpróximos passos\b|\bfuturo\b|\bà venir\b|\bfeuille de route\b|"
    r"\bgeplant\b|\bzukunft|\bплан(?:ы|ируется)\b|今後|将来|予定|ロードマップ|未実装|路线图|未来|计划|待办|"
    r"향후|로드맵|예정",
    re.I,
)
"""A heading over what the project has not done yet ("Roadmap", "今後の展望"): its lines choose nothing."""
_CAPABILITY_HEADING = re.compile(
    r"\b(?:capabilit\w*|expertise|competenc\w*|skills?|knowledge|speciali[sz]\w*|proficienc\w*|areas of|"
    r"focus areas|strengths|experience(?: with)?|what (?:you|i) know|your domain|"
    r"capacidades|habilidades|experi[eê]ncia|conocimientos?|conhecimentos?|especialidad(?:es)?|especialidades|"
    r"competencias|compet[eê]ncias|comp[ée]tences|connaissances|f[äa]higkeiten|kenntnisse|kompetenzen|"
    r"навыки|компетенци\w*|экспертиза|знания|возможности)\b|"
    r"能力|专业知识|專業知識|专长|專長|技能|知识库|知識庫|専門(?:知識|分野|領域)?|スキル|知識|역량|전문\s?(?:분야|지식)|스킬|지식",
    re.I,
)
"""Headings over what an assistant knows, which is not what this project chose (in English and the
other languages agent files are written in)."""
_PERSONA = re.compile(
    r"\bYou(?: are|'re)\s+(?:a|an)\b|\bVocê é\b|\bEres\s+(?:un|una)\b|\bTu es\b|\bDu bist\b|\bТы\s+—?\s*\w|"
    r"你是|您是|あなたは|당신은",
    re.I,
)
"""The opening of a persona file ("You are a senior FastAPI developer ..."), which lists what it knows."""
_STACK_HEADING = re.compile(r"\b(?:stack|project|conventions?|structure|layout|setup)\b", re.I)
"""A heading over the project's own choices ("Technology Stack"), even inside a list of expertise."""
_TOPIC_LABEL = re.compile(r"^\s{0,3}(?:\*\*|__)?[A-Z][^:`|\n]{2,60}:(?:\*\*|__)?\s*$")
_PROJECT_LABEL = re.compile(
    r"\b(?:stack|tech\w*|tools?|tooling|dependenc\w+|librar\w+|uses?|used|project|our|this|conventions?|"
    r"commands?|structure|layout|setup|environment|requirements?|config\w*|rules?|standards?|must|always|never)\b",
    re.I,
)
"""Labels over the project's own choices ("Tech stack:", "Project conventions:"), not over knowledge."""
_SHORT_BULLET = re.compile(r"^\s*[-*+]\s+(?![^\n]*[:`])(?:\S+\s+){0,6}\S+\s*$")
"""A bullet of a few words without a value or code ("- Async session management")."""
_EXAMPLE_LABEL = re.compile(
    r"^\s*(?:\*\*|__)?(?:sample|example)\s+(?:prompts?|requests?|interactions?|queries|conversations?)\b[^\n]*$", re.I
)
_QUOTED_LINE = re.compile(r"^\s*(?:(?:[-*+]|\d+\.)\s+)?[\"“].*[\"”]\s*$")
"""A line that is one quotation: a sample request or report ("Built 48 endpoints ..."), not the project."""
_OWN_PROJECT = re.compile(
    r"\b(?:this|our)\s+(?:project|codebase|repo(?:sitory)?)\b|\bproject[\s-]+(?:context|overview|specifics?)\b|"
    r"\b(?:este|neste|nosso|nuestro)\s+proje[ct]to\b|\bce projet\b|\b(?:dieses|unser)\s+projekt|"
    r"\bэтот проект|\bв этом проекте|本项目|该项目|此项目|本專案|このプロジェクト|이 프로젝트",
    re.I,
)
"""Words a file uses to speak of its own project ("This project uses ...", "## Project Context")."""
_PLANNED_LABEL = re.compile(
    r"\b(?:to\s+be\s+(?:implemented|built|created)|(?:target|proposed|planned|future)\s+(?:\w+\s+)?"
    r"(?:structure|layout|architecture)|à\s+implémenter|a\s+implementar|por\s+implementar|geplante\s+struktur)\b|"
    r"予定の構成|目标结构|计划中的结构",
    re.I,
)
"""A line that introduces the code block below it as not built yet ("Target structure (to be implemented):")."""
_ILLUSTRATION_LINE = re.compile(
    r"^\s*(?:[-*+>]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:for\s+(?:example|instance)\b|e\.\s?g\.|examples?\s+of\b)|"
    r"\b(?:might|could|would|may)\s+look\s+(?:something\s+)?like\b",
    re.I,
)
"""A line that shows what something could look like ("For instance, a role check might look like
..."): it illustrates a kind of thing, and so does a code block it opens."""
_KNOWLEDGE_SENTENCE = re.compile(
    r"^(?:[-*+>]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:you(?:'re|\s+are)|i(?:'m|\s+am))\s+(?:\w+\s+){0,3}"
    r"(?:proficient|skilled|experienced|versed|fluent|familiar|an?\s+expert)\s+(?:in|with|at)\b|"
    r"^(?:[-*+>]\s+|\d+[.)]\s+)?(?:\*\*|__)?you\s+(?:know|understand|have\s+(?:\w+\s+)?(?:experience|knowledge|expertise))\b|"
    r"^(?:[-*+>]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:your|my)\s+(?:expertise|skills|knowledge|experience)\s+(?:includes?|covers?|spans?)\b",
    re.I,
)
"""A persona's sentence on what it knows ("You are proficient with venv, mypy and pyright, ..."):
like a list under "Expertise", it names what the assistant knows, not what this project chose."""
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
    capability: bool = False
    """Under a heading that lists what the assistant knows ("Capabilities", "Core Expertise")."""

    @property
    def section(self) -> str:
        """The nearest heading above this line, or ``""``."""
        return self.headings[-1] if self.headings else ""


_OPENS_ITEM = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|\||>)")
"""A line that starts a bullet, a numbered item, a heading, a table row or a quote."""


def continues(before: Line, line: Line) -> bool:
    """Whether ``line`` goes on with the sentence of ``before``: prose right below it, no new item."""
    if line.code or before.code or line.example or before.example or before.number != line.number - 1:
        return False
    return bool(line.text.strip()) and not _OPENS_ITEM.match(line.text)


def read_lines(agent: AgentFile) -> list[Line]:
    """Every line of the description and the body, with its context."""
    return _description_lines(agent) + _body_lines(agent)


def _description_lines(agent: AgentFile) -> list[Line]:
    if not agent.description:
        return []
    number = key_line(agent.text, "description")
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


@dataclass
class _Reading:
    """What a reader carries from line to line: headings, and whether a bad or made-up example runs."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    bad_block: bool = False
    in_example: bool = False
    labelled_example: bool = False
    planned_block: bool = False
    """In the code block a line just above called planned: it draws what does not exist yet."""
    paragraph: str = ""
    """The prose lines read since the last blank line, heading or code."""
    illustrated_block: bool = False
    """In the code block a line just above offered as an illustration ("Examples of ...:")."""
    persona: bool = False
    topic: bool = False
    """Under a plain "Topic:" line of a persona file, whose short bullets list what it knows."""

    def read(self, text: str, *, code: bool, next_is_code: bool, opens_block: bool = False) -> None:
        self._follow_paragraph(text, code=code)
        if not code and text.strip():
            self.planned_block = opens_block and bool(_PLANNED_LABEL.search(text))
            self.illustrated_block = opens_block and bool(_ILLUSTRATION_LINE.search(_last_sentence(self.paragraph)))
        heading = None if code else _HEADING.match(text)
        if heading:
            level = len(heading["marks"])
            self.headings = [(lvl, t) for lvl, t in self.headings if lvl < level] + [(level, heading["title"])]
            self.bad_block = self.labelled_example = False
        elif code:  # "# ❌ avoid" inside a code block marks the lines below it, until "# ✅"
            if _NEGATIVE_COMMENT.match(text):
                self.bad_block = True
            elif _POSITIVE_COMMENT.match(text):
                self.bad_block = False
        else:
            self._follow_topic(text)
            if _NEGATIVE_LABEL.match(text):
                self.bad_block = True
            elif _POSITIVE_LABEL.match(text) or (not text.strip() and not next_is_code):
                self.bad_block = False
            if _EXAMPLE_LABEL.match(text):
                self.labelled_example = True
        if _EXAMPLE_OPEN.search(text):
            self.in_example = True

    def _follow_paragraph(self, text: str, *, code: bool) -> None:
        """Keep the prose since the last blank line: a sentence wrapped over lines opens the block below."""
        if code or not text.strip():
            self.paragraph = ""
            return
        fresh = not self.paragraph or _HEADING.match(text) or _HEADING.match(self.paragraph)
        # Its tail is enough for the last sentence: a hostile paragraph of many lines stays linear.
        self.paragraph = text.strip() if fresh else f"{self.paragraph} {text.strip()}"[-400:]

    def _follow_topic(self, text: str) -> None:
        if self.persona and _TOPIC_LABEL.match(text) and not _PROJECT_LABEL.search(text):
            self.topic = True
        elif not _SHORT_BULLET.match(text):
            self.topic = False

    def line(self, number: int, text: str, *, code: bool, lang: str) -> Line:
        titles = tuple(title for _, title in self.headings)
        capability = _under_capability(self.headings) or (self.topic and not code and bool(_SHORT_BULLET.match(text)))
        knows = self.persona and not code and bool(_KNOWLEDGE_SENTENCE.search(_last_sentence(self.paragraph)))
        capability = capability or knows
        example = self.in_example or self.labelled_example or (code and (self.planned_block or self.illustrated_block))
        example = example or bool(_QUOTED_LINE.match(text) or (not code and _ILLUSTRATION_LINE.search(text)))
        return Line(
            number=number,
            text=text,
            code=code,
            lang=lang,
            headings=titles,
            negative=self.bad_block or any(_NEGATIVE_HEADING.search(t) for t in titles[-1:]),
            example=example or any(_EXAMPLE_HEADING.search(t) or _PLANNED_HEADING.search(t) for t in titles),
            capability=capability,
        )


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def _last_sentence(paragraph: str) -> str:
    """The last sentence of ``paragraph`` (its tail), with the bullet that opens it if it is the first."""
    return _SENTENCE_END.split(paragraph)[-1]


def _under_capability(headings: list[tuple[int, str]]) -> bool:
    """Whether the nearest heading that says what its lines are lists knowledge, not the project's stack.

    A document's title ("# Backend Development Specialist") names the agent, not a section.
    """
    for level, title in reversed(headings):
        if level > 1 and _CAPABILITY_HEADING.search(title):
            return True
        if _STACK_HEADING.search(title):
            return False
    return False


def _body_lines(agent: AgentFile) -> list[Line]:
    all_lines = agent.text.split("\n")
    out: list[Line] = []
    opening = "\n".join([agent.description or "", *all_lines[agent.body_start_line - 1 :][:40]])
    reading = _Reading(persona=bool(_PERSONA.search(opening)))
    fence: str | None = None
    lang = ""
    for index in range(agent.body_start_line - 1, len(all_lines)):
        text = all_lines[index]
        fence_match = _FENCE.match(text)
        if fence_match and (fence is None or fence_match["fence"].startswith(fence)):
            fence, lang = (fence_match["fence"], fence_match["lang"].lower()) if fence is None else (None, "")
            continue
        code = fence is not None
        following = next((later for later in all_lines[index + 1 : index + 4] if later.strip()), "")
        opens_block = not code and bool(_FENCE.match(following))
        reading.read(text, code=code, next_is_code=_looks_like_code(all_lines, index + 1), opens_block=opens_block)
        out.append(reading.line(index + 1, text, code=code, lang=lang))
        if _EXAMPLE_CLOSE.search(text):
            reading.in_example = False
    return out


def states_own_project(lines: list[Line]) -> bool:
    """Whether the file speaks of its own project in prose, outside lists of knowledge and examples.

    Such a file says what its project uses; the lists of what the assistant knows that come with a
    persona ("Database integration: SQLAlchemy, Alembic, ...") are then not the project's choices.
    """
    return any(_OWN_PROJECT.search(line.text) for line in lines if not (line.code or line.capability or line.example))


def _looks_like_code(lines: list[str], index: int) -> bool:
    """Whether the next line continues an unfenced code example (indented or a decorator)."""
    return index < len(lines) and bool(re.match(r"^(?:\s{2,}\S|@|\.\.\.)", lines[index]))
