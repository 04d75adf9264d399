"""The template itself: every supported combination renders code that passes ruff, and every file
of the template is rendered by at least one of them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from combinations import COMBINATIONS, PAIRWISE

from scaffold.answers import Answers, PackageManager
from scaffold.resources import template_root
from scaffold.template import template_source

RUFF = [sys.executable, "-m", "ruff"]


class Rendered:
    """Every combination rendered once, and the template files Copier read to do it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.projects: dict[str, Path] = {}
        self.read: set[str] = set()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    import copier
    from copier._jinja_ext import CopierTemplateLoader
    from copier._main import Worker

    result = Rendered(tmp_path_factory.mktemp("combinations"))
    load, render_file = CopierTemplateLoader.get_source, Worker._render_file

    def recording_load(self: Any, environment: Any, name: str) -> Any:
        result.read.add(name)
        return load(self, environment, name)

    def recording_render(self: Any, src_relpath: Path, *args: Any, **kwargs: Any) -> Any:
        result.read.add(src_relpath.as_posix())
        return render_file(self, src_relpath, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch, template_source() as source:
        patch.setattr(CopierTemplateLoader, "get_source", recording_load)
        patch.setattr(Worker, "_render_file", recording_render)
        for name, answers in COMBINATIONS.items():
            target = result.folder / name
            data = {"project_name": name, **answers}
            copier.run_copy(source, target, data=data, defaults=True, quiet=True, unsafe=False)
            result.projects[name] = target / str(answers.get("layout_root", "."))
    yield result


def template_files() -> set[str]:
    """Every file of the template, relative to its root (``template/...``)."""
    root = template_root()
    return {p.relative_to(root).as_posix() for p in (root / "template").rglob("*") if p.is_file()}


def test_every_template_file_is_rendered_by_a_combination(rendered: Rendered) -> None:
    unread = sorted(template_files() - rendered.read)
    assert unread == [], "no combination in tests/combinations.py renders these"


def test_every_combination_passes_ruff(rendered: Rendered) -> None:
    roots = [str(path) for path in rendered.projects.values()]
    check = subprocess.run([*RUFF, "check", "--no-cache", *roots], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout[-4000:]
    formatted = subprocess.run(
        [*RUFF, "format", "--check", "--no-cache", *roots], capture_output=True, text=True, check=False
    )
    assert formatted.returncode == 0, formatted.stdout[-4000:]


def test_no_bullet_of_a_generated_guide_is_said_twice(rendered: Rendered) -> None:
    for name in rendered.projects:
        for guide in sorted((rendered.folder / name).rglob("*.md")):
            bullets = [line for line in guide.read_text().splitlines() if line.startswith("- ")]
            repeated = sorted({line for line in bullets if bullets.count(line) > 1})
            assert repeated == [], f"{name}: {guide.name} repeats {repeated[:2]}"


def test_the_pairwise_subset_and_the_bundled_agents_cover_every_pair_of_the_code_axes() -> None:
    from scaffold.extraction import extract_conventions
    from scaffold.planning import plan_answers
    from scaffold.smoke.targets import agent_targets

    axes = ("orm", "async_db", "layering")
    chosen = [Answers(project_name="svc", **COMBINATIONS[name]) for name in PAIRWISE]
    agents = [plan_answers(extract_conventions(t.agent), project_name="svc").answers for t in agent_targets(["all"])]
    rows = [(a.orm, a.async_db, _layering(a)) for a in chosen + agents]
    values = [sorted({row[i] for row in map(_axes, COMBINATIONS.values())}, key=str) for i in range(3)]
    for i in range(3):
        for j in range(i + 1, 3):
            wanted = {(x, y) for x in values[i] for y in values[j]}
            assert wanted <= {(row[i], row[j]) for row in rows}, f"{axes[i]} x {axes[j]}"


def test_the_pairwise_subset_runs_both_task_queues_and_rabbitmq() -> None:
    chosen = [Answers(project_name="svc", **COMBINATIONS[name]) for name in PAIRWISE]
    assert {a.task_queue for a in chosen} >= {"celery", "arq"}
    assert any(a.broker == "rabbitmq" and a.task_queue == "celery" for a in chosen)


def _axes(answers: dict[str, Any]) -> tuple[object, object, str]:
    full = Answers(project_name="svc", **answers)
    return full.orm, full.async_db, _layering(full)


def _layering(answers: Answers) -> str:
    if not answers.service_layer:
        return "crud"
    return "repository" if answers.repository_pattern else "service"


def test_each_combination_is_valid_for_the_answers_model() -> None:
    for name, answers in COMBINATIONS.items():
        Answers(project_name=name, **answers)


@pytest.mark.parametrize("name", sorted(COMBINATIONS))
def test_each_combination_renders_its_layout(rendered: Rendered, name: str) -> None:
    answers = Answers(project_name=name, **COMBINATIONS[name])
    package = rendered.projects[name] / answers.app_package
    assert (package / "main.py").is_file()
    assert (package / f"{answers.db_module}.py").is_file()
    assert (package / f"{answers.deps_module}.py").is_file()
    assert (package / answers.routes_dir / "items.py").is_file()
    assert (rendered.projects[name] / answers.migrations_dir / "env.py").is_file()
    for parent in _parents(answers):
        assert (package / parent / "__init__.py").is_file(), parent


def test_libraries_get_no_settings_and_services_get_theirs(rendered: Rendered) -> None:
    mixed = rendered.projects["sqlmodel-async-service"]  # supabase, openai, stripe, vercel-blob, langchain
    config = next(mixed.rglob("core/config.py")).read_text()
    assert "OPENAI_API_KEY: SecretStr | None = None" in config and "LANGCHAIN" not in config
    assert (
        "- langchain: no settings of its own" in (rendered.folder / "sqlmodel-async-service" / "AGENTS.md").read_text()
    )
    libraries = rendered.projects["sqlmodel-sync-crud"]  # ffmpeg and spacy alone
    config = next(libraries.rglob("core/config.py")).read_text()
    assert "_API_KEY" not in config and "SecretStr" not in config
    assert not list(libraries.rglob("test_integrations.py"))
    assert "# Third-party services" not in (libraries / ".env.example").read_text()


def _parents(answers: Answers) -> set[str]:
    paths = [answers.routes_dir + "/x", answers.db_module, answers.deps_module, answers.models_dir + "/x"]
    return {"/".join(p.split("/")[:depth]) for p in paths for depth in range(1, len(p.split("/")))} - {""}


HOSTILE_DESCRIPTION = 'x"""; import os; os.system("touch PWNED"); """ \\ \' $(touch PWNED) `id` {{ 7 * 7 }} <b>&'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import copier

    target = tmp_path_factory.mktemp("hostile")
    with template_source() as source:
        data = {"project_name": "svc", "description": HOSTILE_DESCRIPTION, "layout_root": "backend"}
        copier.run_copy(source, target, data=data, defaults=True, quiet=True, unsafe=False)
    return target


def test_free_text_reaches_no_python_code(hostile: Path) -> None:
    import ast

    for module in hostile.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and "system" in ast.dump(node.func)]
        assert calls == [], module
    assert not list(hostile.rglob("PWNED"))


def test_free_text_stays_itself_in_toml_and_yaml(hostile: Path) -> None:
    import tomllib

    import yaml

    pyproject = tomllib.loads((hostile / "backend" / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == HOSTILE_DESCRIPTION
    answers = yaml.safe_load((hostile / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["description"] == HOSTILE_DESCRIPTION


def test_free_text_is_not_in_any_shell_command(hostile: Path) -> None:
    from scaffold.render import next_steps

    for block in next_steps(hostile):
        assert "PWNED" not in block and "$(" not in block
        checked = subprocess.run(["bash", "-n", "-c", block], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr


def test_every_package_manager_file_defines_the_same_macros() -> None:
    """The seam every shared file imports as `pm`: one file per package_manager, the same macros."""
    folder = template_root() / "template" / "includes" / "package"
    macros = {p.stem: set(re.findall(r"\{%-? macro (\w+)\(", p.read_text())) for p in folder.glob("*.jinja")}
    assert set(macros) == set(get_args(PackageManager))
    assert macros["uv"] == macros["poetry"] == macros["pip"]
