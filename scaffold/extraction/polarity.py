"""Whether a mention on a line is prescribed, rejected or merely demoted.

People write "BasedPyright (NOT mypy)", "venv/ (NOT .venv)", "use X instead of Y", "avoid Z",
"black (though ruff preferred)". Each mention is judged within its clause: the stretch of the
line between punctuation that separates statements.
"""

from __future__ import annotations

import functools
import re

_BOUNDARY = re.compile(r"[.;!?()\[\]—–|，。；！？（）]|[:：]\s|,\s|\s-\s|→|->")
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|avoid(?:ing)?|without|instead of|rather than|don'?t|do not|does not|doesn'?t|"
    r"shouldn'?t|should not|must not|mustn'?t|forbidden|banned|deprecated|legacy|"
    r"stop using|no longer|removed|replac(?:es|ing)|in place of|supersed(?:es|ing)|unlike|compared (?:to|with)|"
    r"(?:better|faster|slower|simpler|lighter|heavier) than|"
    r"não|nunca|jamais|sem|sin|sans|nicht|kein\w*|ohne|nie|niemals|не|нельзя|без|запрещ\w*)\b|"
    r"禁止|不要|不得|不使用|不用|勿|使わない|使用しない|금지|사용하지\s*않",
    re.I,
)
"""Words that reject what follows them in the clause, in English and the other languages agent files
are written in (tool names stay English there)."""
_NEGATION_AFTER = re.compile(
    r"^\W{0,3}\s*(?:is|are|was|were)\s+(?:not|never|no longer|deprecated|forbidden|banned)\b|"
    r"^\W{0,3}\s*(?:isn'?t|aren'?t|wasn'?t)\b|^\W{0,3}\s*\((?:deprecated|legacy|not used|unused)\)|"
    r"^\W{0,3}\s*(?:and|but|then)\s+(?:removed|dropped|ripped out|replaced|abandoned)\s+(?:it|them)\b|"
    r"^\W{0,3}\s*(?:is|are)\s+banned\b|"
    # "Python 3.8 won't do", "системный Python 3.8 не подходит"
    r"^\W{0,3}\s*(?:(?:is|are)\s+)?(?:not supported|unsupported|won'?t work|will not work|not suitable)\b|"
    r"^\W{0,3}\s*(?:не подходит|не поддерживается|no sirve|no es compatible|n[aã]o (?:serve|funciona))",
    re.I,
)
_LINE_LEAD = re.compile(
    r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?"
    r"(?:avoid|never|don'?t|do not|no|forbidden(?: imports)?|reject|banned|not allowed)\b(?:\s*:[^;.—–]*|[^;.:—–]*)$",
    re.I,
)
_DEMOTED_AFTER = re.compile(r"^\W{0,3}\s*\((?:though|although|but)\b[^)]*\b(?:preferred|recommended)\b", re.I)
_PRODUCTION_AFTER = re.compile(
    r"^\W{0,3}\s*(?:v?\d+(?:\.[\dx]+)*\+?\s*)?(?:(?:\(\s*)?(?:in|for|on)\s+(?:production|prod)\b|\(\s*(?:production|prod)\s*\))",
    re.I,
)
"""After a mention (and its version): "MySQL 8 in production", "PostgreSQL (in prod)", "PostgreSQL (prod)"."""
_PRODUCTION_BEFORE = re.compile(
    r"\b(?:in\s+)?(?:production|prod)\b\s*(?:is|uses|runs(?:\s+on)?|=|:|→|,?\s*(?:we\s+)?(?:use|run)s?)?\s*"
    r"(?:\*\*|__|`)*\s*$",
    re.I,
)
_STORE_NOUN = r"(?:(?:database|db|instance|server|file)\s+)?"
"""The noun a store's name may carry before what it is for ("SQLite database for local development")."""
_DEVELOPMENT = r"(?:development|dev|d[ée]veloppement|desarrollo|desenvolvimento|sviluppo|entwicklung)"
_DEVELOPMENT_AFTER = re.compile(
    r"^\W{0,3}\s*"
    + _STORE_NOUN
    + r"(?:(?:\(\s*)?(?:(?:in|for|on|en|em|para|per)\s+(?:local\s+)?(?:der\s+)?"
    + _DEVELOPMENT
    + r"\b|fallback\b)|\(\s*(?:local\s+)?(?:"
    + _DEVELOPMENT
    + r"|local)\s*\))",
    re.I,
)
TEST_STAND_INS = frozenset({"database", "db_driver"})
"""Fields whose value the tests may swap for a lighter one (SQLite): a mention for tests counts a quarter.
A test runner "for testing" is the runner itself."""
_TESTS_AFTER = re.compile(
    r"^\W{0,3}\s*" + _STORE_NOUN + r"(?:\(\s*)?(?:in|for|on)\s+(?:the\s+)?"
    r"(?:(?:unit|integration|isolated|local|fast)\s+)?(?:tests?|testing)\b|"
    # a URL whose database file is the tests' ("sqlite+aiosqlite:///./test.db")
    r"^[^\s`'\"]{0,24}?/test[\w-]*\.(?:db|sqlite3?)\b",
    re.I,
)
_TESTS_BEFORE = re.compile(
    r"\b(?:tests?|testing|the test suite)\s+(?:use|uses|run\s+(?:on|against)|runs\s+(?:on|against)|against)\s*"
    r"(?:\*\*|__|`)*\s*$",
    re.I,
)
"""What the project runs in production counts double; a stand-in for development or tests, a quarter."""
_PREFERRED = re.compile(r"\b(?:preferred|recommended|use this|prefer(?:red)?)\b", re.I)
_OWN_CHOICE_BEFORE = re.compile(
    r"\b(?:(?:this|our)\s+(?:project|service|app|api|backend|codebase)\s+(?:uses|is built (?:on|with)|runs on)|"
    r"we\s+(?:use|are on|run on|build (?:on|with)))\s+(?:\*\*|__|`)*\s*$",
    re.I,
)
"""Before a mention: the file saying it is the project's own choice ("this project uses X")."""
_ANOTHER_SYSTEM_BEFORE = re.compile(
    r"\b(?:consumed|called|used|invoked|accessed|queried)\s+(?:only\s+|solely\s+)?by\s+(?:the\s+)?(?:\*\*|__|`)*\s*$|"
    r"\b(?:consumido|llamado|chamado|utilizado|usado|invocado)\s+(?:s[oó]lo\s+|solo\s+|apenas\s+)?por\s+(?:el\s+|o\s+)?$|"
    r"\b(?:consomm[ée]|appel[ée]|utilis[ée])e?s?\s+(?:uniquement\s+)?par\s+(?:le\s+)?$",
    re.I,
)
"""Before a mention: the system that calls this one ("only consumed by Spring Boot"): another
project's stack, not this one's."""
_BEFORE_NOW = re.compile(
    r"\b(?:once|formerly|previously|originally)\s+(?:used|was|were|ran|built)\b|\bused to\s+(?:use|run|be)\b|"
    r"\b(?:migrated|moved|ported|switched)\s+(?:away\s+)?from\s+(?:\*\*|__|`)*\s*$",
    re.I,
)
"""Before a mention: what the project used before ("we once used Flask", "migrated from Flask")."""

_OR = r"(?:\b(?:or|ou|oder|или|либо|vs\.?|versus)(?=\W)|或者?|または|또는)"
_OR_AFTER = re.compile(
    r"^(?:\*\*|__|`|\))*\s*(?:,\s*[^,;.()\n]{1,40}?\s*){0,3},?\s*"
    r"(?:" + _OR + r"(?!\s*(?:more|higher|above|better|greater|newer|later|up)\b)\s*\S|(?-i:\bo\s+(?:\*\*|`)?[A-Z]))",
    re.I,
)
"""After a mention: "or Y", or the rest of a list that ends in "or Y" (", Y, or Z"); "85% or more"
and "3.12 or newer" bound a value, they offer none."""
_OR_BEFORE = re.compile(
    r"\S\s*" + _OR + r"\s*(?:\*\*|__|`|\()*$|(?-i:[^\W\d_]\S*\s+[A-Z][\w.-]*(?:\*\*|`)?\s+o\s+(?:\*\*|`)?$)", re.I
)
"""Before a mention: "X or", or a name and the Spanish "o" ("Redis o Memcached"; the Portuguese
article in "use o Redis" follows no name)."""
_OR_INSIDE = re.compile(r"\S\s+" + _OR + r"\s+\S+$", re.I)
"""A match that runs over context words up to its value ("caching ... or Redis")."""
_UNDECIDED = re.compile(
    r"\b(?:(?:does|do|is|are)\s*n[o']t\s+(?:mandate|prescribe)d?|not\s+(?:mandate|prescribe)d?|no\s+(?:strong\s+)?preference|"
    r"either\s+(?:one\s+)?(?:is|works)\s+(?:fine|ok|okay)|up\s+to\s+(?:you|the\s+team))\b|"
    # "Alternatives considered: Auth0, Clerk", "compared with Django", "common targets include Fly and Render"
    r"\b(?:alternatives?|alternativas?|alternativen|альтернатив\w*)\b(?!\s+to\b)|\bcompar(?:ed|ing|ison)\b|"
    r"\b(?:common(?:ly)?|typical(?:ly)?|popular|possible|available)\s+(?:\w+\s+){0,2}"
    r"(?:targets?|options?|choices?|providers?|platforms?|backends?|databases?|tools?|libraries)\s+(?:include|are|like)\b|"
    r"\b(?:options|choices)\s+(?:include|are)\b|替代方案|备选|代替案|選択肢|대안",
    re.I,
)
"""A line that leaves the choice open ("this project doesn't mandate either"), weighs alternatives or
compares, or lists what is common elsewhere: what it names are options."""
OFFERED_FACTOR = 0.25
"""What a mention offered as one option among others ("Flask-Caching or Redis") weighs."""
_ILLUSTRATION_BEFORE = re.compile(
    r"(?:\be\.\s?g\.|\bfor (?:example|instance)\b|\bz\.\s?b\.|\bp\.\s?ex\.|\bpor ej(?:emplo)?\b|\bpor exemplo\b|"
    r"\bpar exemple\b|\bнапример\b|例如|比如|예를 들어|たとえば|例えば|"
    r"(?<![例比假譬])如(?![果何下此今同])(?:使用|用|采用)?)"
    r"\s*[,:]?\s*(?:(?:using|use|with|via|like|through)\s+)?(?:[^\s,;()\n][^,;()\n]{0,40}?,\s*){0,4}(?:\*\*|__|`)*$",
    re.I,
)
"""Before a mention: "e.g." (or its like in other languages), then the earlier items of its list."""
_ILLUSTRATION_AFTER = re.compile(
    r"^(?:\*\*|__|`)*(?:\s*[,/、]\s*[^,/、;()\n]{1,40}?){0,5}?,?\s*"
    r"(?:\betc\b|\band so on\b|등(?=[을은이의과도으에]|[^가-힣]|$)|など|等(?![待级於于同]))",
    re.I,
)
"""After a mention: the rest of a list that trails off ("Flask-SQLAlchemy, Flask-Migrate, etc.",
"CSV / SQLite / S3 など", "JWT 등")."""
_WHEN_ADOPTED_AFTER = re.compile(
    r"^(?:\*\*|__|`|\))*[^.;。\n]{0,12}?(?:\b(?:when|once|if)\s+(?:it\s+is\s+|they\s+are\s+)?"
    r"(?:introduced|adopted|added)\b|도입\s?시|도입하면|導入時|導入する場合|引入时|接入时)",
    re.I,
)
"""After a mention: what is to be done once the thing arrives ("auth (JWT etc.), when introduced,
goes in dependencies"): the project does not have it yet."""

_EXAMPLE_LINE = re.compile(
    r"^\s*(?:[-*+>]\s+|\d+[.)]\s+)?(?:examples?|e\.\s?g\.|ejemplos?|exemplos?|exemples?|beispiele?|"
    r"例|示例|样例|예시?)\s*[:：]",
    re.I,
)
"""A line labelled as an example ("- Example: feat(auth): implement oauth2 login"): what it names shows a form."""
_ILLUSTRATION_REACH = 320
"""How far from a mention its example marker may sit: the marker, then up to five list items."""

_OPTIONAL_BEFORE = re.compile(
    r"(?:\b(?:optional(?:ly)?|opcional(?:mente)?|optionnel(?:le)?s?|facultati\w*)|任意の?|可选的?|선택적)"
    r"\s*,?\s*(?:(?:use|add|enable)\s+)?(?:\*\*|__|`)*\s*$",
    re.I,
)
_OPTIONAL_AFTER = re.compile(
    r"^(?:\*\*|__|`)*\s*\(?\s*(?:\b(?:optional|opcional\w*|optionnel\w*|facultati\w*)\b|（?任意|（?可选|（?선택)|"
    # "SQLAlchemy 2.0 (if using ORM features)", "Redis (if needed)"
    r"^(?:\*\*|__|`)*\s*(?:v?\d+(?:\.[\dx]+)*\+?\s*)?\(\s*(?:if|when)\s+(?:using|used|needed|required|you\s+(?:use|need))\b",
    re.I,
)
_OPTIONAL_INSIDE = re.compile(
    r"[(（]\s*(?:(?:optional|opcional|optionnel|facultati|任意|可选|선택)\w*|(?:if|when)\s+(?:needed|required))\s*[)）]",
    re.I,
)
"""A mention marked optional ("Repositories optionnels", "optional Redis cache"): not yet a choice."""

_NOT_YET = re.compile(
    r"\b(?:might|may|could|would)\s+(?:later\s+|eventually\s+|also\s+)?(?:add|use|introduce|switch|move|migrate|adopt|need)\b|"
    r"\bwill\s+(?:later\s+|eventually\s+)?(?:add|introduce|switch|move|migrate|adopt|be\s+(?:added|introduced))\b|"
    r"\b(?:plan(?:s|ned|ning)?\s+to|is\s+planned|are\s+planned|planned\s+for|to\s+be\s+added|not\s+yet|later\s+on|"
    r"eventually|someday|in\s+the\s+future|consider(?:ing)?\s+(?:using|adding|a|an)|todo\b|to-do\b|wish\s?list|"
    # "move business logic into service modules if it grows": a step for later, not the layout now
    r"(?:if|when|once|as)\s+(?:it|they|this|that|the\s+\w+)\s+grows?)\b|"
    r"予定|今後|将来|计划|以后|후속|향후|예정|나중에|検討|考虑|고려|"
    r"planejad\w*|futuramente|más adelante|plus tard|später|"
    r"geplant|планиру\w*|в будущем",
    re.I,
)
"""A sentence about what the project has not done yet ("We might add Celery later", "TODO: add
Alembic"): it names no choice."""
NEGATED = -1
PRESCRIBED = 1
REACH = 500
"""How far on either side of a mention its clause and sentence are read: further than any clause of
a real file, and short enough that a hostile line of thousands of mentions stays linear."""


def judge(text: str, start: int, end: int, *, field: str = "") -> tuple[int, float]:
    """Return ``(sign, factor)`` for the mention at ``text[start:end]`` of a value of ``field``.

    ``sign`` is -1 where the clause rejects the thing; ``factor`` scales its weight (a mention
    the line itself demotes, or offers as one option among others, counts a quarter; one it marks
    as preferred counts double).
    """
    if _asks(text, end) or _SPECIFIC_AFTER.match(text, end):
        # "Rate limiting needed?" asks; "no SQLite-specific SQL" keeps code portable: neither chooses.
        return PRESCRIBED, 0.0
    before = _clause_before(text, start)
    after = text[end : end + REACH]
    if _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after):
        return NEGATED, 1.0
    if (
        _NOT_YET.search(sentence_around(text, start, end))
        or _BEFORE_NOW.search(before)
        or _ANOTHER_SYSTEM_BEFORE.search(before)
        or _WHEN_ADOPTED_AFTER.search(after)
    ):
        return PRESCRIBED, 0.0
    if _LINE_LEAD.match(text, 0, start) and not _after_semicolon(text, start):
        return NEGATED, 1.0
    for_tests = field in TEST_STAND_INS and (_TESTS_AFTER.search(after) or _TESTS_BEFORE.search(before))
    if _DEMOTED_AFTER.search(after) or _DEVELOPMENT_AFTER.search(after) or for_tests:
        return PRESCRIBED, 0.25
    if _PRODUCTION_AFTER.search(after) or _PRODUCTION_BEFORE.search(text, max(0, start - 30), start):
        return PRESCRIBED, 2.0
    optional = (
        _OPTIONAL_BEFORE.search(text, max(0, start - 30), start)
        or _OPTIONAL_AFTER.search(after)
        or _OPTIONAL_INSIDE.search(text, start, end)
    )
    # The framework a file gives an example from ("such as FastAPI's Depends") is the one it is written for.
    example = illustrated(text, start, end) and field != "framework"
    if offered(text, start, end) or example or optional:
        return PRESCRIBED, OFFERED_FACTOR
    if _PREFERRED.search(before) or _PREFERRED.search(_clause_after(text, end)) or _OWN_CHOICE_BEFORE.search(before):
        return PRESCRIBED, 2.0
    return PRESCRIBED, 1.0


def offered(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``text[start:end]`` is one option among others ("X or Y", "X ou Y")."""
    before, inside, after = _clause_before(text, start), text[start:end], text[end : end + REACH]
    return bool(_OR_AFTER.search(after) or _OR_BEFORE.search(before) or _OR_INSIDE.search(inside) or _undecided(text))


@functools.lru_cache(maxsize=64)
def _undecided(line: str) -> bool:
    """Whether the line leaves the choice open (asked once per line, not once per mention)."""
    return bool(_UNDECIDED.search(line))


def illustrated(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``text[start:end]`` is an example of a kind ("e.g. X", "X, Y, etc.").

    An example shows what a kind of thing looks like; it does not say the project chose it.
    """
    # The marker and the list items before the mention fit in a few hundred characters: searching
    # only those keeps a long line with many mentions linear.
    before = text[max(0, start - _ILLUSTRATION_REACH) : start]
    after = text[end : end + _ILLUSTRATION_REACH]
    return bool(
        _ILLUSTRATION_BEFORE.search(before) or _ILLUSTRATION_AFTER.search(after) or _EXAMPLE_LINE.match(text, 0, start)
    )


_CLOSED = re.compile(r"[.!?:;。！？；：]\s*$")
"""A line that ends its sentence leaves nothing open for the next."""


def trailing_clause(text: str) -> str:
    """The clause a wrapped line leaves open at its end ("There is no"), which the next line ends."""
    if _CLOSED.search(text):
        return ""
    return _clause_before(text, len(text)).strip()


_SENTENCE_END = re.compile(r"[;!?。；！？]|\.\s")


_SPECIFIC_AFTER = re.compile(r"[- ]?(?:specific|spezifisch|spécifique|específic[oa]|固有|専用|特有)", re.I)
"""Right after a tool's name: a feature of that tool (``SQLite-specific``), not the tool chosen or refused."""


def _asks(text: str, end: int) -> bool:
    """Whether the sentence that holds a mention ending at ``end`` is a question."""
    closing = _SENTENCE_END.search(text, end, end + REACH)
    return closing is not None and closing.group() in "?？"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]`` (split at ``;`` too).

    At most REACH characters on either side of the mention.
    """
    opened = max(0, start - REACH)
    for match in _SENTENCE_END.finditer(text, opened, start):
        opened = match.end()
    closing = _SENTENCE_END.search(text, end, end + REACH)
    return text[opened : closing.start() if closing else min(len(text), end + REACH)]


def _clause_before(text: str, start: int) -> str:
    head = text[max(0, start - REACH) : start]
    cut = 0
    for match in _BOUNDARY.finditer(head):
        cut = match.end()
    return head[cut:]


def _clause_after(text: str, end: int) -> str:
    tail = text[end : end + REACH]
    match = _BOUNDARY.search(tail)
    return tail[: match.start()] if match else tail


def _after_semicolon(text: str, start: int) -> bool:
    return text.find(";", 0, start) >= 0
