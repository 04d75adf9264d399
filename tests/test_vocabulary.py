from __future__ import annotations

import pytest

from scaffold.extraction.document import Line
from scaffold.extraction.rules import Hit, Rule, scan
from scaffold.extraction.vocabulary import TABLE

RULES = {r.name: r for r in TABLE}


def code(text: str, lang: str = "python") -> Line:
    return Line(number=1, text=text, code=True, lang=lang)


def under(heading: str, text: str) -> Line:
    return Line(number=1, text=text, headings=(heading,))


def as_line(line: str | Line) -> Line:
    return Line(number=1, text=line) if isinstance(line, str) else line


def values(line: str | Line, current: Rule) -> list[object]:
    """The values ``current`` supports on ``line`` (rejections left out)."""
    return [hit.value for hit in scan([as_line(line)], [current]) if not hit.negated]


def hits(text: str, field: str) -> list[Hit]:
    """Every hit the whole table makes on one prose line for ``field``."""
    return [hit for hit in scan([as_line(text)], TABLE) if hit.field == field]


Case = tuple[str | Line, object, str | Line]

# rule name -> (a line the rule must match, the value it must support, a line that must not support it)
CASES: dict[str, Case] = {
    # framework
    "fastapi": ("You are an expert FastAPI backend engineer.", "fastapi", "Design fast APIs with low latency"),
    "django": ("Built with Django 5 and Django REST Framework.", "django", "Use the Django ORM for all queries"),
    "flask": ("This service is a Flask application.", "flask", "Do not use Flask; this is a FastAPI service."),
    "litestar": ("Framework: Litestar 2.x with msgspec", "litestar", "Never use Litestar-specific DTOs"),
    "starlette": ("Write middleware as pure ASGI Starlette middleware", "starlette", "Don't import from starlette"),
    "sanic": ("Sanic web server with async handlers", "sanic", "Sanitize all user input before queries"),
    "gin": ("We write Go services with gin", "gin", "Serve a gin and tonic at the launch"),
    "express": ("A Node API on Express with TypeScript", "express", "Express your intent in each commit"),
    "nestjs": ("The API is a NestJS application", "nestjs", "Nest the routers under the api package"),
    "spring": ("Services are Spring Boot 3 applications", "spring", "Spring cleaning of stale branches"),
    "rails": ("Rails controllers stay thin", "rails", "Guard rails keep the deploy safe"),
    "laravel": ("The backend is a Laravel 11 app", "laravel", "Lay out the package by feature"),
    "aspnet": ("Endpoints are ASP.NET Core minimal APIs", "aspnet", "Aspects of the net result"),
    # orm
    "sqlalchemy": (
        "ORM: SQLAlchemy 2.0 with typed Mapped[] columns",
        "sqlalchemy",
        "Use SQLModel instead of SQLAlchemy",
    ),
    "sqlmodel": ("Define tables with SQLModel (table=True)", "sqlmodel", "Keep the SQL model layer separate"),
    "tortoise": ("Tortoise ORM for async models", "tortoise", "Do not use Tortoise ORM"),
    "django_orm": ("Use the Django ORM; avoid raw SQL.", "django-orm", "Django REST Framework serializers"),
    "beanie": ("MongoDB via Beanie ODM", "beanie", "Use Motor directly without Beanie"),
    "peewee": ("Peewee models in models.py", "peewee", "Use SQLAlchemy rather than Peewee"),
    "piccolo": ("Piccolo ORM with piccolo migrations", "piccolo", "Avoid Piccolo"),
    "ormar": ("ormar models on top of SQLAlchemy core", "ormar", "Do not use ormar."),
    "no_orm": ("No ORM: raw SQL through asyncpg only.", "none", "No ORM queries in routers; call the service layer"),
    # async_db
    "async_session": ("Inject AsyncSession via Depends(get_db)", True, "Use Session from sqlalchemy.orm"),
    "async_orm_words": (
        "Database: PostgreSQL with async SQLAlchemy",
        True,
        "Write async route handlers; the database layer uses SQLAlchemy",
    ),
    "async_all_io": ("Use async/await for all I/O operations", True, "Use async for all endpoints"),
    "async_driver": ("Driver: asyncpg", True, "Driver: psycopg2"),
    "await_session": (
        code("    result = await session.execute(select(User))"),
        True,
        code("    result = session.execute(select(User))"),
    ),
    "sync_session": (
        code("from sqlalchemy.orm import Session"),
        False,
        code("async def get_user(db: AsyncSession = Depends(get_db)):"),
    ),
    "sync_calls": (code("    db.commit()"), False, code("    await db.commit()")),
    "sync_words": ("Use synchronous SQLAlchemy sessions with a threadpool", False, "Use async database sessions"),
    "sync_backend": ("Backend: FastAPI (Python sync), no async def", False, "Keep the docs in sync with the code"),
    "sync_driver": ("Driver: psycopg2", False, "Driver: psycopg 3"),
    # database
    "postgresql": ("Database: PostgreSQL 16", "postgresql", "PostgreSQL is not used; data lives in MySQL"),
    "postgres_driver": ("asyncpg connection pool", "postgresql", "aiosqlite for tests"),
    "mysql": ("Database: MySQL 8", "mysql", "PostgreSQL only, not MySQL"),
    "mysql_driver": ("Driver: aiomysql", "mysql", "Driver: asyncpg"),
    "sqlite": ("SQLite for local development and tests", "sqlite", "Driver: aiosqlite"),
    "sqlite_driver": ("aiosqlite for the test database", "sqlite", "Use the stdlib sqlite3 module for scripts"),
    "mongodb": ("MongoDB with Motor", "mongodb", "Mongoose schemas live in the Node service"),
    "mssql": ("Database: SQL Server 2022", "mssql", "MySQL server runs in Docker"),
    "oracle": ("Data lives in an Oracle DB (python-oracledb)", "oracle", "A test oracle compares the output"),
    # db_driver
    "asyncpg": ("Use asyncpg as the driver", "asyncpg", "Use psycopg as the driver"),
    "psycopg": ("Driver: psycopg 3 (psycopg[binary])", "psycopg", "Driver: psycopg2"),
    "psycopg2": ("psycopg2-binary for the sync scripts", "psycopg2", "Driver: psycopg 3"),
    "aiosqlite": ("aiosqlite in tests", "aiosqlite", "Use the stdlib sqlite3 module for scripts"),
    "aiomysql": ("Driver: aiomysql", "aiomysql", "Driver: asyncmy"),
    "pymysql": ("PyMySQL for sync scripts", "pymysql", "Driver: aiomysql"),
    "asyncmy": ("Driver: asyncmy", "asyncmy", "Driver: aiomysql"),
    # migrations
    "alembic": ("Migrations: Alembic (autogenerate, then review)", "alembic", "Use Supabase migrations, not Alembic"),
    "aerich": ("Run aerich migrate after model changes", "aerich", "Run alembic revision --autogenerate"),
    "django_migrations": (
        "Run python manage.py makemigrations after model changes",
        "django",
        "Django app; migrations via Alembic",
    ),
    "supabase_migrations": (
        "Schema changes go in Supabase migrations under supabase/migrations/",
        "supabase",
        "Supabase Auth for login; migrations with Alembic",
    ),
    "no_migrations": (
        "No migrations: the schema is created with create_all()",
        False,
        "no manual migrations; always autogenerate",
    ),
    # task_queue
    "celery": ("Background jobs run on Celery workers", "celery", "Use ARQ instead of Celery"),
    "arq": ("Task queue: ARQ (async Redis queue)", "arq", "Task queue: Celery (not ARQ)"),
    "rq": ("Background jobs with RQ workers", "rq", "Task queue: Celery with Redis as broker"),
    "dramatiq": ("Dramatiq actors for background work", "dramatiq", "Avoid Dramatiq"),
    "taskiq": ("Task queue: TaskIQ with a Redis broker", "taskiq", "Use task queues sparingly"),
    "huey": ("Huey for periodic tasks", "huey", "Don't add Huey"),
    "apscheduler": ("Scheduled jobs run with APScheduler", "apscheduler", "No APScheduler: cron runs the jobs"),
    "background_tasks": (
        "Use FastAPI's background tasks for sending emails",
        "background-tasks",
        "Run long background tasks in Celery, not in the request",
    ),
    "no_task_queue": ("No task queue: everything runs inside the request.", False, "Gunicorn with 4 Uvicorn workers"),
    # broker
    "redis_queue": ("Celery with Redis as the broker", "redis", "Redis for caching and session storage"),
    "rabbitmq": ("RabbitMQ as the Celery broker", "rabbitmq", "Use Redis, not RabbitMQ"),
    "valkey_queue": ("arq jobs, backed by Valkey", "valkey", "Valkey holds the sessions"),
    "valkey_cache": ("Valkey for caching hot reads", "valkey", "Valkey holds the sessions"),
    "motor": ("MongoDB through Motor, the async driver", "motor", "The motor pool is a MongoDB collection"),
    "tables_at_startup": ("Tables are created at startup; no Alembic yet", False, "Tables are created by Alembic"),
    "kafka": ("Publish domain events to Kafka", "kafka", "No Kafka; Redis streams are enough"),
    "nats": ("Events are published on NATS subjects", "nats", "Outbound traffic goes through the NAT gateway"),
    "sqs": ("Queue: AWS SQS via aioboto3", "sqs", "AWS SNS for fan-out notifications"),
    # celery_beat
    "celery_beat": ("Periodic jobs are scheduled with Celery beat", True, "Celery workers send a heartbeat every 10s"),
    # task_monitor
    "flower_with_celery": (
        "Task queue: Celery with worker, beat, and flower",
        "flower",
        "Celery tasks resize each flower photo",
    ),
    "flower_command": (
        code("celery -A app.worker flower --port=5555", "bash"),
        "flower",
        code("celery -A app.worker worker --loglevel=info", "bash"),
    ),
    "flower_monitor": ("Monitor tasks with Flower dashboard", "flower", "Monitor orders on the flower shop dashboard"),
    "flower_listed": ("Stack: FastAPI, PostgreSQL, Redis, Flower", "flower", "Product types: Plant, Flower, Gift card"),
    # cache
    "redis_cache": ("Redis for caching hot queries", "redis", "Redis for session storage"),
    "redis_cache_backend": (
        "CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache'}}",
        "redis",
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}",
    ),
    "redis_in_cache_section": (
        under("Caching", "- Redis 7, keys prefixed by service name"),
        "redis",
        under("Background jobs", "- Redis 7, keys prefixed by service name"),
    ),
    "memcached": ("Memcached for page fragments", "memcached", "Use Redis instead of Memcached"),
    "memory_cache": (
        "In-memory cache (cachetools TTLCache) for config lookups",
        "memory",
        "In-memory SQLite database for tests",
    ),
    # rate_limiting
    "rate_limit": (
        "Rate-limit login attempts with slowapi",
        True,
        "Retry OpenAI calls with backoff when you hit rate limits",
    ),
    # auth
    "jwt": ("Auth: JWT access tokens (PyJWT)", "jwt", "Auth via Clerk; verify the Clerk JWT in a dependency"),
    "refresh_token": ("Rotate refresh tokens on every use", "refresh-token", "Refresh the JWKS cache every hour"),
    "api_key": ("Auth: API keys in the X-API-Key header", "api-key", "Read OPENAI_API_KEY from the environment"),
    "oauth2": (
        "OAuth2 password flow with OAuth2PasswordBearer",
        "oauth2",
        "Send the token in the Authorization header",
    ),
    "clerk": ("Authentication is handled by Clerk", "clerk", "The billing clerk role can view invoices"),
    "auth0": ("Auth0 for login; validate tokens with the JWKS", "auth0", "OAuth 2.0 authorization code flow"),
    "supabase_auth": ("Supabase Auth handles sign-up", "supabase", "Supabase Postgres for data; auth with JWT"),
    "firebase_auth": ("Firebase Authentication for users", "firebase", "Firebase Cloud Messaging for push"),
    "cognito": ("AWS Cognito user pools", "cognito", "Test the login page in an incognito window"),
    "better_auth": ("Better Auth on the Next.js side", "better-auth", "Return better authentication error messages"),
    "otp": ("Users sign in with a one-time code sent by SMS", "otp", "Rotate the SMTP password yearly"),
    "magic_link": ("Passwordless login via magic links", "magic-link", "Avoid magic numbers and hard-coded links"),
    "session_auth": (
        "Session-based auth with HttpOnly session cookies",
        "session",
        "One database session per request",
    ),
    # rbac
    "rbac": ("Role-based access control with require_roles", True, "Check object permissions in a dependency"),
    # type_checker
    "mypy": ("Type checking: mypy --strict", "mypy", "Type checking: BasedPyright (NOT mypy)"),
    "pyright": ("Type checking: pyright in strict mode", "pyright", "Type checking: basedpyright"),
    "basedpyright": ("Type checking: BasedPyright (NOT mypy)", "basedpyright", "Type checking: pyright strict"),
    "pyrefly": ("Run pyrefly check before commit", "pyrefly", "Run pyright before commit"),
    # linter / formatter
    "ruff_check": ("Lint with `ruff check --fix`", "ruff", "Format with `ruff format`"),
    "ruff_named": ("Linting: Ruff (replaces flake8 and isort)", "ruff", "Formatting: Ruff (line length 100)"),
    "ruff_format": ("Format with `ruff format .`", "ruff", "Lint with `ruff check .`"),
    "ruff_formatter": ("Formatter: Ruff", "ruff", "Ruff for linting, Black for formatting"),
    "flake8": ("Lint: flake8 with the bugbear plugin", "flake8", "Linting: Ruff (replaces flake8 and isort)"),
    "pylint": ("Lint: pylint with the project .pylintrc", "pylint", "Avoid pylint; ruff covers it"),
    "black_named": ("Formatter: Black (line length 88)", "black", "Blacklist disposable email domains"),
    "black_command": ("Run `black .` before committing", "black", "Keep black-box tests in tests/e2e"),
    "black_shell": (
        code("poetry run black app tests", "bash"),
        "black",
        code("poetry run blacken-docs README.md", "bash"),
    ),
    "async_db_operations": (
        "All DB operations run in async functions",
        True,
        "DB operations are logged; jobs are async",
    ),
    "async_orm_named": ("MongoDB via Beanie (async, Motor underneath)", True, "Beanie documents model the catalog"),
    "queue_with_redis": ("- Celery + Redis (async tasks)", "redis", "- Celery workers, Redis cache"),
    "backed_by_redis": ("Background jobs: arq, backed by Redis.", "redis", "The cache is backed by Redis."),
    "async_words_elsewhere": ("SQLAlchemy asíncrono con asyncpg", True, "SQLAlchemy síncrono"),
    "flask_migrate": (
        "Schema changes go through Flask-Migrate",
        "flask-migrate",
        "Migrate the Flask views to blueprints",
    ),
    "django_test": ("Run `python manage.py test` before pushing", "django", "Run `pytest` before pushing"),
    "service_modules": ("Business rules sit in `orders/service.py`", True, "Settings live in `core/config.py`"),
    "service_calls": (code("    return order_service.create(db, data)"), True, code("    return crud.create(db)")),
    "layer_chain": ("Requests flow router → service → repository", True, "The router calls the database directly"),
    "repository_modules": ("Queries sit in `orders/repository.py`", True, "Queries sit in `orders/models.py`"),
    "repository_chain": ("Sempre passe pelo service e repository", True, "The service talks to the database"),
    "python_attribute": ('<language name="python" version="3.12" />', "3.12", '<tool name="node" version="3.12" />'),
    "poetry_python": ('python = "^3.11"', "3.11", 'black = "^24.1"'),
    "own_server_port": ("The frontend runs on 3000, the API on 8000", 8000, "The Ollama API on 11434"),
    "port_default": ("The API reads PORT and defaults to 8080", 8080, "Redis PORT defaults to 6379"),
    "mounted_under": ("All routes are mounted under `/api`", "/api", "Uploads are stored under /var/data/uploads.txt"),
    "integration_opentelemetry": ("Traces go out with OpenTelemetry", "opentelemetry", "Trace ids are logged"),
    "integration_mercado-pago": ("Providers: Stripe, Mercado Pago", "mercado-pago", "Payments go through Stripe"),
    "integration_sentry": ("Errors are reported to Sentry", "sentry", "Errors are logged"),
    "integration_datadog": ("Datadog collects the metrics", "datadog", "The dog endpoint is public"),
    "integration_telegram": ("Users sign in from the Telegram bot", "telegram", "Users sign in by email"),
    "integration_slack": ("Alerts go out through the Slack API", "slack", "Ask in the team Slack channel"),
    "integration_mapbox": ("Map tiles come from Mapbox", "mapbox", "Render a map of the depots"),
    "integration_cloudinary": ("Images are stored in Cloudinary", "cloudinary", "Images are stored on disk"),
    "integration_algolia": ("Search is powered by Algolia", "algolia", "Search uses PostgreSQL full-text"),
    "black_for_format": ("format code with black", "black", "Formatting: Ruff; black is not used"),
    "black_formatting_section": (
        Line(number=1, text="**black**, 88 columns.", headings=("Formatting",)),
        "black",
        Line(number=1, text="Keep black-box tests apart", headings=("Formatting",)),
    ),
    "yapf": ("Formatter: yapf (google style)", "yapf", "Use Ruff instead of yapf"),
    "autopep8": ("Run autopep8 --in-place on legacy files", "autopep8", "Follow PEP 8 naming"),
    # testing
    "pytest": ("Tests: pytest with httpx AsyncClient", "pytest", "Use unittest.TestCase subclasses"),
    "pytest_conftest": ("Shared fixtures live in tests/conftest.py", "pytest", "tests/test_items.py"),
    "unittest": (
        "Tests use the unittest framework",
        "unittest",
        "Mock external calls with unittest.mock.AsyncMock",
    ),
    "pytest_asyncio": (
        "Mark async tests with @pytest.mark.asyncio",
        True,
        "Use the anyio pytest plugin (@pytest.mark.anyio)",
    ),
    "pytest_async_support": (
        "Tests: pytest with async support",
        True,
        "Tests: pytest; the app supports async clients",
    ),
    "coverage_min": (
        "Maintain at least 85% test coverage",
        85,
        "Coverage reports go to htmlcov/; at least 3 tests per endpoint",
    ),
    # logging
    "structlog": ("Logging: structlog with JSON output", "structlog", "Use structured logging (JSON lines)"),
    "loguru": ("Use loguru's logger everywhere", "loguru", "Don't use loguru"),
    "stdlib_logging": (
        "Use Python's logging module with a JSON formatter",
        "stdlib",
        "Configure logging in core/logging.py",
    ),
    # python_version
    "python_version": ("Python 3.12+", "3.12", "Create the env with python3 -m venv .venv"),
    "requires_python": (
        code('requires-python = ">=3.11"', "toml"),
        "3.11",
        code('requires = ["hatchling>=1.25"]', "toml"),
    ),
    "target_version": (code('target-version = "py312"', "toml"), "3.12", code('"target": "ES2022",', "json")),
    # package_manager
    "uv": ("Use uv for dependency management (uv add, uv sync)", "uv", "Run the server with uvicorn"),
    "poetry": ("Dependencies managed with Poetry", "poetry", "Use uv, not Poetry"),
    "pdm": ("pdm install --dev", "pdm", "Use uv instead of PDM"),
    "pipenv": ("pipenv install --dev", "pipenv", "pip install -r requirements.txt"),
    "pip": ("pip install -r requirements.txt", "pip", "uv pip install -e ."),
    "conda": ("Environment managed with conda (environment.yml)", "conda", "uv-managed environment, no conda"),
    # api_prefix
    "versioned_path": (
        "All endpoints live under /api/v1",
        "/api/v1",
        "The upstream API is https://partner.example.com/api/v2/orders",
    ),
    "router_prefix": (
        code('router = APIRouter(prefix="/api/v1/users", tags=["users"])'),
        "/api/v1",
        code('router = APIRouter(prefix="/users", tags=["users"])'),
    ),
    "api_str_setting": ('API_V1_STR: str = "/api/v1"', "/api/v1", 'API_KEY_HEADER: str = "X-API-Key"'),
    "api_prefix_words": ("API prefix: /api", "/api", "API prefix is configurable via settings"),
    # port
    "server_port": ("uvicorn app.main:app --reload --port 8000", 8000, "uvicorn main:app --reload"),
    "port_words": ("The API runs on port 8000", 8000, "Postgres runs on port 5432"),
    "port_words_after": ("服务运行在 8080 端口", 8080, "Redis 运行在 6379 端口"),
    "backend_port": ("Ports: client `:3000`, backend `:8000`", 8000, "The backend calls redis :6379"),
    "local_url": ("API docs at http://localhost:8000/docs", 8000, "Frontend dev server at http://localhost:3000"),
    # venv_dir
    "venv_activate": ("source .venv/bin/activate", ".venv", "conda activate backend"),
    "venv_dir_slash": ("The virtualenv lives in .venv/ at the repo root", ".venv", "source .venv/bin/activate"),
    "venv_dir_named": ("Virtual environment: .venv", ".venv", "Add .venv to .gitignore"),
    "venv_create": ("python -m venv .venv", ".venv", "Create the environment with uv venv"),
    # deploy
    "docker": ("Ship as a Docker image built from the Dockerfile", "docker", "No Docker for local development"),
    "kubernetes": ("Deployed on Kubernetes via Helm charts", "kubernetes", "Set security headers like helmet does"),
    "render": ("Deployed on Render (render.yaml blueprint)", "render", "Render the email template with Jinja2"),
    "fly": ("Deploy to Fly.io with fly deploy", "fly", "Generate thumbnails on the fly"),
    "vercel": ("Frontend deployed on Vercel", "vercel", "Host uploads in the Vercel Blob store"),
    "heroku": ("Deploy to Heroku with a Procfile", "heroku", "Not on Heroku anymore: we deploy to Fly.io"),
    "systemd": ("Production runs as a systemd unit", "systemd", "Deploy with Docker Compose"),
    "railway": ("Hosted on Railway", "railway", "Railway-oriented error handling with returns.Result"),
    "aws_sam": ("Deploy with AWS SAM (sam deploy --guided)", "aws-sam", "Use the same build for staging and prod"),
    "aws_lambda": ("Runs on AWS Lambda via Mangum", "aws-lambda", "Avoid lambda functions as sort keys"),
    "aws": ("Deployed with Docker on AWS ECS.", "aws", "Uploads go to AWS S3; we deploy with Docker."),
    "gcp": ("Deployed to GCP", "gcp", "Files in Google Cloud Storage"),
    "cloud_run": ("Deployed to Google Cloud Run", "cloud-run", "Files in Google Cloud Storage"),
    "azure": ("Deployed to Azure Container Apps", "azure", "Store files in Azure Blob Storage"),
    # integrations
    "integration_stripe": ("Payments via Stripe Checkout", "stripe", "Strip trailing whitespace"),
    "integration_paddle": ("Subscriptions billed through Paddle", "paddle", "Use PaddleOCR for scanned invoices"),
    "integration_lemonsqueezy": ("Payments: Lemon Squeezy webhooks", "lemonsqueezy", "Payments: Stripe Billing"),
    "integration_paypal": ("Accept PayPal as a second payment method", "paypal", "Payments: Stripe only"),
    "integration_sendgrid": ("Transactional email via SendGrid", "sendgrid", "Send grid updates over WebSocket"),
    "integration_resend": (
        "Emails are sent with Resend",
        "resend",
        "Resend the verification email if the link has expired",
    ),
    "integration_mailgun": ("Mailgun for outbound email", "mailgun", "Outbound email via SMTP (Mailhog locally)"),
    "integration_postmark": ("Postmark for transactional email", "postmark", "Mark posts as read with PATCH"),
    "integration_ses": ("Email via Amazon SES", "ses", "Notifications via AWS SNS"),
    "integration_s3": ("Uploads are stored in S3", "s3", "Storage: Cloudflare R2 through its S3-compatible API"),
    "integration_vercel-blob": ("Files go to Vercel Blob", "vercel-blob", "Deployed on Vercel"),
    "integration_minio": ("MinIO for local object storage", "minio", "Storage: AWS S3 in production"),
    "integration_cloudflare-r2": ("Storage: Cloudflare R2", "cloudflare-r2", "Cloudflare in front of the API"),
    "integration_gcs": ("Uploads in Google Cloud Storage", "gcs", "Deploy to Google Cloud Run"),
    "integration_openai": ("LLM calls through the OpenAI Python SDK", "openai", "OpenAPI schema at /docs"),
    "integration_azure-openai": ("Completions come from Azure OpenAI", "azure-openai", "Completions from OpenAI"),
    "integration_vllm": ("The model is served by vLLM", "vllm", "The model is served by Ollama"),
    "integration_deepl": ("Translations come from DeepL", "deepl", "A deep learning model"),
    "integration_n8n": ("Workflows are orchestrated in n8n", "n8n", "Workflows run in Temporal"),
    "integration_wordpress": ("Posts are published to WordPress", "wordpress", "Posts are published to Ghost"),
    "port_setting": (code("API_PORT=8000"), 8000, code("REDIS_PORT=6379")),
    "integration_haystack": ("Retrieval pipelines are built with Haystack", "haystack", "A needle in a haystack"),
    "integration_docling": ("PDFs are converted with Docling", "docling", "PDFs are converted with pdfplumber"),
    "integration_anthropic": ("Claude via the Anthropic SDK", "anthropic", "Follow the conventions in CLAUDE.md"),
    "integration_gemini": ("Embeddings from Gemini", "gemini", "Summaries with GPT-4o"),
    "integration_mistral": ("Mistral models via La Plateforme", "mistral", "Mixtral served locally"),
    "integration_ollama": ("Run local models with Ollama", "ollama", "Use llama.cpp for local inference"),
    "integration_langchain": ("Chains built with LangChain", "langchain", "Agents orchestrated with LangGraph"),
    "integration_llamaindex": ("RAG with LlamaIndex", "llamaindex", "Index documents in Elasticsearch"),
    "integration_langgraph": ("Agents orchestrated with LangGraph", "langgraph", "Chains built with LangChain"),
    "integration_langsmith": ("Trace runs in LangSmith", "langsmith", "Trace runs in Langfuse"),
    "integration_langfuse": ("LLM tracing with Langfuse", "langfuse", "Trace runs in LangSmith"),
    "integration_supabase": ("Supabase for Postgres and storage", "supabase", "Postgres on Neon"),
    "integration_neon": ("Database hosted on Neon", "neon", "Neo4j graph database"),
    "integration_firebase": ("Push notifications through Firebase", "firebase", "Fire-and-forget tasks go to Celery"),
    "integration_planetscale": ("MySQL on PlanetScale", "planetscale", "MySQL on AWS RDS"),
    "integration_orval": ("Generate the TypeScript client with Orval", "orval", "Generate the client with openapi-ts"),
    "integration_mcp": ("Expose tools through an MCP server", "mcp", "Follow the MVC pattern"),
    "integration_twilio": ("SMS via Twilio", "twilio", "SMS via AWS SNS"),
    "integration_pinecone": ("Vectors in Pinecone", "pinecone", "Vectors in pgvector"),
    "integration_qdrant": ("Vector search with Qdrant", "qdrant", "Vector search with pgvector"),
    "integration_elasticsearch": (
        "Full-text search with Elasticsearch",
        "elasticsearch",
        "Full-text search with OpenSearch",
    ),
    # architecture
    "service_layer": ("Business logic lives in the service layer", True, "Call external services with httpx"),
    "repository_pattern": (
        "Data access goes through the repository layer",
        True,
        "Clone the repository and run uv sync",
    ),
    "keycloak": ("Tokens are issued by Keycloak", "keycloak", "Tokens are issued by the API"),
    "okta": ("Staff sign in through Okta", "okta", "Staff sign in with a password"),
    "workos": ("Enterprise SSO goes through WorkOS", "workos", "Enterprise SSO is planned"),
    "stytch": ("Passwordless sign-in uses Stytch", "stytch", "Passwordless sign-in uses email codes"),
    "kinde": ("Users sign in with Kinde", "kinde", "Users sign in with a kind message"),
    "nextauth": ("The frontend signs users in with NextAuth", "nextauth", "The frontend signs users in"),
    "azure_ad": ("Employees sign in with Microsoft Entra ID", "azure-ad", "Employees sign in on Azure VMs"),
    "paseto": ("Sessions are PASETO tokens", "paseto", "Sessions are opaque tokens"),
    "mtls": ("Agents connect over mTLS", "mtls", "Agents connect over TLS"),
    "ldap": ("Accounts are checked against LDAP", "ldap", "Accounts are checked against the database"),
    "saml": ("Single sign-on with SAML", "saml", "Single sign-on with the company account"),
    "valkey_in_cache_section": (under("Response Caching", "Keys live in Valkey"), "valkey", "Keys live in Valkey"),
    "portainer": ("Stacks are deployed with Portainer", "portainer", "Stacks are deployed by hand"),
    "ghcr": ("Images are pushed to ghcr.io", "ghcr", "Images are pushed to the registry"),
    "coolify": ("The API is deployed on Coolify", "coolify", "The API is deployed nightly"),
    "digitalocean": ("Production runs on a DigitalOcean droplet", "digitalocean", "Uploads go to DigitalOcean Spaces"),
    "pythonanywhere": ("The site is hosted on PythonAnywhere", "pythonanywhere", "The site is hosted anywhere"),
    "netlify": ("The frontend deploys to Netlify", "netlify", "The frontend deploys on merge"),
    "cloudflare_pages": ("Static pages ship on Cloudflare Pages", "cloudflare-pages", "Pages are static"),
    "cloudflare_tunnel": ("Exposed through a Cloudflare Tunnel", "cloudflare-tunnel", "Exposed through a tunnel"),
    "aws_cdk": ("Infrastructure is AWS CDK in infra/", "aws-cdk", "Infrastructure lives in infra/"),
    "traefik": ("Traefik routes traffic to the API", "traefik", "A proxy routes traffic to the API"),
    "caddy": ("Caddy terminates TLS in front of uvicorn", "caddy", "The caddy field holds a golf bag"),
    "dokku": ("Production runs on Dokku", "dokku", "Production runs on a VPS"),
    "black_beside_tools": ("- line-length: 100 (ruff + black)", "black", "- Dark mode uses a black background"),
    "flask_logger": ("Use `current_app.logger` for logging", "stdlib", "Use the audit log table"),
    "version_glob": ("│   └── v1/   # /v1/* (items, users)", "/v1", "│   └── v1/   # version one"),
    "lock_file": (code("├── uv.lock", ""), "uv", code("├── package-lock.json", "")),
    "requirements_file": ("Pin versions in requirements.txt", "pip", "Pin versions in pyproject.toml"),
    "integration_mollie": ("Payments go through Mollie", "mollie", "Payments go through the bank"),
    "integration_braintree": ("Cards are charged with Braintree", "braintree", "Cards are charged at checkout"),
    "integration_adyen": ("Adyen handles card payments", "adyen", "The shop handles card payments"),
    "integration_razorpay": ("Razorpay collects payments in India", "razorpay", "Collect payments in India"),
    "integration_brevo": ("Transactional mail goes out through Brevo", "brevo", "Mail goes out in a batch"),
    "integration_mailchimp": ("Newsletters are sent with Mailchimp", "mailchimp", "Newsletters are sent weekly"),
    "integration_mailjet": ("Mail is delivered by Mailjet", "mailjet", "Mail is delivered at night"),
    "integration_cohere": ("Embeddings come from Cohere", "cohere", "Keep the code coherent"),
    "integration_groq": ("Fast completions come from Groq", "groq", "Completions are cached"),
    "integration_huggingface": ("Models are pulled from Hugging Face", "huggingface", "Models are versioned"),
    "integration_transformers": ("Summaries run on HF Transformers", "transformers", "Data transformers are pure"),
    "integration_pytorch": ("Inference runs on PyTorch", "pytorch", "Inference runs in a worker"),
    "integration_tensorflow": ("The classifier is a TensorFlow model", "tensorflow", "The classifier flows"),
    "integration_onnx": ("The model is served with ONNX Runtime", "onnx", "The model is served over HTTP"),
    "integration_opencv": ("Images are cropped with OpenCV", "opencv", "Images are cropped on upload"),
    "integration_tesseract": ("Receipts are read with Tesseract", "tesseract", "Receipts are read by staff"),
    "integration_easyocr": ("Text is recognised with EasyOCR", "easyocr", "Text is recognised easily"),
    "integration_tavily": ("Web search goes through Tavily", "tavily", "Web search is not offered"),
    "integration_weaviate": ("Vectors are kept in Weaviate", "weaviate", "Vectors are kept in memory"),
    "integration_chroma": ("Embeddings are stored in ChromaDB", "chroma", "Colour and chromatic themes"),
    "integration_milvus": ("Similarity search runs on Milvus", "milvus", "Similarity search runs in SQL"),
    "integration_meilisearch": ("Search is served by Meilisearch", "meilisearch", "Search is served by SQL"),
    "integration_typesense": ("Typo-tolerant search uses Typesense", "typesense", "Type hints everywhere"),
    "integration_prometheus": ("Expose Prometheus metrics on /metrics", "prometheus", "- **Prometheus**: alerting"),
    "integration_deepseek": ("Summaries are written by DeepSeek", "deepseek", "Summaries go deep into the code"),
    "integration_qwen": ("Replies come from Qwen through DashScope", "qwen", "Replies come from the queue"),
    "integration_zhipu": ("Embeddings use ZhipuAI", "zhipu", "Embeddings use a local model"),
    "integration_siliconflow": ("Models are served by SiliconFlow", "siliconflow", "Models flow through silicon"),
    "integration_openrouter": ("Model calls go through OpenRouter", "openrouter", "Model calls open a router"),
    "integration_litellm": ("Providers are wrapped by LiteLLM", "litellm", "Providers are wrapped by hand"),
    "integration_voyage": ("Embeddings come from Voyage AI", "voyage", "A long voyage through the code"),
    "integration_jina": ("Reranking uses Jina AI", "jina", "Reranking uses a cross-encoder"),
    "integration_whisper": ("Audio is transcribed with Whisper", "whisper", "Never whisper secrets in logs"),
    "integration_elevenlabs": ("Speech is synthesised by ElevenLabs", "elevenlabs", "Eleven labs run the pilots"),
    "integration_deepgram": ("Calls are transcribed by Deepgram", "deepgram", "A deep diagram of the calls"),
    "integration_assemblyai": ("Meetings are transcribed by AssemblyAI", "assemblyai", "Assembly of the AI pipeline"),
    "integration_crewai": ("Agents are orchestrated with CrewAI", "crewai", "The crew reviews the AI output"),
    "integration_autogen": ("Agents talk through AutoGen", "autogen", "Ids are autogenerated"),
    "integration_dspy": ("Prompts are compiled with DSPy", "dspy", "Prompts are written by hand"),
    "integration_pydantic-ai": ("Agents are built with Pydantic AI", "pydantic-ai", "Schemas are built with Pydantic"),
    "integration_semantic-kernel": (
        "Plugins run in Semantic Kernel",
        "semantic-kernel",
        "Semantic versioning for the kernel",
    ),
    "integration_faiss": ("Vectors are indexed with FAISS", "faiss", "Vectors are indexed in SQL"),
    "integration_lancedb": ("Vectors are kept in LanceDB", "lancedb", "Vectors are kept in PostgreSQL"),
    "integration_sentence-transformers": (
        "Embeddings come from sentence-transformers",
        "sentence-transformers",
        "Transformers of sentences into tokens",
    ),
    "integration_spacy": ("Entities are tagged with spaCy", "spacy", "Keep a spacy layout"),
    "integration_ffmpeg": ("Thumbnails are cut with FFmpeg", "ffmpeg", "Thumbnails are cut with Pillow"),
    "integration_scrapy": ("Pages are crawled with Scrapy", "scrapy", "Pages are crawled with scrappy scripts"),
    "integration_beautifulsoup": ("HTML is parsed with BeautifulSoup", "beautifulsoup", "HTML is parsed with lxml"),
    "integration_yfinance": ("Prices come from yfinance", "yfinance", "Prices come from the finance team"),
    "integration_ccxt": ("Orders go to exchanges through ccxt", "ccxt", "Orders go to the exchange by hand"),
    "integration_binance": ("Trades are placed on Binance", "binance", "Trades are placed in binary"),
    "integration_discord": ("Alerts are posted through the Discord API", "discord", "Join the team on Discord"),
    "integration_whatsapp": ("Receipts are sent over WhatsApp", "whatsapp", "Receipts are sent by email"),
    "integration_kakao": ("Notices are sent through KakaoTalk", "kakao", "Notices are sent by SMS"),
    "integration_wechat": ("Users pay and sign in with WeChat", "wechat", "Users sign in with email"),
    "integration_feishu": ("Alerts are posted to Feishu", "feishu", "Alerts are posted to a channel"),
    "integration_dingtalk": ("Approvals arrive in DingTalk", "dingtalk", "Approvals arrive by email"),
    "integration_vonage": ("Codes are texted with Vonage", "vonage", "Codes are texted by the phone company"),
    "integration_alipay": ("Checkout supports Alipay", "alipay", "Checkout supports cards"),
    "integration_tosspayments": ("Payments go through Toss Payments", "tosspayments", "Toss the payment retry"),
    "integration_portone": ("Payments are verified with PortOne", "portone", "Payments are verified on import"),
    "integration_yookassa": ("Payments are taken by YooKassa", "yookassa", "Payments are taken by card"),
    "integration_xendit": ("Invoices are paid through Xendit", "xendit", "Invoices are paid and exited"),
    "integration_midtrans": (
        "Payments are settled through Midtrans",
        "midtrans",
        "Payments are settled mid-transaction",
    ),
    "integration_hubspot": ("Leads are synced to HubSpot", "hubspot", "Leads are synced to a hub"),
    "integration_salesforce": (
        "Accounts are synced to Salesforce",
        "salesforce",
        "Accounts are synced for the sales force",
    ),
    "integration_zendesk": ("Tickets are opened in Zendesk", "zendesk", "Tickets are opened in the desk"),
    "integration_shopify": ("Orders are imported from Shopify", "shopify", "Orders are imported from the shop"),
    "integration_airtable": ("Content is edited in Airtable", "airtable", "Content is edited in a table"),
    "integration_google-sheets": (
        "Reports are written to Google Sheets",
        "google-sheets",
        "Reports are written to spreadsheets",
    ),
    "integration_google-drive": ("Uploads are copied to Google Drive", "google-drive", "Uploads are copied to a drive"),
    "integration_dropbox": ("Backups go to Dropbox", "dropbox", "Backups go to a drop folder"),
    "integration_google-calendar": (
        "Bookings are added to Google Calendar",
        "google-calendar",
        "Bookings are added to a calendar",
    ),
    "integration_google-maps": ("Addresses are geocoded with Google Maps", "google-maps", "Addresses map to regions"),
    "integration_azure-blob": (
        "Files are stored in Azure Blob Storage",
        "azure-blob",
        "Files are stored as blobs in PostgreSQL",
    ),
    "integration_new-relic": ("Traces are sent to New Relic", "new-relic", "Traces are new and relevant"),
    "integration_logfire": ("Traces are sent to Logfire", "logfire", "Logs fire on every request"),
    "integration_posthog": ("Product events go to PostHog", "posthog", "Product events are logged"),
    "integration_mixpanel": ("Funnels are tracked in Mixpanel", "mixpanel", "Funnels are tracked by hand"),
    "integration_rollbar": ("Errors are reported to Rollbar", "rollbar", "Errors roll back the transaction"),
    "integration_pusher": ("Live updates are pushed with Pusher", "pusher", "Live updates are pushed by SSE"),
    "integration_onesignal": ("Push notifications go through OneSignal", "onesignal", "Send one signal per job"),
}

# A service configured by a settings key of its own (SENDGRID_API_KEY) is one the code calls.
CASES |= {
    f"{name}_setting": (
        code(f"    {RULES[name].value.upper().replace('-', '_')}_API_KEY: str"),
        RULES[name].value,
        code("    API_KEY: str"),
    )
    for name in RULES
    if name.startswith("integration_") and not name.endswith("_setting")
}

# Realistic lines a rule gets wrong today: kept as strict xfails until the rule is fixed.
POSITIVE_XFAILS: dict[str, str] = {}
NEGATIVE_XFAILS: dict[str, str] = {}


def params(xfails: dict[str, str]) -> list[object]:
    return [
        pytest.param(
            name,
            *case,
            id=name,
            marks=[pytest.mark.xfail(reason=xfails[name], strict=True)] if name in xfails else [],
        )
        for name, case in CASES.items()
    ]


def test_every_rule_has_cases() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize(("name", "positive", "expected", "negative"), params(POSITIVE_XFAILS))
def test_rule_matches_its_positive_case(
    name: str, positive: str | Line, expected: object, negative: str | Line
) -> None:
    assert expected in values(positive, RULES[name])


@pytest.mark.parametrize(("name", "positive", "expected", "negative"), params(NEGATIVE_XFAILS))
def test_rule_ignores_its_negative_case(
    name: str, positive: str | Line, expected: object, negative: str | Line
) -> None:
    assert expected not in values(negative, RULES[name])


def test_not_rejects_the_tool_named_after_it() -> None:
    found = {(hit.value, hit.negated) for hit in hits("Type checking: BasedPyright (NOT mypy)", "type_checker")}
    assert found == {("basedpyright", False), ("mypy", True)}


def test_not_rejects_the_venv_folder_named_after_it() -> None:
    found = {(hit.value, hit.negated) for hit in hits("Virtual environment: venv/ (NOT .venv)", "venv_dir")}
    assert found == {("venv", False), (".venv", True)}


def test_though_preferred_demotes_the_formatter() -> None:
    (black,) = [hit for hit in hits("Formatter: black (though ruff preferred)", "formatter") if hit.value == "black"]
    assert black.weight == 0.25 and not black.negated


def test_instead_of_rejects_pip() -> None:
    found = {(hit.value, hit.negated) for hit in hits("Use `uv add` instead of `pip install`", "package_manager")}
    assert found == {("uv", False), ("pip", True)}


def test_preferred_doubles_the_weight() -> None:
    (ruff,) = hits("Ruff is the preferred linter", "linter")
    assert ruff.weight == 2.0 and not ruff.negated


def test_avoid_at_line_start_rejects_every_tool_on_the_line() -> None:
    found = {(hit.value, hit.negated) for hit in hits("Avoid Flask and Django", "framework")}
    assert found == {("flask", True), ("django", True)}


@pytest.mark.parametrize(
    "line",
    [
        "A flower shop backend in FastAPI",
        "Celery sends reminders to water the flowers",
        "Flower Shop orders are listed on the dashboard",
        "Celery task: notify the florist when a flower is out of stock",
        "The flower's colour is shown on the dashboard",
    ],
)
def test_flower_as_a_plain_word_is_not_a_task_monitor(line: str) -> None:
    assert hits(line, "task_monitor") == []


@pytest.mark.parametrize("line", ["Celery workers and beat, no Flower", "Monitoring: Prometheus, not Flower"])
def test_no_flower_rejects_the_task_monitor(line: str) -> None:
    found = hits(line, "task_monitor")
    assert found and all(hit.negated for hit in found)


def test_scoped_rejection_is_not_a_rejection_of_the_tool() -> None:
    assert hits("No SQLAlchemy queries in routers", "orm") == []


def test_code_only_rules_ignore_prose() -> None:
    assert values("result = await session.execute(select(User))", RULES["await_session"]) == []


def test_prose_only_rules_ignore_code() -> None:
    assert values(code('STRIPE_KEY = "sk_test"  # Stripe'), RULES["integration_stripe"]) == []
