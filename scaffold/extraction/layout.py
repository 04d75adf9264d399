"""Decide the layout root, the app package and the module folders from the path facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from scaffold.extraction.layout_words import BACKEND_NAMES, ENTRYPOINTS, NOT_MODULES, STRUCTURAL
from scaffold.extraction.paths import PathFact


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


def decide(facts: Sequence[PathFact]) -> Layout:
    """The layout the facts point to; null where they point nowhere or in two directions."""
    layout = Layout()
    roots, packages = _anchors(facts)
    if roots:
        ranked = roots.most_common()
        best, weight = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= weight:
            layout.conflicts.append(f"layout_root: {best!r} and {ranked[1][0]!r} are named equally")
        else:
            layout.layout_root = best
    if packages:
        layout.app_package = packages.most_common(1)[0][0]
    layout.root_facts = [f for f in facts if (_root_vote(f) or ("",))[0] == layout.layout_root]
    layout.package_facts = [f for f in facts if layout.app_package and layout.app_package in f.parts]
    _collect_dirs(layout, facts)
    return layout


def _anchors(facts: Sequence[PathFact]) -> tuple[Counter[str], Counter[str]]:
    roots: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    for fact in facts:
        vote = _root_vote(fact)
        if vote:
            roots[vote[0]] += vote[1]
        package = _package_of(fact)
        if package:
            packages[package] += 1
    return roots, packages


def _root_vote(fact: PathFact) -> tuple[str, int] | None:
    if not fact.rooted:
        return None
    parts = fact.parts
    if not fact.is_dir and parts[-1] in ENTRYPOINTS and fact.source in ("tree", "path", "command"):
        folder = parts[:-1]
        if folder and folder[-1] == "app":
            folder = folder[:-1]
        return ("/".join(folder) or "."), 3
    if "app" in parts[1:] and fact.source in ("tree", "path"):
        return "/".join(parts[: parts.index("app")]), 2
    for end in range(len(parts), 0, -1):
        if parts[end - 1] in BACKEND_NAMES and (fact.is_dir or end < len(parts)):
            return "/".join(parts[:end]), 1
    if fact.source in ("glob", "command") and fact.is_dir:
        return "/".join(parts), 1
    return None


def _package_of(fact: PathFact) -> str | None:
    if not fact.rooted or "app" not in fact.parts:
        return None
    index = fact.parts.index("app")
    inside = fact.parts[index + 1 :]
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
    named = set((layout.layout_root or "").split("/")) | {layout.app_package or ""} | BACKEND_NAMES
    found: dict[str, list[PathFact]] = {}
    for fact in facts:
        if fact.source == "glob":
            continue
        rel = _relative(fact, layout, base)
        if not rel or rel[0] in NOT_MODULES or rel[0] in named or rel[0].startswith(".") or "." in rel[0]:
            continue
        kept = [rel[0]]
        for part in rel[1:]:
            if part not in STRUCTURAL:
                break
            kept.append(part)
        found.setdefault("/".join(kept), []).append(fact)
    leaves = [d for d in found if not any(other.startswith(d + "/") for other in found)]
    layout.dirs = sorted(leaves, key=lambda d: min(f.line.number for f in found[d]))
    layout.dir_facts = {d: found[d] for d in layout.dirs}
