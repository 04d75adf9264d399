from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import write_agent
from typer.testing import CliRunner

from scaffold.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "inspect" in result.output and "agents" in result.output


def test_version_is_printed() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("scaffold ")


def test_agents_lists_bundled_agents_as_json() -> None:
    result = runner.invoke(app, ["agents", "--json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.output)}
    assert {"backend-engineer", "Backend Development Specialist"} <= names


def test_agents_table_names_where_each_was_found(tmp_path: Path) -> None:
    write_agent(tmp_path / ".claude" / "agents", meta={"name": "local-dev", "description": "Ours"}, name="l.md")
    result = runner.invoke(app, ["agents"])
    assert result.exit_code == 0, result.output
    assert "local-dev" in result.output and "project" in result.output


def test_inspect_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["inspect", "--agent", "backend-development-specialist", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["port"] == 8009
    assert data["type_checker"] == "basedpyright"
    assert data["evidence"]["port"][0]["line"] > 0
    assert "8009" in data["evidence"]["port"][0]["text"]


def test_inspect_table_shows_value_and_evidence_line() -> None:
    result = runner.invoke(app, ["inspect", "--agent", "backend-development-specialist"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("type_checker"))
    assert row.split()[1:3] == ["basedpyright", "stated"]
    assert row.split()[3].isdigit()


def test_inspect_shows_warnings_for_free_choices(tmp_path: Path) -> None:
    path = write_agent(tmp_path, body="Use FastAPI with Celery or Dramatiq for jobs.\n")
    result = runner.invoke(app, ["inspect", "--agent", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "celery" in result.output


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01", b"---\nname: [x\n---\n", b"---\n- a\n---\n", b"---\nname: 3\n---\n", b"\xff\xfe bad"],
)
def test_bad_agent_file_is_one_line_error_with_exit_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    result = runner.invoke(app, ["inspect", "--agent", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: {path}")
    assert "Traceback" not in result.output + result.stderr


def test_unknown_agent_name_is_one_line_error() -> None:
    result = runner.invoke(app, ["inspect", "--agent", "frontend-wizard"])
    assert result.exit_code == 2
    assert "no agent named 'frontend-wizard'" in result.stderr


def test_missing_path_and_folder_are_errors(tmp_path: Path) -> None:
    for spec in (str(tmp_path / "nope.md"), str(tmp_path) + "/"):
        result = runner.invoke(app, ["inspect", "--agent", spec])
        assert result.exit_code == 2, spec
        assert result.stderr.startswith("error: ")


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("scaffold ")


def test_new_json_is_one_object_with_plan_and_result(tmp_path: Path) -> None:
    sets = ["--set", "port=8080", "--set", "async_db=no"]
    result = runner.invoke(app, ["new", "svc", "--agent", "backend-engineer", *sets, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"plan", "not_rendered", "renamed", "result"}
    answers = data["plan"]["answers"]
    port = {"value": 8080, "source": "--set", "confidence": None, "evidence": None, "replaces": None}
    assert answers["port"] == port
    assert answers["async_db"]["replaces"]["value"] is True and answers["async_db"]["replaces"]["line"] > 0
    assert answers["layout_root"]["source"] == "agent" and answers["layout_root"]["evidence"]["line"] > 0
    assert answers["layout_root"]["confidence"] == "stated" and data["plan"]["unconfirmed"] == []
    assert answers["python_version"]["source"] == "default"
    assert answers["cache"]["value"] == "redis" and answers["cache"]["source"] == "agent"
    assert answers["integrations"]["value"] == ["paddle", "resend", "vercel-blob", "neon"]
    assert answers["integrations"]["source"] == "agent"
    outcome = data["result"]
    assert outcome["path"] == str(tmp_path / "svc") and outcome["committed"] is True
    assert outcome["answers"]["port"] == 8080 and "secret_key" not in outcome["answers"]
    assert outcome["next_steps"][0]["label"] == "run the service"
    assert any("--port 8080" in line for line in outcome["next_steps"][0]["commands"])
    assert isinstance(outcome["warnings"], list)
    assert "... rendering the template" in result.stderr


def test_new_json_errors_stay_on_stderr(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "svc", "--agent", "backend-engineer", "--set", "port=x", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: --set port")


def test_new_json_and_interactive_are_refused_together() -> None:
    result = runner.invoke(app, ["new", "svc", "--agent", "backend-engineer", "--json", "--interactive"])
    assert result.exit_code == 2
    assert "--json" in result.stderr and result.stdout == ""


def test_escapes_in_an_agent_name_reach_the_terminal_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text('---\nname: "red\\e[31mname\\udc80"\n---\nUse FastAPI.\n')
    result = runner.invoke(app, ["inspect", "--agent", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("red\\x1b[31mname\\udc80  (")


def test_an_interrupt_is_one_line_and_code_130(capsys: pytest.CaptureFixture[str]) -> None:
    from scaffold.cli import run

    with pytest.raises(SystemExit) as caught:
        run([2])  # an interrupt held while the command line loaded
    assert caught.value.code == 130
    assert capsys.readouterr().err == "error: interrupted\n"


def test_agents_lists_an_unreadable_file_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    locked = write_agent(tmp_path / ".claude" / "agents", meta={"name": "locked"}, name="locked.md")
    real_open = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = runner.invoke(app, ["agents", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["path"]: row["description"] for row in json.loads(result.output)}
    assert rows[".claude/agents/locked.md"] == "unreadable: cannot be read: permission denied"
    table = runner.invoke(app, ["agents"])  # the table cuts descriptions to the width, never a reason
    assert table.stdout.count("unreadable: cannot be read: permission denied\n") == 1, table.stdout


def test_a_destination_whose_parent_cannot_be_written_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    result = runner.invoke(app, ["new", str(tmp_path / "file" / "svc"), "--agent", "backend-systems", "--no-git"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and "cannot write there" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_plan_says_why_roles_brought_the_password_flow(tmp_path: Path) -> None:
    body = "Role-based access control. The roles are:\n\n- `editor`: edits\n- `reader`: reads\n"
    agent = write_agent(tmp_path, body=body, name="roles.md")
    result = runner.invoke(app, ["new", str(tmp_path / "svc"), "--agent", str(agent), "--no-git"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if line.strip().startswith("auth ")]
    assert "jwt" in line and "the roles need an identity; --set auth=... changes it" in line


@pytest.mark.parametrize(("options", "port"), [([], 8000), (["--accept-weak"], 8123)])
def test_a_weak_value_is_rendered_only_when_confirmed(tmp_path: Path, options: list[str], port: int) -> None:
    body = 'We build a FastAPI service.\n\n```python\nuvicorn.run(app, host="0.0.0.0", port=8123)\n```\n'
    agent = write_agent(tmp_path, body=body, name="weak.md")
    result = runner.invoke(app, ["new", "svc", "--agent", str(agent), "--no-git", "--no-lock", *options])
    assert result.exit_code == 0, result.output
    answers = (tmp_path / "svc" / ".copier-answers.yml").read_text(encoding="utf-8")
    assert f"port: {port}\n" in answers
    assert f"--port {port}" in (tmp_path / "svc" / "README.md").read_text(encoding="utf-8")
    weak_section = "Weak in the agent, not used" in result.stdout
    assert weak_section == (not options)
    if not options:
        [line] = [line for line in result.stdout.splitlines() if line.strip().startswith("port ") and "8123" in line]
        assert "line 4" in line


def test_the_plan_lists_what_the_agent_leaves_open(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, body="- Background jobs: Celery ou arq (ainda não decidimos)\n", name="open.md")
    result = runner.invoke(app, ["new", "svc", "--agent", str(agent), "--no-git", "--no-lock"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("Left open by the agent"))
    assert lines[heading + 1].strip().startswith("task_queue: the file names")


def test_the_plan_leaves_out_defaults_of_features_the_project_lacks(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, body="We build a FastAPI service on PostgreSQL.\n", name="plain.md")
    result = runner.invoke(app, ["new", "svc", "--agent", str(agent), "--no-git", "--no-lock"])
    assert result.exit_code == 0, result.output
    shown = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ") and line.strip()}
    assert {"port", "venv_dir", "task_queue"} <= shown  # the defaults that shape this project
    assert not shown & {"broker", "celery_beat", "task_monitor", "tasks_dir", "worker_module"}
    assert not shown & {"admin_role", "default_role", "public_reads"}


def test_the_plan_shows_the_defaults_of_a_feature_the_agent_states(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, body="- Background jobs: Celery workers.\n", name="jobs.md")
    result = runner.invoke(app, ["new", "svc", "--agent", str(agent), "--no-git", "--no-lock"])
    assert result.exit_code == 0, result.output
    shown = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ") and line.strip()}
    assert {"task_queue", "broker", "tasks_dir", "worker_module"} <= shown


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("CLAUDE.md", "CLAUDE.md"),
        (".github/copilot-instructions.md", ".github/copilot-instructions.md"),
        ("notes/backend-rules.md", ".claude/agents/backend-rules.md"),
    ],
)
def test_the_agent_file_keeps_the_place_its_tool_reads(tmp_path: Path, name: str, home: str) -> None:
    agent = write_agent(tmp_path / "from", body="# Backend rules\n\nWe build a FastAPI service.\n", name=name)
    result = runner.invoke(app, ["new", str(tmp_path / "svc"), "--agent", str(agent), "--no-git", "--no-lock"])
    assert result.exit_code == 0, result.output
    placed, written = (tmp_path / "svc" / home).read_text(), agent.read_text()
    if home.startswith(".claude/"):  # a subagent Claude Code loads: the text after name and description
        assert placed.startswith('---\nname: "backend-rules"\ndescription: ') and placed.endswith(written)
    else:
        assert (tmp_path / "svc" / home).read_bytes() == agent.read_bytes()
    answers = (tmp_path / "svc" / ".copier-answers.yml").read_text(encoding="utf-8")
    assert f"agent_file: {home}\n" in answers
    assert (tmp_path / "svc" / ".claude").exists() == home.startswith(".claude/")


def test_a_file_that_governs_its_folder_stays_there_unless_set_moves_the_root(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    agent = write_agent(tmp_path / "repo", body="# Orders\n\nWe build a FastAPI service.\n", name="api/AGENTS.md")
    placed = {}
    for name, sets in (("kept", []), ("moved", ["--set", "layout_root=backend"])):
        args = ["new", str(tmp_path / name), "--agent", str(agent), "--no-git", "--no-lock", *sets]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        answers = (tmp_path / name / ".copier-answers.yml").read_text(encoding="utf-8")
        placed[name] = next(line for line in answers.splitlines() if line.startswith("agent_file: "))
    assert placed == {"kept": "agent_file: api/AGENTS.md", "moved": "agent_file: .claude/agents/orders.md"}


def test_inspect_loads_no_answer_models(tmp_path: Path) -> None:
    # The answers' pydantic models cost inspect about 80 ms of a 150 ms start; only a plan needs them.
    probe = (
        "import sys\n"
        "from scaffold.cli import app\n"
        "for extra in ([], ['--json']):\n"
        "    try:\n"
        "        app(['inspect', '--agent', 'backend-engineer', *extra])\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "print('scaffold.answers' in sys.modules, 'scaffold.planning' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert done.stdout.splitlines()[-1] == "False False"


@pytest.mark.parametrize("command", ["new", "update", "check", "smoke", "inspect"])
def test_help_names_each_value_as_the_readme_heading_does(command: str) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    heading = next(line for line in readme.splitlines() if line.startswith(f"### `scaffold {command} "))
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0, result.output
    shown = re.findall(r"^\s+(?:-\w, )?(--[\w-]+) ([A-Z][A-Za-z|=]*)", result.stdout, flags=re.M)
    for option, metavar in shown:
        if option in heading:
            assert f"{option} {metavar}" in heading, (option, metavar, heading)
    arguments = re.findall(r"^Usage: scaffold \w+ \[OPTIONS\] [\[{]?([A-Z]+)", result.stdout, flags=re.M)
    assert shown or arguments, result.stdout
    assert all(name in heading for name in arguments), (arguments, heading)


def test_new_finishes_when_the_reader_of_its_output_goes_away(tmp_path: Path) -> None:
    # `scaffold new ... | head -1`: the plan fills the pipe, head exits, the project is still made.
    command = [sys.executable, "-m", "scaffold", "new", "svc", "--agent", "backend-engineer", "--no-lock", "--no-git"]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert first.startswith(b"From the agent")
    assert code == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors
    assert (tmp_path / "svc" / "backend" / "app" / "main.py").is_file()


def test_a_bug_exits_with_its_own_code_after_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `scaffold check` exits 1 for drift: a crash must not read as drift in CI.
    import signal

    from scaffold.cli import run

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("scaffold.discovery.resolve_agent", broken)
    monkeypatch.setattr(sys, "argv", ["scaffold", "inspect", "--agent", "backend-engineer"])
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave pytest's own Ctrl-C handler alone
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 70
    errors = capsys.readouterr().err
    assert "Traceback" in errors and "RuntimeError: boom" in errors
    assert errors.rstrip().splitlines()[-1].startswith("error: scaffold failed (RuntimeError): a bug")
