"""Root fixtures: users per role, sample catalogue paths, and a real Celery worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR
from accounts.services import user_create_with_roles

ROOT = Path(__file__).resolve().parent
SAMPLE_DIR = ROOT / "sample_data" / "amazon2023"
PASSWORD = "test-pass-123"


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: str):
        return user_create_with_roles(username=username, password=PASSWORD, roles=list(roles))

    return make


@pytest.fixture
def role_users(make_user):
    """One user per role, plus one with no role at all."""
    return {
        ANNOTATOR: make_user("ann", ANNOTATOR),
        CURATOR: make_user("cur", CURATOR),
        MODEL_AUTHOR: make_user("auth", MODEL_AUTHOR),
        ADMIN: make_user("boss", ADMIN),
        "none": make_user("nobody"),
    }


@pytest.fixture
def sample_files():
    files = sorted(SAMPLE_DIR.glob("*.jsonl.gz"))
    assert files, f"the sample catalogue is missing from {SAMPLE_DIR}"
    return files


@pytest.fixture
def celery_workers(transactional_db):
    """Start real `celery worker` processes on Redis that use the test database.

    Workers are separate OS processes, so the test must use committed data
    (transactional_db) and send tasks for real (eager off) through the broker.
    ``celery_workers.start(**env)`` returns the process; all are stopped at the end.
    """
    if not settings.USING_REDIS or not settings.USING_POSTGRES:
        pytest.skip("a real worker needs PostgreSQL and Redis (CI always has them)")
    from django.db import connection

    from ecomscript_site.celery import app

    db = connection.settings_dict
    base_env = dict(os.environ)
    base_env.update(
        DATABASE_URL=(
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        DJANGO_SETTINGS_MODULE="ecomscript_site.settings.base",
        CELERY_TASK_ALWAYS_EAGER="false",
        ECOMSCRIPT_VAR_DIR=str(settings.VAR_DIR),
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    app.control.purge()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    started: list[subprocess.Popen] = []

    class Workers:
        def start(self, name: str = "test-worker", **env) -> subprocess.Popen:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "ecomscript_site",
                    "worker",
                    "--pool=solo",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    f"--hostname={name}@%h",
                ],
                cwd=ROOT,
                env={**base_env, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            started.append(worker)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                replies = app.control.ping(timeout=1.0)
                if any(f"{name}@" in host for reply in replies for host in reply):
                    return worker
                if worker.poll() is not None:
                    pytest.fail("celery worker exited:\n" + worker.stdout.read())
            pytest.fail("celery worker did not answer a ping within 60 s")

    try:
        yield Workers()
    finally:
        app.conf.task_always_eager = previous
        for worker in started:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()
        app.control.purge()


@pytest.fixture
def celery_worker_process(celery_workers):
    """One real worker, for tests that need just one."""
    return celery_workers.start()


CHROMIUM = Path("/usr/bin/chromium")
# No network from the browser: this machine has none, and Chromium's background fetches
# would only fail and slow it down.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser(monkeypatch):
    """Debian's headless Chromium driven by Playwright (never a downloaded browser). Skips
    where it is not installed, except in CI, which must run the browser tests."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser tests, but {CHROMIUM} is missing")
        pytest.skip(f"headless Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # plain synchronous code all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # Inside Playwright the test's ORM calls got connections of their own (Django keeps
            # connections per context); close them, or the test database cannot be dropped.
            connections.close_all()
