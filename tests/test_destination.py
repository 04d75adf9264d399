"""The destination folder: what --force may merge into, and how (no render needed to prove it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scaffold.destination import check_destination, merge_into
from scaffold.errors import RenderError


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=t", "-c", "user.email=t@localhost"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True)


def never(path: Path) -> bool:
    return False


def test_a_folder_holding_only_a_symlink_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "D").mkdir()
    (tmp_path / "D" / "backend").symlink_to(tmp_path / "outside")
    with pytest.raises(RenderError, match="folder is not empty; use --force") as caught:
        check_destination(tmp_path / "D", force=False)
    assert caught.value.path == (tmp_path / "D").resolve()


@pytest.mark.parametrize(
    ("link", "target"),
    [("backend", "outside"), ("README.md", "outside/README.md"), ("app/main.py", "outside/README.md")],
)
def test_refuses_a_symlink_where_the_project_writes_and_moves_nothing(tmp_path: Path, link: str, target: str) -> None:
    work = tree(tmp_path / "work", {"README.md": "new", "backend/app.py": "", "app/main.py": ""})
    tree(tmp_path, {"outside/README.md": "theirs", "D/notes.txt": "mine"})
    (tmp_path / "D" / link).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "D" / link).symlink_to(tmp_path / target)
    with pytest.raises(RenderError, match=f"{link} \\(a symlink here"):
        merge_into(work, tmp_path / "D", keep=never)
    assert (tmp_path / "outside" / "README.md").read_text() == "theirs"
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == ["README.md"]


def test_links_the_project_does_not_write_through_are_left_alone(tmp_path: Path) -> None:
    # An installed project: its virtual environment links lib64 to lib and python to the system's.
    tree(tmp_path, {"D/README.md": "old", "D/.venv/lib/site.py": "", "outside/python3": ""})
    (tmp_path / "D" / ".venv" / "lib64").symlink_to("lib")
    (tmp_path / "D" / ".venv" / "python3").symlink_to(tmp_path / "outside" / "python3")
    found = check_destination(tmp_path / "D", force=True)
    assert found == {"README.md", ".venv/lib/site.py", ".venv/lib64", ".venv/python3"}
    work = tree(tmp_path / "work", {"README.md": "new"})
    assert merge_into(work, tmp_path / "D", keep=never).overwritten == ("README.md",)
    assert (tmp_path / "D" / ".venv" / "python3").is_symlink()


def test_accepts_a_plain_folder_with_force(tmp_path: Path) -> None:
    tree(tmp_path, {"D/notes.txt": "mine", "D/docs/a.md": "a"})
    assert check_destination(tmp_path / "D", force=True) == {"notes.txt", "docs/a.md"}


def test_refuses_a_file_where_the_project_has_a_folder_and_moves_nothing(tmp_path: Path) -> None:
    work = tree(tmp_path / "work", {"README.md": "new", ".claude/agents/a.md": "agent", "app/main.py": ""})
    dest = tree(tmp_path / "D", {".claude": "f\n", "app/main.py/x": ""})
    with pytest.raises(
        RenderError, match=r"\.claude \(a file here, a folder in the project\); app/main\.py \(a folder"
    ):
        merge_into(work, dest, keep=never)
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*")) == [
        ".claude",
        "app",
        "app/main.py",
        "app/main.py/x",
    ]


def test_keeps_a_file_the_template_skips_if_it_exists(tmp_path: Path) -> None:
    work = tree(tmp_path / "work", {"backend/.env": "SECRET=new", "README.md": "new"})
    dest = tree(tmp_path / "D", {"backend/.env": "SECRET=mine"})
    merged = merge_into(work, dest, keep=lambda path: path.name == ".env")
    assert (dest / "backend" / ".env").read_text() == "SECRET=mine"
    assert (merged.kept, merged.overwritten) == (("backend/.env",), ())
    assert (dest / "README.md").read_text() == "new"


def test_names_only_the_files_whose_content_changes(tmp_path: Path) -> None:
    work = tree(tmp_path / "work", {"same.txt": "same", "changed.txt": "new", "added.txt": "added"})
    dest = tree(tmp_path / "D", {"same.txt": "same", "changed.txt": "old"})
    assert merge_into(work, dest, keep=never).overwritten == ("changed.txt",)
    assert (dest / "changed.txt").read_text() == "new"


def test_refuses_force_on_a_work_tree_with_uncommitted_changes(tmp_path: Path) -> None:
    dest = tree(tmp_path / "D", {"README.md": "committed"})
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "start")
    (dest / "README.md").write_text("an edit not yet committed")
    with pytest.raises(
        RenderError, match=r"uncommitted changes \(README\.md\) that --force would lose; commit or stash"
    ):
        check_destination(dest, force=True)


def test_accepts_force_on_a_clean_work_tree(tmp_path: Path) -> None:
    dest = tree(tmp_path / "D", {"README.md": "committed"})
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "start")
    assert check_destination(dest, force=True) == {"README.md"}


def test_refuses_to_overwrite_an_untracked_file_in_a_work_tree(tmp_path: Path) -> None:
    work = tree(tmp_path / "work", {"README.md": "new"})
    dest = tree(tmp_path / "D", {"README.md": "mine, never committed"})
    git(dest, "init", "-q")
    with pytest.raises(RenderError, match=r"would overwrite untracked files \(README\.md\)"):
        merge_into(work, dest, keep=never)
    assert (dest / "README.md").read_text() == "mine, never committed"
