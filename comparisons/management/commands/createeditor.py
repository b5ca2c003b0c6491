"""Create an editor: a staff account in the Editors group, never a superuser.

    python manage.py createeditor ana --email ana@example.com

asks for the password twice, as `createsuperuser` does. Without a terminal
(scripts, CI) pass --noinput and set DJANGO_EDITOR_PASSWORD.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP_NAME = "Editors"
PASSWORD_ENV = "DJANGO_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = "Create a staff account in the Editors group (asks for the password)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Do not prompt: the password comes from ${PASSWORD_ENV}.",
        )

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(f"The username “{username}” is already taken.")
        try:
            group = Group.objects.get(name=GROUP_NAME)
        except Group.DoesNotExist as error:
            raise CommandError(f"No “{GROUP_NAME}” group: run `manage.py migrate`.") from error

        user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
        password = self._ask_password(user) if interactive else self._env_password(user)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Editor “{username}” created."))

    def _env_password(self, user) -> str:
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            raise CommandError(f"Set {PASSWORD_ENV} when using --noinput.")
        try:
            validate_password(password, user)
        except exceptions.ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password

    def _ask_password(self, user) -> str:
        while True:
            password = getpass.getpass()
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("Error: Your passwords didn't match.")
                continue
            if not password.strip():
                self.stderr.write("Error: Blank passwords aren't allowed.")
                continue
            try:
                validate_password(password, user)
            except exceptions.ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return password
