#!/usr/bin/python3
"""Writes the Django user exports that DjangoImportIT imports.

Real Django makes them: a throw-away SQLite database gets Django's own auth tables (migrate), the
users below are saved with passwords hashed by Django's own hashers (make_password), and Django's
own `dumpdata auth.user` writes them out, once as JSON (the default format) and once as JSON lines.
No Django project is needed: the settings are configured here.

    apt-get install python3-django python3-argon2 python3-bcrypt
    /usr/bin/python3 src/test/django/make_dump.py src/test/resources/django

The output is committed, so the build never needs Django. The passwords are test data, repeated in
DjangoImportIT; the salts are random, so every run writes different hashes.
"""

import datetime
import os
import sys
import tempfile

import django
from django.conf import settings

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
DB = os.path.join(tempfile.mkdtemp(prefix="portero-django-"), "users.sqlite3")

settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DB}},
    USE_TZ=True,
    TIME_ZONE="UTC",
    # Every hasher the export uses; MD5 stands for a format Portero does not verify.
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ],
)
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402  (needs the settings above)
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)


# username, password (None: unusable), hasher, email, active, staff, superuser, joined, last login
USERS = [
    ("dj_pbkdf2", "Django-pbkdf2-pass-1", "pbkdf2_sha256", "pbkdf2@example.test", True, False, False,
     "2019-03-04T05:06:07.123456", "2024-11-02T08:09:10.654321"),
    ("dj_argon2", "Django-argon2-pass-1", "argon2", "argon2@example.test", True, False, False,
     "2020-01-02T03:04:05", None),
    ("dj_bcrypt", "Django-bcrypt-pass-1", "bcrypt_sha256", "", True, False, False,
     "2021-06-07T08:09:10", "2023-01-01T00:00:00"),
    ("DjBoss", "Django-boss-pass-1", "pbkdf2_sha256", "boss@example.test", True, True, True,
     "2018-01-01T00:00:00", "2025-01-01T12:00:00"),
    ("dj_staff", "Django-staff-pass-1", "pbkdf2_sha256", "staff@example.test", True, True, False,
     "2018-02-01T00:00:00", None),
    ("dj_sleeper", "Django-sleeper-pass-1", "pbkdf2_sha256", "sleeper@example.test", False, False, False,
     "2017-05-05T05:05:05", "2018-05-05T05:05:05"),
    ("dj_nopass", None, None, "nopass@example.test", True, False, False,
     "2022-02-02T02:02:02", None),
    ("dj_md5", "Django-md5-pass-1", "md5", "md5@example.test", True, False, False,
     "2016-01-01T00:00:00", None),
    # Django's usernames are case-sensitive; Portero's are not: these two are the same name to it.
    ("dj_Twin", "Django-twin-pass-1", "pbkdf2_sha256", "twin1@example.test", True, False, False,
     "2020-02-02T00:00:00", None),
    ("dj_twin", "Django-twin-pass-2", "pbkdf2_sha256", "twin2@example.test", True, False, False,
     "2020-02-03T00:00:00", None),
    # Full-width letters: Portero stores the NFKC form, dj_wide.
    ("ｄｊ_ｗｉｄｅ", "Django-wide-pass-1", "pbkdf2_sha256", "wide@example.test", True, False, False,
     "2020-03-03T00:00:00", None),
]

for name, password, hasher, email, active, staff, superuser, joined, last_login in USERS:
    user = User(
        username=name,
        email=email,
        is_active=active,
        is_staff=staff,
        is_superuser=superuser,
        date_joined=at(joined),
        last_login=at(last_login) if last_login else None,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.password = make_password(password, hasher=hasher)
    user.save()

os.makedirs(OUT, exist_ok=True)
call_command("dumpdata", "auth.user", indent=2, output=os.path.join(OUT, "users.json"), verbosity=0)
call_command("dumpdata", "auth.user", format="jsonl", output=os.path.join(OUT, "users.jsonl"), verbosity=0)
print("wrote users.json and users.jsonl to", OUT, "with Django", django.get_version())
