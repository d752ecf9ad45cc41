"""Passwords are stored with Argon2: the suite hashes with MD5 for speed (tests/conftest.py), so this is pinned here
against the settings as written."""

from __future__ import annotations

import importlib
from typing import Any

from django.test.utils import override_settings


def test_the_settings_hash_new_passwords_with_argon2() -> None:
    # settings_production takes its hashers from these (``from hamafza.settings import *``).
    hashers = importlib.import_module("hamafza.settings").PASSWORD_HASHERS
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_person_created_under_the_real_settings_gets_an_argon2_hash_and_an_old_hash_is_upgraded_at_login(
    make_user: Any, client: Any
) -> None:
    from hamafza import settings as real

    with override_settings(PASSWORD_HASHERS=real.PASSWORD_HASHERS):
        person = make_user("hash-check", password="s3cret-pass-1403")
        assert person.password.startswith("argon2$argon2id$")

    # A hash written under another hasher (here the suite's MD5) is rewritten with Argon2 at the next login.
    legacy = make_user("hash-legacy", password="s3cret-pass-1403")
    assert legacy.password.startswith("md5$")
    with override_settings(PASSWORD_HASHERS=[*real.PASSWORD_HASHERS, "django.contrib.auth.hashers.MD5PasswordHasher"]):
        assert client.login(username="hash-legacy", password="s3cret-pass-1403")
    legacy.refresh_from_db()
    assert legacy.password.startswith("argon2$argon2id$")
