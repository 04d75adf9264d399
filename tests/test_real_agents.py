"""Extraction on real public agent files the rules were not written from (see ``real_agents.py``).

The texts are not in the repository: the scoring tests read them from the cache folder or download
them at their recorded commits, and skip when neither works (no network). The floors are the
figures measured when the rules last changed, so that a change which loses ground fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from real_agents import SECOND_READER, SPLITS, Labelled, at_hand, cache_folder, labelled, score

from scaffold.models import LIST_FIELDS, SCALAR_FIELDS

FLOORS = {
    "tune": (0.96, 0.23),
    "holdout": (0.875, 0.57),
    "tune-2": (0.945, 0.17),
    "holdout-2": (0.86, 0.67),
    "tune-3": (0.935, 0.17),
    "holdout-3": (0.865, 1.09),
    "tune-4": (0.955, 0.34),
    "holdout-4": (0.86, 0.75),
    "tune-5": (0.885, 0.25),
    "holdout-5": (0.795, 0.67),
    "tune-6": (0.92, 0.17),
    "holdout-6": (0.75, 0.09),
    "tune-7": (0.885, 0.50),
    "holdout-7": (0.87, 0.25),
    "tune-8": (0.88, 0.25),
    "holdout-8": (0.85, 0.34),
    "tune-9": (0.86, 0.17),
    "holdout-9": (0.84, 0.42),
    "tune-10": (0.895, 0.42),
    "holdout-10": (0.845, 0.50),
    "tune-11": (0.835, 0.00),
    "holdout-11": (0.79, 0.84),
}
"""Per half: the least accuracy and the most inventions per file measured, on the files at hand (the
commits of three ``tune`` files and one ``holdout`` file are gone from GitHub; a cache filled earlier
still holds them, and the figures here count all 312)."""
_SOURCE = re.compile(r"^[\w.-]+/[\w.-]+:[^@]+@[0-9a-f]{40}$")


def test_the_labels_cover_three_hundred_and_twelve_files_in_eleven_sets_of_two_halves() -> None:
    items = labelled()
    halves = {split: [i for i in items if i.split == split] for split in SPLITS}
    assert len(items) >= 312 and min(len(half) for half in halves.values()) >= 12
    assert sum(len(half) for half in halves.values()) == len(items)
    assert len({i.id for i in items}) == len(items)
    assert len({i.source.split(":")[0] for i in items}) == len(items)  # one file per repository


def test_a_second_blind_reader_labelled_every_field_of_the_third_set() -> None:
    fields = {*SCALAR_FIELDS, *LIST_FIELDS, "format"} - {"task_monitor"}
    second = {r["id"]: r for r in json.loads(SECOND_READER.read_text(encoding="utf-8"))}
    third = {i.id for i in labelled() if i.split.endswith("-3")}
    assert set(second) == third and len(third) == 24
    for record in second.values():
        assert fields <= set(record), (record["id"], fields - set(record))


def test_every_label_names_every_field_and_where_the_file_is() -> None:
    fields = {*SCALAR_FIELDS, *LIST_FIELDS, "format"} - {"task_monitor"}
    for item in labelled():
        assert _SOURCE.match(item.source), item.id
        assert fields <= set(item.labels), (item.id, fields - set(item.labels))


@pytest.fixture(scope="module")
def cache() -> tuple[Path, list[Labelled], list[str]]:
    folder = cache_folder()
    present, missing = at_hand(labelled(), cache=folder, timeout=5)
    if len(missing) > len(present) // 20:  # more than a few lost commits: the figures would not compare
        pytest.skip(f"the labelled files are neither in {folder} nor downloadable ({len(missing)} missing)")
    return folder, present, missing


def test_every_labelled_file_is_at_hand(cache: tuple[Path, list[Labelled], list[str]]) -> None:
    _, _, missing = cache
    if missing:
        pytest.skip(f"scored without {len(missing)} files whose commits cannot be read: {', '.join(missing)}")


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_extraction_holds_its_ground_on_each_half(cache: tuple[Path, list[Labelled], list[str]], split: str) -> None:
    folder, present, _ = cache
    result = score([item for item in present if item.split == split], cache=folder)
    accuracy, inventions_per_file = FLOORS[split]
    assert result.accuracy >= accuracy
    assert result.invented / len(result.files) <= inventions_per_file
