"""Find agent files: by path, or by name in the project, the user's and the bundled folders."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import AgentNotFoundError, ScaffoldError
from scaffold.loader import load_agent
from scaffold.models import AgentFile
from scaffold.resources import bundled
from scaffold.text import slugify

AGENT_SUFFIXES = (".md", ".mdc", ".markdown")


@dataclass(frozen=True)
class Found:
    """An agent file found in a search folder, or the reason it could not be read."""

    path: Path
    where: str
    agent: AgentFile | None
    problem: str | None = None

    def keys(self) -> set[str]:
        """Every name this file answers to: its name, that name's slug and its file stem."""
        names = {self.path.stem.lower(), slugify(self.path.stem)}
        if self.agent is not None:
            names |= {self.agent.name.lower(), slugify(self.agent.name)}
        return names


def search_folders(cwd: Path | None = None, home: Path | None = None) -> list[tuple[str, Path]]:
    """The folders searched for agent names, in order of precedence."""
    cwd = cwd or Path.cwd()
    home = home or Path.home()
    return [
        ("project", cwd / ".claude" / "agents"),
        ("user", home / ".claude" / "agents"),
        ("bundled", bundled("agents")),
    ]


def bundled_agent_names() -> list[str]:
    """The file stems of the agents bundled with scaffold."""
    return sorted(p.stem for p in bundled("agents").iterdir() if p.suffix.lower() in AGENT_SUFFIXES)


def discover(cwd: Path | None = None, home: Path | None = None) -> Iterator[Found]:
    """Every agent file in the search folders, readable or not."""
    for where, folder in search_folders(cwd, home):
        for path in _candidates(folder):
            try:
                yield Found(path, where, load_agent(path))
            except ScaffoldError as exc:
                yield Found(path, where, None, problem=exc.message)


def _folder_hint(folder: Path, spec: str) -> str:
    """What to pass instead of a folder: an agent file in it, if it holds one."""
    inside = [p.name for p in _candidates(folder)]
    return f": pass a file in it, such as {spec.rstrip('/')}/{inside[0]}" if inside else ", with no agent file in it"


def _candidates(folder: Path) -> list[Path]:
    """The entries of ``folder`` named like agent files, whatever they are (each is listed with its problem)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in AGENT_SUFFIXES)
    except OSError:  # missing, not a folder, or unreadable: no agents from it
        return []


def resolve_agent(spec: str, cwd: Path | None = None, home: Path | None = None) -> AgentFile:
    """Load the agent ``spec`` names: a path to a file, or a name looked up in the folders."""
    if _looks_like_path(spec, cwd):
        path = _as_path(spec, cwd)
        if path.is_dir():
            raise AgentNotFoundError(f"is a folder{_folder_hint(path, spec)}", path=spec)
        if not path.exists() and not path.is_symlink():
            close = difflib.get_close_matches(path.name, [p.name for p in _candidates(path.parent)], n=1, cutoff=0.6)
            if close:
                raise AgentNotFoundError(f"no such file; did you mean {close[0]}?", path=spec)
        return load_agent(path)
    wanted = {spec.lower(), slugify(spec)}
    everything = list(discover(cwd, home))
    for where, _ in search_folders(cwd, home):
        matches = [f for f in everything if f.where == where and f.agent is not None and f.keys() & wanted]
        if len(matches) > 1:
            listed = ", ".join(str(f.path) for f in matches)
            raise AgentNotFoundError(f"agent name {spec!r} is ambiguous in the {where} folder: {listed}")
        if matches and matches[0].agent is not None:
            return matches[0].agent
    folder = _as_path(spec, cwd)
    if folder.is_dir():  # "--agent docs" meant a file in docs/
        raise AgentNotFoundError(
            f"no agent named {spec!r}; {spec.rstrip('/')}/ is a folder{_folder_hint(folder, spec)}"
        )
    raise AgentNotFoundError(_unknown_message(spec, everything))


def _unknown_message(spec: str, everything: list[Found]) -> str:
    names = sorted({slugify(f.agent.name) if f.agent else f.path.stem for f in everything})
    close = difflib.get_close_matches(slugify(spec), names, n=3, cutoff=0.4)
    hint = f"; closest: {', '.join(close)}" if close else (f"; known: {', '.join(names)}" if names else "")
    return f"no agent named {spec!r} (searched .claude/agents, ~/.claude/agents and the bundled agents){hint}"


def _as_path(spec: str, cwd: Path | None) -> Path:
    path = Path(spec).expanduser()
    return path if path.is_absolute() or cwd is None else cwd / path


def _looks_like_path(spec: str, cwd: Path | None) -> bool:
    return (
        "/" in spec
        or "\\" in spec
        or spec.lower().endswith((*AGENT_SUFFIXES, ".txt", ".cursorrules"))
        or _as_path(spec, cwd).is_file()
    )
