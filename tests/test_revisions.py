from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
import yaml

from scaffold.errors import RevisionError
from scaffold.revisions import Rechained, keep_applied_revisions

USER_REVISION = "a1b2c3d4e5f6"
"""An id as `alembic revision` makes them: twelve hex digits."""


def revision_source(revision: str, down: str | None, *, title: str = "A revision.", body: str = "pass") -> str:
    revises = f" {down}" if down else ""
    down_value = f'"{down}"' if down else "None"
    return (
        f'"""{title}\n\nRevision ID: {revision}\nRevises:{revises}\nCreate Date: 2025-01-01 00:00:00\n"""\n\n'
        "from collections.abc import Sequence\n\nfrom alembic import op\n\n"
        f'revision: str = "{revision}"\ndown_revision: str | None = {down_value}\n'
        "branch_labels: str | Sequence[str] | None = None\ndepends_on: str | Sequence[str] | None = None\n\n\n"
        f'def upgrade() -> None:\n    """Apply this revision."""\n    {body}\n\n\n'
        'def downgrade() -> None:\n    """Revert this revision."""\n    pass\n'
    )


def write_revisions(versions: Path, revisions: dict[str, tuple[str, str | None]]) -> dict[str, bytes]:
    """Write file name -> (revision, down_revision) and return the files' bytes, as committed."""
    versions.mkdir(parents=True, exist_ok=True)
    for name, (revision, down) in revisions.items():
        (versions / name).write_text(revision_source(revision, down), encoding="utf-8")
    return {name: (versions / name).read_bytes() for name in revisions}


def chain_of(path: Path) -> dict[str, str | None]:
    """revision -> down_revision of one file, read with ast."""
    values = {
        node.target.id: ast.literal_eval(node.value)
        for node in ast.parse(path.read_bytes()).body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
    }
    return {values["revision"]: values["down_revision"]}


def chain(versions: Path) -> dict[str, str | None]:
    """revision -> down_revision of every file in ``versions``."""
    return {k: v for path in versions.glob("*.py") for k, v in chain_of(path).items()}


def linear_order(links: dict[str, str | None]) -> list[str]:
    """The revisions from base to the single head; fails when the chain branches."""
    heads = set(links) - set(links.values())
    assert len(heads) == 1, f"heads: {sorted(heads)}"
    order = [heads.pop()]
    while links[order[-1]] is not None:
        order.append(str(links[order[-1]]))
    assert len(order) == len(links), "some revisions are off the chain"
    return order[::-1]


TEMPLATE_START = {"0001_create_items.py": ("0001", None), "0002_create_users.py": ("0002", "0001")}
OWN = {f"{USER_REVISION}_seed_items.py": (USER_REVISION, "0002")}


def test_chains_an_added_revision_on_the_projects_own_head(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == (Rechained("0006_create_api_keys.py", "0002", USER_REVISION),)
    assert report.restored == () and report.problems == ()
    assert linear_order(chain(tmp_path)) == ["0001", "0002", USER_REVISION, "0006"]
    assert f"Revises: {USER_REVISION}\n" in (tmp_path / "0006_create_api_keys.py").read_text()


def test_rewrites_only_the_down_revision_and_its_revises_line(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    keep_applied_revisions(tmp_path, before)

    expected = revision_source("0006", USER_REVISION)
    assert (tmp_path / "0006_create_api_keys.py").read_text() == expected


def test_leaves_an_added_revision_that_already_revises_the_head_alone(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START)
    added = write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == () and report.problems == ()
    assert (tmp_path / "0006_create_api_keys.py").read_bytes() == added["0006_create_api_keys.py"]


def test_restores_an_applied_revision_whose_down_revision_the_template_moved(tmp_path: Path) -> None:
    # The project had api keys; the update adds roles, whose revision the template puts before them.
    before = write_revisions(tmp_path, TEMPLATE_START | {"0006_create_api_keys.py": ("0006", "0002")})
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0003"), "0003_add_user_role.py": ("0003", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert [r.file for r in report.restored] == ["0006_create_api_keys.py"]
    assert "down_revision from 0002 to 0003" in report.restored[0].reason
    assert (tmp_path / "0006_create_api_keys.py").read_bytes() == before["0006_create_api_keys.py"]
    assert report.rechained == (Rechained("0003_add_user_role.py", "0002", "0006"),)
    assert linear_order(chain(tmp_path)) == ["0001", "0002", "0006", "0003"]


def test_restores_an_applied_revision_whose_operations_the_update_changed(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START)
    (tmp_path / "0002_create_users.py").write_text(revision_source("0002", "0001", body="op.drop_table('x')"))

    report = keep_applied_revisions(tmp_path, before)

    assert [(r.file, r.reason) for r in report.restored] == [("0002_create_users.py", "the update changed its code")]
    assert (tmp_path / "0002_create_users.py").read_bytes() == before["0002_create_users.py"]


def test_restores_an_applied_revision_the_update_deleted(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START)
    (tmp_path / "0002_create_users.py").unlink()

    report = keep_applied_revisions(tmp_path, before)

    assert [(r.file, r.reason) for r in report.restored] == [("0002_create_users.py", "the update deleted it")]
    assert (tmp_path / "0002_create_users.py").read_bytes() == before["0002_create_users.py"]


def test_chains_two_added_revisions_in_a_row(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    # Rendered without the magic-link revision 0005 that the template puts between them.
    write_revisions(
        tmp_path, {"0004_create_refresh_tokens.py": ("0004", "0002"), "0006_create_api_keys.py": ("0006", "0005")}
    )

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == (
        Rechained("0004_create_refresh_tokens.py", "0002", USER_REVISION),
        Rechained("0006_create_api_keys.py", "0005", "0004"),
    )
    assert linear_order(chain(tmp_path)) == ["0001", "0002", USER_REVISION, "0004", "0006"]


def test_follows_the_templates_chain_rather_than_file_names(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    write_revisions(tmp_path, {"0009_first.py": ("b0", "0002"), "0008_second.py": ("c0", "b0")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == (Rechained("0009_first.py", "0002", USER_REVISION),)
    assert linear_order(chain(tmp_path)) == ["0001", "0002", USER_REVISION, "b0", "c0"]


def test_a_merge_revision_is_the_single_head(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN | {"bbbbbbbbbbbb_other.py": ("bbbbbbbbbbbb", "0002")})
    merge = revision_source("cccccccccccc", None).replace("= None", f'= ("{USER_REVISION}", "bbbbbbbbbbbb")', 1)
    (tmp_path / "cccccccccccc_merge.py").write_text(merge)
    before["cccccccccccc_merge.py"] = merge.encode()
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.problems == ()
    assert report.rechained == (Rechained("0006_create_api_keys.py", "0002", "cccccccccccc"),)


def test_several_heads_are_a_problem_and_nothing_is_rechained(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN | {"bbbbbbbbbbbb_other.py": ("bbbbbbbbbbbb", "0002")})
    added = write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == ()
    assert [str(p) for p in report.problems] == [
        f"{tmp_path}: the project's revisions have several heads ({USER_REVISION}, bbbbbbbbbbbb): "
        "run alembic merge heads first"
    ]
    assert (tmp_path / "0006_create_api_keys.py").read_bytes() == added["0006_create_api_keys.py"]


def test_an_unparseable_added_file_is_a_problem_with_its_line(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    added = write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})
    (tmp_path / "0007_broken.py").write_text('revision = "0007"\ndown_revision = (\n')

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == ()
    [problem] = report.problems
    assert isinstance(problem, RevisionError)
    assert problem.path == tmp_path / "0007_broken.py" and problem.line == 2
    assert (tmp_path / "0006_create_api_keys.py").read_bytes() == added["0006_create_api_keys.py"]


def test_a_computed_down_revision_is_a_problem(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START)
    (tmp_path / "0006_x.py").write_text('revision = "0006"\ndown_revision = PREVIOUS\n')

    report = keep_applied_revisions(tmp_path, before)

    assert [(p.message, p.line) for p in report.problems] == [("down_revision is not a literal", 2)]


def test_an_added_revision_id_the_project_has_is_a_problem(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | {"0006_my_own.py": ("0006", "0002")})
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == ()
    [problem] = report.problems
    assert problem.path == tmp_path / "0006_create_api_keys.py" and problem.line == 12
    assert "revision id 0006 is already 0006_my_own.py's" in problem.message


def test_nothing_added_changes_nothing(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)

    report = keep_applied_revisions(tmp_path, before)

    assert report.restored == report.rechained == report.problems == ()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_files_that_are_not_revisions_are_left_alone(tmp_path: Path) -> None:
    before = write_revisions(tmp_path, TEMPLATE_START | OWN)
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "README").write_text("notes")

    report = keep_applied_revisions(tmp_path, before)

    assert report.restored == report.rechained == report.problems == ()


def test_a_missing_versions_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RevisionError) as raised:
        keep_applied_revisions(tmp_path / "versions", {})
    assert raised.value.path == tmp_path / "versions"


# --- the template's own revisions ----------------------------------------------------------------


def render(name: str, target: Path, **changes: object) -> tuple[Path, dict[str, str]]:
    """Render a combination; return the project folder (where alembic.ini is) and its answers."""
    from test_generated import render_combination

    render_combination(name, target, **changes)
    answers = yaml.safe_load((target / ".copier-answers.yml").read_text())
    return target / answers["layout_root"], answers


def versions_of(root: Path, answers: dict[str, str]) -> Path:
    return root / answers["migrations_dir"] / "versions"


def updated_with_api_keys(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A jwt project with its own revision on top, and the same project as an update adding api-key leaves it.

    Returns the project before the update, the fresh jwt + api-key render whose versions folder holds the
    project's revision files beside the new api_keys one, and those files' bytes as committed.
    """
    old, answers = render("auth-jwt", tmp_path / "old")
    versions = versions_of(old, answers)
    seed = "op.execute(\"INSERT INTO items (name) VALUES ('seed')\")"
    own = revision_source(USER_REVISION, linear_order(chain(versions))[-1], body=seed)
    (versions / f"{USER_REVISION}_seed_items.py").write_text(own)
    before = {p.name: p.read_bytes() for p in versions.glob("*.py")}
    new, answers = render("auth-jwt", tmp_path / "new", auth=["jwt", "api-key"])
    assert {p.name for p in versions_of(new, answers).glob("*.py")} - set(before) == {"0006_create_api_keys.py"}
    for name, data in before.items():
        (versions_of(new, answers) / name).write_bytes(data)
    return old, new, before


def test_the_templates_revisions_form_one_chain_with_stable_ids(tmp_path: Path) -> None:
    root, answers = render("sqlalchemy-async-crud-flat", tmp_path / "flat")
    assert linear_order(chain(versions_of(root, answers))) == ["0001", "0002", "0003", "0006"]
    every = ["jwt", "refresh-token", "magic-link", "api-key"]
    root, answers = render("sqlmodel-sync-repository", tmp_path / "every", auth=every)
    assert linear_order(chain(versions_of(root, answers))) == ["0001", "0002", "0003", "0004", "0005", "0006"]
    named = {path.name[:4]: revision for path in versions_of(root, answers).glob("*.py") for revision in chain_of(path)}
    assert all(prefix == revision for prefix, revision in named.items()), named


def test_an_update_adding_api_keys_chains_its_revision_on_the_projects_own(tmp_path: Path) -> None:
    _, new, before = updated_with_api_keys(tmp_path)
    versions = next(new.rglob("versions"))

    report = keep_applied_revisions(versions, before)

    assert report.rechained == (Rechained("0006_create_api_keys.py", "0002", USER_REVISION),)
    assert report.restored == report.problems == ()
    assert linear_order(chain(versions)) == ["0001", "0002", USER_REVISION, "0006"]


@pytest.mark.slow
def test_an_updated_project_migrates_a_database_at_its_own_head_and_matches_its_models(tmp_path: Path) -> None:
    from test_generated import toolchain_env

    old, new, before = updated_with_api_keys(tmp_path)
    answers = yaml.safe_load((tmp_path / "new" / ".copier-answers.yml").read_text())
    env = {
        **toolchain_env(),
        "UV_PROJECT_ENVIRONMENT": answers["venv_dir"],
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
    }

    def run(root: Path, *command: str) -> str:
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    for root in (old, new):
        run(root, "uv", "sync", "--python", answers["python_version"])
    run(old, "uv", "run", "alembic", "upgrade", "head")  # the database, before the update
    keep_applied_revisions(versions_of(new, answers), before)
    run(new, "uv", "run", "alembic", "upgrade", "head")
    run(new, "uv", "run", "alembic", "check")
    assert "0006 (head)" in run(new, "uv", "run", "alembic", "current")
    run(new, "uv", "run", "alembic", "downgrade", "base")
    run(new, "uv", "run", "alembic", "upgrade", "head")


def test_an_unparseable_revision_of_the_project_is_a_problem(tmp_path: Path) -> None:
    broken = {f"{USER_REVISION}_broken.py": b'revision = "x"\ndown_revision = "0002"\ndef (:\n'}
    before = write_revisions(tmp_path, TEMPLATE_START) | broken
    (tmp_path / f"{USER_REVISION}_broken.py").write_bytes(broken[f"{USER_REVISION}_broken.py"])
    write_revisions(tmp_path, {"0006_create_api_keys.py": ("0006", "0002")})

    report = keep_applied_revisions(tmp_path, before)

    assert report.rechained == ()
    assert [(p.path, p.line) for p in report.problems] == [(tmp_path / f"{USER_REVISION}_broken.py", 3)]
