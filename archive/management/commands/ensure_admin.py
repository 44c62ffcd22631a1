"""Make sure an admin account exists, and say how to log in."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin superuser if no superuser exists (password from ADMIN_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, username, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"Admin account: log in at /admin/ as “{existing.get_username()}” "
                "(its password was printed when it was created, or set from ADMIN_PASSWORD)."
            )
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        shown = "from ADMIN_PASSWORD" if os.environ.get("ADMIN_PASSWORD") else password
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the admin account. Log in at /admin/ as “{username}” "
                f"with password: {shown}"
            )
        )
        if not os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write("This password is shown once; `manage.py changepassword` resets it.")
