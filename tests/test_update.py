"""`scaffold update` and plain `copier update` on projects rendered from a template repository with tags.

Each test builds its own template repository (this repository's copier.yml and template/, committed
and tagged v1.0.0 in a temporary folder), renders a project from it, changes the template and
tags v1.1.0, then updates.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold.cli import app

REPO = Path(__file__).resolve().parent.parent
AGENT = "backend-specialist"
TEMPLATE_README = Path("template/project/README.md.jinja")
runner = CliRunner()


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=env, check=True)
    return result.stdout


def template_repository(folder: Path) -> Path:
    """A git repository holding this template, tagged v1.0.0."""
    folder.mkdir(parents=True)
    shutil.copy2(REPO / "copier.yml", folder / "copier.yml")
    shutil.copytree(REPO / "template", folder / "template", ignore=shutil.ignore_patterns("__pycache__"))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "v1")
    git(folder, "tag", "v1.0.0")
    return folder


def release(template: Path, tag: str, *, append: str) -> None:
    """Change the template (a line at the end of the generated README) and tag the change."""
    readme = template / TEMPLATE_README
    readme.write_text(readme.read_text(encoding="utf-8") + append, encoding="utf-8")
    git(template, "commit", "-q", "-am", tag)
    git(template, "tag", tag)


def new_project(destination: Path, template: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["new", str(destination), "--agent", AGENT, "--template", str(template), *extra])
    assert result.exit_code == 0, result.output
    return destination


def edit(project: Path, name: str, text: str) -> None:
    path = project / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    git(project, "commit", "-q", "-am", f"edit {name}")


def same_trees(left: Path, right: Path) -> list[str]:
    """Paths that differ between two trees (.git and the per-project secret in .env left out)."""
    differ: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        differ.extend(f"{prefix}{n}" for n in compared.left_only + compared.right_only + compared.diff_files)
        differ.extend(f"{prefix}{n}" for n in compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[".git", ".env"]), "")
    return differ


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return template_repository(tmp_path / "template")


def test_new_records_the_template_source_and_version(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "v1" / "svc", template)
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert f"_src_path: {template}" in answers
    assert "_commit: v1.0.0" in answers
    assert "agent_file: .claude/agents/backend-specialist.md" in answers


def test_update_keeps_an_edit_and_equals_a_fresh_render_plus_the_edit(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "old" / "svc", template)
    edit(project, "AGENTS.md", "\nOur own rule: every route has a test.\n")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    secret = (project / "backend" / ".env").read_bytes()

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "Released in v1.1.0." in (project / "README.md").read_text(encoding="utf-8")
    assert "Our own rule" in (project / "AGENTS.md").read_text(encoding="utf-8")
    assert (project / "backend" / ".env").read_bytes() == secret, "the project's secret was replaced"
    assert "_commit: v1.1.0" in (project / ".copier-answers.yml").read_text(encoding="utf-8")
    fresh = new_project(tmp_path / "fresh" / "svc", template)
    (fresh / "AGENTS.md").write_text((fresh / "AGENTS.md").read_text() + "\nOur own rule: every route has a test.\n")
    assert same_trees(project, fresh) == []


def test_plain_copier_update_gives_the_same_project(tmp_path: Path, template: Path) -> None:
    ours = new_project(tmp_path / "ours" / "svc", template)
    theirs = new_project(tmp_path / "theirs" / "svc", template)
    for project in (ours, theirs):
        edit(project, "AGENTS.md", "\nOur own rule.\n")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    assert runner.invoke(app, ["update", str(ours), "--template", str(template)]).exit_code == 0
    copier = shutil.which("copier") or str(Path(sys.executable).parent / "copier")
    subprocess.run([copier, "update", "--defaults", "--quiet"], cwd=theirs, check=True, capture_output=True)

    assert same_trees(ours, theirs) == []
    assert "Released in v1.1.0." in (theirs / "README.md").read_text(encoding="utf-8")


def test_plain_copier_re_answers_at_the_current_version(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")
    copier = shutil.which("copier") or str(Path(sys.executable).parent / "copier")
    command = [copier, "update", "--defaults", "--quiet", "--vcs-ref=:current:", "--data", "port=8123"]

    subprocess.run(command, cwd=project, check=True, capture_output=True)

    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "port: 8123" in answers and "_commit: v1.0.0" in answers
    assert "--port 8123" in (project / "README.md").read_text(encoding="utf-8")
    assert "Released" not in (project / "README.md").read_text(encoding="utf-8")


def test_a_conflicting_edit_is_named_and_fails(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    readme = project / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    readme.write_text("".join(lines[:-1]) + "Our own last line.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "our last line")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 1, result.output
    assert "conflict" in result.output
    assert "README.md" in result.output.split("conflict", 1)[1]


def test_a_dirty_work_tree_is_refused_and_left_alone(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    (project / "notes.txt").write_text("mine\n")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 2
    assert "uncommitted changes or untracked files (notes.txt)" in result.output
    assert "Released" not in (project / "README.md").read_text(encoding="utf-8")


def test_pretend_lists_the_changes_and_writes_nothing(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")
    head = git(project, "rev-parse", "HEAD")

    result = runner.invoke(app, ["update", str(project), "--pretend", "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "Would change" in result.output and "README.md" in result.output
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "rev-parse", "HEAD") == head
    assert "Released" not in (project / "README.md").read_text(encoding="utf-8")


def test_changing_the_agent_moves_the_answers_it_states(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    agent.write_text(agent.read_text(encoding="utf-8").replace("mypy", "basedpyright"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "we moved to basedpyright")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "type_checker       mypy -> basedpyright   line 22" in result.output
    pyproject = (project / "backend" / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.basedpyright]" in pyproject and "[tool.mypy]" not in pyproject
    assert "type_checker: basedpyright" in (project / ".copier-answers.yml").read_text(encoding="utf-8")


def test_an_answer_chosen_apart_from_the_agent_is_kept(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template, "--set", "port=9000")
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    agent.write_text(agent.read_text(encoding="utf-8").replace("mypy", "basedpyright"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "we moved to basedpyright")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 0, result.output
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "port: 9000" in answers and "type_checker: basedpyright" in answers


def test_set_changes_one_answer(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)

    result = runner.invoke(app, ["update", str(project), "--set", "port=8123", "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "port               8000 -> 8123   --set" in result.output
    assert "port: 8123" in (project / ".copier-answers.yml").read_text(encoding="utf-8")


def test_an_agent_change_the_template_cannot_take_is_refused_with_its_line(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    agent.write_text(agent.read_text(encoding="utf-8").replace("- **Tests**: pytest", "- **Tasks**: Dramatiq"))
    git(project, "commit", "-q", "-am", "dramatiq")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 2
    assert "task_queue" in result.output and f"{AGENT}.md:" in result.output
    assert git(project, "status", "--porcelain") == ""


def test_a_folder_that_is_not_a_project_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["update", str(tmp_path)])
    assert result.exit_code == 2
    assert "no .copier-answers.yml" in result.output


def test_a_project_without_a_template_version_says_why(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy2(REPO / "copier.yml", plain / "copier.yml")
    shutil.copytree(REPO / "template", plain / "template")
    result = runner.invoke(app, ["new", str(tmp_path / "svc2"), "--agent", AGENT, "--template", str(plain)])
    assert result.exit_code == 0, result.output

    result = runner.invoke(app, ["update", str(tmp_path / "svc2")])

    assert result.exit_code == 2
    assert "records no template version" in result.output


@pytest.mark.slow
def test_agent_changes_reach_a_project_that_passes_its_checks(tmp_path: Path, template: Path) -> None:
    from services import redis_url
    from test_generated import CHECKERS, toolchain_env

    project = new_project(tmp_path / "svc", template)
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    text = agent.read_text(encoding="utf-8").replace("mypy", "basedpyright")
    text = text.replace("- Authorization is role-based (RBAC).", "- Roles are `admin`, `editor` and `user`.")
    text = text.replace(
        "- **Tests**: pytest", "- **Tests**: pytest\n- **Background jobs**: Celery, with Redis as the broker"
    )
    agent.write_text(text, encoding="utf-8")
    git(project, "commit", "-q", "-am", "basedpyright, an editor role, Celery")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 0, result.output
    for change in ("type_checker       mypy -> basedpyright", "roles              admin, user -> admin, editor, user"):
        assert change in result.output
    assert "task_queue         (none) -> celery" in result.output
    root = project / "backend"
    # The Celery project's tests (its worker's included) use Redis.
    env = {**toolchain_env(), "UV_PROJECT_ENVIRONMENT": ".venv", "TEST_REDIS_URL": redis_url()}
    for command in (
        ["uv", "sync", "--locked"],
        ["uv", "run", "ruff", "check", "."],
        ["uv", "run", *CHECKERS["basedpyright"]],
        ["uv", "run", "pytest", "-q", "-p", "no:cacheprovider"],
        ["uv", "run", "alembic", "upgrade", "head"],
        ["uv", "run", "alembic", "check"],
    ):
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert (root / "app" / "tasks" / "celery_app.py").is_file() or list(root.glob("app/**/celery_app.py"))
    assert "EDITOR" in (root / "app" / "auth" / "roles.py").read_text(encoding="utf-8").upper()


def wheel_of(source: Path, out: Path) -> Path:
    """Build scaffold's wheel from ``source`` without network (hatchling from this environment)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("*.whl"))


def installed(wheel: Path, target: Path) -> dict[str, str]:
    """Install ``wheel`` into ``target`` (no dependencies, no index); the environment that runs it from there."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    offline = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
    return {**os.environ, "PYTHONPATH": str(target), "SCAFFOLD_NO_LOCK": "1", **offline}


@pytest.mark.slow
def test_update_works_from_an_installed_wheel_without_network(tmp_path: Path) -> None:
    source = tmp_path / "source"
    files = git(REPO, "ls-files", "-co", "--exclude-standard").splitlines()
    for name in files:
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "v1")
    git(source, "tag", "v1.0.0")
    env = installed(wheel_of(source, tmp_path / "dist1"), tmp_path / "site1")
    scaffold = [sys.executable, "-m", "scaffold"]
    made = subprocess.run(
        [*scaffold, "new", str(tmp_path / "p" / "svc"), "--agent", AGENT],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    project = tmp_path / "p" / "svc"
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "_src_path: https://github.com/scaffold-fastapi/scaffold" in answers and "_commit: v1.0.0" in answers
    edit(project, "AGENTS.md", "\nOur own rule.\n")
    release(source, "v1.1.0", append="\nReleased in v1.1.0.\n")
    env = installed(wheel_of(source, tmp_path / "dist2"), tmp_path / "site2")

    updated = subprocess.run([*scaffold, "update", str(project)], env=env, capture_output=True, text=True, cwd=tmp_path)

    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert "Released in v1.1.0." in (project / "README.md").read_text(encoding="utf-8")
    assert "Our own rule." in (project / "AGENTS.md").read_text(encoding="utf-8")
    assert "_commit: v1.1.0" in (project / ".copier-answers.yml").read_text(encoding="utf-8")


OWN_REVISION = '''"""Add a price to items.

Revision ID: a1b2c3d4e5f6
Revises: 0004
"""

revision = "a1b2c3d4e5f6"
down_revision = "0004"


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
'''


def versions_of(project: Path) -> Path:
    return project / "backend" / "migrations" / "versions"


def test_a_table_the_update_adds_arrives_as_a_revision_on_the_projects_own(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    (versions_of(project) / "a1b2c3d4e5f6_add_price.py").write_text(OWN_REVISION, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "our own revision")
    applied = {p.name: p.read_bytes() for p in versions_of(project).glob("*.py")}

    result = runner.invoke(
        app, ["update", str(project), "--set", "auth=jwt,refresh-token,api-key", "--template", str(template)]
    )

    assert result.exit_code == 0, result.output
    added = (versions_of(project) / "0006_create_api_keys.py").read_text(encoding="utf-8")
    assert 'down_revision: str | None = "a1b2c3d4e5f6"' in added
    assert "0006_create_api_keys.py now follows a1b2c3d4e5f6" in result.output
    assert {name: (versions_of(project) / name).read_bytes() for name in applied} == applied


def test_an_applied_revision_the_template_changes_is_kept_as_it_was(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    applied = (versions_of(project) / "0001_create_items.py").read_bytes()
    first = template / "template/project/{{ project_dir }}/{{ migrations_dir }}/versions/0001_create_items.py"
    first.write_text(first.read_text(encoding="utf-8").replace("Apply this revision.", "Apply it."), encoding="utf-8")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    result = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert (versions_of(project) / "0001_create_items.py").read_bytes() == applied
    assert "kept applied revision 0001_create_items.py as it was" in result.output


def test_check_and_update_find_the_project_from_a_folder_inside_it(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)

    checked = runner.invoke(app, ["check", str(project / "backend" / "app")])
    updated = runner.invoke(app, ["update", str(project / "backend"), "--pretend", "--template", str(template)])

    assert checked.exit_code == 0, checked.output
    assert f"{project}" in checked.output
    assert updated.exit_code == 0, updated.output
    assert "Up to date" in updated.output


def test_a_template_source_other_than_scaffolds_needs_confirming(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    unconfirmed = runner.invoke(app, ["update", str(project)])
    other = runner.invoke(app, ["update", str(project), "--template", str(tmp_path)])

    assert unconfirmed.exit_code == 2
    assert f"records the template source {template}, not this scaffold's" in unconfirmed.output
    assert f"--template {template}" in unconfirmed.output
    assert other.exit_code == 2 and "is not the template source the project records" in other.output
    assert "Released" not in (project / "README.md").read_text(encoding="utf-8")
    assert git(project, "status", "--porcelain") == ""


def test_an_agent_file_reached_through_a_link_outside_the_project_is_not_read(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    outside = tmp_path / "outside.md"
    outside.write_text(agent.read_text(encoding="utf-8").replace("mypy", "basedpyright"), encoding="utf-8")
    agent.unlink()
    (project / ".claude" / "agents" / "linked.md").symlink_to(outside)
    answers = project / ".copier-answers.yml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace(f"agent_file: .claude/agents/{AGENT}.md", "agent_file: ''")
    )
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "an agent outside")

    result = runner.invoke(app, ["update", str(project), "--pretend", "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "basedpyright" not in result.output
    assert "No answer changes (no agent file)" in result.output


def test_a_role_that_goes_away_is_warned_of_and_its_followers_say_why(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)

    result = runner.invoke(
        app, ["update", str(project), "--pretend", "--set", "roles=admin,editor", "--template", str(template)]
    )

    assert result.exit_code == 0, result.output
    assert "the roles user go away" in result.output
    assert "default_role" in result.output and "follows roles (its default)" in result.output


def test_setting_an_answer_to_what_it_is_changes_nothing(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)

    result = runner.invoke(app, ["update", str(project), "--set", "port=8000", "--template", str(template)])

    assert result.exit_code == 0, result.output
    assert "No answer changes" in result.output and "Up to date" in result.output


def test_check_reports_what_update_would_move_and_is_clean_after_it(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    agent = project / ".claude" / "agents" / f"{AGENT}.md"
    text = agent.read_text(encoding="utf-8")
    stated = "- Apply rate limiting to sign-in, token refresh, and the assistant endpoints.\n"
    assert stated in text
    agent.write_text(text.replace(stated, ""))
    git(project, "commit", "-q", "-am", "no rate limiting any more")

    before = runner.invoke(app, ["check", str(project), "--json"])
    updated = runner.invoke(app, ["update", str(project), "--template", str(template)])
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "update")
    after = runner.invoke(app, ["check", str(project)])

    assert before.exit_code == 1, before.output
    assert '"field": "rate_limit"' in before.output
    assert "rate_limit" in updated.output and updated.exit_code == 0, updated.output
    assert after.exit_code == 0, after.output


def test_a_source_from_another_machine_says_how_to_point_at_this_one(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    answers = project / ".copier-answers.yml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(str(template), "/home/alice/scaffold"))
    git(project, "commit", "-q", "-am", "made on alice's machine")

    refused = runner.invoke(app, ["update", str(project)])
    answers.write_text(answers.read_text(encoding="utf-8").replace("/home/alice/scaffold", str(template)))
    git(project, "commit", "-q", "-am", "pointed at our clone")
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")
    updated = runner.invoke(app, ["update", str(project), "--template", str(template)])

    assert refused.exit_code == 2
    assert "(/home/alice/scaffold) is not on this machine; set _src_path" in refused.output
    assert updated.exit_code == 0, updated.output
    assert "Released in v1.1.0." in (project / "README.md").read_text(encoding="utf-8")


def test_an_answer_set_over_a_value_the_template_refuses_is_kept_and_history_still_counts(
    tmp_path: Path, template: Path
) -> None:
    agent = tmp_path / "orders.md"
    agent.write_text("# Orders\n\nFastAPI, async SQLAlchemy.\n\n- Jobs run on Dramatiq workers.\n- Port 8300.\n")
    result = runner.invoke(
        app, ["new", str(tmp_path / "svc"), "--agent", str(agent), "--template", str(template), "--no-lock",
              "--set", "task_queue=celery"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    project = tmp_path / "svc"
    placed = project / ".claude" / "agents" / "orders.md"

    kept = runner.invoke(app, ["update", str(project), "--pretend", "--template", str(template)])
    checked = runner.invoke(app, ["check", str(project), "--json"])

    assert kept.exit_code == 0, kept.output
    assert "kept task_queue celery: the agent states dramatiq (line 10, a value this template cannot render)" in (
        kept.output
    )
    assert '"expected": "dramatiq"' in checked.output and '"found": "celery"' in checked.output

    placed.write_text(placed.read_text(encoding="utf-8").replace("Dramatiq", "Celery").replace("- Port 8300.\n", ""))
    git(project, "commit", "-q", "-am", "celery now; no port stated")
    moved = runner.invoke(app, ["update", str(project), "--template", str(template), "--no-lock"])

    assert moved.exit_code == 0, moved.output
    assert "port               8300 -> 8000   the agent no longer states it" in moved.output
    assert "kept" not in moved.output
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "task_queue: celery" in answers and "port: 8000" in answers


@pytest.mark.slow
def test_pretend_lists_the_lock_file_the_real_update_writes_again(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    sets = ["--set", "type_checker=basedpyright", "--template", str(template)]

    pretended = runner.invoke(app, ["update", str(project), "--pretend", *sets])
    real = runner.invoke(app, ["update", str(project), *sets])

    def listed(output: str) -> set[str]:
        return {line.split()[1] for line in output.splitlines() if line.startswith(("   M ", "  ?? "))}

    assert pretended.exit_code == 0 and real.exit_code == 0, pretended.output + real.output
    assert "backend/uv.lock" in listed(real.output)
    assert listed(pretended.output) == listed(real.output)


def test_an_unknown_version_names_the_templates_tags(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)
    release(template, "v1.1.0", append="\nReleased in v1.1.0.\n")

    result = runner.invoke(app, ["update", str(project), "--to", "1.1.0", "--template", str(template)])

    assert result.exit_code == 2, result.output
    assert "Unknown revision: '1.1.0'" in result.stderr
    assert f"--to takes a tag of the template ({template}), such as v1.0.0, v1.1.0, or a commit" in result.stderr
    assert git(project, "status", "--porcelain") == ""


def test_an_empty_or_huge_version_is_one_short_line(tmp_path: Path, template: Path) -> None:
    project = new_project(tmp_path / "svc", template)

    empty = runner.invoke(app, ["update", str(project), "--to", "", "--template", str(template)])
    huge = runner.invoke(app, ["update", str(project), "--to", "x" * 5000, "--template", str(template)])

    assert empty.exit_code == 2 and empty.stderr.startswith("error: --to: expected a version"), empty.output
    errors = [line for line in huge.stderr.splitlines() if line.startswith("error:")]
    assert huge.exit_code == 2 and len(errors) == 1 and len(errors[0]) < 400, huge.stderr[:300]
    assert git(project, "status", "--porcelain") == ""
