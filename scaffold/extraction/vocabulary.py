"""The table of keyword rules: which words, in which context, support which convention value.

Each entry is small and named; ``tests/test_vocabulary.py`` gives every one a line that it must
match and a line that it must not.
"""

from __future__ import annotations

from scaffold.extraction.rules import Rule, group, rule

_IDP = r"\b(?:clerk|auth0|supabase auth|firebase|cognito|okta|keycloak|workos|stytch)\b"
_OUTBOUND_AUTH = r"\bcredentials?\s+(?:to|for)\b|\bto authenticate (?:to|with|against)\b|\bclient[- ]credentials\b"
"""A sentence about how the app signs in to another service ("OAuth2 JWT credentials to Azure Event
Grid"): that service's way in, not this API's."""
_OTHER_SERVICE = (
    r"(?<![a-z0-9_])(?:redis|postgres\w*|mysql|maria|mongo\w*|rabbit\w*|amqp|flower|frontend|next\.?js|vite|react|node|celery|"
    r"grafana|prometheus|jaeger|pgadmin|ollama|vllm|llm|model server|inference|qdrant|elastic\w*|minio|mailhog|"
    r"mailpit|keycloak|localstack|npm|yarn|pnpm|phpmyadmin|adminer|nginx|traefik|caddy|"
    r"5432|6379|5672|3306|27017|11434|6333|9200|"
    # the usual dev server ports of a browser client (Vite, Vite's preview, Angular)
    r"5173|4173|4200)(?![a-z0-9_])|"
    r"\b(?:calls?|calling|talks? to|connects? to|depends on|proxies to|forwards? to|upstream)\b|"
    # "an embeddings service at http://localhost:8081": a service of its own, not this API's server
    r"\ban?\s+(?!(?:dev|development|local|uvicorn|fastapi|api|backend|web|http)\b)[\w-]+\s+(?:service|server)\s+(?:at|on)\b|"
    # "port 8000 is taken by Paperless"
    r"\b(?:taken|used|occupied|in use|belegt|ocupad[oa]|utilis[ée]e?)\s+(?:by|durch|por|par)\b|"
    # The browser origins an API lets in are the frontend's addresses.
    r"(?<![a-z])(?:cors|origins?)(?![a-z])"
)
"""Other services' names and ports, bounded by ASCII (a name runs into Japanese or Chinese text), the
verbs of a sentence about a service the app calls ("it calls the embeddings service on port 9000"),
and the origins CORS lets in."""

_PERCENT = r"\s*(?:%|percent\b|per\s?cent\b|pct\b)"
"""A percentage's sign or word ("85%", "85 percent")."""

FRAMEWORK = [
    rule("fastapi", "framework", "fastapi", r"\bfast\s?api\b"),
    rule("django", "framework", "django", r"\bdjango\b(?![- ]?orm)|\bmanage\.py\b"),
    rule("flask", "framework", "flask", r"\bflask\b"),
    rule("litestar", "framework", "litestar", r"\blitestar\b"),
    rule("starlette", "framework", "starlette", r"\bstarlette\b"),
    rule("sanic", "framework", "sanic", r"\bsanic\b"),
    # Backends in other languages: named so the plan can say this template does not make them.
    rule("gin", "framework", "gin", r"\bgin(?:-gonic)?\b", context=r"\b(?:go|golang)\b|\bgin-gonic\b"),
    rule(
        "express",
        "framework",
        "express",
        r"\bExpress(?:\.js)?\b",
        case=True,
        context=r"\b(?:node|javascript|typescript|npm)\b",
    ),
    rule("nestjs", "framework", "nestjs", r"\bNest\.?js\b"),
    rule("spring", "framework", "spring", r"\bSpring Boot\b"),
    rule(
        "rails", "framework", "rails", r"\bRuby on Rails\b|\bRails\b(?= (?:app|API|controllers?|models?)\b)", case=True
    ),
    rule("laravel", "framework", "laravel", r"\bLaravel\b"),
    rule("aspnet", "framework", "aspnet", r"\bASP\.NET(?: Core)?\b"),
]

ORM = [
    rule("sqlalchemy", "orm", "sqlalchemy", r"\bsql\s?alchemy\b"),
    rule("sqlmodel", "orm", "sqlmodel", r"\bsqlmodel\b"),
    rule("tortoise", "orm", "tortoise", r"\btortoise(?:[- ]orm)?\b"),
    rule(
        "django_orm",
        "orm",
        "django-orm",
        r"\bdjango(?:'s)?[- ]orm\b|\bmodels\.Model\b|\bModel(?:Serializer|ViewSet|Form|Admin)\b|\bget_queryset\b|"
        r"\b(?:select|prefetch)_related\b|\bmakemigrations\b",
    ),
    rule("beanie", "orm", "beanie", r"\bbeanie\b"),
    rule("peewee", "orm", "peewee", r"\bpeewee\b"),
    rule("piccolo", "orm", "piccolo", r"\bpiccolo\b"),
    rule("ormar", "orm", "ormar", r"\bormar\b"),
    rule(
        "no_orm",
        "orm",
        "none",
        r"\bno ORM\b(?!\s+(?:queries|calls|code|models|imports|access)\b)|\bwithout an? ORM\b|\braw SQL only\b|"
        # "ORM: direct SQL via the Supabase client"
        r"\bORM\W{0,4}\s*(?:none\b|n/a\b|(?:direct|raw|plain) SQL\b)",
        exclude=r"\b(?:routers?|routes?|handlers?|controllers?|endpoints?)\b",
        negatable=False,
    ),
]

_ORM_VERSION = r"(?:\s*v?\d+(?:\.(?:\d+|x))*\+?)?"
"""A version after a library's name ("SQLAlchemy 2.x", "SQLAlchemy 2.0+"): its dots end no clause."""

ASYNC_DB = [
    rule(
        "async_session",
        "async_db",
        True,
        r"\bAsyncSession\b|\bcreate_async_engine\b|\basync_sessionmaker\b|\bAsyncEngine\b",
    ),
    rule(
        "async_orm_words",
        "async_db",
        True,
        r"\basync\s+SQL\s?Alchemy\b|SQL\s?Alchemy\b" + _ORM_VERSION + r"[^.;]{0,25}(?:\(async\)|\bwith async\b)|"
        r"\basync(?:hronous)?\s+(?:database|db|orm|sql)\b|\basync(?:/await)?\s+for\s+(?:all\s+)?(?:database|db)\b",
    ),
    rule(
        "async_all_io",
        "async_db",
        True,
        r"\basync(?:/await|hronous)?\b[^.;]{0,30}\bfor all (?:I/O|database|db)\b|"
        r"\ball (?:I/O|database (?:calls|access)) (?:is|must be|should be)\s+`?async",
        weight=0.5,
    ),
    rule(
        "async_words_elsewhere",
        "async_db",
        True,
        r"\b(?:sql\s?alchemy|sqlmodel|orm|banco|base de datos|database)\b[^.;]{0,30}?"
        r"(?:ass[ií]ncron[oa]|as[ií]ncron[oa]|асинхрон\w*)",
    ),
    rule(
        "async_db_operations",
        "async_db",
        True,
        r"\b(?:database|db)\s+(?:operations|calls|access|queries|i/o)\b"
        r"(?:(?!\b(?:no|not|never|without|avoid|sync)\b)[^.;]){0,20}?\basync(?:hronous)?\b",
    ),
    rule(
        "async_orm_named",
        "async_db",
        True,
        r"\b(?:sql\s?alchemy|sqlmodel|beanie|tortoise(?: orm)?|ormar|piccolo|odmantic|motor)\b[^.;]{0,25}\basync\b|"
        r"\basync\s+sessions?\b",
    ),
    rule("async_driver", "async_db", True, r"\b(?:asyncpg|aiosqlite|aiomysql|asyncmy)\b", weight=0.5),
    rule(
        "await_session",
        "async_db",
        True,
        r"\bawait\s+(?:self\.)?(?:session|db|conn)\.(?:execute|get|commit|scalars?|flush|refresh|delete)\b",
        where="code",
    ),
    rule(
        "sync_session",
        "async_db",
        False,
        r"\bfrom sqlalchemy\.orm import [^\n]*\bSession\b|\b(?:db|session)\s*:\s*Session\b",
        where="code",
    ),
    rule(
        "sync_calls",
        "async_db",
        False,
        r"^\s*(?:self\.)?(?:db|session)\.(?:commit|refresh|rollback|execute|flush)\(",
        where="code",
    ),
    rule(
        "sync_words",
        "async_db",
        False,
        r"\b(?:sync(?:hronous)?|s[ií]ncron[oa]s?|синхрон\w*)\s+(?:database|db|sql\s?alchemy|sqlmodel|sessions?|orm)\b|"
        # "async sessions, no sync DB calls": a "no" between the two words rejects sync, it states nothing sync.
        r"\b(?:database|db|sql\s?alchemy|sqlmodel|orm|sessions?|banco|base de datos)\b"
        r"(?:(?!\b(?:no|not|never|without|avoid)\b)[^.;]){0,40}?"
        r"(?:\b(?:in|em|en)\s+)?(?:\bsync(?:hronous(?:ly)?)?\b|\bmod[oe]\s+s[ií]ncrono\b|\bs[ií]ncron[oa]\b|синхронн\w*)|"
        r"\b(?:database|db)\s+access\s+is\s+sync\b",
    ),
    # A backend that is synchronous throughout: "FastAPI (Python sync)", "synchronous only".
    rule(
        "sync_backend",
        "async_db",
        False,
        r"\(\s*(?:python\s+)?(?:\d\.\d+,\s*)?sync\s*\)|\bsync(?:hronous)?[- ]only\b|"
        r"\b(?:synchronous|synchrone|s[ií]ncron[oa])\s+(?:only|uniquement|[uú]nicamente|apenas|solamente)\b",
        where="prose",
    ),
    rule("sync_driver", "async_db", False, r"\bpsycopg2\b", weight=0.5),
]

DATABASE = [
    rule("postgresql", "database", "postgresql", r"\bpostgres(?:ql)?\b|\bpsql\b"),
    rule("postgres_driver", "database", "postgresql", r"\b(?:asyncpg|psycopg\d?)\b", weight=0.5),
    rule("mysql", "database", "mysql", r"\bmysql\b|\bmariadb\b"),
    rule("mysql_driver", "database", "mysql", r"\b(?:aiomysql|pymysql|asyncmy)\b", weight=0.5),
    rule("sqlite", "database", "sqlite", r"(?<!-)\bsqlite\b(?!-)"),
    rule("sqlite_driver", "database", "sqlite", r"\baiosqlite\b", weight=0.5),
    rule("mongodb", "database", "mongodb", r"\bmongo(?:db)?\b"),
    rule("mssql", "database", "mssql", r"\bsql server\b|\bmssql\b"),
    rule("oracle", "database", "oracle", r"\boracle\s+(?:db|database|\d+[a-z]?)\b|\boracledb\b|\bcx_oracle\b"),
]

DB_DRIVER = [
    rule("asyncpg", "db_driver", "asyncpg", r"\basyncpg\b"),
    rule("psycopg", "db_driver", "psycopg", r"\bpsycopg3?\b(?!2)"),
    rule("psycopg2", "db_driver", "psycopg2", r"\bpsycopg2\b"),
    rule("aiosqlite", "db_driver", "aiosqlite", r"\baiosqlite\b"),
    rule("aiomysql", "db_driver", "aiomysql", r"\baiomysql\b"),
    rule("pymysql", "db_driver", "pymysql", r"\bpymysql\b"),
    rule("asyncmy", "db_driver", "asyncmy", r"\basyncmy\b"),
    rule("motor", "db_driver", "motor", r"\bMotor\b", case=True, context=r"\bmongo"),
]

MIGRATIONS = [
    rule("alembic", "migrations", "alembic", r"\balembic\b"),
    rule("aerich", "migrations", "aerich", r"\baerich\b"),
    rule(
        "django_migrations",
        "migrations",
        "django",
        r"\bmakemigrations\b|\bdjango(?:'s)? (?:own )?migrations\b|\bmanage\.py\s+migrate\b|"
        r"\bmigrations\b[^.;\n]{0,20}\bdjango(?:'s)? own\b",
    ),
    rule(
        "flask_migrate",
        "migrations",
        "flask-migrate",
        r"\bflask[- ]migrate\b|\bflask db (?:migrate|upgrade|downgrade|init)\b",
    ),
    rule(
        "supabase_migrations",
        "migrations",
        "supabase",
        # Its own migrations, its migrations folder or its CLI: not "Supabase's SQL editor or migrations/x.md".
        r"\bsupabase(?:'s)?\s+(?:db\s+|sql\s+)?migrations?\b|\bsupabase/migrations\b|"
        r"\bsupabase (?:db (?:diff|push|reset)|migration (?:new|up|list))\b",
    ),
    rule("no_migrations", "migrations", False, r"\bno (?:schema |database )?migrations\b", negatable=False),
    rule(
        "tables_at_startup",
        "migrations",
        False,
        r"\btables (?:are|get) created (?:at|on) (?:app |application )?start(?:up)?\b",
        negatable=False,
        where="prose",
    ),
]

TASK_QUEUE = [
    rule("celery", "task_queue", "celery", r"\bcelery\b"),
    rule("arq", "task_queue", "arq", r"\barq\b"),
    rule("rq", "task_queue", "rq", r"\bRQ\b|\bpython-rq\b|\bRedis Queue\b", case=True),
    rule("dramatiq", "task_queue", "dramatiq", r"\bdramatiq\b"),
    rule("taskiq", "task_queue", "taskiq", r"\btaskiq\b"),
    rule("huey", "task_queue", "huey", r"\bhuey\b"),
    # An in-process scheduler that runs the app's jobs: what readers name as its task runner.
    rule("apscheduler", "task_queue", "apscheduler", r"\bAPScheduler\b|\bAsyncIOScheduler\b"),
    rule(
        "background_tasks",
        "task_queue",
        "background-tasks",
        r"\bBackgroundTasks\b|\bFastAPI['’]?s?\s+background\s+tasks\b|\bbackground_tasks\.add_task\b",
    ),
    rule("no_task_queue", "task_queue", False, r"\bno (?:task queue|background workers?|workers)\b", negatable=False),
]

BROKER = [
    rule(
        "redis_queue",
        "broker",
        "redis",
        r"\bredis\b(?:\s+\d+)?[^.;()]{0,40}?\b(?:for|as)\b[^.;()]{0,40}?\b(?:queues?|brokers?|result backend)\b|"
        # "the broker is RabbitMQ, Redis serves as cache": another broker between them names that one.
        r"\bbrokers?\b(?:(?!rabbit|kafka|nats|sqs)[^.;]){0,30}\bredis\b|\bredis\b(?:(?!rabbit|kafka|nats|sqs)[^.;]){0,30}\bbrokers?\b|"
        r"broker_url\s*=\s*['\"]redis|"
        r"\bredis(?![a-z])[^.;。]{0,20}(?:브로커|ブローカー|брокер|消息代理)|(?:브로커|ブローカー|брокер\w*|消息代理)[^.;。]{0,20}\bredis\b",
    ),
    rule(
        "backed_by_redis",
        "broker",
        "redis",
        r"\b(?:queues?|jobs?|workers?|tasks?|arq|rq|celery|dramatiq|taskiq|huey)\b[^.;]{0,30}\bbacked by\s+redis\b",
    ),
    rule(
        "queue_with_redis",
        "broker",
        "redis",
        r"\b(?:celery|dramatiq|taskiq|huey|arq|rq)\s*(?:\+|&|/|\b(?:with|on|over|auf|mit|con|sur|com)\b)\s*redis\b"
        r"(?!\s*(?:\+|cache|caching))",
    ),
    rule(
        "valkey_queue",
        "broker",
        "valkey",
        r"\bvalkey\b[^.;()]{0,40}?\b(?:for|as|is)\b[^.;()]{0,40}?\b(?:queues?|brokers?)\b|\bbrokers?\b[^.;]{0,30}\bvalkey\b|"
        r"\b(?:queues?|jobs?|workers?|arq|taskiq|celery)\b[^.;]{0,30}\bbacked by\s+valkey\b",
    ),
    rule("rabbitmq", "broker", "rabbitmq", r"\brabbit\s?mq\b|\bamqp://"),
    rule("kafka", "broker", "kafka", r"\bkafka\b"),
    rule("nats", "broker", "nats", r"\bNATS\b", case=True),
    rule(
        "sqs", "broker", "sqs", r"\bSQS\b", case=True, context=r"\b(?:queues?|brokers?|celery|workers?|tasks?|jobs?)\b"
    ),
]

CELERY_BEAT = [
    rule(
        "celery_beat",
        "celery_beat",
        True,
        r"\bcelery\b[^.]{0,60}\bbeat\b|\bbeat\b[^.]{0,30}\bcelery\b|\bbeat_schedule\b|\bcelerybeat\b",
    ),
]

_FLOWER_AS_NOUN = (
    r"(?!['’]s\b|[- ](?i:shops?|stores?|beds?|pots?|gardens?|bouquets?|arrangements?|deliver\w*|market\w*)\b)"
)
"""After "flower": the word as a plain noun ("flower shop", "flower's") rather than the tool's name."""

_ITEM_BEFORE = (
    r"(?:(?<=, )|(?<=: )|(?<=\+ )|(?<=/)|(?<=\()|(?<=- )|(?<=\* )|(?<=\band )|(?<=& )|(?<=\bwith )|"
    r"(?<=\b[Nn]o )|(?<=\b[Nn]ot )|(?<=\b[Ww]ithout ))"
)
_ITEM_AFTER = r"\b(?=\s*(?:$|[,;:/+()])|\s+(?:and|&|[-–—])\s)"


def _listed(word: str) -> str:
    """``word`` as an item of a list: "Redis, Flower", "worker, beat, and flower", "Celery + Flower".

    An item named with "no", "not" or "without" ("Celery workers, no Flower") matches too, for
    ``judge`` to reject.
    """
    return _ITEM_BEFORE + word + _ITEM_AFTER


TASK_MONITOR = [
    rule("flower_with_celery", "task_monitor", "flower", _listed("flower"), context=r"\bcelery\b"),
    rule(
        "flower_command",
        "task_monitor",
        "flower",
        r"\bcelery(?:\s+--?[\w-]+(?:[= ][^\s-]\S*)?)*\s+flower\b|\bmher/flower\b",
    ),
    rule(
        "flower_monitor",
        "task_monitor",
        "flower",
        r"\bFlower\b" + _FLOWER_AS_NOUN + r"|\bflower(?=\s+(?:(?:for|to)\s+)?(?:dashboard|monitor\w*|UI)\b)",
        case=True,
        context=r"\bmonitor\w*|\bdashboards?\b|\bUI\b",
    ),
    rule(
        "flower_listed",
        "task_monitor",
        "flower",
        _listed("Flower"),
        case=True,
        context=r"\b(?:redis|rabbit\w*|workers?|queues?|tasks?|jobs?|stack|tools?|tooling|infra\w*|observability)\b",
    ),
]

_CACHE_WORD = r"缓存|快取|キャッシュ|캐시|\bк[эе]ш\w*"
""""Cache" in the other languages agent files are written in (Chinese, Japanese, Korean, Russian)."""

_CACHE_SECTION = r"^[\W\d]*(?:[a-z]+\s+){0,2}cach"
"""A heading (or line) about caching: "Caching", "Response Caching", "Cache layer"."""

CACHE = [
    rule(
        "redis_cache",
        "cache",
        "redis",
        r"\bredis\b[^.;]{0,60}(?:\bcach(?:e|es|ing)\b|" + _CACHE_WORD + r")|"
        r"(?:\bcach(?:e|es|ing)\b|" + _CACHE_WORD + r")[^.;]{0,80}\bredis\b",
    ),
    rule("redis_in_cache_section", "cache", "redis", r"\bredis\b", context=_CACHE_SECTION, where="prose"),
    # A cache backend set to Redis in the framework's settings (Django's CACHES, Flask-Caching).
    rule(
        "redis_cache_backend",
        "cache",
        "redis",
        r"\bdjango_redis\b|\bRedisCache\b|\bcache\.backends\.redis\b|\bCACHE_TYPE\b\s*[=:]\s*['\"]redis",
    ),
    rule(
        "valkey_cache",
        "cache",
        "valkey",
        r"\bvalkey\b[^.;]{0,60}\bcach(?:e|es|ing)\b|\bcach(?:e|es|ing)\b[^.;]{0,80}\bvalkey\b",
    ),
    rule("valkey_in_cache_section", "cache", "valkey", r"\bvalkey\b", context=_CACHE_SECTION, where="prose"),
    rule("memcached", "cache", "memcached", r"\bmemcached?\b"),
    rule("memory_cache", "cache", "memory", r"\bin-(?:memory|process)\s+(?:cach\w*|stores?)\b|\bcachetools\b"),
]

RATE_LIMITING = [
    rule(
        "rate_limit",
        "rate_limiting",
        True,
        r"\brate[- ]?limit(?:s|ing|er|ed)?\b|\bthrottl(?:e|ing|ed)\b|\bslowapi\b|\bfastapi-limiter\b|"
        r"速率限制|限流|レート制限|레이트\s?리밋|속도\s?제한|"
        r"\blimita[cç][aã]o de taxa\b|\blimitaci[oó]n de (?:tasa|velocidad)\b|"
        r"\bограничени\w* (?:частоты|скорости) запросов|\blimitation de d[ée]bit\b|\bRatenbegrenzung\b",
        exclude=r"\b(?:hit|hits|hitting|respect\w*|exceed\w*|provider|upstream|third[- ]party|openai|stripe|github|"
        # a client's manners towards others: "retry + exponential backoff + rate limiting"
        r"backoff|retry|retries|outbound|outgoing)\b"
        r"[^.;]{0,30}\brate[- ]?limit|\brate[- ]?limit\w*[^.;]{0,30}\b(?:backoff|retry|retries)\b|"
        # "rate limit errors" are what a client gets when someone else limits it.
        r"(?:\brate[- ]?limit\w*|限流|速率限制|レート制限)\W{0,3}\s*(?:errors?\b|exceptions?\b|错误|エラー|에러|오류)",
    ),
]

AUTH = [
    rule(
        "jwt",
        "auth",
        "jwt",
        r"\bJWT(?:s|Auth|Bearer)?\b|\bJWT(?=[A-Z][a-z])|\bPyJWT\b|\bpython-jose\b|\bJSON Web Tokens?\b|"
        r"\bSimple[-_ ]?JWT\b|\brest_framework_simplejwt\b",
        exclude=_IDP + "|" + _OUTBOUND_AUTH,
    ),
    rule(
        "refresh_token",
        "auth",
        "refresh-token",
        r"\brefresh[- _]tokens?\b|\baccess(?:[- ]tokens?)?\s*(?:\+|&|and|/)\s*refresh\b|/(?:auth|tokens?)/refresh\b|"
        # A refresh lifetime beside the access one: "30min access, 7day refresh".
        r"\b\d+\s*-?\s*(?:d|days?|h|hours?|weeks?)\s+refresh\b|"
        r"刷新令牌|刷新\s?token|リフレッシュ\s?トークン|리프레시\s?토큰|токен\w* обновлени",
    ),
    rule(
        "api_key",
        "auth",
        "api-key",
        r"\bAPI[- ]keys?\b|\bX-API-Key\b|\bAPIKeyHeader\b|\bAPI_KEYS?\b|\bAPI\s?(?:密钥|密鑰|キー|키)|"
        r"\b(?:chaves?|claves?) de API\b|\bcl[ée]s? d'API\b|\bAPI-Schl[üu]ssel\b|\bAPI[- ]ключ",
        context=r"auth|autentic|header|secur|access|X-API-Key|認証|认证|인증|セキュリティ|安全|보안|seguran|segurid|безопасн|аутентиф",
        exclude=r"\b(?:openai|stripe|sendgrid|resend|anthropic|paddle|twilio|google|third[- ]party)\s+API[- ]keys?|"
        # Secrets to keep out of the code ("never hardcode SECRET_KEY, passwords, API keys", "environment
        # variables for secrets, API keys"): credentials of other services, not a way to sign in.
        r"^(?!.*(?:X-API-Key|header|authenticat|autentica))(?=.*(?:\bhard-?cod\w*|\bhardcodar|\bnever\s+commit|"
        r"\benv(?:ironment)?\s+var\w*|\.env\b|\bsecrets?\b|\bcredentials?\b|\bpasswords?\b|\bsenhas?\b))",
    ),
    rule(
        "oauth2", "auth", "oauth2", r"\bOAuth\s?2(?:\.0)?\b|\bOAuth2PasswordBearer\b|\bOAuth\b", exclude=_OUTBOUND_AUTH
    ),
    rule("clerk", "auth", "clerk", r"\bClerk\b", case=True),
    rule("auth0", "auth", "auth0", r"\bAuth0\b"),
    rule(
        "supabase_auth",
        "auth",
        "supabase",
        r"\bSupabase Auth\b|\bSupabase\b(?=[^;\n]{0,40}(?:\bauth\w*|认证|認証|인증|autentica\w*|аутентиф\w*))|"
        r"\bSupabase\s+(?:(?:handles|does|provides|manages|issues)\s+(?:the\s+)?)?"
        r"(?:JWTs?|sign[- ]?(?:in|up)s?|log[- ]?ins?)\b|"
        # The sign-in said to come from it: "JWT via Supabase", "tokens issued by Supabase".
        r"\b(?:JWTs?|tokens?|sessions?|log[- ]?ins?|sign[- ]?ins?|auth\w*)\s+"
        r"(?:(?:(?:are|is)\s+)?(?:issued|signed|managed|handled)\s+by|via|from|through)\s+Supabase\b",
    ),
    rule("firebase_auth", "auth", "firebase", r"\bFirebase Auth"),
    rule("cognito", "auth", "cognito", r"\bCognito\b"),
    rule("better_auth", "auth", "better-auth", r"\bBetter[- ]Auth\b"),
    rule("keycloak", "auth", "keycloak", r"\bKeycloak\b"),
    rule("okta", "auth", "okta", r"\bOkta\b", case=True),
    rule("workos", "auth", "workos", r"\bWorkOS\b"),
    rule("stytch", "auth", "stytch", r"\bStytch\b"),
    rule("kinde", "auth", "kinde", r"\bKinde\b", case=True),
    rule("nextauth", "auth", "nextauth", r"\bNextAuth(?:\.js)?\b|\bAuth\.js\b"),
    rule("azure_ad", "auth", "azure-ad", r"\bAzure (?:AD|Active Directory)\b|\b(?:Microsoft )?Entra ID\b"),
    rule("paseto", "auth", "paseto", r"\bPASETOs?\b"),
    rule("mtls", "auth", "mtls", r"\bmTLS\b|\bmutual TLS\b"),
    rule("ldap", "auth", "ldap", r"\bLDAP\b", case=True),
    rule("saml", "auth", "saml", r"\bSAML\b", case=True),
    rule("magic_link", "auth", "magic-link", r"\bmagic[- ]links?\b"),
    rule("otp", "auth", "otp", r"\bOTP\b|\bone[- ]time (?:passwords?|codes?|pass ?codes?)\b"),
    rule(
        "session_auth",
        "auth",
        "session",
        r"\bsession[- ]based auth\w*|\bcookie[- ]based (?:auth\w*|sessions?)|\bsession cookies?\b|"
        r"\bserver[- ]side sessions?\b|\bHttpOnly (?:session )?cookies?\b|\bflask[- ]login\b|"
        r"\b(?:django[- ])?allauth\b",
        # a token kept in an HttpOnly cookie; a CSRF token kept in the session
        exclude=r"\bJWTs?\b|\b(?:access|refresh|bearer)[- ]tokens?\b|\b[CX]SRF\b",
    ),
]

RBAC = [
    rule(
        "rbac",
        "rbac",
        True,
        r"\brole[- ]based\b|\bRBAC\b|\brequire_roles?\b|\broles? and permissions\b|\bpermission[- ]based\b|"
        r"\benforces?\s+(?:the\s+)?(?:user(?:'s)?\s+)?roles?\b|\brole checks?\b|\brole[- ]gated\b|"
        r"\b\w*user\.role\s*(?:[!=]=|\bin\b)|"
        r"(?:역할|角色|ロール)[^\n]{0,20}(?:권한|权限|権限)|(?:권한|权限|権限)[^\n]{0,20}(?:역할|角色|ロール)|"
        # "role-based" in Japanese, Korean, Chinese, Spanish, Portuguese, French and German
        r"ロールベース|역할\s?기반|基于角色|基於角色|\bbasad[oa] en roles\b|"
        r"\bbasead[oa] em (?:papéis|funções|perfis)\b|"
        r"\bbasée? sur (?:les )?rôles\b|\brollenbasiert",
    ),
]

TYPE_CHECKER = [
    rule("mypy", "type_checker", "mypy", r"\bmypy\b"),
    rule("pyright", "type_checker", "pyright", r"\bpyright\b"),
    rule("basedpyright", "type_checker", "basedpyright", r"\bbased[- ]?pyright\b"),
    rule("pyrefly", "type_checker", "pyrefly", r"\bpyrefly\b"),
]

_FORMAT_WORD = r"(?:\bformat\w*|格式化|フォーマッ[トタ]|整形|포맷|포매|форматир)"
"""Formatting, in English and in the other languages agent files are written in."""

_BLACK_FOR_FORMAT = r"\bblack\b[^,;.]{0,25}\bformat\w*|\bformat\w*(?:\s+\w+){0,2}\s*(?:with|using|via|by|:)\s*black\b"

LINT_FORMAT = [
    rule("ruff_check", "linter", "ruff", r"\bruff\s+check\b"),
    rule(
        "ruff_named",
        "linter",
        "ruff",
        r"\bruff\b(?!\s+(?:check|format)\b)",
        exclude=r"^(?!.*(?:\blint|检查|チェック|린트)).*" + _FORMAT_WORD,
    ),
    rule("ruff_format", "formatter", "ruff", r"\bruff\s+format\b"),
    rule(
        "ruff_formatter",
        "formatter",
        "ruff",
        r"(?:" + _FORMAT_WORD + r"\w*\s*[:：]\s*|"
        r"\bformat\w*(?:\s+\w+){0,3}\s+(?:with|using|via|by|mit|con|avec|com)\s+)"
        r"ruff\b(?!\s+for\s+lint)|"
        r"\bruff\b(?!\s+(?:for\s+lint|check))[^,;.]{0,25}" + _FORMAT_WORD + "|"
        r"\bruff\b[^,;.]{0,30}\blint\w*\s+(?:and|&|\+|/)\s+format|"
        r"\bformat\w*\b[^,;.()\n]{0,40}\(\s*ruff\s*\)",  # "just format  # Format code and sort imports (ruff)"
    ),
    rule("flake8", "linter", "flake8", r"\bflake8\b"),
    rule("pylint", "linter", "pylint", r"\bpylint\b"),
    rule("black_named", "formatter", "black", r"\bBlack\b", case=True),
    # "black" in lower case is the tool when named beside other tools: "ruff + black", "black and isort".
    rule(
        "black_beside_tools",
        "formatter",
        "black",
        r"\b(?:ruff|isort|flake8|mypy|pylint)\s*(?:\+|&|and|,|/)\s*black\b|"
        r"\bblack\s*(?:\+|&|and|,|/)\s*(?:ruff|isort|flake8|mypy|pylint)\b",
    ),
    rule("black_command", "formatter", "black", r"\bblack\s+(?:--|\.|\w+/)"),
    rule(
        "black_shell",
        "formatter",
        "black",
        r"^\s*(?:\$\s*)?(?:(?:uv|poetry|pdm|hatch) run\s+|python3? -m\s+)?black\b",
        where="code",
    ),
    rule(
        "black_for_format",
        "formatter",
        "black",
        _BLACK_FOR_FORMAT,
    ),
    rule(
        "black_formatting_section",
        "formatter",
        "black",
        r"\bblack\b(?![- ]?(?:box|list))",
        context=_FORMAT_WORD,
        exclude=_BLACK_FOR_FORMAT,  # there the rule above reads it, with what the line says of it
    ),
    rule("yapf", "formatter", "yapf", r"\byapf\b"),
    rule("autopep8", "formatter", "autopep8", r"\bautopep8\b"),
]

TESTING = [
    rule("pytest", "test_runner", "pytest", r"\bpy\.?test\b"),
    # conftest.py is where pytest, and only pytest, looks for fixtures: a tree that has one runs pytest.
    rule("pytest_conftest", "test_runner", "pytest", r"\bconftest\.py\b", weight=0.5),
    rule("unittest", "test_runner", "unittest", r"\bunittest\b(?!\.mock)"),
    rule("django_test", "test_runner", "django", r"\bmanage\.py\s+test\b"),
    rule("pytest_asyncio", "pytest_asyncio", True, r"\bpytest[-_]asyncio\b|@pytest\.mark\.asyncio\b|\basyncio_mode\b"),
    # "pytest with async support", "pytest (asyncio対応)": async tests run through the asyncio plugin.
    rule(
        "pytest_async_support",
        "pytest_asyncio",
        True,
        r"\bpytest\b(?:[^.;\n]|\.\d){0,25}?(?:\basync(?:io)?\s+support|\bsupport(?:s|ing)?\s+(?:for\s+)?async(?:io)?\b|"
        r"\basyncio\s*(?:対応|支持|지원)|(?:非同期|异步|비동기)\s*(?:対応|支持|지원))",
    ),
    rule(
        "coverage_min",
        "coverage_min",
        group(1, int),
        r"\b(?:coverage|cov)\b[^%\n]{0,40}?(?:>=?|≥|at least|minimum(?: of)?|above|over)\s*(\d{2,3})" + _PERCENT + r"|"
        r"(?:>=?|≥|at least|minimum(?: of)?)\s*(\d{2,3})" + _PERCENT + r"\s*(?:\+\s*)?(?:code |test |line )?coverage|"
        r"--cov-fail-under[= ](\d{2,3})|\bfail_under\s*=\s*(\d{2,3})|"
        r"\bfail(?:s|ing)?\b[^%\n]{0,30}?\b(?:below|under)\s*(\d{2,3})"
        + _PERCENT
        + r"\s*(?:code |test |line )?coverage|"
        r"\bcoverage\b[^%\n]{0,20}?\b(?:below|under)\s*(\d{2,3})" + _PERCENT + r"[^.;\n]{0,20}?\bfails?\b|"
        r"\bcover(?:s|age of)?\s+(?:at least\s+)?(\d{2,3})"
        + _PERCENT
        + r"\s+of\s+(?:the\s+)?(?:lines|code|statements)\b|"
        r"\b(?:keep|maintain|target|require[sd]?|enforce[sd]?|threshold|goal|floor)\b[^%\n]{0,20}?\b(\d{2,3})"
        + _PERCENT
        + r"\s*"
        r"(?:\+\s*)?(?:or (?:more|higher|above)\s+)?(?:code |test |line )?coverage|"
        r"\bcoverage\b[^%\n]{0,25}?\b(\d{2,3})"
        + _PERCENT
        + r"(?=\s*(?:or (?:more|higher|above|better)\b|\+|and (?:above|up)\b))|"
        r"(?:\bfail\w*|\bnever|\bmust not|\bmustn't|\bdo not|\bdon't|\bblock\w*|\breject\w*)\b[^%\n]{0,30}?"
        r"\bcoverage\b[^%\n]{0,25}?\b(?:below|under|beneath)\s*(\d{2,3})" + _PERCENT + r"|"
        r"(?:cobertura|couverture|Abdeckung|覆盖率|カバレッジ|커버리지|покрыти\w*)[^%\d\n]{0,15}?"
        r"(?:mínim[ao]|minimum|minimale?|mindestens|au moins|至少|最低|不低于|不少于|不得低于|"
        r"не менее|не ниже|минимум|≥|>=)"
        r"[^%\n]{0,12}?(\d{2,3})" + _PERCENT + r"|"
        r"(?:覆盖率|カバレッジ|커버리지)[^%\n]{0,20}?(\d{2,3})" + _PERCENT + r"\s*(?:以上|이상)|"
        # "coverage threshold 60%", "coverage requirement: 80%", "커버리지 임계값 60%", "Abdeckung Schwellenwert: 80 %"
        r"(?:\bcoverage\b|\bcov\b|cobertura|couverture|Abdeckung|覆盖率|カバレッジ|커버리지|покрыти\w*)[^%\n]{0,25}?"
        r"(?:\bthreshold|\bgate|\brequirement|\btarget|\bgoal|\bfloor|\bminimum|umbral|limiar|seuil|Schwellenwert|阈值|门槛|閾値|しきい値|임계값|порог)"
        r"[^%\d\n]{0,10}(\d{2,3})" + _PERCENT,
    ),
]

LOGGING = [
    rule("structlog", "logging", "structlog", r"\bstructlog\b"),
    rule("loguru", "logging", "loguru", r"\bloguru\b"),
    rule(
        "stdlib_logging",
        "logging",
        "stdlib",
        r"\bimport logging\b|\blogging\.getLogger\b|\bstandard(?:[- ]library)? logging\b|\bstdlib logging\b|"
        r"\blogging`?\s*(?:module\b|モジュール|模块|모듈|модул)|\bPython['’]?s? (?:built-in )?logging\b",
        # Most Python examples import logging: one code example alone does not choose it.
        code_weight=0.25,
    ),
    # Flask's app logger is a standard library logger.
    rule("flask_logger", "logging", "stdlib", r"\b(?:current_)?app\.logger\b"),
]

_VERSION_WORD = r"(?:(?:version|versão|versión|versione|версия|版本|バージョン|버전)\s*(?:(?:is|es|ist|est|é)\s+)?)"
"""The word "version", in English and the other languages agent files are written in."""

PYTHON = [
    rule(
        "python_version",
        "python_version",
        group(1),
        r"\bpython\s*" + _VERSION_WORD + r"?[(（]?\s*(?:[:=：]\s*)?(?:>=|≥)?\s*v?(3\.\d{1,2})(?!\.\d*\d)|"
        r"\bpython\s*" + _VERSION_WORD + r"?[(（]?\s*(?:[:=：]\s*)?(?:>=|≥)?\s*v?(3\.\d{1,2})\.\d+",
    ),
    rule("requires_python", "python_version", group(1), r"requires-python\s*=\s*['\"](?:>=|~=|\^)?\s*(3\.\d{1,2})"),
    rule("python_attribute", "python_version", group(1), r"\bpython['\"]?\s+version\s*=\s*['\"](3\.\d{1,2})\b"),
    rule("poetry_python", "python_version", group(1), r"\bpython\s*=\s*['\"][\^~>=]*\s*(3\.\d{1,2})"),
    rule(
        "target_version",
        "python_version",
        lambda m: f"3.{m.group(1)}",
        r"\btarget-version\s*=\s*['\"]py3(\d{1,2})['\"]",
    ),
]

PACKAGE_MANAGER = [
    rule("uv", "package_manager", "uv", r"\buv\b"),
    rule("poetry", "package_manager", "poetry", r"\bpoetry\b"),
    rule("pdm", "package_manager", "pdm", r"\bpdm\b"),
    rule("pipenv", "package_manager", "pipenv", r"\bpipenv\b"),
    # A lock file in the project's tree is the manager that wrote it.
    rule(
        "lock_file",
        "package_manager",
        lambda m: {"uv": "uv", "poetry": "poetry", "pdm": "pdm", "pipfile": "pipenv"}[m.group(1).lower()],
        r"\b(uv|poetry|pdm|Pipfile)\.lock\b",
        code_weight=1.0,
    ),
    rule("pip", "package_manager", "pip", r"(?<!uv )\bpip3? install\b", weight=0.5, code_weight=0.5),
    # Most projects export a requirements file whatever manages them: alone it hints at pip.
    rule(
        "requirements_file",
        "package_manager",
        "pip",
        r"\brequirements(?:-\w+)?\.txt\b",
        weight=0.25,
        code_weight=0.25,
    ),
    rule("conda", "package_manager", "conda", r"\bconda\b"),
]

API_PREFIX = [
    rule("versioned_path", "api_prefix", lambda m: m.group(0).rstrip("/"), r"(?<![\w/.:-])/api/v\d+\b"),
    rule(
        "router_prefix",
        "api_prefix",
        group(1),
        r"prefix\s*=\s*f?['\"](/api(?:/v\d+)?)(?:/[\w/{}-]*)?['\"]",
        where="code",
    ),
    # Routes written as a glob under a version: "/v1/*", "/api/v2/*".
    rule("version_glob", "api_prefix", group(1), r"(?<![\w/.:-])(/(?:api/)?v\d+)/\*"),
    rule("api_str_setting", "api_prefix", group(1), r"\bAPI_V\d+_STR\b[^'\"\n]*['\"](/[\w/-]+)['\"]"),
    rule("api_prefix_words", "api_prefix", group(1), r"\bAPI (?:prefix|base path)\b[^/\n]{0,20}(/[\w/-]+)"),
    rule(
        "mounted_under",
        "api_prefix",
        lambda m: m.group(1).rstrip("/"),
        r"\b(?:mounted|served|routes?|routers?|endpoints?|everything)\b[^.;\n]{0,30}\bunder\s+`?"
        r"(/[a-z][\w-]*(?:/[a-z0-9][\w-]*){0,2}/?)`?(?![\w/{]|\.\w)",
    ),
]

PORT = [
    rule(
        "server_port",
        "port",
        group(1, int),
        r"--port[= ](?:\$\{\w+:-)?(\d{2,5})\b|(?:--bind|-b)\s+[\w.]*:(?:\$\{\w+:-)?(\d{2,5})\b",
        context=r"\b(?:uvicorn|fastapi|gunicorn|hypercorn|granian|python)\b",
        exclude=_OTHER_SERVICE,
    ),
    rule(
        "port_words",
        "port",
        group(1, int),
        # "--remote-debugging-port=9222" is another program's port: a word joined by "-" qualifies it.
        r"(?:\b(?<!\w-)port|\bпорт|\bporta|\bpuerto|ポート|포트|端口)\W{0,4}\s*(?:is|:|=|of|：)?\s*(\d{4,5})\b",
        exclude=_OTHER_SERVICE,
    ),
    # The number before the word, as Chinese, Japanese and Korean put it: "运行在 8080 端口", "8000番ポート".
    rule(
        "port_words_after",
        "port",
        group(1, int),
        r"(?<!\d)(\d{4,5})\s*(?:端口|番?ポート|번\s?포트|포트)",
        # ... where the line says the server runs or listens there ("port 8001 is not exposed" is not it)
        context=r"运行|启动|监听|起動|実行|待ち受け|リッスン|실행|구동|listen",
        exclude=_OTHER_SERVICE,
    ),
    # "the API on 8000", "our backend listens on port 8000": the project's own server, named so.
    rule(
        "own_server_port",
        "port",
        group(1, int),
        r"\b(?:the|our|this)\s+(?:api|backend|back-end|app|application|service|server)\b"
        r"(?:\s+(?:runs|listens|is served|is running|is available))?\s+(?:on|at)\s+(?:port\s+)?(\d{4,5})\b",
    ),
    # The backend's address beside the client's: "backend `:8000`", "后端 :8000", "backend: 8000".
    rule(
        "backend_port",
        "port",
        group(1, int),
        r"(?:\bbackend|\bback-end|后端|後端|백엔드|バックエンド)\W{0,4}(\d{4,5})\b",
        exclude=_OTHER_SERVICE,
    ),
    # A settings line of the app's own port: "API_PORT=8000" (a bare PORT=8000 is port_words').
    rule(
        "port_setting",
        "port",
        group(1, int),
        r"(?<![A-Z_])(?:API|APP|SERVER|UVICORN|BACKEND|WEB|HTTP)_PORT\s*[=:]\s*[\"']?(\d{4,5})\b",
        case=True,
        exclude=_OTHER_SERVICE,
    ),
    rule(
        "port_default",
        "port",
        group(1, int),
        r"\bPORT\b[^.;\n]{0,30}\bdefaults? to\s+(\d{4,5})\b",
        exclude=_OTHER_SERVICE,
    ),
    rule(
        "local_url",
        "port",
        group(1, int),
        r"\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{2,5})\b",
        exclude=_OTHER_SERVICE,
    ),
]

VENV = [
    rule(
        "venv_activate",
        "venv_dir",
        group(1),
        # source venv/bin/activate, or a tool run from the environment: ./venv/bin/alembic upgrade head
        r"(?<![\w/.])(?:\.{1,2}/)*([.\w-]*venv[\w-]*)(?:/bin/(?:activate|python3?|pip3?|alembic|uvicorn|"
        r"gunicorn|pytest|ruff|mypy|celery|fastapi)\b|\\(?:bin|Scripts)\\(?:activate|python))",
    ),
    rule("venv_dir_slash", "venv_dir", group(1), r"(?<![\w/.])(\.?venv)/(?!bin)"),
    # A bare "venv" is mostly the tool ("virtual environments with venv"); it names the folder when
    # the line says so ("in `venv`", "the venv folder").
    rule(
        "venv_dir_named",
        "venv_dir",
        group(1),
        r"(?<![\w/.])(\.venv)\b(?!/)|\b(?:in|at|into|named|called|folder|directory|dir)\s+`?(venv)\b(?!/)|"
        r"(?<![\w/.])`?(venv)`?\s+(?:folder|directory|dir)\b",
        context=r"virtual\s*env",
    ),
    rule("venv_create", "venv_dir", group(1), r"\bpython3?(?:\.\d+)? -m venv\s+([.\w-]+)"),
]

DEPLOY = [
    rule(
        "docker",
        "deploy",
        "docker",
        r"(?<!host\.)\bdocker(?:file)?\b(?!\.internal)|\bdocker[- ]compose\b|\bcontaineri[sz]",
        # A compose file that starts the development database says nothing of how the app ships.
        exclude=r"\bdocker[- ]compose(?:\.ya?ml)?\b[^.;\n]*\b(?:starts?|runs?|up)\b[^.;\n]*"
        r"\b(?:postgres\w*|db|database|redis|mongo\w*|mysql)\b|"
        # Docker that runs the tests' database is not how the app ships.
        r"\b(?:pytest[\w-]*|testcontainers|tests?|testing)\b[^.;\n]{0,40}\bdocker\b|"
        r"\bdocker\b[^.;\n]{0,40}\b(?:pytest[\w-]*|tests?|testing)\b|"
        # Docker that only runs a datastore on the developer's machine is not how the app ships either.
        r"\bdocker\b[^.;\n]{0,60}\b(?:postgres\w*|database|db|redis|mongo\w*|mysql|rabbitmq)\b[^.;\n]{0,30}"
        r"\b(?:locally|local development|in development)\b|"
        r"\bdocker\b[^.;\n]{0,30}\bonly\b[^.;\n]{0,30}\b(?:postgres\w*|database|db|redis|mongo\w*|mysql|rabbitmq)\b",
    ),
    rule("kubernetes", "deploy", "kubernetes", r"\bkubernetes\b|\bk8s\b|\bhelm\b"),
    rule("portainer", "deploy", "portainer", r"\bPortainer\b"),
    rule(
        "ghcr",
        "deploy",
        "ghcr",
        r"\bghcr\.io\b|\bGHCR\b|\bGitHub Container Registry\b",
        # A base image pulled from it ("FROM ghcr.io/astral-sh/uv") is not where the app is published.
        exclude=r"\b(?:FROM|using|based on|base image|builder)\b[^.;\n]{0,30}\bghcr\.io/",
    ),
    rule("coolify", "deploy", "coolify", r"\bCoolify\b"),
    rule("digitalocean", "deploy", "digitalocean", r"\bDigitalOcean\b(?!\s+Spaces)|\bDroplets?\b", case=True),
    rule("pythonanywhere", "deploy", "pythonanywhere", r"\bPythonAnywhere\b"),
    rule("netlify", "deploy", "netlify", r"\bNetlify\b|\bnetlify\.toml\b"),
    rule("cloudflare_pages", "deploy", "cloudflare-pages", r"\bCloudflare Pages\b|\bwrangler pages\b"),
    rule("cloudflare_tunnel", "deploy", "cloudflare-tunnel", r"\bCloudflare Tunnel\b|\bcloudflared\b"),
    rule("aws_cdk", "deploy", "aws-cdk", r"\bAWS CDK\b|\bcdk (?:deploy|synth)\b", category="cloud"),
    # Reverse proxies in front of the app in production: how it is served.
    rule("traefik", "deploy", "traefik", r"\bTraefik\b"),
    rule("caddy", "deploy", "caddy", r"\bCaddy(?:file)?\b", case=True),
    rule("dokku", "deploy", "dokku", r"\bDokku\b"),
    rule(
        "render",
        "deploy",
        "render",
        r"\brender\.ya?ml\b|\b(?:on|to|via|is|with)\s+Render\b|\bRender\s+\(|\bRender\.com\b|"
        r"\bRender\s+(?:deploy\w*|hosting|web service|blueprints?)\b",
        case=True,
    ),
    rule("systemd", "deploy", "systemd", r"\bsystemd\b|\bsystemctl\b"),
    rule("fly", "deploy", "fly", r"\bfly\.io\b|\bflyctl\b|\bfly\.toml\b"),
    rule("vercel", "deploy", "vercel", r"\bVercel\b(?!\s+Blob)", case=True, context=r"deploy|host"),
    rule("heroku", "deploy", "heroku", r"\bheroku\b|\bProcfile\b"),
    rule("railway", "deploy", "railway", r"\bRailway\b(?![- ]oriented)", case=True, context=r"deploy|host"),
    rule(
        "aws_sam",
        "deploy",
        "aws-sam",
        r"\bAWS SAM\b|\bServerless Application Model\b|\bsam (?:deploy|build)\b",
        category="cloud",
    ),
    rule("aws_lambda", "deploy", "aws-lambda", r"\bAWS Lambda\b|\bMangum\b", category="cloud"),
    rule(
        "aws",
        "deploy",
        "aws",
        r"\b(?:on|to|in)\s+AWS\b(?!\s+(?:SAM|Lambda|S3|SES|SQS|SNS|Secrets|Cognito|Bedrock|KMS))|"
        r"\bAWS\s+(?:ECS|Fargate|EC2|App Runner|Elastic Beanstalk)\b|\b(?:ECS|Fargate)\b",
        case=True,
        category="cloud",
        context=r"(?i)deploy|host|run|serv|production",
    ),
    # Cloud Run by its own name, as AWS Lambda is aws-lambda: the product, not only its cloud.
    rule("cloud_run", "deploy", "cloud-run", r"\b(?:Google )?Cloud Run\b", category="cloud"),
    rule("gcp", "deploy", "gcp", r"\bGCP\b|\bGoogle Cloud\b(?! Storage| Run)", category="cloud"),
    # Azure's services an app calls (Event Grid, Service Bus, Key Vault, ...) are integrations, not where it runs.
    rule(
        "azure",
        "deploy",
        "azure",
        r"\bAzure\b(?! Blob| OpenAI| AI\b| Event (?:Grid|Hubs?)| Service Bus| Key Vault| IoT| Cosmos| Data Explorer"
        r"| Storage| Cognitive| Speech| Monitor| Entra| AD\b| Active Directory)",
        case=True,
        category="cloud",
    ),
]


_ASSISTANT_TOOLING = (
    r"\b(?:Claude(?: Code| Desktop)?|Cursor|Copilot|Windsurf|Codex|Gemini CLI|coding assistants?|"
    r"AI (?:agents?|assistants?)|agents? (?:IA|de IA)|IDE)\b"
)
"""A coding assistant named in the sentence: MCP servers set up for Claude Code or Cursor are the
assistant's tools, not services the project integrates."""
_ASSISTANT_MCP = (
    _ASSISTANT_TOOLING + r"|\b(?:Context7|Playwright|Chrome DevTools|Puppeteer|Serena|Sequential[- ]?Thinking|"
    r"Figma|Browser|Filesystem)\s+MCP\b|\bMCP\W{0,3}(?:Context7|Playwright|Chrome DevTools|Puppeteer|Serena)\b|"
    r"\binstal(?:l|lier|ar|ado|liert)\w*"
)
"""A coding assistant, an MCP server of its own (Context7 for library docs, Playwright to look at
pages) or its installation named in the sentence: the assistant's tools, not services the project
integrates."""


def _integration(
    value: str, pattern: str, category: str, *, exclude: str | None = None, short: str | None = None
) -> list[Rule]:
    """A service named in prose, or by a settings key of its own in code (``SENDGRID_API_KEY: str``).

    ``short`` is the key's other spelling, as settings often shorten a name (``R2_BUCKET``).
    """
    key = value.upper().replace("-", "_")
    key = f"(?:{key}|{short})" if short else key
    named = rule(
        f"integration_{value}",
        "integrations",
        value,
        pattern,
        case=True,
        where="prose",
        category=category,
        known_is_used=False,
        exclude=exclude,
    )
    configured = rule(
        f"integration_{value}_setting",
        "integrations",
        value,
        # Any words between, then what a credential or address ends with: _API_KEY, _WEBHOOK_SECRET, _URL.
        rf"\b{key}_(?:[A-Z0-9]+_)*(?:KEY|SECRET|TOKEN|CLIENT_ID|URL|DSN|ENDPOINT|BUCKET|HOST)\b",
        case=True,
        category=category,
        known_is_used=False,
    )
    return [named, configured]


INTEGRATIONS = [
    rule_
    for made in (
        _integration("stripe", r"\bStripe\b", "payments"),
        _integration("paddle", r"\bPaddle\b", "payments"),
        _integration("lemonsqueezy", r"\bLemon ?Squeezy\b", "payments"),
        _integration("paypal", r"\bPayPal\b", "payments"),
        _integration("mercado-pago", r"\bMercado ?Pago\b", "payments"),
        _integration("sendgrid", r"\bSendGrid\b", "email"),
        _integration("resend", r"\bResend\b(?!\s+(?:the|a|an|it|them|this|that)\b)", "email"),
        _integration("mailgun", r"\bMailgun\b", "email"),
        _integration("postmark", r"\bPostmark\b", "email"),
        _integration("ses", r"\b(?:Amazon|AWS) SES\b", "email"),
        _integration("s3", r"\bS3\b(?![- ]compatible)", "storage"),
        _integration("vercel-blob", r"\bVercel Blob\b", "storage"),
        _integration("minio", r"\bMinIO\b", "storage"),
        _integration("cloudflare-r2", r"\bCloudflare R2\b", "storage", short="R2"),
        _integration("gcs", r"\bGoogle Cloud Storage\b|\bGCS\b", "storage"),
        # "OpenAI-compatible" describes another server's API, not OpenAI's.
        _integration("openai", r"(?<!Azure )\bOpenAI\b(?![- ]compatible)", "llm"),
        _integration("azure-openai", r"\bAzure OpenAI\b", "llm"),
        _integration("vllm", r"\bvLLM\b", "llm"),
        _integration("deepl", r"\bDeepL\b", "translation"),
        _integration("n8n", r"\bn8n\b", "automation"),
        _integration("wordpress", r"\bWordPress\b", "cms"),
        _integration("haystack", r"\bHaystack\b", "llm-framework"),
        _integration("docling", r"\bDocling\b", "documents"),
        _integration("anthropic", r"\bAnthropic\b", "llm"),
        _integration("gemini", r"\bGemini\b", "llm"),
        _integration("mistral", r"\bMistral\b", "llm"),
        _integration("ollama", r"\bOllama\b", "llm"),
        _integration("langchain", r"\bLangChain\b", "llm-framework"),
        _integration("llamaindex", r"\bLlamaIndex\b", "llm-framework"),
        _integration("langgraph", r"\bLangGraph\b", "llm-graph"),
        _integration("langsmith", r"\bLangSmith\b", "llm-tracing"),
        _integration("langfuse", r"\bLangfuse\b", "llm-tracing"),
        _integration("supabase", r"\bSupabase\b", "platform"),
        _integration("neon", r"\bNeon\b", "platform"),
        _integration("firebase", r"\bFirebase\b", "platform"),
        _integration("planetscale", r"\bPlanetScale\b", "platform"),
        _integration("orval", r"\bOrval\b", "codegen"),
        _integration("mcp", r"\bMCP\b|\bModel Context Protocol\b", "protocol", exclude=_ASSISTANT_MCP),
        _integration("twilio", r"\bTwilio\b", "sms"),
        _integration("slack", r"\bSlack (?:API|SDK|webhooks?|bot)\b", "chat"),
        _integration("mapbox", r"\bMapbox\b", "maps"),
        _integration("cloudinary", r"\bCloudinary\b", "media"),
        _integration("algolia", r"\bAlgolia\b", "search"),
        _integration("pinecone", r"\bPinecone\b", "vector"),
        _integration("qdrant", r"\bQdrant\b", "vector"),
        _integration("elasticsearch", r"\bElasticsearch\b", "search"),
        _integration("opentelemetry", r"\bOpenTelemetry\b|\bOTel\b|\bOTEL_[A-Z_]+", "tracing"),
        _integration("sentry", r"\bSentry\b", "errors"),
        _integration("datadog", r"\bDatadog\b", "monitoring"),
        _integration("telegram", r"\bTelegram\b", "chat"),
        _integration("mollie", r"\bMollie\b", "payments"),
        _integration("braintree", r"\bBraintree\b", "payments"),
        _integration("adyen", r"\bAdyen\b", "payments"),
        _integration("razorpay", r"\bRazorpay\b", "payments"),
        _integration("brevo", r"\bBrevo\b", "email"),
        _integration("mailchimp", r"\bMailchimp\b", "email"),
        _integration("mailjet", r"\bMailjet\b", "email"),
        _integration("cohere", r"\bCohere\b", "llm"),
        _integration("groq", r"\bGroq\b", "llm"),
        _integration("huggingface", r"\bHugging ?Face\b", "ml"),
        _integration("transformers", r"\b(?:Hugging ?Face|HF) Transformers\b|`transformers`", "ml"),
        _integration("pytorch", r"\bPyTorch\b", "ml"),
        _integration("tensorflow", r"\bTensorFlow\b", "ml"),
        _integration("onnx", r"\bONNX(?: ?Runtime)?\b", "ml"),
        _integration("opencv", r"\bOpenCV\b", "vision"),
        _integration("tesseract", r"\bTesseract\b", "ocr"),
        _integration("easyocr", r"\bEasyOCR\b", "ocr"),
        _integration("tavily", r"\bTavily\b", "web-search"),
        _integration("weaviate", r"\bWeaviate\b", "vector"),
        _integration("chroma", r"\bChroma(?:DB)?\b", "vector"),
        _integration("milvus", r"\bMilvus\b", "vector"),
        _integration("meilisearch", r"\bMeilisearch\b", "search"),
        _integration("typesense", r"\bTypesense\b", "search"),
        # The app exports metrics to Prometheus; a Prometheus server among the ops tools is not the app's.
        _integration(
            "prometheus",
            r"\bPrometheus\W{0,3}(?:metrics?|exporter|endpoint|メトリクス|指标|指標|메트릭)|"
            r"\bprometheus[-_](?:client|fastapi[-_]instrumentator)\b",
            "metrics",
        ),
        # Models and providers
        _integration("deepseek", r"\bDeepSeek\b", "llm"),
        _integration("qwen", r"\bQwen\b|\bDashScope\b|通义千问", "llm"),
        _integration("zhipu", r"\bZhipu(?:AI)?\b|智谱", "llm"),
        _integration("siliconflow", r"\bSiliconFlow\b|硅基流动", "llm"),
        _integration("openrouter", r"\bOpenRouter\b", "llm-gateway"),
        _integration("litellm", r"\bLiteLLM\b", "llm-gateway"),
        _integration("voyage", r"\bVoyage ?AI\b", "embeddings"),
        _integration("jina", r"\bJina(?: ?AI)?\b", "embeddings"),
        _integration("whisper", r"\bWhisper\b", "speech"),
        _integration("elevenlabs", r"\bElevenLabs\b", "speech"),
        _integration("deepgram", r"\bDeepgram\b", "speech"),
        _integration("assemblyai", r"\bAssemblyAI\b", "speech"),
        _integration("crewai", r"\bCrewAI\b", "agents"),
        _integration("autogen", r"\bAutoGen\b", "agents"),
        _integration("dspy", r"\bDSPy\b", "agents"),
        _integration("pydantic-ai", r"\bPydantic ?AI\b|\bpydantic-ai\b", "agents"),
        _integration("semantic-kernel", r"\bSemantic Kernel\b", "agents"),
        _integration("faiss", r"\bFAISS\b|\bFaiss\b", "vector"),
        _integration("lancedb", r"\bLanceDB\b", "vector"),
        _integration("sentence-transformers", r"\b[Ss]entence[- ][Tt]ransformers\b", "embeddings"),
        _integration("spacy", r"\bspaCy\b", "nlp"),
        # Media, documents and the web
        _integration("ffmpeg", r"\bFFmpeg\b|\bffmpeg\b|\bFFMPEG\b", "media"),
        _integration("scrapy", r"\bScrapy\b", "scraping"),
        _integration("beautifulsoup", r"\bBeautiful ?Soup\b", "scraping"),
        # Markets and chains
        _integration("yfinance", r"\byfinance\b", "market-data"),
        _integration("ccxt", r"\bccxt\b|\bCCXT\b", "exchanges"),
        _integration("binance", r"\bBinance\b", "exchanges"),
        # Messaging
        _integration("discord", r"\bDiscord (?:API|SDK|webhooks?|bot)\b|\bdiscord\.py\b", "chat"),
        _integration("whatsapp", r"\bWhatsApp\b", "chat"),
        _integration("kakao", r"\bKakao(?:Talk)?\b|카카오", "chat"),
        _integration("wechat", r"\bWeChat\b|微信", "chat"),
        _integration("feishu", r"\bFeishu\b|飞书", "chat"),
        _integration("dingtalk", r"\bDingTalk\b|钉钉", "chat"),
        _integration("vonage", r"\bVonage\b", "sms"),
        # Payments
        _integration("alipay", r"\bAlipay\b|支付宝", "payments"),
        _integration("tosspayments", r"\bToss ?Payments\b|토스페이먼츠", "payments"),
        _integration("portone", r"\bPortOne\b|포트원|\biamport\b|아임포트", "payments"),
        _integration("yookassa", r"\bYooKassa\b|ЮKassa|ЮКасса", "payments"),
        _integration("xendit", r"\bXendit\b", "payments"),
        _integration("midtrans", r"\bMidtrans\b", "payments"),
        # Business services
        _integration("hubspot", r"\bHubSpot\b", "crm"),
        _integration("salesforce", r"\bSalesforce\b", "crm"),
        _integration("zendesk", r"\bZendesk\b", "support"),
        _integration("shopify", r"\bShopify\b", "commerce"),
        _integration("airtable", r"\bAirtable\b", "tables"),
        _integration("google-sheets", r"\bGoogle Sheets\b", "tables"),
        _integration("google-drive", r"\bGoogle Drive\b", "files"),
        _integration("dropbox", r"\bDropbox\b", "files"),
        _integration("google-calendar", r"\bGoogle Calendar\b", "calendar"),
        _integration("google-maps", r"\bGoogle Maps\b", "maps"),
        _integration("azure-blob", r"\bAzure Blob(?: Storage)?\b", "storage"),
        # Observability the app sends to (a dashboard among the ops tools is not the app's)
        _integration("new-relic", r"\bNew ?Relic\b", "monitoring"),
        _integration("logfire", r"\bLogfire\b", "monitoring"),
        _integration("posthog", r"\bPostHog\b", "analytics"),
        _integration("mixpanel", r"\bMixpanel\b", "analytics"),
        _integration("rollbar", r"\bRollbar\b", "errors"),
        _integration("pusher", r"\bPusher\b", "realtime"),
        _integration("onesignal", r"\bOneSignal\b", "push"),
    )
    for rule_ in made
]

_ASIDE = r"(?:\s*[(（][^()（）\n]{1,24}[)）])?"
"""A short note in brackets after a layer's name in a chain ("Router (HTTP) → Service (business)")."""
_SERVICE_TO_REPOSITORY = r"\bservices?\b" + _ASIDE + r"\W{0,4}(?:→|->|⇒|>|e|y|и|和|と|및)\W{0,4}repositor(?:y|ies)\b"
"""A chain from services to repositories ("Service → Repository", "services e repositórios"): both layers."""

SERVICE_LAYER = [
    rule(
        "service_layer",
        "service_layer",
        True,
        r"\bservices? layers?\b|\bservice[- ]layer\b|\bbusiness logic\b[^.;]{0,30}\bin (?:the )?services?\b|"
        r"\bfat services\b|\bthin (?:routers|routes|controllers|handlers)\b[^.;]{0,40}\bservices?\b|"
        r"\bservices?\b[^.;]{0,20}\bbusiness (?:logic|layer|rules|workflows)\b|"
        r"\bbusiness (?:logic|layer)\b[^.;]{0,20}\bservices?\b|"
        # within one clause: "No logic in handlers — routes call services" is two
        r"\b(?:routers|routes|handlers|endpoints|controllers)\b[^.;—–]{0,40}\b(?:calls?|delegates?)\b[^.;—–]{0,30}"
        r"\bservices?\b|"
        # "delegate to services/" or to use cases: a layer, not one service ("the auth service")
        r"\bdelegat\w*\b[^.;]{0,30}(?:\bservices\b|\buse[ _-]?cases?\b)|"
        r"\bbusiness logic\b[^.;]{0,40}\buse[ _-]?cases?\b|"
        # the same in other languages: a services layer, or work delegated to services
        r"サービス(?:層|レイヤ)|服务层|业务逻辑层|\bcapa de servicios?\b|"
        r"\bcamada de servi[çc]os?\b|\bсервисн\w* сло|\bслой сервисов\b|\bService-?Schicht\b|"
        r"\bcouche (?:de )?services?\b|\bservices?\b[^.;]{0,60}위임",
    ),
    # A test module (tests/test_matching_service.py) tests a service; it states no layer.
    rule("service_modules", "service_layer", True, r"(?<![\w-])(?!test_)\w*_?services?\.py\b|\{\w+\}_service\b"),
    rule("service_calls", "service_layer", True, r"\b\w*service\.\w+\(", where="code"),
    rule(
        "layer_chain",
        "service_layer",
        True,
        r"\b(?:routers?|routes?|endpoints?|views?|controllers?|handlers?)\b"
        + _ASIDE
        + r"\W{0,4}(?:→|->|⇒|>)\W{0,4}services?\b|"
        + _SERVICE_TO_REPOSITORY,
    ),
]

REPOSITORY = [
    rule(
        "repository_pattern",
        "repository_pattern",
        True,
        r"\brepository (?:pattern|layer|classes)\b|\brepositories\b|\bDAO\b|"
        r"\bdata access (?:layer|objects?|(?:lives |goes |belongs |sits )?in\s+`?[\w/]+/)|"
        r"\bcrud (?:layer|modules?)\b|"
        r"仓储(?:模式|层)|存储库模式|リポジトリ(?:パターン|層)|리포지(?:토|터)리\s?(?:패턴|계층)|"
        r"\bpadr[aã]o (?:de )?reposit[oó]rio|\bpatr[oó]n (?:de )?repositorio|\bпаттерн\w* репозитори",
    ),
    rule("repository_modules", "repository_pattern", True, r"(?<![\w-])\w*_?(?:repositor(?:y|ies)|repo|crud)\.py\b"),
    rule(
        "repository_chain",
        "repository_pattern",
        True,
        _SERVICE_TO_REPOSITORY,
    ),
]

TABLE: tuple[Rule, ...] = tuple(
    FRAMEWORK
    + ORM
    + ASYNC_DB
    + DATABASE
    + DB_DRIVER
    + MIGRATIONS
    + TASK_QUEUE
    + BROKER
    + CELERY_BEAT
    + TASK_MONITOR
    + CACHE
    + RATE_LIMITING
    + AUTH
    + RBAC
    + TYPE_CHECKER
    + LINT_FORMAT
    + TESTING
    + LOGGING
    + PYTHON
    + PACKAGE_MANAGER
    + API_PREFIX
    + PORT
    + VENV
    + DEPLOY
    + INTEGRATIONS
    + SERVICE_LAYER
    + REPOSITORY
)
