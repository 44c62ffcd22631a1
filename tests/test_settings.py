"""Settings come from the environment; production settings pass check --deploy."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789-abcdef",
        ALLOWED_HOSTS="archive.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_selects_the_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/whatever",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"
    assert (
        run_manage("shell", "--no-imports", "-c", code).stdout.strip()
        == "django.db.backends.sqlite3"
    )


def test_the_real_not_found_page_in_development_unless_debug_404_is_set():
    code = (
        "from django.conf import settings; "
        "print('archive.project.not_found.NotFoundPageMiddleware' in settings.MIDDLEWARE)"
    )
    assert run_manage("shell", "--no-imports", "-c", code).stdout.strip() == "True"
    shown = run_manage("shell", "--no-imports", "-c", code, DEBUG_404="1")
    assert shown.stdout.strip() == "False"
    production = run_manage(
        "shell", "--no-imports", "-c", code, DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="x"
    )
    assert production.stdout.strip() == "False"
