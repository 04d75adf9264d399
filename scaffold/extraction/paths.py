"""Path mentions in an agent file: directory trees, file paths, first-party imports, ``cd``.

Every mention becomes a ``PathFact``: a relative path, whether it names a folder, and its line.
``layout`` then decides the layout root, app package and module folders from the facts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from scaffold.extraction.document import Line
from scaffold.extraction.layout_words import (
    BACKEND_NAMES,
    CONTAINERS,
    DOC_FOLDERS,
    LAYER_PACKAGES,
    NOT_MODULES,
    PLACEHOLDER_MODULES,
    PLACEHOLDER_ROOTS,
    PROJECT_CHILDREN,
    REPO_MARKERS,
    STRUCTURAL,
)
from scaffold.extraction.polarity import illustrated
from scaffold.files import ANSWERS_FILE
from scaffold.text import SHELL_LANGS

_TREE_GLYPHS = re.compile(r"^[\s│├└─┬┼|`+\\-]*")
_TREE_ENTRY = re.compile(
    r"^(?P<name>[\w@.*-]+(?:/[\w@.*-]+)*/?)(?:\s*$|(?<=/)#.*$|\s+(?:#|—|–|--?|←|<-|\(|:|\[).*$|\s{2,}\S.*$)"
)
"""A tree's entry: a name, then nothing, a note, or a comment (``ai_chat/# the assistant`` too)."""
_BOX = re.compile(r"[├└│]")
_PATH = re.compile(r"(?<![\w/.:~$-])(?:\./)?((?:[A-Za-z_][\w.-]*/)+(?:[\w.*-]+)?)")
_BACKTICKED_DIR = re.compile(r"`(?:\./)?([A-Za-z_][\w.-]*)/`")
_BULLET_DIR = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:\*\*|`)*([A-Za-z_][\w.-]*)/(?:\*\*|`)*\s*[:—–-]")
_IMPORT = re.compile(r"^\s*(?:from\s+([A-Za-z_][\w.]*)\s+import\s+([\w*, ()]+)|import\s+([A-Za-z_][\w.]*))")
_DOTTED = re.compile(r"(?<![\w.])(app(?:\.[a-z_]\w*)+(?:\.\*)?)(?![\w(])")
_BACKTICKED_DOTTED = re.compile(r"`([a-z_]\w*(?:\.[a-z_]\w*)*)\.\*?`|`([a-z_]\w*(?:\.[a-z_]\w*)+)`")
_RUN_FROM = re.compile(
    r"\b(?:run|runs|commands?|iteration|everything)\b[^.;\n]{0,40}\bfrom\s+`(?:\./)?([A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*)/?`",
    re.I,
)
_RUN_TARGET = re.compile(
    r"\b(?:uvicorn|gunicorn|hypercorn|granian)\b[^\n`]*?\s([A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*\.main:app\b|"
    r"--cov[= ]([A-Za-z_]\w*)\b|"
    r"\b(?:mypy|pyright|basedpyright|ruff (?:check|format)|black|pylint|flake8)\s+(?:--?[\w-]+(?:[= ]\S+)?\s+)*"
    r"(?<!-exclude[= ])(?<!-ignore[= ])(?<!-config[= ])(?<!-format[= ])(?<!-select[= ])([A-Za-z_]\w*)/?(?=[\s`]|$)"
)
"""Commands run from where the project's tooling runs: the package they name (``--cov=app``), not a
folder an option leaves out (``--exclude dev_ui``)."""
_IN_CONTAINER = re.compile(r"\b(?:docker(?:[- ]compose)?|podman|kubectl)\s+(?:\S+\s+)?exec\b")
"""A command run inside a container says nothing about where the repository's folders are."""
_INSTALLS = re.compile(r"\b(?:pip3?|pipx|uv(?:\s+pip)?|poetry|pdm|conda|brew|apt(?:-get)?)\s+(?:install|add)\b")
"""An install names packages to fetch (``pip install black isort``), not folders a tool runs on."""
_MANAGE_PY = re.compile(r"(?<![\w/.-])python3?\s+manage\.py\b")
"""Django's ``python manage.py ...`` run from the folder that holds ``manage.py``."""
_BULLET_ENTRY = re.compile(
    r"^(?P<indent>\s*)[-*+]\s+(?:\*\*|`)*(?P<name>[\w.-]+(?:/[\w.-]+)*(?:/|\.py))(?:\*\*|`)*(?:\s|:|$)"
)
_BACKTICKED = re.compile(r"`([^`\n]+)`")
_CD = re.compile(r"^\s*(?:\$\s*)?cd\s+((?:\./)?[A-Za-z_][\w./-]*)\s*(?:&&|;|$)")
_PYTHON_TOOL = re.compile(
    r"^\s*(?:\$\s*)?(?:uv|poetry|pdm|hatch|pip|pip3|python3?|pytest|alembic|uvicorn|mypy|ruff|celery|make)\b"
)
"""A command of the Python tooling, as a shell line starts it."""
_ASGI_TARGET = re.compile(r"\b(?:uvicorn|gunicorn|hypercorn|granian)\b[^\n]*?\s((?:[A-Za-z_]\w*\.)*main):app\b")
_ENTRY_SCRIPT = re.compile(r"(?:^|[\s;&|(])(?:\$\s*)?python3?\s+((?:main|app)\.py)(?![\w/.-])")
_CELERY_APP = re.compile(r"\bcelery\s+(?:-A|--app)[= ]\s*([A-Za-z_][\w.]*)")
_LIVES_IN = re.compile(r"\b(?:lives?|belongs?|goes|go|put|resides?)\s+in\s+(?:the\s+)?(services|repositories)\b", re.I)
_ORGANIZED_INTO = re.compile(
    r"\b(?:organi[sz]ed?|structured?|split|divided?)\s+(?:the\s+)?(?:code(?:base)?|project|backend|app(?:lication)?)?\s*"
    r"(?:is\s+)?(?:into|in)\s+([^.;:\n]{3,200})",
    re.I,
)
"""Layer folders listed in prose: "Organize code into routers, models, schemas, and core utilities"."""
_LISTED_FOLDERS = (LAYER_PACKAGES - {"v1", "v2", "v3"}) | {"core", "utils", "db", "middleware"}
"""The folder words such a list names as folders: the usual layers, core, utils, db."""
_SCRIPT_LOCATION = re.compile(r"^\s*script_location\s*=\s*(?:%\(here\)s/)?(alembic|migrations)/?\s*$")
_GLOB_ROOT = re.compile(r"^(?:\./)?([A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*)/\*\*")
FIRST_PARTY_ROOTS = frozenset({"app", "src", "backend", "apps", "server", "api"})
_URLISH = re.compile(r"https?://|www\.|\w+\.(?:com|org|io|dev|net)/")


@dataclass(frozen=True)
class PathFact:
    """A path the file mentions, relative to the repository root as the file shows it."""

    parts: tuple[str, ...]
    is_dir: bool
    line: Line
    source: str
    """tree, path, import (first-party), import-other (used only if it names the package), command, glob, bullet,
    config (``script_location`` in alembic.ini), run (the package a tool runs on, from where the tooling runs)."""
    rooted: bool = True
    """False where the path is relative to an unknown folder (a bare ``routers/`` bullet)."""
    tooling: bool = False
    """A ``cd`` into the folder the Python tooling then runs in (``cd backend`` before ``uv run pytest``)."""


def collect(lines: Sequence[Line], *, globs: Sequence[str] = (), home: tuple[str, ...] = ()) -> list[PathFact]:
    """Every path mention in the file, trees first; ``home`` is the folder the file governs (see ``home_folder``)."""
    lines = [line for line in lines if not _about_the_frontend(line)]
    # Per block, in the file's order: a tree's facts (whose top folder may be the repository's
    # name, decided below) or a command block's.
    blocks: list[tuple[bool, list[PathFact]]] = []
    made_up: set[int] = set()  # the lines of a tree drawn as an example or as planned: no path at all
    for block in _code_blocks(lines):
        if all(line.example for line in block):
            made_up |= {id(fact.line) for fact in _tree_facts(block)}
            continue
        tree = _tree_facts(block)
        blocks.append((True, tree) if tree else (False, _command_facts(block)))
    # a tree drawn without a fence, or as an indented block
    blocks.extend((True, _tree_facts(block)) for block in _prose_runs(lines))
    bullets = _bullet_tree_facts(lines)
    # A tree's own lines name folders relative to their place in the tree, which it gives.
    drawn = {id(fact.line) for is_tree, facts in blocks if is_tree for fact in facts}
    drawn |= {id(fact.line) for fact in bullets} | made_up
    named: list[PathFact] = []
    for line in lines:
        if line.example or (line.code and line.negative):  # a made-up request, or code shown as wrong
            continue
        if id(line) not in drawn:
            named.extend(_line_facts(line))
    # A top folder the file also names a path into (`api-svc/requirements.txt`) is a folder of the
    # repository, not the repository itself.
    inside = {fact.parts[0] for fact in named if fact.source == "path" and len(fact.parts) > 1}
    facts = [f for is_tree, run in blocks for f in (_without_repository_name(run, inside) if is_tree else run)]
    facts.extend(bullets)
    facts.extend(named)
    # A generic layout's `src/module_name/` stands for every module: it names no folder.
    facts = [fact for fact in facts if PLACEHOLDER_MODULES.isdisjoint(fact.parts)]
    for glob in globs:
        match = _GLOB_ROOT.match(glob.strip())
        if match and lines:
            facts.append(PathFact(tuple(match[1].split("/")), True, lines[0], "glob"))
    if home:
        facts = _all_under(home, facts)
        where = Line(number=0, text=f"the file sits in {'/'.join(home)}/, the folder it governs")
        facts.append(PathFact(home, True, where, "home"))
    elif glob_root := _glob_root(facts):
        facts = _all_under(glob_root, facts)
    return _from_tooling_root(facts)


_FRONTEND_HEADING = re.compile(
    r"front[\s-]?end|フロントエンド|前端|프론트엔드|\b(?:react|next\.?js|vue|nuxt|angular|svelte|expo|flutter)\b",
    re.IGNORECASE,
)
_BACKEND_HEADING = re.compile(
    r"back[\s-]?end|バックエンド|后端|後端|백엔드|\b(?:api|server|python|fastapi|django|flask|full[\s-]?stack)\b",
    re.IGNORECASE,
)


def _about_the_frontend(line: Line) -> bool:
    """Whether the line stands under a heading about the browser client alone ("Frontend (apps/web)").

    Its paths (``src/components/``) are the client's, not the backend's layout.
    """
    section = line.section
    return bool(_FRONTEND_HEADING.search(section)) and not _BACKEND_HEADING.search(section)


def _glob_root(facts: list[PathFact]) -> tuple[str, ...] | None:
    """The one folder a rule's globs hold the code in (``backend/**/*.py``), unless it is the package itself."""
    roots = {fact.parts for fact in facts if fact.source == "glob"}
    if len(roots) != 1:
        return None
    (root,) = roots
    return root if len(root) > 1 or root[0] in BACKEND_NAMES else None


def _all_under(root: tuple[str, ...], facts: list[PathFact]) -> list[PathFact]:
    """The facts a reader standing in ``root`` gives, from the repository root."""
    return [_under(root, fact) if fact.source in _ANCHORED or fact.source == "command" else fact for fact in facts]


def home_folder(path: Path) -> tuple[str, ...]:
    """The folder a nested AGENTS.md, CLAUDE.md or .github/copilot-instructions.md governs, from the repository root.

    The repository root is the nearest folder above that holds ``.git``, or a generated project's
    answers (its own paths are from its root, even inside a larger repository). Without one, only a folder
    named as a backend (``backend/CLAUDE.md``) counts: any other folder may be the repository itself.
    """
    name = path.name.lower()
    if name not in ("agents.md", "claude.md", "copilot-instructions.md"):
        return ()
    folder = path.absolute().parent
    while folder.name.startswith(".") and folder != folder.parent:  # .claude/CLAUDE.md, .github/...
        folder = folder.parent
    if folder.name in DOC_FOLDERS:  # backend/docs/CLAUDE.md: the docs of the folder above
        folder = folder.parent
    elif folder.name in NOT_MODULES:  # scripts/AGENTS.md: a folder that holds no code
        return ()
    for above in (folder, *folder.parents):
        if any((above / marker).exists() for marker in (".git", ANSWERS_FILE)):
            return folder.relative_to(above).parts
    return (folder.name,) if folder.name in BACKEND_NAMES else ()


def _under(root: tuple[str, ...], fact: PathFact) -> PathFact:
    """The fact's path from the folder above ``root``, unless it starts in root's top folder (it names it)."""
    if not fact.rooted or fact.parts[0] == root[0]:
        return fact
    return replace(fact, parts=root + fact.parts)


def _from_tooling_root(facts: list[PathFact]) -> list[PathFact]:
    """Paths anchored where the tooling runs: after ``cd backend`` only, ``src/core/`` is ``backend/src/core/``.

    A file whose commands all run from one folder gives its other paths from that folder, unless
    they name the folder themselves (``backend/.env.example``).
    """
    roots = {fact.parts for fact in facts if fact.tooling}
    if len(roots) != 1:
        return facts
    (root,) = roots
    return [_under(root, fact) if fact.source in _ANCHORED else fact for fact in facts]


_ANCHORED = frozenset({"tree", "path", "run", "serve"})
"""Sources whose paths are relative to where the reader stands, not import paths."""


def _code_blocks(lines: Sequence[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    previous: Line | None = None
    for line in lines:
        if line.code and previous is not None and previous.code and line.number == previous.number + 1:
            current.append(line)
        else:
            if current:
                blocks.append(current)
            current = [line] if line.code else []
        previous = line
    if current:
        blocks.append(current)
    return blocks


def _prose_runs(lines: Sequence[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if (
            not line.code
            and not line.description
            and line.text.strip()
            and not line.text.lstrip().startswith(("#", "-", "*", "|", ">"))
        ):
            current.append(line)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _tree_facts(block: list[Line]) -> list[PathFact]:
    entries: list[tuple[int, str, Line]] = []
    content = [line for line in block if line.text.strip() and not line.text.strip().startswith("#")]
    for line in content:
        stripped = _TREE_GLYPHS.sub("", line.text)
        match = _TREE_ENTRY.match(stripped)
        if match:
            entries.append((len(line.text) - len(stripped), match["name"], line))
    slashed = sum(1 for _, name, _ in entries if name.endswith("/"))
    boxed = any(_BOX.search(line.text) for line in content)
    if len(entries) < 2 or len(entries) < 0.6 * len(content) or not (boxed or slashed >= 2):
        return []
    facts: list[PathFact] = []
    stack: list[tuple[int, str]] = []
    for index, (column, name, line) in enumerate(entries):
        while stack and stack[-1][0] >= column:
            stack.pop()
        has_children = index + 1 < len(entries) and entries[index + 1][0] > column
        clean = name.rstrip("/")
        parts = (*(p for _, named in stack for p in named.split("/")), *clean.split("/"))
        facts.append(PathFact(parts, name.endswith("/") or has_children, line, "tree"))
        if name.endswith("/") or has_children:
            stack.append((column, clean))
    return facts


def _bullet_tree_facts(lines: Sequence[Line]) -> list[PathFact]:
    """A layout given as nested Markdown bullets (``- **app/**`` over ``  - `api/` ``), as a tree."""
    facts: list[PathFact] = []
    stack: list[tuple[int, tuple[str, ...]]] = []
    nested = False
    run: list[PathFact] = []
    for line in [*lines, Line(number=-1, text="end")]:
        match = None if line.code or line.example else _BULLET_ENTRY.match(line.text)
        if match is None:
            if line.text.strip() and not re.match(r"^\s*[-*+]\s", line.text):
                facts.extend(run if nested else [])
                stack, nested, run = [], False, []
            continue
        indent, name = len(match["indent"].expandtabs(4)), match["name"]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        nested = nested or bool(stack)
        parts = (*(stack[-1][1] if stack else ()), *name.rstrip("/").split("/"))
        run.append(PathFact(parts, name.endswith("/"), line, "tree"))
        if name.endswith("/"):
            stack.append((indent, parts))
    return facts


def _without_repository_name(facts: list[PathFact], inside: set[str]) -> list[PathFact]:
    """Drop a single top folder that is the repository itself (``myrepo/`` over README.md, infra/...).

    A folder in ``inside`` (paths outside the tree lead into it) is kept.
    """
    tops = {f.parts[0] for f in facts}
    if len(tops) != 1 or len(facts) < 3 or tops & (BACKEND_NAMES | CONTAINERS | inside):
        return facts
    children = {f.parts[1].lower() for f in facts if len(f.parts) > 1}
    # a folder that holds the backend (``intellio/`` over ``backend/``) is the repository too
    if not children & (PROJECT_CHILDREN if tops & PLACEHOLDER_ROOTS else REPO_MARKERS | BACKEND_NAMES):
        return facts
    return [PathFact(f.parts[1:], f.is_dir, f.line, f.source) for f in facts if len(f.parts) > 1]


def _command_facts(block: list[Line]) -> list[PathFact]:
    facts: list[PathFact] = []
    cwd: tuple[str, ...] | None = None
    for index, line in enumerate(block):
        cd = _CD.match(line.text)
        if cd:
            cwd = tuple(p for p in cd[1].strip("/").split("/") if p not in ("", "."))
            runs_tools = any(_PYTHON_TOOL.search(later.text) for later in block[index + 1 :])
            facts.append(PathFact(cwd, True, line, "command", tooling=runs_tools and ".." not in cwd))
            continue
        target = _ASGI_TARGET.search(line.text)
        script = _ENTRY_SCRIPT.search(line.text)
        if target and target[1] == "main":
            # ``uvicorn main:app``: main.py sits where the command runs, in no package.
            facts.append(PathFact((*(cwd or ()), "main.py"), False, line, "serve"))
        elif script:  # ``python app.py`` runs the entry point where the command runs, the same way
            facts.append(PathFact((*(cwd or ()), script[1]), False, line, "serve"))
        elif target and cwd is not None:
            module = target[1].split(".")
            facts.append(PathFact(cwd + tuple(module[:-1]) + (module[-1] + ".py",), False, line, "command"))
    return facts


def _line_facts(line: Line) -> list[PathFact]:
    text = line.text
    facts = _import_facts(line) + [_module_fact(m[1], line, "command") for m in _CELERY_APP.finditer(text)]
    facts.extend(_run_facts(line))
    location = _SCRIPT_LOCATION.match(text)
    if location:  # alembic.ini: the folder is relative to the file, which sits in the layout root
        facts.append(PathFact((location[1],), True, line, "config", rooted=False))
    if line.code and line.lang not in ("", "text", "txt", "bash", "sh", "shell", "console"):
        return facts + _comment_paths(line)
    if not _URLISH.search(text):
        facts.extend(_path_facts(line))
    return facts if line.code else facts + _prose_facts(line)


def _run_facts(line: Line) -> list[PathFact]:
    """The package a command runs on: in a shell block, or quoted as a command in prose."""
    if line.code and line.lang not in SHELL_LANGS:
        return []
    commands = [line.text] if line.code else _BACKTICKED.findall(line.text)
    commands = [text for text in commands if not _IN_CONTAINER.search(text) and not _INSTALLS.search(text)]
    found = (next(g for g in m.groups() if g) for text in commands for m in _RUN_TARGET.finditer(text))
    facts = [PathFact((name,), True, line, "run") for name in found]
    if any(_MANAGE_PY.search(text) for text in commands):
        facts.append(PathFact(("manage.py",), False, line, "command"))
    return facts


def _prose_facts(line: Line) -> list[PathFact]:
    """Paths only prose gives: "run it from `x/`", dotted modules, bare folder bullets."""
    text = line.text
    facts = [PathFact(tuple(m[1].split("/")), True, line, "command") for m in _RUN_FROM.finditer(text)]
    for match in _BACKTICKED_DOTTED.finditer(text):
        facts.extend(_dotted_reference(match[1] or match[2], line))
    for match in _DOTTED.finditer(text):
        facts.extend(_dotted_reference(match[1], line, source="import"))
    for pattern in (_BACKTICKED_DIR, _BULLET_DIR, _LIVES_IN):
        facts.extend(PathFact((m[1],), True, line, "bullet", rooted=False) for m in pattern.finditer(text))
    for match in _ORGANIZED_INTO.finditer(text):
        facts.extend(PathFact((name,), True, line, "bullet", rooted=False) for name in _listed_folders(match[1]))
    return facts


def _listed_folders(listing: str) -> list[str]:
    """The layer folders a prose list names by their first words, when it names two or more."""
    items = [item.strip(" `*'\"").split() for item in re.split(r",|\band\b|&|/", listing)]
    names = [words[0].lower() for words in items if words and words[0].lower() in _LISTED_FOLDERS]
    return names if len(names) >= 2 else []


def _comment_paths(line: Line) -> list[PathFact]:
    hash_at = line.text.find("#")
    if hash_at < 0:
        return []
    comment = Line(number=line.number, text=line.text[hash_at + 1 :], headings=line.headings)
    return _path_facts(comment)


PATHS_PER_LINE = 64
"""The most paths read from one line: a real line names a few; a hostile one, tens of thousands."""


def _path_facts(line: Line) -> list[PathFact]:
    facts: list[PathFact] = []
    ticks = [index for index, char in enumerate(line.text) if char == "`"]
    for match in _PATH.finditer(line.text):
        if len(facts) == PATHS_PER_LINE:
            break
        raw = match[1]
        if ".." in raw.split("/") or raw.count("/") == 0:
            continue
        is_dir = raw.endswith("/") or raw.endswith("/**")
        parts = tuple(p for p in raw.rstrip("/").split("/") if p and "*" not in p)
        if not parts or not _plausible(parts, is_dir, line.text, match.start()):
            continue
        if _ends_a_spaced_name(line.text, match.start(), ticks):
            continue  # `Scripts SQL/` is one folder whose name has a space, not a folder SQL
        if (_IMAGE_TAG.match(line.text, match.end()) and "." not in parts[-1]) or parts[0] in _TIME_ZONE_REGIONS:
            continue  # an image and its tag (`timescale/timescaledb:latest`), a time zone (`Asia/Seoul`)
        if _REMOVED_BEFORE.search(line.text, max(0, match.start() - 16), match.start()):
            continue  # "delete `backend/Dockerfile`": a file on its way out is no part of the layout
        if len(parts) < 3 and illustrated(line.text, match.start(1), match.end(1)):
            continue  # "(e.g., routers/user_routes.py)" shows a naming rule; a deeper path points into the project
        facts.append(PathFact(parts, is_dir, line, "path"))
    return facts


_IMAGE_TAG = re.compile(r":[A-Za-z0-9][\w.-]*")
"""What follows an image's name (``postgres/postgis:16-3.4``): a tag, not a file's line number."""
_TIME_ZONE_REGIONS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc"}
)
"""The first part of an IANA time zone's name (``Europe/Berlin``)."""
_REMOVED_BEFORE = re.compile(
    r"(?:\b(?:delete|remove|drop)[sd]?\s+(?:the\s+)?|删除|删掉|移除|削除(?:する)?|삭제)\s*`?$", re.I
)
"""Right before a path: the file says to delete it."""
_SPACED_NAME_HEAD = re.compile(r"(?:^|\s)[A-Z][\w.-]*[ \t]$")


def _ends_a_spaced_name(text: str, start: int, ticks: list[int]) -> bool:
    """Whether the path at ``start`` ends a quoted name with spaces: `Scripts SQL/`, `My Docs/x.md`.

    Inside backticks, a path right after a capitalised word and one space continues that word's
    name; a command puts a lower-case program there (`uv run pytest tests/`). ``ticks`` are the
    positions of the line's backticks, in order.
    """
    before = bisect.bisect_left(ticks, start)
    if before % 2 == 0:  # no backtick before, or every one before is closed
        return False
    return bool(_SPACED_NAME_HEAD.search(text[max(ticks[before - 1] + 1, start - 200) : start]))


def _plausible(parts: tuple[str, ...], is_dir: bool, text: str, start: int) -> bool:
    """A slash-joined word is a path when it is quoted, ends in ``/``, has a file suffix or a known root."""
    quoted = start > 0 and text[start - 1] == "`"
    if quoted or is_dir:
        return True
    if all(part[:1].isupper() for part in parts):
        return False  # "Swagger/OpenAPI", "Airbnb/Booking.com": names joined by a slash, not a path
    has_suffix = _FILE_SUFFIX.search(parts[-1].rstrip(".")) is not None  # "OpenAPI." ends a sentence
    return has_suffix or parts[0] in FIRST_PARTY_ROOTS


_FILE_SUFFIX = re.compile(r"\.\w+$")


def _import_facts(line: Line) -> list[PathFact]:
    match = _IMPORT.match(line.text)
    if not match:
        return []
    module = match[1] or match[3]
    source = "import" if module.split(".")[0] in FIRST_PARTY_ROOTS else "import-other"
    names = [n.strip(" ()") for n in (match[2] or "").split(",") if n.strip(" ()")]
    # ``from app.services import user_service``: lower-case names from a layer folder are modules.
    package_import = bool(names) and all(n.islower() for n in names) and module.split(".")[-1] in LAYER_PACKAGES
    return [_module_fact(module + (".*" if package_import else ""), line, source)]


def _dotted_reference(dotted: str, line: Line, *, source: str = "import-other") -> list[PathFact]:
    """``pkg.services`` or ``pkg.api.deps.require_token`` in prose: only the first folder is sure.

    The tail may be a module, a function or an attribute, so a reference names the package's
    first-level folder, and a two-part one only when it is a layer name.
    """
    parts = dotted.removesuffix(".*").split(".")
    if len(parts) < 2 or (len(parts) == 2 and parts[1] not in STRUCTURAL and not dotted.endswith(".*")):
        return []
    return [PathFact((parts[0], parts[1]), True, line, source)]


def _module_fact(dotted: str, line: Line, source: str) -> PathFact:
    """``app.db.models.user`` names the file ``app/db/models/user.py``; ``app.schemas.*`` a folder."""
    parts = dotted.split(".")
    if parts[-1] == "*":
        return PathFact(tuple(parts[:-1]), True, line, source)
    return PathFact((*tuple(parts[:-1]), parts[-1] + ".py"), False, line, source)
