"""ensure_admin: an admin account exists after `make run`."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command


def test_ensure_admin_creates_one_account_with_the_given_password(db, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "correct horse battery")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("correct horse battery")
    assert "correct horse battery" not in out.getvalue()
    call_command("ensure_admin", stdout=StringIO())
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_ensure_admin_prints_a_generated_password_once(db, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("with password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
