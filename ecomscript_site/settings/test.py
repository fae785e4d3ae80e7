"""Settings for the test suite.

Uses PostgreSQL and Redis when they answer on their usual local ports (as in CI), and
falls back to SQLite and in-process Celery when they do not. DATABASE_URL and
CELERY_BROKER_URL, when set, win over the probe. With CI=true the fallback is refused:
CI must exercise the real services.
"""

import os
import socket

from django.core.exceptions import ImproperlyConfigured


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ecomscript"
# Database 15 keeps test traffic away from a developer's queues on database 0.
_REDIS_URL = "redis://127.0.0.1:6379/15"

if "DATABASE_URL" not in os.environ and _answers("127.0.0.1", 5432):
    os.environ["DATABASE_URL"] = _POSTGRES_URL
if "CELERY_BROKER_URL" not in os.environ and _answers("127.0.0.1", 6379):
    os.environ["TEST_CELERY_BROKER_URL"] = _REDIS_URL
os.environ.setdefault("ECOMSCRIPT_VAR_DIR", "/tmp/ecomscript-test-var")

from .base import *  # noqa: E402, F403
from .base import DATABASES  # noqa: E402

# Tests run jobs in-process unless a test starts a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get(
    "TEST_CELERY_BROKER_URL", "memory://"
)
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
USING_REDIS = CELERY_BROKER_URL.startswith("redis://")

if os.environ.get("CI", "").lower() == "true" and not (USING_POSTGRES and USING_REDIS):
    raise ImproperlyConfigured(
        "CI must run on PostgreSQL and Redis, but they did not answer on 127.0.0.1:5432 / :6379."
    )

# WhiteNoise expects a collected static folder; tests serve from the finders instead.
STATIC_ROOT = VAR_DIR / "staticfiles"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CATALOG_IMPORT_CHUNK_SIZE = 50
PIPELINE_EAGER_IN_THREAD = False
PIPELINE_CHUNK_SIZE = 3
