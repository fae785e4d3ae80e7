"""Production settings refuse local defaults and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="ecomscript_site.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


GOOD = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "studio.example.org",
}


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **GOOD)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_DEBUG": "true"}, "refuse to start with DJANGO_DEBUG on"),
        ({"DJANGO_SECRET_KEY": ""}, "need DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "need DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "need DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_settings_refuse_unsafe_configuration(overrides, message):
    env = {**GOOD, **overrides}
    env = {k: v for k, v in env.items() if v}
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_when_debug_is_left_at_its_local_default():
    env = {k: v for k, v in GOOD.items() if k != "DJANGO_DEBUG"}
    result = manage("check", **env)
    assert result.returncode != 0 and "DJANGO_DEBUG on" in result.stderr
