"""Folder names that tell a reader what a path is: an entry point, a backend root, a layer."""

from __future__ import annotations

ENTRYPOINTS = frozenset({"main.py", "asgi.py"})
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
        "media",
        "assets",
        "logs",
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
    }
)
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
