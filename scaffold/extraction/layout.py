"""Decide the layout root, the app package and the module folders from the path facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from scaffold.extraction.layout_words import (
    BACKEND_NAMES,
    CONTAINERS,
    DATA_FOLDERS,
    ENTRYPOINTS,
    FRONTEND_NAMES,
    LAYER_PACKAGES,
    MONOREPO_CONTAINERS,
    NOT_IN_PACKAGE,
    NOT_MODULES,
    ROOT_ENTRYPOINTS,
    ROOT_FOLDERS,
    STRUCTURAL,
)
from scaffold.extraction.paths import PathFact
from scaffold.models import Confidence


@dataclass
class Layout:
    """The layout conclusions and the facts behind each."""

    layout_root: str | None = None
    app_package: str | None = None
    dirs: list[str] = field(default_factory=list)
    root_facts: list[PathFact] = field(default_factory=list)
    package_facts: list[PathFact] = field(default_factory=list)
    dir_facts: dict[str, list[PathFact]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    module_facts: dict[str, list[PathFact]] = field(default_factory=dict)
    """Module files named relative to the package, without ``.py`` (``database``, ``api/deps``)."""
    facts: Sequence[PathFact] = ()
    """Every path fact the decision was made from."""
    root_folder_facts: dict[str, list[PathFact]] = field(default_factory=dict)
    """Folders of ``ROOT_FOLDERS`` named beside the package, in the layout root (``alembic``)."""

    @property
    def confidence(self) -> Confidence:
        """Stated where a tree or a path shows the layout; inferred from commands and imports alone."""
        facts = [*self.root_facts, *self.package_facts, *(f for fs in self.dir_facts.values() for f in fs)]
        return "stated" if any(f.source in ("tree", "path") for f in facts) else "inferred"


def decide(facts: Sequence[PathFact]) -> Layout:
    """The layout the facts point to; null where they point nowhere or in two directions."""
    layout = Layout(facts=facts)
    side_by_side = {f.parts[i + 1] for f in facts if (i := _src_index(f)) is not None}
    # ``from src.app.main import app`` beside ``src/app/main.py``: app is the package, src holds it.
    entry_in_src = any(
        (i := _src_index(f)) is not None and len(f.parts) == i + 3 and f.parts[-1] in ENTRYPOINTS for f in facts
    )
    imports_src = not entry_in_src and any(_imports_src(f) for f in facts)
    # src/domain/, src/application/, src/infrastructure/: layers of one package, src itself.
    layered_src = len(side_by_side & _ARCHITECTURE_LAYERS) > 1 and side_by_side <= _LAYER_FOLDERS
    src_is_package = imports_src or layered_src
    several = len(side_by_side) > 1 and not src_is_package
    # Folders inside src/ are not the package where the code imports from src itself.
    packages = _packages(facts, side_by_side if several or src_is_package else set(), src_is_package=src_is_package)
    if packages:
        layout.app_package = packages.most_common(1)[0][0]
    usable = [f for f in facts if f.source != "import-other" or f.parts[0] == layout.app_package]
    votes = [
        (fact, (_src_vote(fact) if several or _in_src(fact, layout.app_package) else None) or _root_vote(fact))
        for fact in usable
    ]
    if layout.app_package == "src":
        # ``from src.core import x``: src is imported from the folder that holds it, the root.
        votes = [(fact, _above_src(vote)) for fact, vote in votes]
    votes = _written_from_the_root(votes, layout.app_package)
    roots: Counter[str] = Counter()
    for _, vote in votes:
        if vote:
            roots[vote[0]] += vote[1]
    if roots:
        roots = _refined(roots) if layout.app_package != "src" else roots
        ranked = roots.most_common()
        best, weight = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= weight:
            layout.conflicts.append(f"layout_root: {best!r} and {ranked[1][0]!r} are named equally")
        else:
            layout.layout_root = best
    if not roots and any(f.source == "run" and f.parts[0] == layout.app_package for f in facts):
        layout.layout_root = "."  # only commands name the package: they run from the repository root
    layout.root_facts = [fact for fact, vote in votes if vote and vote[0] == layout.layout_root]
    if layout.layout_root == "." and not layout.root_facts:
        layout.root_facts = [f for f in facts if f.source == "run" and f.parts[0] == layout.app_package]
    # The tree's own line for the root ("service/") is the first evidence a reader looks for.
    named = [f for f in facts if f.source == "tree" and f.is_dir and "/".join(f.parts) == layout.layout_root]
    layout.root_facts = named[:1] + [f for f in layout.root_facts if f not in named[:1]]
    layout.package_facts = [f for f in usable if layout.app_package and layout.app_package in f.parts]
    _collect_dirs(layout, usable)
    _collect_modules(layout, usable)
    _collect_root_folders(layout, usable)
    return layout


Vote = tuple[str, int] | None


def _written_from_the_root(votes: list[tuple[PathFact, Vote]], package: str | None) -> list[tuple[PathFact, Vote]]:
    """The votes, less those for "." of paths that start at the package, where a path shows it in a folder.

    "Backend in ``backend/app/``", then ``app/main.py``, ``app/models/``: the later paths are written
    from the backend's folder, not from the repository root.
    """
    if not package:
        return votes
    held = {
        vote[0]
        for fact, vote in votes
        if vote
        and vote[0] != "."
        and fact.source in ("tree", "path")
        and fact.parts[len(vote[0].split("/")) :][:1] == (package,)
    }
    if len(held) != 1:
        return votes
    return [(fact, None if vote and vote[0] == "." and fact.parts[0] == package else vote) for fact, vote in votes]


def _above_src(vote: tuple[str, int] | None) -> tuple[str, int] | None:
    """A vote for a ``src`` folder moved to the folder holding it (where src is the package)."""
    if vote is None or vote[0].rsplit("/", 1)[-1] != "src":
        return vote
    return (vote[0].rpartition("/")[0] or "."), vote[1]


def _refined(roots: Counter[str]) -> Counter[str]:
    """The votes with a folder's moved to its ``src/`` where that is named too.

    ``cd backend`` and ``backend/src/billing/`` agree on ``backend/src`` (unless src is the package).
    """
    refined = Counter(roots)
    for root in roots:
        inner = "src" if root == "." else f"{root}/src"
        if inner in roots:
            refined[inner] += refined.pop(root)
    return refined


_LAYERS = (LAYER_PACKAGES - {"api", "v1", "v2", "v3"}) | {"views"}
"""Folders of a layer (models, services, views, ...): the folder holding two of them holds the code."""


_ARCHITECTURE_LAYERS = frozenset(
    {"domain", "application", "infrastructure", "interface", "interfaces", "presentation", "adapters", "ports"}
)
"""The layers of a clean or hexagonal architecture: two of them side by side split one package."""
_LAYER_FOLDERS = (
    _ARCHITECTURE_LAYERS
    | LAYER_PACKAGES
    | STRUCTURAL
    | {"common", "shared", "core", "utils", "config", "db", "entrypoints", "use_cases", "usecases"}
)
"""Folders that are layers of one package, not packages of their own."""


def _packages(facts: Sequence[PathFact], side_by_side: set[str], *, src_is_package: bool = False) -> Counter[str]:
    """The candidate packages and how many facts name each (``side_by_side``: packages src/ holds)."""
    settings = _django_projects(facts)
    packages: Counter[str] = Counter(
        p for f in facts if (p := _package_of(f)) and not (f.parts[:-1] in settings and _entry_folder(f))
    )
    # src/ holding several packages: none of them is the app, src/ holds the code.
    packages = Counter({p: n for p, n in packages.items() if p not in side_by_side})
    if packages:
        return packages
    if src_is_package:
        return Counter({"src": 1})  # ``from src.core import x``, ``uvicorn src.main:app``: src is the package
    return _holding_layers(facts) or _bare_src(facts)


def _django_projects(facts: Sequence[PathFact]) -> set[tuple[str, ...]]:
    """Folders of a Django project package: they keep ``settings.py`` or a ``settings/`` package.

    Django keeps its settings, ``asgi.py`` and ``wsgi.py`` there, beside the apps: not the app's code.
    """
    found = {f.parts[:-1] for f in facts if f.parts[-1] == "settings.py" and not f.is_dir}
    for fact in facts:
        inner = fact.parts if fact.is_dir else fact.parts[:-1]  # config/settings/, config/settings/base.py
        if len(inner) > 1 and inner[-1] == "settings":
            found.add(inner[:-1])
    return found


_NOT_OWN_FOLDERS = frozenset({"settings", "migrations", "management", "templatetags", "fixtures"})
"""Folders below a module folder that hold settings, migrations or commands, not a module folder of its own."""


def _bare_src(facts: Sequence[PathFact]) -> Counter[str]:
    """``src`` as the package where the file names ``backend/src/`` as the code and nothing inside it."""
    backend = [f for f in facts if f.source != "import-other" and not _in_frontend(f)]
    named = [f for f in backend if f.source in ("tree", "path") and f.is_dir and f.parts[-1] == "src"]
    inside = any("src" in f.parts[:-1] for f in backend)
    return Counter({"src": 1}) if named and not inside else Counter()


def _holding_layers(facts: Sequence[PathFact]) -> Counter[str]:
    """The top folder that holds two layers or more (``api/models/``, ``api/services/``).

    Used when no entry point, ``src/`` or ``app`` names the package: even a folder named ``api``
    is then the code.
    """
    layers: dict[str, set[str]] = {}
    for fact in facts:
        parts = fact.parts
        if not fact.rooted or fact.source == "import-other" or len(parts) < 2:
            continue
        # a layer kept in one module counts as its folder would (models.py beside routes/)
        layer = parts[1] if fact.is_dir or len(parts) > 2 else parts[1].removesuffix(".py")
        if layer in _LAYERS and _is_package(parts[0]):
            layers.setdefault(parts[0], set()).add(layer)
    return Counter({name: len(found) for name, found in layers.items() if len(found) >= 2})


def _is_package(name: str) -> bool:
    """A folder name that reads as an import package, not a container (``backend``, ``src``)."""
    return _is_identifier(name) and name not in BACKEND_NAMES | CONTAINERS | NOT_MODULES


def _entry_folder(fact: PathFact) -> tuple[str, ...] | None:
    """The folder of an entry point (``main.py``) the fact names, unless it sits in tests or docs."""
    if fact.is_dir or fact.parts[-1] not in ENTRYPOINTS or fact.source not in ("tree", "path", "command"):
        return None
    folder = fact.parts[:-1]
    return None if any(part in NOT_MODULES for part in folder) else folder


def _root_vote(fact: PathFact) -> tuple[str, int] | None:
    if not fact.rooted or fact.source == "import-other" or any(p in NOT_MODULES for p in fact.parts[:1]):
        return None
    if _in_frontend(fact):
        return None
    if fact.source in ("serve", "glob"):
        return _stated_root_vote(fact)
    parts = fact.parts
    folder = _entry_folder(fact)
    if folder is not None:
        if _entry_in_package(folder, fact):
            folder = folder[:-1]
        return ("/".join(folder) or "."), 3
    around = _around_package(fact)
    if around is not None:
        return around
    for end in range(len(parts), 0, -1):
        if parts[end - 1] in BACKEND_NAMES and (fact.is_dir or end < len(parts)):
            return "/".join(parts[:end]), 1
    if fact.source in ("command", "home") and fact.is_dir:
        return "/".join(parts), 1
    return None


def _stated_root_vote(fact: PathFact) -> tuple[str, int] | None:
    """The root a served ``main:app`` or a rule's glob gives."""
    parts = fact.parts
    if fact.source == "serve":  # main.py served where a command runs: after a cd, that folder is the root
        return ("/".join(parts[:-1]) or "."), 3 if len(parts) > 1 else 1
    # A rule that applies to app/api/**/*.py: the code lives where app/ sits (app/** alone says
    # no more than inline app/ paths do).
    if "app" in parts[:-1]:
        return ("/".join(parts[: parts.index("app")]) or "."), 2
    # A rule that applies to packages/api/**/*.py: the code lives there.
    return None if len(parts) == 1 and _is_package(parts[0]) else ("/".join(parts), 2)


def _in_frontend(fact: PathFact) -> bool:
    """Whether the fact names something inside a browser or mobile client's folder (``apps/web/src/``)."""
    folders = fact.parts if fact.is_dir else fact.parts[:-1]
    return any(part in FRONTEND_NAMES for part in folders)


def _entry_in_package(folder: tuple[str, ...], fact: PathFact) -> bool:
    """Whether an entry point's folder is a package (``backend/app/main.py``), not a project of its own.

    Django's ``manage.py`` sits beside the packages; in a monorepo's ``apps/api/main.py``, ``api`` is a
    project whose modules sit in it.
    """
    if not folder or not _is_package(folder[-1]) or fact.parts[-1] in ROOT_ENTRYPOINTS:
        return False
    return not (len(folder) > 1 and folder[-2] in MONOREPO_CONTAINERS)


def _around_package(fact: PathFact) -> tuple[str, int] | None:
    """The root a tree or path shows around ``src/`` or ``app/``."""
    parts = fact.parts
    if fact.source not in ("tree", "path") or len(parts) < 2:
        return None
    if "app" in parts[1:]:  # before src/: src/backend/app/ is rooted in src/backend
        return "/".join(parts[: parts.index("app")]), 2
    if parts[0] == "src":
        return "src", 2
    if parts[0] == "app" and fact.source == "tree":
        return ".", 1  # a tree whose top folder is the package: the package sits in the repository root
    return None


def _imports_src(fact: PathFact) -> bool:
    """Whether the fact imports from ``src`` itself, or serves ``src.main:app``."""
    if fact.parts[0] != "src":
        return False
    if fact.source == "run":
        return "src.main:app" in fact.line.text
    return fact.source == "import" and len(fact.parts) > 1


def _in_src(fact: PathFact, package: str | None) -> bool:
    """Whether the fact names ``package`` inside a ``src/`` (``backend/src/billing/``)."""
    index = _src_index(fact)
    return index is not None and package not in (None, "src") and fact.parts[index + 1] == package


def _src_index(fact: PathFact) -> int | None:
    """Where ``src`` stands in a tree or path that names a package inside it (``backend/src/core/``)."""
    parts = fact.parts
    if fact.source not in ("tree", "path") or "src" not in parts[:-1] or _in_frontend(fact):
        return None
    index = parts.index("src")
    following = parts[index + 1]
    return index if _is_package(following) and (fact.is_dir or index + 2 < len(parts)) else None


def _src_vote(fact: PathFact) -> tuple[str, int] | None:
    """Where ``src`` holds several packages side by side, the folder down to ``src`` is the root."""
    index = _src_index(fact)
    return None if index is None else ("/".join(fact.parts[: index + 1]), 2)


def _package_of(fact: PathFact) -> str | None:
    if not fact.rooted or _in_frontend(fact):
        return None
    if fact.source == "run":
        return fact.parts[0] if _is_package(fact.parts[0]) and fact.parts[0] not in STRUCTURAL else None
    folder = _entry_folder(fact)
    if folder and _entry_in_package(folder, fact):
        return folder[-1]
    parts = fact.parts
    index = _src_index(fact)
    if index is not None:  # src/billing/, backend/src/billing/
        return parts[index + 1]
    if "app" not in parts or fact.source == "import-other":
        return None
    if any(part in NOT_MODULES for part in parts[: parts.index("app")]):
        return None  # logs/server/app/, docs/app/: a folder named app that holds no code
    inside = parts[parts.index("app") + 1 :]
    return "app" if inside or fact.is_dir else None


def _base(layout: Layout) -> tuple[str, ...] | None:
    root = () if layout.layout_root in (None, ".") else tuple(layout.layout_root.split("/"))
    if layout.app_package:
        return (*root, layout.app_package) if layout.layout_root is not None else None
    return root


def _relative(fact: PathFact, layout: Layout, base: tuple[str, ...] | None) -> tuple[str, ...] | None:
    parts = fact.parts if fact.is_dir else fact.parts[:-1]
    if not fact.rooted:
        return parts
    if base is None:
        package = layout.app_package
        if package and package in parts:
            return parts[parts.index(package) + 1 :]
        return None if package else parts
    if parts[: len(base)] == base:
        return parts[len(base) :]
    package = layout.app_package
    if package and parts[:1] == (package,):
        return parts[1:]  # written relative to the layout root, as in a backend/AGENTS.md
    return None


def _collect_dirs(layout: Layout, facts: Sequence[PathFact]) -> None:
    base = _base(layout)
    named = set((layout.layout_root or "").split("/")) | {layout.app_package or "", "src"} | BACKEND_NAMES
    found: dict[str, list[PathFact]] = {}
    # A rule's glob names a module folder only inside the package (app/schemas/**/*.py).
    mentioned = [f for f in facts if f.source != "glob" or (layout.app_package and layout.app_package in f.parts[:-1])]
    relative = [(fact, _relative(fact, layout, base)) for fact in mentioned]
    # Folders the file's tree places outside the package (configs/ beside src/): a bare mention of
    # one elsewhere in the file names that folder, not a module folder of the same name. (Inline
    # paths are often written from the package, core/agents.py for app/core/agents.py.)
    outside = {
        part
        for fact, rel in relative
        if fact.source == "tree" and base is not None and rel is None
        for part in (fact.parts if fact.is_dir else fact.parts[:-1])
    }
    for fact, rel in relative:
        if rel and not fact.rooted and rel[0] in outside:
            continue
        inside = bool(layout.app_package) and rel is not None and len(rel) < len(fact.parts)
        skipped = NOT_IN_PACKAGE if inside else NOT_MODULES
        # A folder whose name no import can spell (document-processor/, .github/) holds no module.
        if not rel or rel[0] in skipped or not rel[0].isidentifier():
            continue
        if not DATA_FOLDERS.isdisjoint(fact.parts):
            continue
        if not fact.rooted and rel[0] in named:
            continue
        kept = [rel[0]]
        folders = len(rel) if fact.is_dir else len(rel) - 1
        for index, part in enumerate(rel[1:], start=1):
            if part in STRUCTURAL:
                kept.append(part)
                continue
            if part in _NOT_OWN_FOLDERS:  # config/settings/, shop/migrations/: kept by the framework's tools
                break
            if index < folders and _is_identifier(part):  # one folder of its own below: services/payments
                kept.append(part)
            break
        found.setdefault("/".join(kept), []).append(fact)
    leaves = [d for d in found if not any(other.startswith(d + "/") for other in found)]
    layout.dirs = sorted(leaves, key=lambda d: min(f.line.number for f in found[d]))
    layout.dir_facts = {d: found[d] for d in layout.dirs}


def _collect_modules(layout: Layout, facts: Sequence[PathFact]) -> None:
    """Module files (``app/database.py``, ``from app.api.deps import x``) relative to the package."""
    base = _base(layout)
    for fact in facts:
        name = fact.parts[-1].rstrip(".")  # a path that ends a sentence
        if fact.is_dir or not fact.rooted or fact.source not in ("tree", "path", "import", "command"):
            continue
        if name in ENTRYPOINTS:
            continue
        stem = name.removesuffix(".py")
        rel = _relative(fact, layout, base)
        if rel is None or name == stem or not all(_is_identifier(p) for p in (*rel, stem)):
            continue
        if (rel[:1] and rel[0] in NOT_MODULES) or stem == "__init__":
            continue
        layout.module_facts.setdefault("/".join((*rel, stem)), []).append(fact)


def _root_folder(fact: PathFact, root: tuple[str, ...]) -> str | None:
    """The ``ROOT_FOLDERS`` folder the fact names in the layout root (or as written from it), if any."""
    if fact.source == "config":
        return fact.parts[0]
    if not fact.rooted or fact.source not in ("tree", "path"):
        return None
    for start in dict.fromkeys((len(root), 0)):
        if fact.parts[:start] != root[:start] or len(fact.parts) <= start:
            continue
        named, is_folder = fact.parts[start], fact.is_dir or len(fact.parts) > start + 1
        if named in ROOT_FOLDERS and is_folder:
            return named
    return None


def _collect_root_folders(layout: Layout, facts: Sequence[PathFact]) -> None:
    root = () if layout.layout_root in (None, ".") else tuple(layout.layout_root.split("/"))
    for fact in facts:
        named = _root_folder(fact, root)
        if named:
            layout.root_folder_facts.setdefault(named, []).append(fact)


def _is_identifier(name: str) -> bool:
    return name.isidentifier() and name.islower()
