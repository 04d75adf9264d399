"""Extraction scored on real public agent files that the rules were not written from.

``tests/data/real_agents.json`` records, for each file, where it comes from
(``owner/repo:path@commit``), its licence and language, the half it belongs to (``tune``
and ``tune-2`` to ``tune-11``: the rules may be fitted to it; ``holdout`` and ``holdout-2`` to
``holdout-11``: never looked at while writing rules) and its labels, written
blind from ``CONVENTIONS.md`` and the file alone. The texts are not kept here: they are read from a
cache folder (``SCAFFOLD_REAL_AGENTS``, default ``~/.cache/scaffold/real-agents``) or downloaded
from GitHub at that commit, and placed under their real file names (the format is read from them).

Scoring follows the contract's rules: scalars score 1 or 0 after lower-casing and trimming slashes,
lists score set-F1; a field labelled null or [] is not scored, but a value there is an invention.
A file's accuracy is the mean over its scored fields; the figure is the mean over files.

    python tests/real_agents.py --split holdout      # per file, weakest fields, then the figures
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "real_agents.json"
NOT_SCORED = frozenset({"id", "source", "license", "language", "split", "name", "why", "sha256"})
RAW = "https://raw.githubusercontent.com/{owner}/{repo}/{commit}/{path}"


@dataclass(frozen=True)
class Labelled:
    """One real agent file: where it comes from and what a careful reader says it states."""

    id: str
    source: str
    split: str
    labels: dict[str, Any]

    @property
    def path(self) -> str:
        """The file's path in its repository (its real name)."""
        return self.source.split(":", 1)[1].rsplit("@", 1)[0]

    @property
    def url(self) -> str:
        """Where GitHub serves the file at the labelled commit."""
        repo, rest = self.source.split(":", 1)
        owner, name = repo.split("/", 1)
        path, commit = rest.rsplit("@", 1)
        return RAW.format(owner=owner, repo=name, commit=commit, path=path)


@dataclass
class Score:
    """The figures of one run: per-file accuracy, per-field scores and inventions."""

    files: dict[str, float] = field(default_factory=dict)
    fields: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    inventions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def accuracy(self) -> float:
        """The mean of the files' accuracies."""
        return sum(self.files.values()) / len(self.files) if self.files else 0.0

    @property
    def invented(self) -> int:
        """How many fields got a value that their labels leave null."""
        return sum(len(ids) for ids in self.inventions.values())


SPLITS = (
    *("tune", "holdout", "tune-2", "holdout-2", "tune-3", "holdout-3"),
    *("tune-4", "holdout-4", "tune-5", "holdout-5", "tune-6", "holdout-6"),
    *("tune-7", "holdout-7", "tune-8", "holdout-8", "tune-9", "holdout-9"),
    *("tune-10", "holdout-10", "tune-11", "holdout-11"),
)
"""Eleven sets, each in halves: the first (72 files), then ten of 24 collected later, each scored
before any rule was fitted to its ``tune-`` half."""


def labelled(split: str = "all") -> list[Labelled]:
    """The labelled files of one half (one of ``SPLITS``) or of all of them."""
    records = _records(DATA)
    return [
        Labelled(r["id"], r["source"], r["split"], {k: v for k, v in r.items() if k not in NOT_SCORED})
        for r in records
        if split in ("all", r["split"])
    ]


def cache_folder() -> Path:
    """Where the texts are kept between runs."""
    default = Path.home() / ".cache" / "scaffold" / "real-agents"
    return Path(os.environ.get("SCAFFOLD_REAL_AGENTS") or default)


def place(item: Labelled, *, cache: Path, timeout: float = 10.0) -> Path:
    """The file under its real name in the cache, downloaded first if missing (``OSError`` offline).

    The file's folder in the cache stands for its repository, and is marked as one (an empty
    ``.git``): a nested CLAUDE.md is read as in a checkout, governing the folder it sits in.
    """
    target = cache / item.id / item.path
    (cache / item.id / ".git").mkdir(parents=True, exist_ok=True)
    if not target.is_file():
        with urllib.request.urlopen(item.url, timeout=timeout) as response:
            data = response.read()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def at_hand(items: Iterable[Labelled], *, cache: Path, timeout: float = 10.0) -> tuple[list[Labelled], list[str]]:
    """The files that are in the cache or can be downloaded, and the ids of those that cannot.

    A commit can vanish from its repository (a force-push, a deleted repository): its file is then
    named as missing and the rest are scored, rather than one lost file silencing every figure.
    """
    present, missing = [], []
    for item in items:
        try:
            place(item, cache=cache, timeout=timeout)
        except OSError:
            missing.append(item.id)
        else:
            present.append(item)
    return present, missing


def normal(value: Any) -> Any:
    """A scalar as compared: lower-case, trimmed of spaces and slashes."""
    return str(value).strip().strip("/").lower() if value is not None else None


def set_f1(gold: Iterable[Any], found: Iterable[Any]) -> float:
    """The F1 of two sets of values."""
    expected, got = {normal(v) for v in gold}, {normal(v) for v in found}
    hits = len(expected & got)
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(expected)
    return 2 * precision * recall / (precision + recall)


def score(items: Iterable[Labelled], *, cache: Path) -> Score:
    """Run extraction on each file and score it against its labels."""
    from scaffold import extract_conventions, load_agent

    result = Score()
    for item in items:
        found = extract_conventions(load_agent(place(item, cache=cache))).to_json_dict()
        _mark(result, item.id, item.labels, found)
    return result


def _mark(result: Score, name: str, labels: dict[str, Any], found: dict[str, Any]) -> None:
    """Score ``found`` against ``labels`` as one file of ``result``."""
    marks = []
    for field_name, gold in labels.items():
        got = found.get(field_name)
        if gold in (None, []):
            if got not in (None, [], False, ""):
                result.inventions[field_name].append(name)
            continue
        if isinstance(gold, list):
            mark = set_f1(gold, got if isinstance(got, list) else [got] if got else [])
        else:
            mark = float(normal(gold) == normal(got))
        marks.append(mark)
        result.fields[field_name].append(mark)
    result.files[name] = sum(marks) / len(marks) if marks else 1.0


SECOND_READER = DATA.with_name("real_agents_second_reader.json")
"""Labels a second blind reader gave the third set, never having seen the first reader's."""


def agreement(*, cache: Path) -> dict[str, Score]:
    """How far two blind readers agree, and how extraction scores where they agree.

    "second reader" scores the second reader's labels against the first's, as extraction is
    scored: the figure a careful human reaches. "agreed" scores extraction on the fields both
    readers labelled alike (a field they disagree on is left out).
    """
    from scaffold import extract_conventions, load_agent

    second = {r["id"]: {k: v for k, v in r.items() if k not in NOT_SCORED} for r in _records(SECOND_READER)}
    runs = {"second reader": Score(), "agreed": Score()}
    for item in at_hand((i for i in labelled() if i.id in second), cache=cache)[0]:
        _mark(runs["second reader"], item.id, item.labels, second[item.id])
        agreed = {k: v for k, v in item.labels.items() if _same(v, second[item.id].get(k))}
        found = extract_conventions(load_agent(place(item, cache=cache))).to_json_dict()
        _mark(runs["agreed"], item.id, agreed, found)
    return runs


def _same(one: Any, other: Any) -> bool:
    if isinstance(one, list) or isinstance(other, list):
        return sorted(map(normal, one or [])) == sorted(map(normal, other or []))
    return normal(one) == normal(other)


def _records(path: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return records


def report(result: Score) -> list[str]:
    """The run as lines: files below 1, the weakest fields, the inventions, then the figures."""
    lines = [f"{accuracy:.3f}  {name}" for name, accuracy in sorted(result.files.items()) if accuracy < 1]
    weakest = sorted(result.fields.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))[:10]
    lines.append("weakest fields: " + ", ".join(f"{k}={sum(v) / len(v):.2f}({len(v)})" for k, v in weakest))
    invented = sorted(result.inventions.items(), key=lambda kv: -len(kv[1]))
    lines.append("inventions: " + ", ".join(f"{k}={len(v)}" for k, v in invented))
    files = len(result.files)
    per_file = result.invented / files if files else 0.0
    lines.append(
        f"accuracy={result.accuracy:.3f} inventions={result.invented} files={files} inventions_per_file={per_file:.2f}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="Also list each invention's files.")
    parser.add_argument(
        "--second-reader",
        action="store_true",
        help="Score a second blind reader against the first, and extraction where both agree.",
    )
    args = parser.parse_args(argv)
    present, missing = at_hand(labelled(args.split), cache=cache_folder())
    if not present:
        print("no file at hand: set SCAFFOLD_REAL_AGENTS to a folder that holds them", file=sys.stderr)
        return 2
    if missing:
        print(f"not at hand (neither cached nor downloadable), left out: {', '.join(missing)}", file=sys.stderr)
    try:
        runs = agreement(cache=cache_folder()) if args.second_reader else {}
    except (OSError, urllib.error.URLError) as exc:
        print(f"cannot read the files ({exc}); set SCAFFOLD_REAL_AGENTS to a folder that holds them", file=sys.stderr)
        return 2
    result = score(present, cache=cache_folder()) if not args.second_reader else Score()
    for label, run in runs.items():
        print(f"{label}: {report(run)[-1]}")
    if args.second_reader:
        return 0
    for line in report(result):
        print(line)
    if args.verbose:
        for name, ids in sorted(result.inventions.items()):
            print(f"  {name}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
