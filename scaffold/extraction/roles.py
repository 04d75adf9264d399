"""Role names a file states.

Listed after "roles"/"RBAC", as a ``Literal[...]`` role type, as a role enum, as the names a
role check is given (``require_role("editor", "admin")``, ``user.role == "admin"``), or as the
permission classes a line about roles names (```IsAgent`/`IsCustomer` enforce the role``), as a
role's default name (``the superuser role (default: "admin")``), as two roles a sentence gives
rights by (``new sign-ups are members; only admins may delete orders``), or as usual role names
listed after the words that grant rights (``check user permissions (admin, superadmin)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from scaffold.extraction.document import Line, continues

_LISTED = re.compile(
    r"\b(?:(?:role[- ]based access(?: control)?|RBAC|roles?|Rollen|rôles|ruoli|papéis|perfis|роли|"
    r"角色|ロール|役割|역할)\b(?:\s*\(RBAC\))?\s*(?:(?:are|include[sd]?)\s*:?|:|：|\(|—|-|=)|(?:two|three|four|five|[2-9])\s+roles\s*,)"
    r"\s*([^()\n]*?)(?:\)|\s*\(|\.\s|\.$|;|$)",
    re.I,
)
_NAMED_BEFORE = re.compile(r"((?:`[\w-]+`\s*(?:,|\band\b|\bor\b|&|/)?\s*){2,})\s*(?:user\s+)?roles?\b", re.I)
"""Quoted names before the word: "has `admin` and `member` roles"."""
_LISTED_BELOW = re.compile(r"\b(?:roles?|RBAC)\b[^.\n]*:\s*$", re.I)
_BULLET_NAME = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:\*\*|`)*([A-Za-z][\w-]*)(?:\*\*|`)*\s*(?::|—|–|-\s|$)")
_LITERAL = re.compile(r"\brole\w*\s*:\s*Literal\[([^\]]+)\]", re.I)
_ENUM_CLASS = re.compile(r"^\s*class\s+\w*Role\w*\s*\((?:[^)]*Enum[^)]*)\)\s*:")
_ENUM_MEMBER = re.compile(r"^\s+[A-Z_][A-Z0-9_]*\s*=\s*['\"]([\w-]+)['\"]")
_CHECKED = re.compile(r"\b(?:require|has|check|ensure|needs?)_(?:any_)?roles?\s*\(([^()\n]*)\)", re.I)
_COMPARED = re.compile(r"\brole\s*(?:==|!=)\s*(['\"][\w-]+['\"])")
_DEFAULT = re.compile(
    r"\brole\b[^\n]{0,80}?\(?default\s*(?:is\s*)?[:=]?\s*[\"'`]([A-Za-z][\w-]{1,30})[\"'`]|"
    r"\bdefault\s+role\s*(?:is\s*)?[:=]?\s*[\"'`]([A-Za-z][\w-]{1,30})[\"'`]",
    re.I,
)
"""A role's default name: "the superuser role (default: "admin")", "default role is `member`"."""
_PERMISSION_CLASS = re.compile(r"\bIs([A-Z][a-z]+)\b(?!\w)")
"""A permission class named after a role ("`IsAgent`/`IsCustomer` enforce the role")."""
_ROLE_NAMES = (
    r"admin|administrator|moderator|editor|manager|member|superuser|viewer|reviewer|operator|auditor|analyst|guest"
)
"""The usual names of roles (each also plural with "s"; "staff" stands apart, it takes none)."""
_ROLE_NOUN = r"(" + _ROLE_NAMES + r")s?|(staff)"
"""Nouns that name a role wherever a sentence gives someone rights by them ("only admins may")."""
_ANY_NOUN = r"`?([A-Za-z][\w-]*?)`?(?:e?s)?()"
"""Any noun (a role listed elsewhere in the file); the empty second group keeps ``_ROLE_NOUN``'s shape."""


def _may_only(noun: str) -> re.Pattern[str]:
    return re.compile(
        r"\bonly\s+(?:the\s+|an?\s+)?(?:" + noun + r")\s+(?:may|can|is\s+allowed\s+to|are\s+allowed\s+to|gets?\s+to)\b",
        re.I,
    )


def _join_as(noun: str) -> re.Pattern[str]:
    return re.compile(
        r"\bnew\s+(?:sign-?ups|users|accounts|registrations)\s+(?:are|become|get|start\s+as|default\s+to)\s+"
        r"(?:an?\s+|the\s+)?(?:" + noun + r")(?![\w-])",
        re.I,
    )


_MAY_ONLY, _JOIN_AS = _may_only(_ROLE_NOUN), _join_as(_ROLE_NOUN)
"""Prose that gives rights by role: "only admins may delete orders", "new sign-ups are members"."""
_DUTIES = {"admin_role": _may_only(_ANY_NOUN), "default_role": _join_as(_ANY_NOUN)}
"""The same prose naming any role: which one keeps rights, which one new accounts get."""
_GRANTED = re.compile(
    r"\b(?:permissions?|authori[sz]ation|privileges?|access\s+levels?)\b[^\n(:.;]{0,25}?[(:]\s*"
    r"((?:[^()\n.;]|\(\d+\))*)(?:\)|\.|;|$)",
    re.I,
)
"""A list after the words that grant rights: "check user permissions (admin, superadmin)"."""
_RANK = re.compile(r"\(\d+\)")
"""A role's rank after its name: "Member(1), Moderator(5), Admin(10)"."""
_KNOWN_ROLE = re.compile(r"(?:super-?)?(?:" + _ROLE_NAMES + r"|staff|user|owner)s?", re.I)
"""A role's usual name: a list after "permissions" is roles only when each of its items is one."""
_ROLE_WORD = re.compile(r"\broles?\b", re.I)
_NOT_ROLE_CLASS = frozenset({"authenticated", "owner", "active", "verified", "anonymous", "public", "self", "member"})
_QUOTED = re.compile(r"['\"]([A-Za-z][\w-]{1,30})['\"]")
_NAME = re.compile(r"^[^\W\d_][\w-]{1,30}$")
_NOT_ROLE = frozenset({"and", "or", "etc", "e.g", "the", "with", "check", "roles", "users", "permissions"})


def find_roles(lines: Sequence[Line]) -> list[tuple[list[str], Line]]:
    """Each list of role names the file states, with its line."""
    found: list[tuple[list[str], Line]] = []
    for index, line in enumerate(lines):
        if not line.example:
            found += [(names, line) for names in _on_line(line, lines, index + 1) if names]
    return found


_ATTRIBUTE = re.compile(r"roles?\s*=\s*[\"']([\w-]+)[\"']", re.I)
"""``role="dialog"``: an element's attribute."""
ARIA_ROLES = frozenset(
    [
        "alert",
        "alertdialog",
        "application",
        "article",
        "banner",
        "button",
        "cell",
        "checkbox",
        "columnheader",
        "combobox",
        "complementary",
        "contentinfo",
        "definition",
        "dialog",
        "directory",
        "document",
        "feed",
        "figure",
        "form",
        "grid",
        "gridcell",
        "group",
        "heading",
        "img",
        "link",
        "list",
        "listbox",
        "listitem",
        "log",
        "main",
        "marquee",
        "math",
        "menu",
        "menubar",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "meter",
        "navigation",
        "none",
        "note",
        "option",
        "presentation",
        "progressbar",
        "radio",
        "radiogroup",
        "region",
        "row",
        "rowgroup",
        "rowheader",
        "scrollbar",
        "search",
        "searchbox",
        "separator",
        "slider",
        "spinbutton",
        "status",
        "switch",
        "tab",
        "table",
        "tablist",
        "tabpanel",
        "term",
        "textbox",
        "timer",
        "toolbar",
        "tooltip",
        "tree",
        "treegrid",
        "treeitem",
    ]
)
"""WAI-ARIA's roles: `role="dialog"` on an element says what a widget is, not who a user is."""


def _on_line(line: Line, lines: Sequence[Line], after: int) -> list[list[str]]:
    """The lists of role names ``line`` states, with the bullets or enum members from ``lines[after]`` on."""
    listed = (_LITERAL,) if line.code else (_LITERAL, _LISTED, _NAMED_BEFORE)
    named = [_listed_names(pattern, match) for pattern in listed for match in pattern.finditer(line.text)]
    checked = [_QUOTED.findall(match[1]) for pattern in (_CHECKED, _COMPARED) for match in pattern.finditer(line.text)]
    checked += [[match[1] or match[2]] for match in _DEFAULT.finditer(line.text)]
    classes = [_role_classes(line.text)] if _ROLE_WORD.search(line.text) else []
    below = [_bullets(_from(lines, after))] if _LISTED_BELOW.search(line.text) else []
    members = [_enum_members(_from(lines, after))] if _ENUM_CLASS.match(line.text) else []
    prose = [] if line.code else [_given_rights(line.text), *(_granted(m[1]) for m in _GRANTED.finditer(line.text))]
    return named + checked + classes + below + members + prose


def _listed_names(pattern: re.Pattern[str], match: re.Match[str]) -> list[str]:
    """The names a match lists; none after a ``role="..."`` attribute that gives a widget's ARIA role."""
    attribute = _ATTRIBUTE.match(match.string, match.start()) if pattern is _LISTED else None
    if attribute is not None and attribute[1].lower() in ARIA_ROLES:
        return []
    return _names(match[1])


def _from(lines: Sequence[Line], after: int) -> Iterator[Line]:
    """The lines from ``lines[after]`` on, read one by one (copying the rest per line is quadratic)."""
    return (lines[index] for index in range(after, len(lines)))


def role_duties(lines: Sequence[Line]) -> dict[str, tuple[str, Line]]:
    """Which role keeps rights and which one new accounts get, each with the first line saying so.

    "Only a manager may delete" names ``admin_role``; "new users are staff" names ``default_role``.
    """
    duties: dict[str, tuple[str, Line]] = {}
    for index, line in enumerate(lines):
        if line.code or line.example:
            continue
        text = _with_wrapped_rest(line, lines[index + 1] if index + 1 < len(lines) else None)
        for duty, pattern in _DUTIES.items():
            match = pattern.search(text)
            # A sentence wrapped onto the next line is read with it, and counted on the line it starts on.
            if match and match.start() < len(line.text) and duty not in duties:
                duties[duty] = (match[1].lower(), line)
    return duties


def _with_wrapped_rest(line: Line, following: Line | None) -> str:
    """The line's text, and the next line's when the sentence wraps onto it."""
    if following is None or not continues(line, following):
        return line.text
    return f"{line.text} {following.text.strip()}"


def _given_rights(text: str) -> list[str]:
    """Two or more roles a sentence gives rights by ("new sign-ups are members; only admins may ...")."""
    found = sorted((m.start(), (m[1] or m[2]).lower()) for p in (_JOIN_AS, _MAY_ONLY) for m in p.finditer(text))
    names = list(dict.fromkeys(name for _, name in found))
    return names if len(names) >= 2 else []


def _granted(listing: str) -> list[str]:
    """The names listed after "permissions" or "authorization", when every one is a usual role's name."""
    names = _names(_RANK.sub("", listing))
    return names if all(_KNOWN_ROLE.fullmatch(name) for name in names) else []


def _role_classes(text: str) -> list[str]:
    """Roles named by two or more permission classes on a line about roles (Django REST style)."""
    names = list(dict.fromkeys(m.lower() for m in _PERMISSION_CLASS.findall(text)))
    names = [n for n in names if n not in _NOT_ROLE_CLASS]
    return names if len(names) >= 2 else []


_SEPARATOR = re.compile(r",|、|，|\b(?:and|or|und|oder|et|ou|y|o|e|и|или)\b|和|与|及|と|및|/|\|")
"""What separates the names of a list, in English and the other languages agent files are written in."""


def _names(listing: str) -> list[str]:
    items = [item.strip(" `*'\"“”.。") for item in re.split(_SEPARATOR, listing)]
    # A two-word role ("end user") is spelled with a hyphen, as the contract spells values.
    names = [re.sub(r"\s+", "-", item) if len(item.split()) == 2 else item for item in items if item]
    if len(names) < 2 or not all(_NAME.match(n) and n.lower() not in _NOT_ROLE for n in names):
        return []
    return names


def _bullets(following: Iterable[Line]) -> list[str]:
    """Role names given as the first word of the bullets under "The roles are:"."""
    names: list[str] = []
    for line in following:
        if not line.text.strip() and not names:
            continue
        match = _BULLET_NAME.match(line.text)
        if not match:
            break
        names.append(match[1])
    return names if len(names) >= 2 and all(n.lower() not in _NOT_ROLE for n in names) else []


def _enum_members(following: Iterable[Line]) -> list[str]:
    names: list[str] = []
    for line in following:
        match = _ENUM_MEMBER.match(line.text)
        if not match:
            break
        names.append(match[1])
    return names if len(names) >= 2 else []
