"""Folder names that tell a reader what a path is: an entry point, a backend root, a layer."""

from __future__ import annotations

ENTRYPOINTS = frozenset({"main.py", "asgi.py", "app.py", "manage.py"})
ROOT_ENTRYPOINTS = frozenset({"manage.py"})
"""Entry points that sit in the layout root beside the packages, never inside one (Django's)."""
BACKEND_NAMES = frozenset({"backend", "server", "api-server", "backend-api"})
NOT_MODULES = frozenset(
    {
        "alembic",
        "migrations",
        "tests",
        "test",
        "scripts",
        "docs",
        "doc",
        "tools",
        "bin",
        "deploy",
        "deployment",
        "infra",
        "docker",
        "k8s",
        "helm",
        "rest",
        "http",
        "static",
        "templates",
        "public",
        "locale",
        "media",
        "assets",
        "logs",
        "htmlcov",
        "certs",
        "notebooks",
        "node_modules",
        "venv",
        "env",
        "supabase",
        "frontend",
        "web",
        "client",
        "versions",
        "__pycache__",
        # a browser framework's name (\`svelte/prefer-svelte-reactivity\` is a lint rule's id)
        "react",
        "svelte",
        "vue",
        "angular",
        # git branch prefixes ("`feature/`, `fix/`, `chore/`"): names of branches, not folders
        "feat",
        "feature",
        "fix",
        "bugfix",
        "hotfix",
        "chore",
    }
)
FRONTEND_NAMES = frozenset({"frontend", "web", "client", "webapp", "mobile"})
"""Folders of a browser or mobile client: nothing under them is the backend's code."""
MONOREPO_CONTAINERS = frozenset({"apps", "packages", "projects"})
"""Folders of a monorepo whose children are projects: ``apps/api/main.py`` is the ``apps/api`` project's
entry point, not a package ``api`` in ``apps``."""
DOC_FOLDERS = frozenset({"docs", "doc", "documentation"})
"""Folders of a project's documentation: a file there describes the project around them."""
DATA_FOLDERS = frozenset({"uploads", "logs", "media"})
"""Folders that hold files the running app writes: a path through one (``data/uploads``) is data, not code."""
NOT_IN_PACKAGE = NOT_MODULES - {"tools", "scripts"}
"""Inside the package a folder of tools or scripts is code of the package (an AI backend's
``app/tools/``); templates and static files stay out of the layout wherever they are."""
STRUCTURAL = frozenset(
    {
        "api",
        "routes",
        "routers",
        "endpoints",
        "v1",
        "v2",
        "v3",
        "models",
        "schemas",
        "request",
        "response",
        "requests",
        "responses",
        "services",
        "repositories",
        "crud",
        "core",
        "db",
        "database",
        "deps",
        "dependencies",
        "middleware",
        "middlewares",
        "tasks",
        "workers",
        "utils",
    }
)
LAYER_PACKAGES = frozenset(
    {"api", "v1", "v2", "v3", "routes", "routers", "endpoints", "models", "schemas", "services", "repositories", "crud"}
    | {"tasks", "workers"}
)
"""Layers kept as folders of modules: ``from app.services import orders`` imports a module, while
``from app.database import get_db`` imports a function from ``database.py``."""
ROOT_FOLDERS = frozenset({"alembic", "migrations"})
"""Folders beside the package whose name the project keeps (the Alembic folder)."""
CONTAINERS = frozenset({"src", "apps", "services", "packages", "libs", "projects", "python"})
"""Folders that hold projects or packages rather than being one."""
REPO_MARKERS = frozenset(
    {
        "readme.md",
        "license",
        "makefile",
        ".github",
        ".gitignore",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        "render.yaml",
        "fly.toml",
        "infra",
        "frontend",
        "web",
        "packages",
        ".env.example",
        ".env",
        "pyproject.toml",
        "requirements.txt",
        "setup.py",
        "uv.lock",
        "poetry.lock",
        "dockerfile",
    }
)
"""Children that show a tree's single top folder is the repository itself (its name, not a path)."""
PLACEHOLDER_ROOTS = frozenset(
    {"project", "project_name", "project-name", "my_project", "my-project", "myproject", "your_project"}
    | {"your-project", "project_root", "project-root", "repo", "repo_root", "repository", "root"}
)
"""Top folders a generic layout draws for whatever repository follows it (``project/`` over ``src/``)."""
PLACEHOLDER_MODULES = frozenset(
    {"module_name", "package_name", "app_name", "feature_name", "domain_name", "service_name", "resource_name"}
    | {"your_app", "your_package", "your_module", "my_app", "my_package", "my_module", "myapp", "mypackage"}
)
"""Folder names a generic layout uses for any module (``src/module_name/``): they name no real folder."""
PROJECT_CHILDREN = REPO_MARKERS | {"src", "tests", "docs", "alembic"}
"""Children that show a placeholder top folder (``project/``) stands for the repository."""
